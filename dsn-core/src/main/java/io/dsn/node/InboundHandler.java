package io.dsn.node;

import io.dsn.DSNMetrics;
import io.dsn.DataReceived;
import io.dsn.Endpoint;
import io.dsn.PeerJoined;
import io.dsn.crypto.DecryptionException;
import io.dsn.crypto.NetworkCipher;
import io.dsn.protocol.DataPacket;
import io.dsn.protocol.HelloPacket;
import io.dsn.protocol.MessageType;
import io.dsn.protocol.PacketFormatException;
import io.dsn.protocol.PeersPacket;
import io.dsn.protocol.StatePacket;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of the protocol: decrypts a request, checks its type against the path, runs
 * the message's handler and encrypts the answer. Every refusal is a status, never an exception
 * that escapes.
 */
final class InboundHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);

    private final Identity identity;
    private final NetworkCipher cipher;
    private final PeerAuthenticator authenticator;
    private final PeerTable peers;
    private final OwnState ownState;
    private final StateIntake intake;
    private final EventDispatcher events;
    private final Clock clock;
    private final DSNMetrics metrics;

    InboundHandler(Identity identity, NetworkCipher cipher, PeerAuthenticator authenticator, PeerTable peers,
                   OwnState ownState, StateIntake intake, EventDispatcher events, Clock clock, DSNMetrics metrics) {
        this.identity = identity;
        this.cipher = cipher;
        this.authenticator = authenticator;
        this.peers = peers;
        this.ownState = ownState;
        this.intake = intake;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public TransportResponse handle(String path, byte[] body, String remoteAddress) {
        Optional<MessageType> routed = MessageType.fromPath(path);
        if (routed.isEmpty()) {
            return TransportResponse.status(404);
        }
        MessageType type = routed.get();
        long started = System.nanoTime();
        TransportResponse response = serve(type, body, remoteAddress);
        metrics.messageReceived(type, response.status(), System.nanoTime() - started);
        return response;
    }

    private TransportResponse serve(MessageType type, byte[] body, String remoteAddress) {
        byte[] plain;
        try {
            plain = cipher.decrypt(body);
        } catch (DecryptionException e) {
            return refuse(type, remoteAddress, 400, "undecryptable body (wrong network key?)");
        }
        if (plain.length == 0 || plain[0] != type.code()) {
            return refuse(type, remoteAddress, 400, "message type does not match the path");
        }
        byte[] payload = Arrays.copyOfRange(plain, 1, plain.length);
        try {
            byte[] answer = switch (type) {
                case HELLO -> onHello(payload, remoteAddress);
                case PEERS -> onPeers(payload);
                case UPDATE -> onUpdate(payload);
                case PING -> EMPTY;
                case DATA -> onData(payload);
            };
            byte[] framed = new byte[answer.length + 1];
            framed[0] = type.code();
            System.arraycopy(answer, 0, framed, 1, answer.length);
            return new TransportResponse(200, cipher.encrypt(framed));
        } catch (PacketFormatException e) {
            return refuse(type, remoteAddress, ProtocolException.NOT_ACCEPTABLE, "malformed packet: " + e.getMessage());
        } catch (ProtocolException e) {
            return refuse(type, remoteAddress, e.status(), e.getMessage());
        }
    }

    private static TransportResponse refuse(MessageType type, String remoteAddress, int status, String why) {
        log.debug("Refused {} from {} with {}: {}", type, remoteAddress, status, why);
        return TransportResponse.status(status);
    }

    private byte[] onHello(byte[] payload, String remoteAddress) {
        HelloPacket hello = HelloPacket.decode(payload);
        authenticator.acceptHello(hello);
        // Like the Python node: the address is the one the connection came from, the port the advertised one.
        Endpoint endpoint = new Endpoint(remoteAddress, hello.endpoint().port());
        PeerTable.Admission admission = peers.admit(hello.nodeId(), endpoint, clock.instant());
        if (admission.joined()) {
            events.publish(new PeerJoined(hello.nodeId(), endpoint));
        }
        return identity.hello(remoteAddress).encode();
    }

    private byte[] onPeers(byte[] payload) {
        PeersPacket request = PeersPacket.decode(payload);
        Peer sender = peers.get(request.nodeId()).orElseThrow(() ->
                new ProtocolException(ProtocolException.UNAUTHORIZED, "PEERS from unknown node " + request.nodeId()));
        authenticator.verify(request.nodeId(), request.signedPart(), request.signature());
        sender.heardFrom(clock.instant());
        Map<String, Endpoint> book = new LinkedHashMap<>();
        for (Peer peer : peers.sorted()) {
            book.put(peer.nodeId(), peer.endpoint());
        }
        PeersPacket unsigned = new PeersPacket(identity.nodeId(), EMPTY, book);
        return unsigned.withSignature(identity.sign(unsigned.signedPart())).encode();
    }

    private byte[] onUpdate(byte[] payload) {
        StatePacket packet = StatePacket.decode(payload);
        Map<String, String> data = intake.verify(packet);
        Peer peer = peers.get(packet.nodeId()).orElse(null);
        if (peer == null) {
            // A validly signed state from a node we dropped earlier: it is back.
            PeerTable.Admission admission = peers.readmit(packet.nodeId(), clock.instant()).orElseThrow(() ->
                    new ProtocolException(ProtocolException.UNAUTHORIZED,
                            "UPDATE from " + packet.nodeId() + ", which never said HELLO to this node"));
            peer = admission.peer();
            if (admission.joined()) {
                events.publish(new PeerJoined(peer.nodeId(), peer.endpoint()));
            }
        }
        peer.heardFrom(clock.instant());
        boolean news = intake.apply(peer, packet, data);
        return news ? ownState.current().packet().encode() : EMPTY;
    }

    private byte[] onData(byte[] payload) {
        DataPacket packet = DataPacket.decode(payload);
        Peer sender = peers.get(packet.nodeId()).orElseThrow(() ->
                new ProtocolException(ProtocolException.UNAUTHORIZED, "DATA from unknown node " + packet.nodeId()));
        authenticator.verify(packet.nodeId(), packet.signedPart(), packet.signature());
        sender.heardFrom(clock.instant());
        events.publish(new DataReceived(packet.nodeId(), packet.data()));
        return OK;
    }
}
