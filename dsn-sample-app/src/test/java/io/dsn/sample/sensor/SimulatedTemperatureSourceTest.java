package io.dsn.sample.sensor;

import org.junit.jupiter.api.Test;

import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulatedTemperatureSourceTest {

    private static double[] readings(String sensorId, int count) {
        SimulatedTemperatureSource source = new SimulatedTemperatureSource(sensorId);
        return DoubleStream.generate(source::readCelsius).limit(count).toArray();
    }

    @Test
    void walksSmoothlyAroundItsOwnMeanNearTwentyOneDegrees() {
        SimulatedTemperatureSource source = new SimulatedTemperatureSource("demo-sensor-1");
        assertThat(source.mean()).isCloseTo(21.0, within(SimulatedTemperatureSource.MEAN_SPREAD));

        double previous = source.readCelsius();
        double sum = previous;
        int count = 2000;
        for (int i = 1; i < count; i++) {
            double value = source.readCelsius();
            assertThat(Math.abs(value - previous)).as("step %d", i).isLessThan(0.5);
            assertThat(value).isCloseTo(source.mean(), within(3.0));
            sum += value;
            previous = value;
        }
        assertThat(sum / count).isCloseTo(source.mean(), within(0.5));
    }

    @Test
    void theSameSensorRepeatsItsWalkAndAnotherSensorWalksElsewhere() {
        assertThat(readings("demo-sensor-1", 50)).containsExactly(readings("demo-sensor-1", 50));
        assertThat(readings("demo-sensor-2", 50)).isNotEqualTo(readings("demo-sensor-1", 50));
        assertThat(new SimulatedTemperatureSource("demo-sensor-2").mean())
                .isNotEqualTo(new SimulatedTemperatureSource("demo-sensor-3").mean());
    }
}
