package io.dsn.node;

import io.dsn.DSNMetrics;
import io.dsn.Endpoint;
import io.dsn.PeerJoined;
import io.dsn.protocol.DataPacket;
import io.dsn.protocol.HelloPacket;
import io.dsn.protocol.MessageType;
import io.dsn.protocol.PeersPacket;
import io.dsn.protocol.StatePacket;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The client side of the protocol: each message this node sends to a peer, with what it does
 * with the answer. Every method returns at once; the future completes when the exchange is over.
 */
final class PeerExchanges {

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] PING = {' '};

    private final Identity identity;
    private final MessageClient client;
    private final PeerAuthenticator authenticator;
    private final PeerTable peers;
    private final StateIntake intake;
    private final EventDispatcher events;
    private final Clock clock;
    private final DSNMetrics metrics;

    PeerExchanges(Identity identity, MessageClient client, PeerAuthenticator authenticator, PeerTable peers,
                  StateIntake intake, EventDispatcher events, Clock clock, DSNMetrics metrics) {
        this.identity = identity;
        this.client = client;
        this.authenticator = authenticator;
        this.peers = peers;
        this.intake = intake;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Says HELLO to whatever node listens at an endpoint, and takes it into the address book. */
    CompletableFuture<Peer> hello(Endpoint target) {
        return timed(MessageType.HELLO, client.exchange(target, MessageType.HELLO, identity.hello("").encode())
                .thenApply(payload -> {
                    HelloPacket answer = HelloPacket.decode(payload);
                    authenticator.acceptHello(answer);
                    // The address we reached it at, the port it advertises (mirrors the server side).
                    Endpoint endpoint = new Endpoint(target.address(), answer.endpoint().port());
                    PeerTable.Admission admission = peers.admit(answer.nodeId(), endpoint, clock.instant());
                    if (admission.joined()) {
                        events.publish(new PeerJoined(answer.nodeId(), endpoint));
                    }
                    return admission.peer();
                }));
    }

    /** Sends a state of ours with UPDATE and takes the peer's state from a non-empty answer. */
    CompletableFuture<Void> sendState(Peer peer, StatePacket state) {
        return timed(MessageType.UPDATE, client.exchange(peer.endpoint(), MessageType.UPDATE, state.encode())
                .thenAccept(payload -> {
                    peer.heardFrom(clock.instant());
                    peer.delivered(state.lastUpdate());
                    if (payload.length > 0) {
                        StatePacket answer = StatePacket.decode(payload);
                        if (!answer.nodeId().equals(peer.nodeId())) {
                            throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE,
                                    peer.nodeId() + " answered UPDATE with the state of " + answer.nodeId());
                        }
                        intake.applyAnswer(peer, answer);
                    }
                }));
    }

    /**
     * Sends a state like {@link #sendState}; a peer that refuses it as coming from an unknown
     * node (it restarted and forgot us) is greeted with HELLO and gets the state again.
     */
    CompletableFuture<Void> deliverState(Peer peer, StatePacket state) {
        return sendState(peer, state).exceptionallyCompose(error -> {
            if (unwrap(error) instanceof ExchangeFailedException failed && failed.status() == ProtocolException.UNAUTHORIZED) {
                return hello(peer.endpoint()).thenCompose(greeted -> sendState(greeted, state));
            }
            return CompletableFuture.failedFuture(error);
        });
    }

    /** Asks a peer for its address book; the answer is verified with the peer's pinned key. */
    CompletableFuture<Map<String, Endpoint>> requestPeers(Peer peer) {
        PeersPacket unsigned = new PeersPacket(identity.nodeId(), EMPTY, Map.of());
        PeersPacket request = unsigned.withSignature(identity.sign(unsigned.signedPart()));
        return timed(MessageType.PEERS, client.exchange(peer.endpoint(), MessageType.PEERS, request.encode())
                .thenApply(payload -> {
                    PeersPacket answer = PeersPacket.decode(payload);
                    if (!answer.nodeId().equals(peer.nodeId())) {
                        throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE,
                                peer.nodeId() + " answered PEERS as " + answer.nodeId());
                    }
                    authenticator.verify(answer.nodeId(), answer.signedPart(), answer.signature());
                    peer.heardFrom(clock.instant());
                    return answer.peers();
                }));
    }

    /** Checks that a peer is alive. */
    CompletableFuture<Void> ping(Peer peer) {
        return timed(MessageType.PING, client.exchange(peer.endpoint(), MessageType.PING, PING)
                .thenAccept(payload -> peer.heardFrom(clock.instant())));
    }

    /** Sends application bytes to a peer; the future holds its reply. */
    CompletableFuture<String> sendData(Peer peer, byte[] data) {
        DataPacket unsigned = new DataPacket(identity.nodeId(), EMPTY, data);
        DataPacket packet = unsigned.withSignature(identity.sign(unsigned.signedPart()));
        return timed(MessageType.DATA, client.exchange(peer.endpoint(), MessageType.DATA, packet.encode())
                .thenApply(reply -> {
                    peer.heardFrom(clock.instant());
                    return new String(reply, StandardCharsets.UTF_8);
                }));
    }

    private <T> CompletableFuture<T> timed(MessageType type, CompletableFuture<T> exchange) {
        long started = System.nanoTime();
        return exchange.whenComplete((result, error) ->
                metrics.messageSent(type, outcomeOf(error), System.nanoTime() - started));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static DSNMetrics.Outcome outcomeOf(Throwable error) {
        if (error == null) {
            return DSNMetrics.Outcome.SUCCESS;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof ExchangeFailedException failed && failed.status() > 0 && failed.status() != 200) {
            return DSNMetrics.Outcome.REFUSED;
        }
        return DSNMetrics.Outcome.FAILED;
    }
}
