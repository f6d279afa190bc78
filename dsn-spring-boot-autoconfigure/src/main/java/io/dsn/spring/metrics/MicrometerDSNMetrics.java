package io.dsn.spring.metrics;

import io.dsn.DSNMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records a DSN node's measurements with Micrometer:
 * <ul>
 *   <li>{@code dsn.messages.sent} (counter; tags {@code type}, {@code outcome}): messages this node sent;</li>
 *   <li>{@code dsn.requests} (timer; tags {@code type}, {@code outcome}): how long they took, retries included;</li>
 *   <li>{@code dsn.messages.received} (counter; tags {@code type}, {@code outcome}, {@code status}): requests served;</li>
 *   <li>{@code dsn.state.updates} (counter; tag {@code origin} = {@code local} or {@code remote}): states applied;</li>
 *   <li>{@code dsn.peers.dropped} (counter): peers dropped after failing their pings.</li>
 * </ul>
 * The gauge {@code dsn.peers} is bound by the auto-configuration.
 */
public class MicrometerDSNMetrics implements DSNMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Counter localUpdates;
    private final Counter remoteUpdates;
    private final Counter dropped;

    public MicrometerDSNMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.localUpdates = stateUpdates("local");
        this.remoteUpdates = stateUpdates("remote");
        this.dropped = Counter.builder("dsn.peers.dropped")
                .description("Peers dropped after failing their liveness checks")
                .register(registry);
    }

    private Counter stateUpdates(String origin) {
        return Counter.builder("dsn.state.updates")
                .description("States applied: this node's own writes (local) and newer states of peers (remote)")
                .tag("origin", origin)
                .register(registry);
    }

    @Override
    public void messageSent(Message message, Outcome outcome, long nanos) {
        String typeTag = tag(message);
        String outcomeTag = outcome.name().toLowerCase(Locale.ROOT);
        String key = typeTag + '/' + outcomeTag;
        sent.computeIfAbsent(key, k -> Counter.builder("dsn.messages.sent")
                .description("Messages this node sent to peers")
                .tags("type", typeTag, "outcome", outcomeTag)
                .register(registry)).increment();
        requests.computeIfAbsent(key, k -> Timer.builder("dsn.requests")
                .description("Time from sending a message to its answer, retries included")
                .tags("type", typeTag, "outcome", outcomeTag)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void messageReceived(Message message, int status, long nanos) {
        String typeTag = tag(message);
        String statusTag = Integer.toString(status);
        received.computeIfAbsent(typeTag + '/' + statusTag, k -> Counter.builder("dsn.messages.received")
                .description("Requests this node's DSN server answered")
                .tags("type", typeTag, "outcome", status < 300 ? "success" : "refused", "status", statusTag)
                .register(registry)).increment();
    }

    @Override
    public void stateApplied(boolean local) {
        (local ? localUpdates : remoteUpdates).increment();
    }

    @Override
    public void peerDropped() {
        dropped.increment();
    }

    private static String tag(Message message) {
        return message.name().toLowerCase(Locale.ROOT);
    }
}
