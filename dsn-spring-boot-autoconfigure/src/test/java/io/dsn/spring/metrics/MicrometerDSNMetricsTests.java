package io.dsn.spring.metrics;

import io.dsn.DSNMetrics.Message;
import io.dsn.DSNMetrics.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The meters {@link MicrometerDSNMetrics} records, with their names and tags. */
class MicrometerDSNMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerDSNMetrics metrics = new MicrometerDSNMetrics(registry);

    @Test
    void countersExistFromTheStartAtZero() {
        assertThat(registry.get("dsn.state.updates").tag("origin", "local").counter().count()).isZero();
        assertThat(registry.get("dsn.state.updates").tag("origin", "remote").counter().count()).isZero();
        assertThat(registry.get("dsn.peers.dropped").counter().count()).isZero();
        assertThat(registry.find("dsn.messages.sent").meters()).isEmpty();
        assertThat(registry.find("dsn.messages.received").meters()).isEmpty();
        assertThat(registry.find("dsn.requests").meters()).isEmpty();
    }

    @Test
    void messageSentCountsAndTimesByTypeAndOutcome() {
        metrics.messageSent(Message.HELLO, Outcome.SUCCESS, TimeUnit.MILLISECONDS.toNanos(5));
        metrics.messageSent(Message.HELLO, Outcome.SUCCESS, TimeUnit.MILLISECONDS.toNanos(15));
        metrics.messageSent(Message.PING, Outcome.FAILED, TimeUnit.MILLISECONDS.toNanos(300));
        metrics.messageSent(Message.UPDATE, Outcome.REFUSED, TimeUnit.MILLISECONDS.toNanos(1));

        assertThat(sent("hello", "success").count()).isEqualTo(2.0);
        assertThat(sent("ping", "failed").count()).isEqualTo(1.0);
        assertThat(sent("update", "refused").count()).isEqualTo(1.0);
        assertThat(registry.find("dsn.messages.sent").tag("type", "hello").tag("outcome", "failed").counter()).isNull();

        Timer hello = registry.get("dsn.requests").tag("type", "hello").tag("outcome", "success").timer();
        assertThat(hello.count()).isEqualTo(2);
        assertThat(hello.totalTime(TimeUnit.MILLISECONDS)).isCloseTo(20.0, within(0.001));
        assertThat(hello.max(TimeUnit.MILLISECONDS)).isCloseTo(15.0, within(0.001));
        Timer ping = registry.get("dsn.requests").tag("type", "ping").tag("outcome", "failed").timer();
        assertThat(ping.totalTime(TimeUnit.MILLISECONDS)).isCloseTo(300.0, within(0.001));

        assertThat(registry.find("dsn.messages.sent").meters()).hasSize(3)
                .allSatisfy(meter -> assertThat(tagKeys(meter)).containsExactlyInAnyOrder("type", "outcome"));
        assertThat(registry.find("dsn.requests").meters()).hasSize(3)
                .allSatisfy(meter -> assertThat(tagKeys(meter)).containsExactlyInAnyOrder("type", "outcome"));
    }

    @Test
    void messageReceivedCountsByTypeOutcomeAndStatus() {
        metrics.messageReceived(Message.UPDATE, 200, 1_000);
        metrics.messageReceived(Message.UPDATE, 200, 1_000);
        metrics.messageReceived(Message.PING, 204, 1_000);
        metrics.messageReceived(Message.DATA, 403, 1_000);
        metrics.messageReceived(Message.HELLO, 413, 1_000);

        assertThat(received("update", "success", "200").count()).isEqualTo(2.0);
        assertThat(received("ping", "success", "204").count()).isEqualTo(1.0);
        assertThat(received("data", "refused", "403").count()).isEqualTo(1.0);
        assertThat(received("hello", "refused", "413").count()).isEqualTo(1.0);
        assertThat(registry.find("dsn.messages.received").meters()).hasSize(4)
                .allSatisfy(meter -> assertThat(tagKeys(meter)).containsExactlyInAnyOrder("type", "outcome", "status"));
    }

    @Test
    void stateUpdatesAreTaggedWithTheirOrigin() {
        metrics.stateApplied(true);
        metrics.stateApplied(false);
        metrics.stateApplied(false);

        assertThat(registry.get("dsn.state.updates").tag("origin", "local").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("dsn.state.updates").tag("origin", "remote").counter().count()).isEqualTo(2.0);
    }

    @Test
    void droppedPeersAreCounted() {
        metrics.peerDropped();
        metrics.peerDropped();

        Counter dropped = registry.get("dsn.peers.dropped").counter();
        assertThat(dropped.count()).isEqualTo(2.0);
        assertThat(dropped.getId().getTags()).isEmpty();
    }

    @Test
    void metersAreDescribed() {
        metrics.messageSent(Message.HELLO, Outcome.SUCCESS, 1);
        metrics.messageReceived(Message.HELLO, 200, 1);
        assertThat(registry.getMeters()).allSatisfy(meter ->
                assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank());
    }

    @Test
    void twoInstancesOnOneRegistryShareTheirMeters() {
        MicrometerDSNMetrics other = new MicrometerDSNMetrics(registry);
        metrics.stateApplied(true);
        other.stateApplied(true);
        metrics.messageSent(Message.DATA, Outcome.SUCCESS, 1);
        other.messageSent(Message.DATA, Outcome.SUCCESS, 1);

        assertThat(registry.get("dsn.state.updates").tag("origin", "local").counter().count()).isEqualTo(2.0);
        assertThat(sent("data", "success").count()).isEqualTo(2.0);
    }

    private Counter sent(String type, String outcome) {
        return registry.get("dsn.messages.sent").tag("type", type).tag("outcome", outcome).counter();
    }

    private Counter received(String type, String outcome, String status) {
        return registry.get("dsn.messages.received").tag("type", type).tag("outcome", outcome).tag("status", status).counter();
    }

    private static java.util.List<String> tagKeys(Meter meter) {
        return meter.getId().getTags().stream().map(Tag::getKey).toList();
    }
}
