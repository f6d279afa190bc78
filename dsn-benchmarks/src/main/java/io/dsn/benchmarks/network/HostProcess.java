package io.dsn.benchmarks.network;

import io.dsn.Endpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on a {@link NodeHost} child JVM: starts it with this JVM's class path and
 * its {@code -D}/{@code -X} options, sends it commands and reads its answers and events.
 */
public final class HostProcess implements AutoCloseable {

    private static final Duration REPLY_LIMIT = Duration.ofSeconds(120);

    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final List<String> drops = new CopyOnWriteArrayList<>();
    private volatile int complete;
    private volatile boolean started;

    private HostProcess(Process process) {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "bench-host-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a child JVM with prepared (not yet started) nodes; returns once their keys exist.
     *
     * @param clusterArgs the cluster's timing options, {@code --name value}
     */
    public static HostProcess spawn(String networkKey, Endpoint bootstrap, List<String> ids, int total, int parallel,
                                    List<String> clusterArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-D") || arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-Xss")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NodeHost.class.getName());
        command.addAll(List.of("--key", networkKey, "--bootstrap", bootstrap.address() + ":" + bootstrap.port(),
                "--ids", String.join(",", ids), "--total", Integer.toString(total), "--parallel", Integer.toString(parallel)));
        command.addAll(clusterArgs);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        HostProcess host = new HostProcess(process);
        host.awaitReply("ready");
        return host;
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("complete ")) {
                    complete = Integer.parseInt(line.substring("complete ".length()).trim());
                } else if (line.startsWith("drop ")) {
                    drops.add(line.substring("drop ".length()));
                } else if (line.equals("started")) {
                    started = true;
                } else {
                    replies.add(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            replies.add("error " + e);
        }
        replies.add("exited");
    }

    private String awaitReply(String prefix) {
        long deadline = System.nanoTime() + REPLY_LIMIT.toNanos();
        try {
            while (true) {
                String reply = replies.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (reply == null) {
                    throw new IllegalStateException("node host " + process.pid() + " did not answer '" + prefix + "' in time");
                }
                if (reply.startsWith(prefix)) {
                    return reply;
                }
                if (reply.equals("exited") || reply.startsWith("error ")) {
                    throw new IllegalStateException("node host " + process.pid() + " ended: " + reply);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a node host", e);
        }
    }

    /** Starts the host's nodes, all at once or a few at a time; does not wait. */
    public void start() {
        commands.println("start");
    }

    /** Whether every start() of the host's nodes returned. */
    public boolean started() {
        return started;
    }

    /** How many of the host's nodes list every node. */
    public int complete() {
        return complete;
    }

    /** "node dropped peer" for every drop so far. */
    public List<String> drops() {
        return List.copyOf(drops);
    }

    /** CPU time (cpu), threads, fds, maxFds, missing links, messages sent (sent, notOk, and by type). */
    public Map<String, Long> stats() {
        commands.println("stats");
        Map<String, Long> stats = new HashMap<>();
        for (String pair : awaitReply("stats ").substring("stats ".length()).split(" ")) {
            String[] kv = pair.split("=", 2);
            stats.put(kv[0], Long.parseLong(kv[1]));
        }
        return stats;
    }

    /** Heap the host's nodes take (after GC, less what the host used before it made them). */
    public long heap() {
        commands.println("heap");
        return Long.parseLong(awaitReply("heap ").substring("heap ".length()).trim());
    }

    @Override
    public void close() {
        try {
            commands.println("stop");
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
