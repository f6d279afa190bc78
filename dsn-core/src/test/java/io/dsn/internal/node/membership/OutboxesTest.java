package io.dsn.internal.node.membership;

import io.dsn.Endpoint;
import io.dsn.internal.node.membership.PeerOutboxTest.FakeSender;
import io.dsn.internal.node.state.OwnState;
import io.dsn.internal.protocol.StatePacket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The outboxes of every peer: each sends with the sender of its serving period, given once. */
class OutboxesTest {

    private final Outboxes outboxes = new Outboxes();
    private final Peer peer = new Peer("b", new Endpoint("127.0.0.1", 9), Instant.EPOCH);

    private static OwnState.Snapshot state(double timestamp) {
        return OwnState.Snapshot.of(Map.of(), new StatePacket("me", timestamp, new byte[64], "{}"));
    }

    @Test
    void aPushedStateLeavesThroughTheSenderOfTheServingPeriod() {
        FakeSender first = new FakeSender();
        FakeSender second = new FakeSender();
        outboxes.sendWith(first);
        outboxes.push(peer, state(1));
        first.last().done().complete(null);

        outboxes.sendWith(second);
        outboxes.push(peer, state(2));

        assertThat(first.timestamps()).containsExactly(1.0);
        assertThat(second.timestamps()).containsExactly(2.0);
    }

    @Test
    void aForgottenPeersWaitingStateIsNeverSentAndItsOutboxIsIdle() {
        FakeSender sender = new FakeSender();
        outboxes.sendWith(sender);
        outboxes.push(peer, state(1));
        outboxes.push(peer, state(2));
        CompletableFuture<Void> idle = outboxes.whenIdle();

        outboxes.forget(peer);
        sender.last().done().complete(null);

        assertThat(sender.timestamps()).containsExactly(1.0);
        assertThat(idle).isDone();
        assertThat(outboxes.whenIdle()).isDone();
    }

    @Test
    void aPeerAdmittedAgainGetsAnOutboxOfItsOwnAndForgettingTheOldEntryLeavesIt() {
        FakeSender sender = new FakeSender();
        outboxes.sendWith(sender);
        outboxes.push(peer, state(1));
        Peer again = new Peer("b", new Endpoint("127.0.0.1", 10), Instant.EPOCH);

        outboxes.push(again, state(2));
        outboxes.forget(peer);
        outboxes.push(again, state(3));
        sender.sends.get(1).done().complete(null);

        assertThat(sender.sends).extracting(PeerOutboxTest.Send::peer).containsExactly(peer, again, again);
        assertThat(sender.timestamps()).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void theOutboxesAreIdleOnlyOnceEverySendInFlightIsOver() {
        FakeSender sender = new FakeSender();
        outboxes.sendWith(sender);
        outboxes.push(peer, state(1));

        CompletableFuture<Void> idle = outboxes.whenIdle();
        assertThat(idle).isNotDone();

        sender.last().done().complete(null);
        assertThat(idle).isDone();
    }
}
