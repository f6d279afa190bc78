package io.dsn.benchmarks.network;

import io.dsn.Endpoint;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed loop of requests through one {@link Transport} to one endpoint: a fixed number of
 * lanes, each with one request outstanding, sending its next request from the callback of the
 * answer to the last one. No thread of its own: the loop runs on the transport's threads. Counts
 * exchanges answered 200 and failures, and times every exchange that ends while the window is
 * open. A failed lane pauses a little before it sends again, so a refusing or dead server costs
 * no busy loop.
 */
final class ExchangeLoad {

    private static final long PAUSE_AFTER_FAILURE_MILLIS = 10;

    private final Transport transport;
    private final Endpoint target;
    private final String path;
    private final byte[] body;
    private final Duration timeout;
    /** Sends on the JDK's delay thread: the default async pool would start a thread per task on 1-2 cores. */
    private final Executor afterPause = CompletableFuture.delayedExecutor(PAUSE_AFTER_FAILURE_MILLIS,
            TimeUnit.MILLISECONDS, Runnable::run);
    private final FanoutScenario.Window window = new FanoutScenario.Window();
    private final Histogram times = new Histogram();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger lanes = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private volatile boolean running;

    ExchangeLoad(Transport transport, Endpoint target, String path, byte[] body, Duration timeout) {
        this.transport = transport;
        this.target = target;
        this.path = path;
        this.body = body;
        this.timeout = timeout;
    }

    /** Starts {@code count} lanes. */
    void start(int count) {
        running = true;
        for (int i = 0; i < count; i++) {
            lanes.incrementAndGet();
            send();
        }
    }

    private void send() {
        if (!running) {
            lanes.decrementAndGet();
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<TransportResponse> answer;
        try {
            answer = transport.send(target, path, body, timeout);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> {
            long end = System.nanoTime();
            if (error == null && response.status() == 200) {
                answered.incrementAndGet();
                if (window.contains(end)) {
                    times.record(end - start);
                }
                send();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error != null ? error.toString() : "status " + response.status());
                afterPause.execute(this::send);
            }
        });
    }

    /** Opens the window: exchanges that end from now on are timed. */
    long openWindow() {
        return window.open();
    }

    long closeWindow() {
        return window.close();
    }

    /** Exchanges answered 200 so far. */
    long answered() {
        return answered.get();
    }

    /** Exchanges that failed or got another status, so far. */
    long failed() {
        return failed.get();
    }

    /** The first failure, or empty. */
    String firstFailure() {
        String failure = firstFailure.get();
        return failure == null ? "" : failure;
    }

    /** Times of the exchanges that ended in the window. */
    Histogram times() {
        return times;
    }

    /**
     * Stops every lane after its outstanding request and waits for them, at most {@code limit}.
     *
     * @return whether every lane stopped in time
     */
    boolean stop(Duration limit) {
        running = false;
        long deadline = System.nanoTime() + limit.toNanos();
        while (lanes.get() > 0 && System.nanoTime() < deadline) {
            ProcessStats.sleepQuietly(5);
        }
        return lanes.get() == 0;
    }
}
