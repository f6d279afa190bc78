package io.dsn.benchmarks.simulation.explore;

import io.dsn.ProtocolMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What one seed runs: its network (how many nodes, how many start at once, which protocol) and
 * the actions of its fault phase, drawn from the seed alone before anything runs, so that a seed
 * names one run. Faults overlap freely; what ends them and restarts nodes is added while it runs.
 *
 * @param nodes every node the run has, those that join later included
 * @param initialNodes the nodes that start together at the beginning
 * @param faultPhase how long actions are drawn for; then every fault ends and the network settles
 */
record Schedule(long seed, int nodes, int initialNodes, ProtocolMode protocol, Duration faultPhase,
                List<Timed> actions) {

    /** An action and when it happens. */
    record Timed(Duration at, Action action) {
    }

    static final int MIN_NODES = 3;
    private static final int KEYS = 5;
    /**
     * The largest clock error after a restart in the secure protocol: two nodes off either way
     * stay within its 30 s clock-skew window, delays included (farther apart, they refuse each
     * other by design, PROTOCOL.md section 8).
     */
    private static final Duration SECURE_CLOCK_STEP = Duration.ofSeconds(12);
    /** In the compatible protocol: within the 10 minutes ahead that a receiver still takes, either way. */
    private static final Duration COMPATIBLE_CLOCK_STEP = Duration.ofMinutes(4);

    static Schedule draw(long seed, int maxNodes) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL);
        int nodes = MIN_NODES + random.nextInt(maxNodes - MIN_NODES + 1);
        int initialNodes = MIN_NODES + random.nextInt(nodes - MIN_NODES + 1);
        ProtocolMode protocol = random.nextBoolean() ? ProtocolMode.SECURE : ProtocolMode.COMPATIBLE;
        Duration faultPhase = Duration.ofSeconds(60 + random.nextInt(181));
        List<Timed> actions = new ArrayList<>();
        for (int joiner = initialNodes; joiner < nodes; joiner++) {
            actions.add(new Timed(millis(random, 1_000, faultPhase.toMillis()), new Action.Join(joiner)));
        }
        Draw draw = new Draw(random, nodes, protocol);
        long at = 1_000;
        while (true) {
            at += 200 + (long) (-Math.log(1 - random.nextDouble()) * 2_500);
            if (at >= faultPhase.toMillis()) {
                break;
            }
            actions.add(new Timed(Duration.ofMillis(at), draw.next()));
        }
        actions.sort(Comparator.comparing(Timed::at));
        return new Schedule(seed, nodes, initialNodes, protocol, faultPhase, List.copyOf(actions));
    }

    /** The actions' kinds and how often each is drawn. */
    private static final class Draw {
        private final Random random;
        private final int nodes;
        private final ProtocolMode protocol;
        private int values;

        Draw(Random random, int nodes, ProtocolMode protocol) {
            this.random = random;
            this.nodes = nodes;
            this.protocol = protocol;
        }

        Action next() {
            int roll = random.nextInt(100);
            if (roll < 35) {
                return write();
            }
            if (roll < 40) {
                return new Action.Replay(1 + random.nextInt(5));
            }
            if (roll < 46) {
                return new Action.Remove(node(), key());
            }
            if (roll < 52) {
                return new Action.Partition(side(), seconds(3, 60));
            }
            if (roll < 57) {
                int from = node();
                return new Action.Cut(from, other(from), seconds(3, 60));
            }
            if (roll < 62) {
                return new Action.Loss(0.05 + random.nextDouble() * 0.55, seconds(1, 20));
            }
            if (roll < 66) {
                return new Action.Delay(Duration.ofMillis(50 + random.nextInt(1_951)), seconds(5, 40));
            }
            if (roll < 71) {
                return new Action.Blackhole(node(), seconds(3, 90));
            }
            if (roll < 78) {
                return new Action.Crash(node(), seconds(1, 90), clockStep());
            }
            if (roll < 83) {
                return new Action.Pause(node(), seconds(1, 90));
            }
            if (roll < 89) {
                return new Action.Stop(node(), seconds(1, 60), clockStep());
            }
            if (roll < 91 && protocol == ProtocolMode.SECURE) {
                return new Action.RotateKey(seconds(3, 15));
            }
            return write();
        }

        private Action write() {
            Map<String, String> entries = new LinkedHashMap<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                entries.put(key(), "v" + values++);
            }
            return new Action.Write(node(), entries);
        }

        private String key() {
            return "k" + random.nextInt(KEYS);
        }

        private int node() {
            return random.nextInt(nodes);
        }

        private int other(int node) {
            return (node + 1 + random.nextInt(nodes - 1)) % nodes;
        }

        /** One to half of the nodes on one side. */
        private Set<Integer> side() {
            Set<Integer> side = new LinkedHashSet<>();
            int size = 1 + random.nextInt(Math.max(1, nodes / 2));
            while (side.size() < size) {
                side.add(node());
            }
            return side;
        }

        private Duration clockStep() {
            if (random.nextInt(3) == 0) {
                return Duration.ZERO;
            }
            Duration limit = protocol == ProtocolMode.SECURE ? SECURE_CLOCK_STEP : COMPATIBLE_CLOCK_STEP;
            return Duration.ofMillis((long) ((random.nextDouble() * 2 - 1) * limit.toMillis()));
        }

        private Duration seconds(int min, int max) {
            return millis(random, min * 1_000L, max * 1_000L);
        }
    }

    private static Duration millis(Random random, long min, long max) {
        return Duration.ofMillis(min + (long) (random.nextDouble() * (max - min)));
    }
}
