package io.dsn.sample.sensor;

import java.util.Random;

/**
 * A simulated room thermometer: a smooth random walk around a comfortable temperature. Each
 * sensor id gets its own mean (within a degree and a half of 21 °C) and its own walk, so that
 * nodes are told apart on a chart; the same id always produces the same sequence.
 */
public final class SimulatedTemperatureSource implements TemperatureSource {

    static final double CENTRE = 21.0;
    static final double MEAN_SPREAD = 1.5;
    /** How strongly each step pulls back to the mean: keeps the walk near it. */
    private static final double PULL = 0.08;
    /** How much the trend may change per step; the trend itself is damped, so the curve is smooth. */
    private static final double TREND_NOISE = 0.04;
    private static final double TREND_DAMPING = 0.85;

    private final Random random;
    private final double mean;
    private double value;
    private double trend;

    public SimulatedTemperatureSource(String sensorId) {
        this(new Random(sensorId.hashCode() * 0x9E3779B97F4A7C15L));
    }

    SimulatedTemperatureSource(Random random) {
        this.random = random;
        this.mean = CENTRE + (random.nextDouble() * 2 - 1) * MEAN_SPREAD;
        this.value = mean + random.nextGaussian() * 0.3;
    }

    /** The mean this source walks around. */
    public double mean() {
        return mean;
    }

    @Override
    public synchronized double readCelsius() {
        trend = trend * TREND_DAMPING + random.nextGaussian() * TREND_NOISE;
        value += trend + (mean - value) * PULL;
        return value;
    }
}
