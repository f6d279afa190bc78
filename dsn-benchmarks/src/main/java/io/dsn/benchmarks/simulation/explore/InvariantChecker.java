package io.dsn.benchmarks.simulation.explore;

import io.dsn.PeerInfo;
import io.dsn.internal.crypto.NodeFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the {@link Invariant}s of one run from what its nodes show through their public API
 * (peer tables, states and their timestamps) and from the states each node signed, as recorded
 * when the schedule wrote them. {@link #check()} runs after every action and every virtual second;
 * {@link #checkConvergence()} once the network had time to settle. Each broken invariant is
 * reported once per subject (node or pair), at the first time it was seen.
 */
final class InvariantChecker {

    /** How long a node nobody can reach may still be listed by a running node. */
    static final Duration DETECTION_BOUND = Duration.ofSeconds(60);
    /** How long a running node may miss a node that every running node can reach. */
    static final Duration LISTING_BOUND = Duration.ofSeconds(60);
    /** Files a node may keep beside its peers' pins: key pair, lock, network key, address book, timestamp, temp. */
    private static final int OWN_FILES = 12;
    private static final int PENDING_TASKS_PER_PAIR = 8;
    private static final int PENDING_TASKS_MARGIN = 200;

    private final long seed;
    private final World world;
    private final Path credentials;
    private final int size;
    private final Map<String, Integer> index = new HashMap<>();
    /** Per node: every state it signed, by its timestamp. */
    private final List<TreeMap<Instant, Map<String, String>>> signed;
    private final Instant[] newestSigned;
    /** Per (observer, peer): the newest timestamp the observer held of the peer (its no-rollback floor). */
    private final Instant[][] floor;
    /** Per node: the last time some running node could not reach it (or it did not run). */
    private final long[] separatedUntil;
    private final long[] unreachableSince;
    /** Per node: since when its timers run (its latest start or resume), -1 while they do not. */
    private final long[] runningSince;
    private final Map<String, Violation> violations = new LinkedHashMap<>();
    private long checked;
    private int maxPendingTasks;

    InvariantChecker(long seed, World world, Path credentials) {
        this.seed = seed;
        this.world = world;
        this.credentials = credentials;
        this.size = world.hosts.size();
        this.signed = Stream.generate(() -> new TreeMap<Instant, Map<String, String>>()).limit(size).toList();
        this.newestSigned = new Instant[size];
        this.floor = new Instant[size][size];
        this.separatedUntil = new long[size];
        this.unreachableSince = new long[size];
        Arrays.fill(unreachableSince, -1);
        this.runningSince = new long[size];
        Arrays.fill(runningSince, -1);
        for (SimHost host : world.hosts) {
            index.put(host.id, host.index);
        }
    }

    /** The node started: what it signed at start is recorded. */
    void started(SimHost host) {
        signedNow(host);
    }

    /** Records the state the node signed last (after a write of the schedule). */
    void signedNow(SimHost host) {
        PeerInfo own = world.ownState(host);
        int p = host.index;
        Instant at = own.lastUpdate();
        Instant newest = newestSigned[p];
        checked++;
        if (newest != null && !at.isAfter(newest)) {
            if (at.equals(newest) && own.state().equals(signed.get(p).get(at))) {
                return;
            }
            violation(Invariant.NO_LOST_WRITE, host.id, host.id + " signed " + own.state() + " at " + at
                    + ", not later than its state " + signed.get(p).get(newest) + " at " + newest
                    + ": a peer holding that one takes this write as older");
        }
        signed.get(p).put(at, Map.copyOf(own.state()));
        newestSigned[p] = newest == null || at.isAfter(newest) ? at : newest;
    }

    /** The node's process died: what it held in memory is gone (its address book on disk is not). */
    void crashed(SimHost host) {
        Arrays.fill(floor[host.index], null);
    }

    /** Checks every invariant but convergence against what every running node holds now. */
    void check() {
        long now = now();
        int pending = world.timeline.pendingTasks();
        maxPendingTasks = Math.max(maxPendingTasks, pending);
        checked++;
        if (pending > pendingTasksBound()) {
            violation(Invariant.BOUNDED, "timeline", pending + " tasks wait on the timeline, over the bound of "
                    + pendingTasksBound() + " for " + size + " nodes: a timer or a queue grows without end");
        }
        boolean[][] lists = new boolean[size][size];
        for (SimHost observer : world.hosts) {
            if (observer.running()) {
                checkHeld(observer, lists[observer.index]);
                checkFiles(observer);
            }
        }
        for (SimHost peer : world.hosts) {
            boolean unreachable = peer.status != SimHost.Status.NOT_STARTED
                    && (!peer.up() || world.faults.isolated(peer.index));
            unreachableSince[peer.index] = !unreachable ? -1
                    : unreachableSince[peer.index] < 0 ? now : unreachableSince[peer.index];
        }
        for (SimHost peer : world.hosts) {
            if (!reachableFromAll(peer)) {
                separatedUntil[peer.index] = now;
            }
        }
        for (SimHost observer : world.hosts) {
            if (!observer.running()) {
                runningSince[observer.index] = -1;
                continue;
            }
            if (runningSince[observer.index] < 0) {
                runningSince[observer.index] = now;
            }
            for (SimHost peer : world.hosts) {
                if (peer != observer) {
                    checkDetection(observer, peer, lists[observer.index][peer.index], now);
                }
            }
        }
    }

    private void checkHeld(SimHost observer, boolean[] lists) {
        List<PeerInfo> infos = observer.server().peerInfos();
        checked++;
        if (infos.size() > size) {
            violation(Invariant.BOUNDED, observer.id, observer.id + " lists " + infos.size() + " nodes; the network has "
                    + size);
        }
        for (PeerInfo info : infos) {
            Integer p = index.get(info.nodeId());
            if (p == null) {
                violation(Invariant.BOUNDED, observer.id, observer.id + " lists a node that does not exist: "
                        + info.nodeId());
                continue;
            }
            if (p == observer.index) {
                continue;
            }
            lists[p] = true;
            held(observer, p, info);
        }
    }

    private void held(SimHost observer, int p, PeerInfo info) {
        Instant at = info.lastUpdate();
        if (at.equals(Instant.EPOCH) && info.state().isEmpty()) {
            return;   // admitted, its first state not arrived yet
        }
        String peer = world.hosts.get(p).id;
        checked += 2;
        Map<String, String> original = signed.get(p).get(at);
        if (original == null || !original.equals(info.state())) {
            violation(Invariant.NO_FORGERY, observer.id + "/" + peer, observer.id + " holds " + info.state() + " of "
                    + peer + " at " + at + ", which " + peer + " never signed"
                    + (original == null ? "" : " (it signed " + original + " then)"));
        }
        Instant held = floor[observer.index][p];
        if (held != null && at.isBefore(held)) {
            violation(Invariant.NO_ROLLBACK, observer.id + "/" + peer, observer.id + " held " + peer + "'s state of "
                    + held + " and then its older state of " + at + ": " + info.state());
        }
        if (held == null || at.isAfter(held)) {
            floor[observer.index][p] = at;
        }
    }

    private void checkDetection(SimHost observer, SimHost peer, boolean listed, long now) {
        int o = observer.index;
        int p = peer.index;
        checked++;
        if (unreachableSince[p] >= 0) {
            long since = Math.max(unreachableSince[p], runningSince[o]);
            if (listed && now - since > DETECTION_BOUND.toNanos()) {
                violation(Invariant.DETECTION, observer.id + "/" + peer.id, observer.id + " still lists " + peer.id
                        + ", which nobody could reach (" + describe(peer) + ") for " + seconds(now - since) + " s");
            }
            return;
        }
        long since = Math.max(separatedUntil[p], runningSince[o]);
        if (!listed && now - since > LISTING_BOUND.toNanos()) {
            violation(Invariant.DETECTION, observer.id + "/" + peer.id, observer.id + " has not listed " + peer.id
                    + " for " + seconds(now - since) + " s, though it ran and every running node could reach "
                    + peer.id + " (it lists " + observer.server().peers() + ")");
        }
    }

    /** Whether the node runs and no fault stands between it and any running node. */
    private boolean reachableFromAll(SimHost peer) {
        if (!peer.running()) {
            return false;
        }
        for (SimHost other : world.hosts) {
            if (other != peer && other.running() && world.faults.separates(other.index, peer.index)) {
                return false;
            }
        }
        return true;
    }

    private void checkFiles(SimHost host) {
        Path dir = credentials.resolve(host.id);
        long files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checked++;
        if (files > size + OWN_FILES) {
            violation(Invariant.BOUNDED, host.id, host.id + " keeps " + files + " files for a network of " + size
                    + " nodes");
        }
        Path book = dir.resolve(NodeFile.ADDRESS_BOOK.fileName());
        long entries;
        try (Stream<String> lines = Files.exists(book) ? Files.lines(book) : Stream.empty()) {
            entries = lines.filter(line -> !line.isEmpty() && !line.startsWith("#")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checked++;
        if (entries > size) {
            violation(Invariant.BOUNDED, host.id, host.id + "'s address book holds " + entries
                    + " entries for a network of " + size + " nodes");
        }
    }

    /**
     * The most tasks (timers, requests in flight, queued events) the timeline may hold: each node
     * has a few per peer (2.7 per pair at most in 300 seeds of 30 nodes), and a margin.
     */
    private int pendingTasksBound() {
        return PENDING_TASKS_PER_PAIR * size * size + PENDING_TASKS_MARGIN;
    }

    /** Whether every running node holds every running node's newest state. */
    boolean converged() {
        return firstUnconverged() == null;
    }

    /** Reports a convergence violation when the network did not converge. */
    void checkConvergence() {
        checked++;
        String missing = firstUnconverged();
        if (missing != null) {
            violation(Invariant.CONVERGENCE, "network", missing);
        }
    }

    private String firstUnconverged() {
        for (SimHost observer : world.hosts) {
            if (!observer.running()) {
                continue;
            }
            Map<String, PeerInfo> held = observer.server().peerInfos().stream()
                    .collect(Collectors.toMap(PeerInfo::nodeId, info -> info));
            for (SimHost peer : world.hosts) {
                if (peer == observer || !peer.running()) {
                    continue;
                }
                PeerInfo info = held.get(peer.id);
                Instant newest = newestSigned[peer.index];
                if (info == null) {
                    return observer.id + " does not list " + peer.id;
                }
                if (!info.lastUpdate().equals(newest)) {
                    return observer.id + " holds " + peer.id + "'s state of " + info.lastUpdate() + " " + info.state()
                            + ", not its newest of " + newest + " " + signed.get(peer.index).get(newest);
                }
            }
        }
        return null;
    }

    /** An exception from a node's API, as a violation (the run stops there). */
    void exception(RuntimeException e) {
        violation(Invariant.EXCEPTION, "run", e.toString());
    }

    private void violation(Invariant invariant, String subject, String detail) {
        violations.putIfAbsent(invariant.label() + " " + subject, new Violation(seed, invariant, now() / 1e9, detail));
    }

    private String describe(SimHost peer) {
        if (!peer.up()) {
            return peer.status == SimHost.Status.CRASHED ? "crashed" : "stopped";
        }
        return peer.running() ? "blackholed" : "paused";
    }

    List<Violation> violations() {
        return List.copyOf(violations.values());
    }

    long invariantsChecked() {
        return checked;
    }

    int maxPendingTasks() {
        return maxPendingTasks;
    }

    private long now() {
        return world.timeline.elapsed().toNanos();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
