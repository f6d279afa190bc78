package io.dsn.benchmarks.network;

import java.util.Arrays;

/**
 * Keeps every recorded duration (nanoseconds) and gives exact percentiles by nearest rank.
 * Scenarios are bounded in time, so the values fit; past {@link #CAPACITY} values a histogram
 * keeps counting but stops storing, and says so through {@link #dropped()}. Thread-safe.
 */
public final class Histogram {

    static final int CAPACITY = 20_000_000;

    private long[] values = new long[1024];
    private int size;
    private long dropped;

    public synchronized void record(long nanos) {
        if (size == values.length) {
            if (size >= CAPACITY) {
                dropped++;
                return;
            }
            values = Arrays.copyOf(values, Math.min(CAPACITY, size * 2));
        }
        values[size++] = nanos;
    }

    public synchronized void addAll(Histogram other) {
        long[] theirs;
        synchronized (other) {
            theirs = Arrays.copyOf(other.values, other.size);
            dropped += other.dropped;
        }
        for (long value : theirs) {
            record(value);
        }
    }

    public synchronized int count() {
        return size;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** The smallest value such that at least {@code percent}% of the values are not above it; 0 when empty. */
    public synchronized long percentile(double percent) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    public synchronized long max() {
        long max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }

    public synchronized long min() {
        if (size == 0) {
            return 0;
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            min = Math.min(min, values[i]);
        }
        return min;
    }

    public synchronized double mean() {
        if (size == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    /** Nanoseconds as milliseconds. */
    public static double millis(double nanos) {
        return nanos / 1e6;
    }
}
