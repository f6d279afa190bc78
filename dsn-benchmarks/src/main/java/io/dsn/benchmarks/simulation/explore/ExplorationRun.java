package io.dsn.benchmarks.simulation.explore;

import io.dsn.DSNEvent;
import io.dsn.PeerJoined;
import io.dsn.PeerLeft;
import io.dsn.ProtocolMode;
import io.dsn.benchmarks.simulation.CredentialDirectory;
import io.dsn.runtime.NodeSignatures;
import io.dsn.runtime.SimulatedBug;
import io.dsn.runtime.VirtualTimeRuntime;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * One seed: its {@link Schedule} played on a fresh {@link World} in virtual time, the
 * {@link InvariantChecker} run after every action and every virtual second, then every fault
 * ended (paused nodes resumed, crashed and stopped ones restarted, late joiners started) and the
 * network given {@link #SETTLE_LIMIT} to converge.
 */
final class ExplorationRun {

    /** How long the network may take to converge once the last fault ended. */
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final Schedule schedule;
    private final World world;
    private final InvariantChecker checker;
    private final Trace trace;
    private final PriorityQueue<Step> steps = new PriorityQueue<>();
    private long sequence;
    private int faultsInjected;
    private boolean rotating;

    /** Something to do at a virtual time; in the order scheduled when at the same time. */
    private record Step(long atNanos, long sequence, Runnable action) implements Comparable<Step> {
        @Override
        public int compareTo(Step other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** What a seed's run found. */
    record Result(Schedule schedule, List<Violation> violations, long invariantsChecked, int faultsInjected,
                  double virtualSeconds, double settleSeconds, int maxPendingTasks) {
    }

    private ExplorationRun(Schedule schedule, World world, InvariantChecker checker, Trace trace) {
        this.schedule = schedule;
        this.world = world;
        this.checker = checker;
        this.trace = trace;
    }

    /** @param bugs what to break in every node on purpose, to show that the checks find it (none to explore) */
    static Result run(long seed, int maxNodes, boolean standInSignatures, Set<SimulatedBug> bugs, Trace trace)
            throws IOException {
        Schedule schedule = Schedule.draw(seed, maxNodes);
        VirtualTimeRuntime timeline = new VirtualTimeRuntime(seed,
                standInSignatures ? NodeSignatures.SIMULATION_STAND_IN : NodeSignatures.ECDSA, bugs);
        trace.timeline(timeline);
        try (CredentialDirectory credentials = CredentialDirectory.open(Optional.empty())) {
            World world = new World(timeline, schedule.nodes(), schedule.protocol(), credentials.path(), trace);
            InvariantChecker checker = new InvariantChecker(seed, world, credentials.path());
            ExplorationRun run = new ExplorationRun(schedule, world, checker, trace);
            world.onEvents(run::traceEvent);
            double settle;
            try {
                settle = run.play();
            } catch (RuntimeException e) {
                checker.exception(e);
                settle = -1;
            } finally {
                world.stopAll();
            }
            return new Result(schedule, checker.violations(), checker.invariantsChecked(), run.faultsInjected,
                    timeline.elapsed().toNanos() / 1e9, settle, checker.maxPendingTasks());
        }
    }

    /** Plays the schedule, ends every fault, lets the network settle; the virtual seconds settling took (-1: not within the limit). */
    private double play() {
        trace.log("seed " + schedule.seed() + ": " + schedule.nodes() + " nodes (" + schedule.initialNodes()
                + " at first), " + schedule.protocol().configName() + " protocol, faults for "
                + Action.seconds(schedule.faultPhase()));
        world.runtime.withoutWaiting(() -> {
            for (int i = 0; i < schedule.initialNodes(); i++) {
                world.start(world.hosts.get(i), Duration.ZERO);
            }
        });
        for (int i = 0; i < schedule.initialNodes(); i++) {
            checker.started(world.hosts.get(i));
        }
        for (Schedule.Timed timed : schedule.actions()) {
            at(timed.at().toNanos(), () -> apply(timed.action()));
        }
        long phaseEnd = schedule.faultPhase().toNanos();
        long nextCheck = CHECK_EVERY.toNanos();
        while (true) {
            long next = Math.min(nextCheck, steps.isEmpty() ? Long.MAX_VALUE : steps.peek().atNanos());
            if (next > phaseEnd) {
                break;
            }
            runTo(next);
            if (next == nextCheck) {
                nextCheck += CHECK_EVERY.toNanos();
            }
            while (!steps.isEmpty() && steps.peek().atNanos() <= next) {
                steps.poll().action().run();
            }
            checker.check();
        }
        runTo(phaseEnd);
        trace.log("the fault phase ends: every fault ends, every node runs");
        world.faults.endAll();
        while (!steps.isEmpty()) {
            steps.poll().action().run();
        }
        for (SimHost host : world.hosts) {
            if (host.up() && host.runtime.paused()) {
                world.resume(host);
            } else if (!host.up()) {
                start(host, Duration.ZERO);
            }
        }
        checker.check();
        long settleStart = now();
        while (!checker.converged() && now() - settleStart < SETTLE_LIMIT.toNanos()) {
            world.timeline.runFor(CHECK_EVERY);
            checker.check();
        }
        checker.checkConvergence();
        double settled = checker.converged() ? (now() - settleStart) / 1e9 : -1;
        trace.log(settled >= 0 ? "converged after " + String.format(Locale.ROOT, "%.1f s", settled)
                : "not converged within " + Action.seconds(SETTLE_LIMIT));
        return settled;
    }

    private void apply(Action action) {
        SimHost host = hostOf(action);
        String skipped = skipReason(action, host);
        if (skipped != null) {
            trace.log(action.describe() + " (skipped: " + skipped + ")");
            return;
        }
        trace.log(action.describe());
        if (action.isFault()) {
            faultsInjected++;
        }
        if (action instanceof Action.Write write) {
            world.write(host, write.entries());
            checker.signedNow(host);
        } else if (action instanceof Action.Remove remove) {
            world.remove(host, remove.key());
            checker.signedNow(host);
        } else if (action instanceof Action.Join) {
            start(host, Duration.ZERO);
        } else if (action instanceof Action.Partition partition) {
            networkFault(action, partition.duration());
        } else if (action instanceof Action.Cut cut) {
            networkFault(action, cut.duration());
        } else if (action instanceof Action.Loss loss) {
            networkFault(action, loss.duration());
        } else if (action instanceof Action.Delay delay) {
            networkFault(action, delay.duration());
        } else if (action instanceof Action.Blackhole blackhole) {
            networkFault(action, blackhole.duration());
        } else if (action instanceof Action.Crash crash) {
            world.crash(host);
            checker.crashed(host);
            restartLater(host, crash.downFor(), crash.clockStep(), SimHost.Status.CRASHED);
        } else if (action instanceof Action.Stop stop) {
            world.stop(host);
            restartLater(host, stop.downFor(), stop.clockStep(), SimHost.Status.STOPPED);
        } else if (action instanceof Action.Pause pause) {
            world.pause(host);
            int incarnation = host.incarnation;
            after(pause.duration(), () -> {
                if (host.incarnation == incarnation && host.up() && host.runtime.paused()) {
                    trace.log(host.id + " resumes");
                    world.resume(host);
                }
            });
        } else if (action instanceof Action.Replay replay) {
            world.replay(replay.count());
        } else if (action instanceof Action.RotateKey rotate) {
            rotate(rotate.stepGap());
        }
    }

    /** Why the action cannot be taken now, or null. */
    private String skipReason(Action action, SimHost host) {
        if (action instanceof Action.Join) {
            return host.status == SimHost.Status.NOT_STARTED ? null : "already started";
        }
        if (action instanceof Action.RotateKey) {
            return rotating ? "a rotation is under way" : null;
        }
        if (host == null) {
            return null;
        }
        boolean needsUp = action instanceof Action.Write || action instanceof Action.Remove
                || action instanceof Action.Crash || action instanceof Action.Stop || action instanceof Action.Pause;
        if (needsUp && !host.up()) {
            return host.id + " is " + host.status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        boolean needsRunning = action instanceof Action.Write || action instanceof Action.Remove
                || action instanceof Action.Stop || action instanceof Action.Pause;
        if (needsRunning && !host.running()) {
            return host.id + " is paused";
        }
        return null;
    }

    private SimHost hostOf(Action action) {
        return action instanceof Action.OnNode onNode ? world.hosts.get(onNode.node()) : null;
    }

    private void networkFault(Action fault, Duration duration) {
        int id = world.faults.start(fault);
        after(duration, () -> {
            trace.log("ends: " + fault.describe());
            world.faults.end(id);
        });
    }

    private void restartLater(SimHost host, Duration downFor, Duration clockStep, SimHost.Status from) {
        int incarnation = host.incarnation;
        after(downFor, () -> {
            if (host.incarnation == incarnation && host.status == from) {
                start(host, clockStep);
            }
        });
    }

    private void start(SimHost host, Duration clockOffset) {
        trace.log(host.id + " starts" + (clockOffset.isZero() ? "" : " with its clock "
                + String.format(Locale.ROOT, "%+.1f s", clockOffset.toMillis() / 1000.0)));
        world.start(host, clockOffset);
        checker.started(host);
    }

    private void rotate(Duration gap) {
        if (world.protocol != ProtocolMode.SECURE) {
            return;
        }
        Optional<World.NewKey> key = world.installNewKey();
        if (key.isEmpty()) {
            return;
        }
        rotating = true;
        after(gap, () -> world.usePrimary(key.get()));
        after(gap.multipliedBy(2), () -> {
            world.removeOldKeys();
            rotating = false;
        });
    }

    private void traceEvent(World.HostEvent event) {
        if (!trace.on()) {
            return;
        }
        DSNEvent e = event.event();
        if (e instanceof PeerJoined joined) {
            trace.log(event.host().id + ": " + joined.nodeId() + " joined");
        } else if (e instanceof PeerLeft left) {
            trace.log(event.host().id + ": " + left.nodeId() + " left (" + left.reason() + ")");
        }
    }

    private void after(Duration delay, Runnable action) {
        at(now() + delay.toNanos(), action);
    }

    private void at(long atNanos, Runnable action) {
        steps.add(new Step(atNanos, sequence++, action));
    }

    private void runTo(long atNanos) {
        long now = now();
        if (atNanos > now) {
            world.timeline.runFor(Duration.ofNanos(atNanos - now));
        }
    }

    private long now() {
        return world.timeline.elapsed().toNanos();
    }
}
