package io.dsn.runtime;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * Where a node takes its time, its randomness and its threads from: the one place a test or a
 * simulation replaces to run nodes in virtual time, deterministically for a seed.
 * {@link #system()} is the real one; {@link VirtualTimeRuntime} runs every node of a network on
 * one thread whose clock only moves when told to. A runtime also says which {@link #signatures()}
 * its nodes use.
 */
public interface NodeRuntime {

    /** The real clock, real threads and unseeded randomness. */
    static NodeRuntime system() {
        return SystemRuntime.INSTANCE;
    }

    /**
     * The real clock and unseeded randomness, with threads from {@code threads} (virtual threads,
     * for example); {@link #system()} itself for {@link NodeThreads#platform()}.
     */
    static NodeRuntime system(NodeThreads threads) {
        java.util.Objects.requireNonNull(threads, "threads");
        return threads == NodeThreads.platform() ? SystemRuntime.INSTANCE : new SystemRuntime(threads);
    }

    /**
     * The signatures of nodes built on this runtime: {@link NodeSignatures#ECDSA}, the protocol's,
     * unless this is a simulation's {@link VirtualTimeRuntime} made with the stand-in.
     */
    default NodeSignatures signatures() {
        return NodeSignatures.ECDSA;
    }

    /**
     * The bugs a simulation put into the nodes built on this runtime on purpose, to prove its
     * checks find them; none but in a {@link VirtualTimeRuntime} made with them.
     */
    default java.util.Set<SimulatedBug> simulatedBugs() {
        return java.util.Set.of();
    }

    /** Wall-clock time, for the timestamps of states and for when a peer was last heard from. */
    Clock clock();

    /** A monotonic time in nanoseconds, for measuring durations. */
    long nanoTime();

    /** Randomness for choices and jitter (which peer to gossip with, when the first tick comes). */
    Random random();

    /** Randomness for keys. */
    SecureRandom secureRandom();

    /** A new scheduler for the named task; the caller shuts it down. */
    ScheduledExecutorService newScheduler(String name);

    /** A new executor that runs one task at a time, in submission order; the caller shuts it down. */
    ExecutorService newSerialExecutor(String name);

    /**
     * Waits for a future to complete, at most {@code timeout} of this runtime's time. A virtual
     * runtime runs its tasks meanwhile, so a caller can wait for the network it simulates.
     */
    <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException;
}
