package io.dsn.benchmarks.simulation.explore;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One thing a schedule does to the network at a moment of virtual time. Faults with a
 * {@code duration} end by themselves; a crashed or stopped node restarts after {@code downFor}.
 * Nodes are named by their index; an action whose node is not in a state to take it (a write
 * to a node that is down, a pause of a crashed one) is skipped, and the trace says so.
 */
sealed interface Action {

    /** What the trace says of it. */
    String describe();

    /** An action taken by one node's process (a write, a join, a crash...), which must be in a state to take it. */
    sealed interface OnNode extends Action {
        int node();
    }

    /** A fault (every action but writes, removals and joins), counted in {@code faultsInjected}. */
    default boolean isFault() {
        return true;
    }

    /** The node writes one or several keys at once. */
    record Write(int node, Map<String, String> entries) implements OnNode {
        @Override
        public String describe() {
            return Explorer.nodeId(node) + " writes " + entries;
        }

        @Override
        public boolean isFault() {
            return false;
        }
    }

    /** The node removes a key (which it may not hold). */
    record Remove(int node, String key) implements OnNode {
        @Override
        public String describe() {
            return Explorer.nodeId(node) + " removes " + key;
        }

        @Override
        public boolean isFault() {
            return false;
        }
    }

    /** A new node starts and joins. */
    record Join(int node) implements OnNode {
        @Override
        public String describe() {
            return Explorer.nodeId(node) + " joins";
        }

        @Override
        public boolean isFault() {
            return false;
        }
    }

    /** The nodes of {@code side} and all others cannot reach each other, both ways. */
    record Partition(Set<Integer> side, Duration duration) implements Action {
        @Override
        public String describe() {
            return "partition " + names(side) + " | the rest, for " + seconds(duration);
        }
    }

    /** What {@code from} sends to {@code to} vanishes; the other way works. */
    record Cut(int from, int to, Duration duration) implements Action {
        @Override
        public String describe() {
            return "one-way cut " + Explorer.nodeId(from) + " -> " + Explorer.nodeId(to) + ", for " + seconds(duration);
        }
    }

    /** Every request and answer is lost with this probability. */
    record Loss(double probability, Duration duration) implements Action {
        @Override
        public String describe() {
            return String.format(Locale.ROOT, "loss burst %.0f %%, for %s", probability * 100, seconds(duration));
        }
    }

    /** Every request and answer takes up to {@code max} (a quarter of it at least). */
    record Delay(Duration max, Duration duration) implements Action {
        @Override
        public String describe() {
            return "delays up to " + max.toMillis() + " ms, for " + seconds(duration);
        }
    }

    /** Nothing reaches the node and nothing it sends arrives; its process runs on. */
    record Blackhole(int node, Duration duration) implements Action {
        @Override
        public String describe() {
            return "blackhole " + Explorer.nodeId(node) + ", for " + seconds(duration);
        }
    }

    /** The node's process dies (no LEAVE); it restarts from its files with its clock stepped. */
    record Crash(int node, Duration downFor, Duration clockStep) implements OnNode {
        @Override
        public String describe() {
            return "crash " + Explorer.nodeId(node) + ", restart after " + seconds(downFor) + " with its clock "
                    + signedSeconds(clockStep);
        }
    }

    /** The node's process stops running (SIGSTOP, a long GC) and resumes. */
    record Pause(int node, Duration duration) implements OnNode {
        @Override
        public String describe() {
            return "pause " + Explorer.nodeId(node) + ", for " + seconds(duration);
        }
    }

    /** The node stops cleanly (LEAVE) and restarts with its clock stepped. */
    record Stop(int node, Duration downFor, Duration clockStep) implements OnNode {
        @Override
        public String describe() {
            return "stop " + Explorer.nodeId(node) + ", restart after " + seconds(downFor) + " with its clock "
                    + signedSeconds(clockStep);
        }
    }

    /** An attacker replays {@code count} UPDATE requests it captured on the wire, to nodes of its choice. */
    record Replay(int count) implements Action {
        @Override
        public String describe() {
            return "an attacker replays " + count + " captured UPDATE" + (count == 1 ? "" : "s");
        }
    }

    /** Secure protocol: a new network key installed on every node, made primary, the old one removed. */
    record RotateKey(Duration stepGap) implements Action {
        @Override
        public String describe() {
            return "key rotation, " + seconds(stepGap) + " between its steps";
        }
    }

    private static String names(Set<Integer> nodes) {
        Set<String> names = new TreeSet<>();
        nodes.forEach(n -> names.add(Explorer.nodeId(n)));
        return String.join(",", names);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String signedSeconds(Duration duration) {
        return String.format(Locale.ROOT, "%+.1f s", duration.toMillis() / 1000.0);
    }
}
