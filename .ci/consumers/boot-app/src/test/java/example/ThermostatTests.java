package example;

import io.dsn.DSNode;
import io.dsn.spring.test.DSNTestNetwork;
import io.dsn.spring.test.InMemoryDSNNetwork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@InMemoryDSNNetwork
class ThermostatTests {

    @Autowired
    DSNode node;

    @Autowired
    DSNTestNetwork network;

    @Autowired
    Thermostat thermostat;

    @Test
    void aPeerReadsTheSetPointAndTheThermostatHearsItsTemperature() {
        DSNode sensor = network.startPeer("sensor-1");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> sensor.readData("thermostat", "set-point"), Optional.of("20.0")::equals);
        sensor.updateData("temperature", "21.5");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> thermostat.temperatureOf("sensor-1"), Optional.of("21.5")::equals);
    }

    @Test
    void theNodeRunsOnTheTestsOwnNetworkNotOnTheDeploymentsSettings() {
        assertThat(node.nodeId()).isEqualTo("thermostat");
        assertThat(node.endpoint().address()).isNotEqualTo("10.0.0.10");
        assertThat(node.endpoint().port()).isNotEqualTo(8001);
        assertThat(network.network().endpoints()).contains(node.endpoint());
    }
}
