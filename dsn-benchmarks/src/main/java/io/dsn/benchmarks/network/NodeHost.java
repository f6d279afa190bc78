package io.dsn.benchmarks.network;

import io.dsn.DSNodeServer;
import io.dsn.Endpoint;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A child JVM that runs a share of a scenario's nodes, so that a large network does not exhaust
 * one process's open-file limit (in one JVM, every connection between two nodes costs two
 * descriptors). Started by {@link HostProcess}; talks over its standard input and output, one
 * line per message:
 *
 * <pre>
 * parent -> child: start | stats | heap | stop
 * child -> parent: ready | started | complete COUNT | drop NODE PEER
 *                  | stats key=value ... | heap BYTES | stopped
 * </pre>
 *
 * Arguments: {@code --key HEX --bootstrap HOST:PORT --ids a,b,c --total N --parallel P} and the
 * cluster timing options.
 */
public final class NodeHost {

    private NodeHost() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Options options = Options.parse(args);
        String key = options.string("key").orElseThrow();
        String[] bootstrap = options.string("bootstrap").orElseThrow().split(":");
        List<String> ids = Arrays.asList(options.string("ids").orElseThrow().split(","));
        int total = options.intValue("total", 0, 2, 100_000);
        int parallel = options.intValue("parallel", 1, 1, 100_000);
        Options clusterOptions = Options.parse(clusterArgs(args));

        MeshTracker tracker = new MeshTracker(total,
                count -> out.println("complete " + count),
                (node, peer) -> out.println("drop " + node + " " + peer));
        long heapBefore = ProcessStats.heapAfterGc();
        try (Cluster cluster = new Cluster(clusterOptions, key)) {
            List<Endpoint> through = List.of(new Endpoint(bootstrap[0], Integer.parseInt(bootstrap[1])));
            List<DSNodeServer> nodes = new ArrayList<>();
            for (String id : ids) {
                nodes.add(cluster.create(id, through, tracker.listenerFor(id)));
            }
            out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = in.readLine()) != null && !command.equals("stop")) {
                switch (command) {
                    case "start" -> {
                        Thread starter = new Thread(() -> {
                            try {
                                Cluster.startAll(nodes, parallel, Duration.ofMinutes(10));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            out.println("started");
                        }, "bench-host-starter");
                        starter.setDaemon(true);
                        starter.start();
                    }
                    case "stats" -> out.println(stats(cluster, total));
                    case "heap" -> out.println("heap " + (ProcessStats.heapAfterGc() - heapBefore));
                    default -> System.err.println("node host: unknown command " + command);
                }
            }
        }
        out.println("stopped");
    }

    private static String stats(Cluster cluster, int total) {
        StringBuilder line = new StringBuilder("stats");
        cluster.stats(total).forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }

    /** The arguments meant for the cluster (timings), without the host's own. */
    private static String[] clusterArgs(String[] args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].substring(2);
            if (Cluster.OPTIONS.contains(name)) {
                kept.add(args[i]);
                kept.add(args[i + 1]);
            }
        }
        return kept.toArray(String[]::new);
    }
}
