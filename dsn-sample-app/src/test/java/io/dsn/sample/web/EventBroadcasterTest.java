package io.dsn.sample.web;

import io.dsn.DSNode;
import io.dsn.Endpoint;
import io.dsn.PeerInfo;
import io.dsn.PeerStateChanged;
import io.dsn.sample.node.NodeReadings;
import io.dsn.sample.node.NodeViews;
import io.dsn.sample.node.TemperatureHistory;
import io.dsn.spring.values.DSNValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class EventBroadcasterTest {

    private static final Duration QUICK = Duration.ofMillis(500);

    private final Clock clock = Clock.systemUTC();
    private EventBroadcaster broadcaster;

    @BeforeEach
    void setUp() {
        DSNode node = mock(DSNode.class);
        PeerInfo self = new PeerInfo("me", new Endpoint("127.0.0.1", 8000), Map.of(), Instant.EPOCH, Optional.empty());
        PeerInfo peer = new PeerInfo("peer", new Endpoint("127.0.0.1", 8001), Map.of("temperature", "21.0"),
                clock.instant(), Optional.of(clock.instant()));
        when(node.nodeId()).thenReturn("me");
        when(node.peerInfos()).thenReturn(List.of(self, peer));
        when(node.peerInfo(anyString())).thenAnswer(call -> "me".equals(call.getArgument(0)) ? Optional.of(self)
                : "peer".equals(call.getArgument(0)) ? Optional.of(peer) : Optional.empty());
        NodeReadings readings = new NodeReadings(node, new DSNValues(node, JsonMapper.builder().build(), null));
        NodeViews views = new NodeViews(node, readings, clock, Duration.ofSeconds(9));
        broadcaster = new EventBroadcaster(views, new TemperatureHistory(readings, clock), Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        broadcaster.close();
    }

    private static PeerStateChanged change(int i) {
        return new PeerStateChanged("peer", Map.of(), Map.of("temperature", "2" + i), Set.of("temperature"), Instant.now());
    }

    @Test
    void aSubscriberThatDoesNotReadNeverHoldsUpTheNode() {
        BlockingEmitter slow = new BlockingEmitter();
        broadcaster.register(slow);
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.attempts.get() == 1); // stuck in its snapshot

        assertTimeoutPreemptively(QUICK, () -> {
            for (int i = 0; i < EventBroadcaster.MAX_PENDING + 50; i++) {
                broadcaster.on(change(i)); // what the DSN node's event thread calls
            }
        });
        assertThat(broadcaster.droppedCount()).isPositive();

        slow.release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.attempts.get() > 1);
    }

    @Test
    void aSubscriberWhoseConnectionFailsIsForgotten() {
        FailingEmitter gone = new FailingEmitter();
        broadcaster.register(gone);

        await().atMost(Duration.ofSeconds(5)).until(() -> gone.attempts.get() == 1 && broadcaster.subscriberCount() == 0);
        assertThatNoException().isThrownBy(() -> broadcaster.on(change(1)));
        assertThat(gone.attempts.get()).isEqualTo(1);
    }

    /** A browser that stopped reading: every send blocks until released. */
    private static final class BlockingEmitter extends SseEmitter {

        final AtomicInteger attempts = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            attempts.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    /** A browser that went away: every send fails. */
    private static final class FailingEmitter extends SseEmitter {

        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            attempts.incrementAndGet();
            throw new IOException("Broken pipe");
        }
    }
}
