package io.dsn.internal.node;

import io.dsn.DSNMetrics;
import io.dsn.MessageType;
import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.PacketFormatException;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The one way a message enters this node: 503 until the node is started, 404 for an unknown
 * path, then decrypt, check the type byte against the path, route to the message's exchange and
 * encrypt its answer. Every refusal is a status (PROTOCOL.md section 4), never an exception
 * that escapes.
 */
final class RequestDispatcher implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    /** The server side of one message: the answer's payload for a request's payload. */
    @FunctionalInterface
    interface Answerer {
        byte[] answer(byte[] payload, String remoteAddress);
    }

    private final NetworkCipher cipher;
    private final DSNMetrics metrics;
    private final LongSupplier nanoTime;
    private final Answerer hello;
    private final Answerer peers;
    private final Answerer update;
    private final Answerer ping;
    private final Answerer data;
    private volatile boolean open;

    RequestDispatcher(NetworkCipher cipher, DSNMetrics metrics, LongSupplier nanoTime, Answerer hello,
                      Answerer peers, Answerer update, Answerer ping, Answerer data) {
        this.cipher = cipher;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.hello = hello;
        this.peers = peers;
        this.update = update;
        this.ping = ping;
        this.data = data;
    }

    /** From now on requests are served. */
    void open() {
        open = true;
    }

    /** From now on every request gets 503 again (the node stops). */
    void close() {
        open = false;
    }

    @Override
    public TransportResponse handle(String path, byte[] body, String remoteAddress) {
        if (!open) {
            return TransportResponse.status(503);
        }
        Optional<MessageType> routed = MessageType.fromPath(path);
        if (routed.isEmpty()) {
            return TransportResponse.status(404);
        }
        MessageType type = routed.get();
        long started = nanoTime.getAsLong();
        TransportResponse response = serve(type, body, remoteAddress);
        metrics.messageReceived(type, response.status(), nanoTime.getAsLong() - started);
        return response;
    }

    private TransportResponse serve(MessageType type, byte[] body, String remoteAddress) {
        byte[] plain;
        try {
            plain = cipher.decrypt(body);
        } catch (DecryptionException e) {
            return refuse(type, remoteAddress, ProtocolException.UNDECRYPTABLE, "undecryptable body (wrong network key?)");
        }
        Optional<byte[]> payload = Envelope.open(type, plain);
        if (payload.isEmpty()) {
            return refuse(type, remoteAddress, ProtocolException.UNDECRYPTABLE, "message type does not match the path");
        }
        try {
            byte[] answer = answererOf(type).answer(payload.get(), remoteAddress);
            return new TransportResponse(200, cipher.encrypt(Envelope.frame(type, answer)));
        } catch (PacketFormatException e) {
            return refuse(type, remoteAddress, ProtocolException.NOT_ACCEPTABLE, "malformed packet: " + e.getMessage());
        } catch (ProtocolException e) {
            return refuse(type, remoteAddress, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Bug or fault while serving {} from {}; answered 500", type, remoteAddress, e);
            return TransportResponse.status(500);
        }
    }

    private Answerer answererOf(MessageType type) {
        return switch (type) {
            case HELLO -> hello;
            case PEERS -> peers;
            case UPDATE -> update;
            case PING -> ping;
            case DATA -> data;
        };
    }

    private static TransportResponse refuse(MessageType type, String remoteAddress, int status, String why) {
        log.debug("Refused {} from {} with {}: {}", type, remoteAddress, status, why);
        return TransportResponse.status(status);
    }
}
