package io.dsn.benchmarks.simulation;

import io.dsn.DSNListener;
import io.dsn.PeerJoined;
import io.dsn.PeerLeft;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who lists whom, from each node's own {@link PeerJoined} and {@link PeerLeft} events, kept so that
 * the questions the simulation asks before every task of the timeline cost nothing: how many
 * (node, peer) links among the live nodes are missing, and how many live nodes still list a node.
 * A node is live until it is faulted (blackholed or crashed). Every drop is classified: by a
 * faulted node (ignored), of a faulted node (a detection), across a partition (expected), or a
 * <b>false drop</b> (a live node dropped a live node it could reach), counted by phase.
 */
final class Membership {

    private final int size;
    private final Map<String, Integer> index;
    private final BitSet[] lists;
    private final boolean[] live;
    private final int[] listedBy;
    private int[] side;
    private boolean partitioned;
    private long missingLinks;
    private long missingCrossLinks;
    private String phase = "join";
    private final Map<String, Integer> dropsByPhase = new LinkedHashMap<>();
    private final Map<String, Integer> falseDropsByPhase = new LinkedHashMap<>();
    private int falseDrops;
    private int partitionDrops;

    Membership(List<String> nodeIds) {
        this.size = nodeIds.size();
        this.index = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            index.put(nodeIds.get(i), i);
        }
        this.lists = new BitSet[size];
        for (int i = 0; i < size; i++) {
            lists[i] = new BitSet(size);
        }
        this.live = new boolean[size];
        Arrays.fill(live, true);
        this.listedBy = new int[size];
        this.side = new int[size];
        recount();
    }

    /** The listener for node {@code observer}; its events arrive on the timeline, in order. */
    DSNListener listenerFor(int observer) {
        return event -> {
            if (event instanceof PeerJoined joined) {
                joined(observer, index.get(joined.nodeId()));
            } else if (event instanceof PeerLeft left) {
                left(observer, index.get(left.nodeId()));
            }
        };
    }

    /** Drops from now on are counted under this phase. */
    void phase(String name) {
        phase = name;
        dropsByPhase.putIfAbsent(name, 0);
        falseDropsByPhase.putIfAbsent(name, 0);
    }

    /** The node is blackholed or crashed: it no longer counts as an observer, and dropping it is a detection. */
    void fault(int node) {
        live[node] = false;
        recount();
    }

    /** Nodes on different sides cannot reach each other: dropping across is expected until {@link #healed()}. */
    void partitioned(int[] sides) {
        side = sides.clone();
        partitioned = true;
        recount();
    }

    /** Drops across the sides are false again; the sides stay, for {@link #missingCrossLinks()}. */
    void healed() {
        partitioned = false;
    }

    /** Links (live node, live peer) that the live nodes miss; 0 when every live node lists every other. */
    long missingLinks() {
        return missingLinks;
    }

    /** Links between live nodes on different sides of the last partition that are missing. */
    long missingCrossLinks() {
        return missingCrossLinks;
    }

    /** How many live nodes (other than itself) list the node. */
    int listedBy(int node) {
        return listedBy[node];
    }

    /** How many live nodes list every other live node. */
    int completeNodes() {
        int liveCount = liveCount();
        int complete = 0;
        for (int o = 0; o < size; o++) {
            if (live[o] && knownLive(o) == liveCount - 1) {
                complete++;
            }
        }
        return complete;
    }

    int falseDrops() {
        return falseDrops;
    }

    int partitionDrops() {
        return partitionDrops;
    }

    /** Drops by live nodes, any cause, in the named phase. */
    int drops(String name) {
        return dropsByPhase.getOrDefault(name, 0);
    }

    int falseDrops(String name) {
        return falseDropsByPhase.getOrDefault(name, 0);
    }

    private void joined(int observer, Integer peer) {
        if (peer == null || peer == observer || lists[observer].get(peer)) {
            return;
        }
        lists[observer].set(peer);
        if (live[observer]) {
            listedBy[peer]++;
            if (live[peer]) {
                missingLinks--;
                missingCrossLinks -= side[observer] != side[peer] ? 1 : 0;
            }
        }
    }

    private void left(int observer, Integer peer) {
        if (peer == null || !lists[observer].get(peer)) {
            return;
        }
        lists[observer].clear(peer);
        if (!live[observer]) {
            return;
        }
        listedBy[peer]--;
        dropsByPhase.merge(phase, 1, Integer::sum);
        if (!live[peer]) {
            return;
        }
        missingLinks++;
        missingCrossLinks += side[observer] != side[peer] ? 1 : 0;
        if (partitioned && side[observer] != side[peer]) {
            partitionDrops++;
        } else {
            falseDrops++;
            falseDropsByPhase.merge(phase, 1, Integer::sum);
        }
    }

    private int knownLive(int observer) {
        int known = 0;
        for (int p = lists[observer].nextSetBit(0); p >= 0; p = lists[observer].nextSetBit(p + 1)) {
            known += live[p] ? 1 : 0;
        }
        return known;
    }

    private int liveCount() {
        int count = 0;
        for (boolean alive : live) {
            count += alive ? 1 : 0;
        }
        return count;
    }

    /** Counts the links and listings of the live nodes afresh, after a fault or a new partition. */
    private void recount() {
        Arrays.fill(listedBy, 0);
        long missing = 0;
        long missingCross = 0;
        int liveCount = liveCount();
        for (int o = 0; o < size; o++) {
            if (!live[o]) {
                continue;
            }
            for (int p = lists[o].nextSetBit(0); p >= 0; p = lists[o].nextSetBit(p + 1)) {
                listedBy[p]++;
            }
            missing += liveCount - 1 - knownLive(o);
            for (int p = 0; p < size; p++) {
                missingCross += live[p] && side[p] != side[o] && !lists[o].get(p) ? 1 : 0;
            }
        }
        missingLinks = missing;
        missingCrossLinks = missingCross;
    }
}
