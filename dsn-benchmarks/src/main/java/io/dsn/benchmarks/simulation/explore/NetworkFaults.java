package io.dsn.benchmarks.simulation.explore;

import io.dsn.Endpoint;
import io.dsn.transport.InMemoryNetwork;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network faults in force, any number at once, each until it ends: partitions, one-way cuts,
 * blackholes, loss and delays, and the hosts whose process is paused (which the network sees as
 * blackholed). The {@link InMemoryNetwork} holds one set of faults, so each change sets it afresh.
 */
final class NetworkFaults {

    /** The delay every request and answer takes outside a delay fault. */
    static final Duration BASE_DELAY_MIN = Duration.ofMillis(1);
    static final Duration BASE_DELAY_MAX = Duration.ofMillis(5);

    private final InMemoryNetwork network;
    private final List<Endpoint> endpoints;
    private final Map<Integer, Action> active = new LinkedHashMap<>();
    private final Set<Integer> paused = new LinkedHashSet<>();
    private int nextId;

    NetworkFaults(InMemoryNetwork network, List<Endpoint> endpoints) {
        this.network = network;
        this.endpoints = endpoints;
        apply();
    }

    /** Puts a partition, cut, blackhole, loss or delay in force; the id ends it. */
    int start(Action fault) {
        int id = nextId++;
        active.put(id, fault);
        apply();
        return id;
    }

    void end(int id) {
        active.remove(id);
        apply();
    }

    void paused(int node, boolean isPaused) {
        if (isPaused ? paused.add(node) : paused.remove(node)) {
            apply();
        }
    }

    /** Ends every fault (pauses are the hosts' to end). */
    void endAll() {
        active.clear();
        apply();
    }

    boolean any() {
        return !active.isEmpty();
    }

    /** Whether a fault stands between the two nodes now: any loss or delay, or one that cuts them apart. */
    boolean separates(int a, int b) {
        if (paused.contains(a) || paused.contains(b)) {
            return true;
        }
        for (Action fault : active.values()) {
            if (fault instanceof Action.Loss || fault instanceof Action.Delay) {
                return true;
            }
            if (fault instanceof Action.Partition partition
                    && partition.side().contains(a) != partition.side().contains(b)) {
                return true;
            }
            if (fault instanceof Action.Cut cut
                    && ((cut.from() == a && cut.to() == b) || (cut.from() == b && cut.to() == a))) {
                return true;
            }
            if (fault instanceof Action.Blackhole blackhole && (blackhole.node() == a || blackhole.node() == b)) {
                return true;
            }
        }
        return false;
    }

    /** Whether nobody reaches the node: it is blackholed (or paused). */
    boolean isolated(int node) {
        if (paused.contains(node)) {
            return true;
        }
        return active.values().stream().anyMatch(f -> f instanceof Action.Blackhole b && b.node() == node);
    }

    private void apply() {
        network.heal();
        double loss = 0;
        Duration delayMax = BASE_DELAY_MAX;
        for (Action fault : active.values()) {
            if (fault instanceof Action.Partition partition) {
                Set<Endpoint> side = new LinkedHashSet<>();
                Set<Endpoint> rest = new LinkedHashSet<>();
                for (int i = 0; i < endpoints.size(); i++) {
                    (partition.side().contains(i) ? side : rest).add(endpoints.get(i));
                }
                network.partition(side, rest);
            } else if (fault instanceof Action.Cut cut) {
                network.cut(endpoints.get(cut.from()), endpoints.get(cut.to()));
            } else if (fault instanceof Action.Blackhole blackhole) {
                network.blackhole(endpoints.get(blackhole.node()));
            } else if (fault instanceof Action.Loss burst) {
                loss = Math.max(loss, burst.probability());
            } else if (fault instanceof Action.Delay delay) {
                delayMax = delay.max().compareTo(delayMax) > 0 ? delay.max() : delayMax;
            } else {
                throw new IllegalArgumentException("not a network fault: " + fault);
            }
        }
        paused.forEach(node -> network.blackhole(endpoints.get(node)));
        network.setLoss(loss);
        Duration delayMin = delayMax.equals(BASE_DELAY_MAX) ? BASE_DELAY_MIN : delayMax.dividedBy(4);
        network.setDelay(delayMin, delayMax);
    }
}
