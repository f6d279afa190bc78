package io.dsn.benchmarks.network;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Reads a few gauges (thread counts, peers) at a fixed period on a thread of its own and keeps
 * the highest value of each. A peak between two samples can be missed: the period bounds how
 * short a peak it sees.
 */
final class PeakSampler implements AutoCloseable {

    static final String THREAD_NAME = "bench-peak-sampler";

    private final Map<String, IntSupplier> gauges = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> peaks = new LinkedHashMap<>();
    private ScheduledExecutorService timer;

    /** Adds a gauge; only before {@link #start}. */
    PeakSampler track(String name, IntSupplier gauge) {
        if (timer != null) {
            throw new IllegalStateException("already sampling");
        }
        gauges.put(name, gauge);
        peaks.put(name, new AtomicInteger(gauge.getAsInt()));
        return this;
    }

    PeakSampler start(Duration period) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sample, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    private void sample() {
        gauges.forEach((name, gauge) -> peaks.get(name).accumulateAndGet(gauge.getAsInt(), Math::max));
    }

    /** The highest value of the gauge so far, a sample taken now included. */
    int peak(String name) {
        AtomicInteger peak = peaks.get(name);
        if (peak == null) {
            throw new IllegalArgumentException("no gauge " + name);
        }
        return peak.accumulateAndGet(gauges.get(name).getAsInt(), Math::max);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
