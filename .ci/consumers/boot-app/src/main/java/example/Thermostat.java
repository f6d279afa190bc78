package example;

import io.dsn.DSNode;
import io.dsn.PeerStateChanged;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Publishes this node's set point, and keeps the temperatures its peers publish. */
@Component
public class Thermostat {

    private final DSNode node;
    private final Map<String, String> temperatures = new ConcurrentHashMap<>();

    public Thermostat(DSNode node) {
        this.node = node;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void publishSetPoint() {
        node.updateData("set-point", "20.0");   // asynchronous: sent to the peers in the background
    }

    @EventListener
    public void on(PeerStateChanged changed) {
        String temperature = changed.current().get("temperature");
        if (temperature != null) {
            temperatures.put(changed.nodeId(), temperature);
        }
    }

    public Optional<String> temperatureOf(String nodeId) {
        return Optional.ofNullable(temperatures.get(nodeId));
    }
}
