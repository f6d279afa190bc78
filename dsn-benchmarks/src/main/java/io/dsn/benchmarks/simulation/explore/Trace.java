package io.dsn.benchmarks.simulation.explore;

import io.dsn.runtime.VirtualTimeRuntime;
import org.jspecify.annotations.Nullable;

import java.io.PrintStream;
import java.util.Locale;

/** The trace of a replayed seed: every action and every membership event, at its virtual time; off when exploring. */
final class Trace {

    private final @Nullable PrintStream out;
    private @Nullable VirtualTimeRuntime timeline;

    private Trace(@Nullable PrintStream out) {
        this.out = out;
    }

    static Trace to(PrintStream out) {
        return new Trace(out);
    }

    static Trace off() {
        return new Trace(null);
    }

    void timeline(VirtualTimeRuntime timeline) {
        this.timeline = timeline;
    }

    boolean on() {
        return out != null;
    }

    void log(String line) {
        if (out != null) {
            double seconds = timeline == null ? 0 : timeline.elapsed().toNanos() / 1e9;
            out.printf(Locale.ROOT, "[%9.3f s] %s%n", seconds, line);
        }
    }
}
