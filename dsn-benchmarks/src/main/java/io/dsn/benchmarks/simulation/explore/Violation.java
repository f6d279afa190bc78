package io.dsn.benchmarks.simulation.explore;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One invariant found broken: in which seed, at what virtual time, and what was seen. */
record Violation(long seed, Invariant invariant, double virtualSeconds, String detail) {

    /** The entry of the JSON line's {@code violations} array. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seed", seed);
        json.put("invariant", invariant.label());
        json.put("virtualSeconds", Math.round(virtualSeconds * 1000) / 1000.0);
        json.put("detail", detail);
        return json;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "seed %d, %s, at %.3f virtual s: %s", seed, invariant.label(), virtualSeconds,
                detail);
    }
}
