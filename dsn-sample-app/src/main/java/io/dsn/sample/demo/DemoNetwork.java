package io.dsn.sample.demo;

import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.sample.sensor.Reading;
import io.dsn.sample.sensor.SensorPublisher;
import io.dsn.sample.sensor.SimulatedTemperatureSource;
import io.dsn.spring.values.DSNValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A few simulated sensor nodes in this process ({@code demo-sensor-1}, {@code demo-sensor-2}, ...),
 * so that the monitor shows a live network at once. Each is a plain {@link DSNodeServer} on a free
 * port that joins through this application's node, uses the same network key, keeps its keys in
 * {@code <dsn.credential-dir>/demo}, and publishes a {@link Reading} on its own schedule: a typed
 * value written with the application's {@link JsonMapper}, like this application's own sensor.
 */
public class DemoNetwork implements AutoCloseable {

    public static final String NODE_ID_PREFIX = "demo-sensor-";

    private static final Logger log = LoggerFactory.getLogger(DemoNetwork.class);

    private final DSNodeServer main;
    private final int sensors;
    private final Duration interval;
    private final Clock clock;
    private final JsonMapper json;
    private final List<DSNodeServer> servers = new ArrayList<>();
    private final List<SensorPublisher> publishers = new ArrayList<>();

    public DemoNetwork(DSNodeServer main, int sensors, Duration interval, Clock clock, JsonMapper json) {
        if (sensors < 0) {
            throw new IllegalArgumentException("sample.demo.sensors must not be negative, was " + sensors);
        }
        this.main = main;
        this.sensors = sensors;
        this.interval = interval;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Starts the demo nodes; call it once this application's node serves. Does nothing when they
     * already run. If one fails to start, those already started are stopped again.
     */
    public synchronized void start() {
        if (!servers.isEmpty()) {
            return;
        }
        DSNodeConfig mainConfig = main.config();
        String networkKey = main.networkKey().orElse(null);
        Path credentials = mainConfig.credentialDir().resolve("demo");
        try {
            for (int i = 1; i <= sensors; i++) {
                String nodeId = NODE_ID_PREFIX + i;
                DSNodeServer server = DSNodeServer.start(mainConfig.toBuilder()
                        .nodeId(nodeId)
                        .port(0)
                        .aesKey(networkKey)
                        .credentialDir(credentials)
                        .bootstrapNodes(List.of(main.endpoint()))
                        .build());
                servers.add(server);
                // Spread the first readings over one interval, so the sensors do not report in lockstep.
                Duration firstReading = interval.multipliedBy(i).dividedBy(sensors + 1L);
                // No event publisher: a demo node's peers are not this application's concern.
                DSNValues values = new DSNValues(server.node(), json, null);
                SensorPublisher publisher = new SensorPublisher(nodeId, new SimulatedTemperatureSource(nodeId),
                        interval, firstReading, clock, reading -> values.publish(Reading.KEY, reading));
                publishers.add(publisher);
                publisher.start();
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        log.info("Demo network: {} simulated sensors joined through {} (turn them off with sample.demo.enabled=false)",
                sensors, main.endpoint());
    }

    /** Stops every demo node and its readings. */
    public synchronized void stop() {
        publishers.forEach(SensorPublisher::stop);
        publishers.clear();
        servers.forEach(DSNodeServer::stop);
        servers.clear();
    }

    @Override
    public void close() {
        stop();
    }

    /** The running demo nodes, for tests and tools. */
    public synchronized List<DSNodeServer> servers() {
        return List.copyOf(servers);
    }
}
