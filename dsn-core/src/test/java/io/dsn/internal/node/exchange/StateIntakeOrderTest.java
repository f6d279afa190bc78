package io.dsn.internal.node.exchange;

import io.dsn.DSNEvent;
import io.dsn.DSNMetrics;
import io.dsn.Endpoint;
import io.dsn.PeerLeft;
import io.dsn.PeerStateChanged;
import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.SignatureSchemes;
import io.dsn.internal.node.guard.RefusalWarnings;
import io.dsn.internal.node.membership.EventDispatcher;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.runtime.NodeRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two states of one peer taken on two threads at once (an UPDATE pushed by the peer and the
 * peer's answer to our own UPDATE, for example) must reach the listeners in the order they were
 * applied, so that the last event a listener hears is the state the node holds.
 */
class StateIntakeOrderTest {

    @TempDir
    Path credentials;

    @Test
    void concurrentStatesOfOnePeerReachListenersInTheOrderTheyWereApplied() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        // stateApplied runs between Peer.offer and the publish: holding the first call there
        // reproduces a thread being descheduled at that point.
        DSNMetrics metrics = new DSNMetrics() {
            @Override
            public void stateApplied(boolean local) {
                if (calls.incrementAndGet() == 1) {
                    firstInside.countDown();
                    try {
                        releaseFirst.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        EventDispatcher events = new EventDispatcher(() -> NodeRuntime.system().newSerialExecutor("order-test"));
        List<DSNEvent> heard = new CopyOnWriteArrayList<>();
        events.add(heard::add);
        StateIntake intake = new StateIntake(new PeerAuthenticator(new CredentialStore(credentials, "me"), "me", new RefusalWarnings("me"),
                SignatureSchemes.bouncyCastle(), 16),
                events, metrics, Clock.systemUTC());
        Peer peer = new Peer("p", new Endpoint("127.0.0.1", 9), Instant.EPOCH);
        try {
            Thread older = new Thread(() -> intake.apply(peer, packet(1.0, "1"), Map.of("k", "1")), "apply-older");
            older.start();
            assertThat(firstInside.await(5, TimeUnit.SECONDS)).isTrue();

            StateIntake.Outcome newer = intake.apply(peer, packet(2.0, "2"), Map.of("k", "2"));
            releaseFirst.countDown();
            older.join(5000);

            assertThat(newer).isEqualTo(StateIntake.Outcome.NEWS);
            assertThat(peer.state().data()).containsEntry("k", "2");
            // The dispatcher delivers in FIFO order: once the marker arrives, every earlier event has too.
            PeerLeft marker = new PeerLeft("marker", PeerLeft.Reason.UNREACHABLE);
            events.publish(marker);
            await().atMost(Duration.ofSeconds(2)).until(() -> heard.contains(marker));
            List<PeerStateChanged> changes = heard.stream()
                    .filter(PeerStateChanged.class::isInstance).map(PeerStateChanged.class::cast).toList();
            assertThat(changes).isNotEmpty();
            assertThat(changes).extracting(PeerStateChanged::updatedAt).as("events in the order the states were applied")
                    .isSorted().doesNotHaveDuplicates();
            assertThat(changes.get(changes.size() - 1).current())
                    .as("the last event a listener hears is the state the node holds").isEqualTo(peer.state().data());
        } finally {
            releaseFirst.countDown();
            events.close();
        }
    }

    private static StatePacket packet(double timestamp, String value) {
        return new StatePacket("p", timestamp, new byte[64], "{\"k\": \"" + value + "\"}");
    }
}
