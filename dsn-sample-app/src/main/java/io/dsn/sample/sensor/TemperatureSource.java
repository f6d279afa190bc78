package io.dsn.sample.sensor;

/**
 * Where a sensor's readings come from. The sample simulates them
 * ({@link SimulatedTemperatureSource}); declare a bean of this type to publish real ones.
 */
@FunctionalInterface
public interface TemperatureSource {

    /** The current temperature in degrees Celsius. */
    double readCelsius();
}
