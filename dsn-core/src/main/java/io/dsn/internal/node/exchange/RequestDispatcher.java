package io.dsn.internal.node.exchange;

import io.dsn.DSNMetrics;
import io.dsn.internal.crypto.sealing.Sealing;
import io.dsn.internal.crypto.sealing.Sealing.OpenedRequest;
import io.dsn.internal.crypto.sealing.Sealing.Refusal;
import io.dsn.internal.node.guard.FailingSources;
import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.internal.node.guard.RefusalWarnings;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PacketFormatException;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.TransportResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The one way a message enters this node: 413 for a body over the protocol's limit of its path
 * ({@link MessageType#bodyLimitOf}, whatever the transport), 503 until the node is started, 404 for an unknown
 * path, then open the body ({@link Sealing}: decrypt, check the type against the path, and in the
 * secure protocol its recipient and freshness), read the packet, route it to its message's
 * exchange and seal the answer. Every refusal is a status (PROTOCOL.md section 4),
 * never an exception that escapes.
 *
 * <p>No padding oracle (PROTOCOL.md section 1, "Ruling (Java nodes): one status before the
 * signature check"): a body that does not decrypt, does not carry the path's type byte or does
 * not parse as the path's packet gets {@value ProtocolException#UNREADABLE} after the same work,
 * every step run whatever the previous one found. Only a readable packet reaches its exchange, whose refusals come from the
 * signature check on. A body of the other protocol gets {@value ProtocolException#OTHER_PROTOCOL}, a
 * secure request that is not fresh {@value ProtocolException#NOT_FRESH}, each logged once with what to do.
 * A source that sends too many unreadable bodies is held off for a while ({@link FailingSources}):
 * its unreadable bodies get 429, and what it sends that can be read is still served, so that
 * honest nodes that share its address (behind one NAT, on one host) are not silenced with it.
 */
public final class RequestDispatcher implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final int TOO_LARGE = 413;

    /** The server side of one message: how its payload is read, and the answer's payload for what was read. */
    public interface Route<P> {

        /** @throws PacketFormatException when the payload is not this message's packet */
        P decode(byte[] payload);

        byte[] answer(P packet, String remoteAddress);

        static <P> Route<P> of(Function<byte[], P> decode, BiFunction<P, String, byte[]> answer) {
            return new Route<>() {
                @Override
                public P decode(byte[] payload) {
                    return decode.apply(payload);
                }

                @Override
                public byte[] answer(P packet, String remoteAddress) {
                    return answer.apply(packet, remoteAddress);
                }
            };
        }
    }

    private final Sealing sealing;
    private final DSNMetrics metrics;
    private final LongSupplier nanoTime;
    private final FailingSources failingSources;
    private final RefusalWarnings refusals;
    private final Map<MessageType, Route<?>> routes;
    private volatile boolean open;

    public RequestDispatcher(Sealing sealing, DSNMetrics metrics, LongSupplier nanoTime, FailingSources failingSources,
                             RefusalWarnings refusals, Map<MessageType, Route<?>> routes) {
        this.refusals = refusals;
        this.sealing = sealing;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.failingSources = failingSources;
        this.routes = new EnumMap<>(routes);
        if (this.routes.size() != MessageType.values().length) {
            throw new IllegalArgumentException("a route for every message type is needed, got " + routes.keySet());
        }
    }

    /** From now on requests are served. */
    public void open() {
        open = true;
    }

    /** From now on every request gets 503 again (the node stops). */
    public void close() {
        open = false;
    }

    @Override
    public int bodyLimit(String path) {
        return MessageType.bodyLimitOf(path);
    }

    @Override
    public TransportResponse handle(String path, byte[] body, String remoteAddress) {
        int limit = bodyLimit(path);
        if (body.length > limit) {
            // An HTTP transport stops reading such a body at the limit; an in-memory one hands it whole.
            log.debug("Refused a request to {} from {} with 413: {} bytes, over the limit of {} for its path", path,
                    remoteAddress, body.length, limit);
            return TransportResponse.status(TOO_LARGE);
        }
        if (!open) {
            return TransportResponse.status(ProtocolException.UNAVAILABLE);
        }
        Optional<MessageType> routed = MessageType.fromPath(path);
        if (routed.isEmpty()) {
            return TransportResponse.status(404);
        }
        MessageType type = routed.get();
        DSNMetrics.Exchange exchange = metrics.exchangeStarted(type.metricsTag(), DSNMetrics.Direction.INCOMING, remoteAddress);
        long started = nanoTime.getAsLong();
        // Every request is opened, held-off source or not: the same work for each, so no oracle.
        Served served = serve(type, routes.get(type), body, remoteAddress);
        TransportResponse response = served.response();
        if (served.unreadable()) {
            boolean heldOff = failingSources.isHeldOff(remoteAddress);
            failingSources.failed(remoteAddress);
            if (heldOff) {
                response = TransportResponse.status(ProtocolException.TOO_MANY);
            }
        }
        metrics.messageReceived(type.metricsTag(), response.status(), nanoTime.getAsLong() - started);
        exchange.ended(response.status() < 300 ? DSNMetrics.Outcome.SUCCESS : DSNMetrics.Outcome.REFUSED,
                response.status());
        return response;
    }

    /**
     * What serving a request gave: its response, and whether its body could not be read at all
     * (which counts towards holding its source off; the honest misconfigurations that a body
     * still shows, another protocol, a clock outside the window, a key not held yet, do not).
     */
    private record Served(TransportResponse response, boolean unreadable) {

        static Served answered(TransportResponse response) {
            return new Served(response, false);
        }
    }

    private <P> Served serve(MessageType type, Route<P> route, byte[] body, String remoteAddress) {
        try {
            OpenedRequest opened = sealing.open(type, body);
            P packet = decodeOrNull(route, opened.payload());
            if (opened.refusal() != Refusal.NONE || packet == null) {
                Refusal refusal = opened.refusal() == Refusal.NONE ? Refusal.UNREADABLE : opened.refusal();
                // Every unreadable body is logged alike: telling the causes apart would be a timing oracle.
                warnAbout(refusal, opened, remoteAddress);
                return new Served(refuse(type, remoteAddress, statusOf(refusal),
                        opened.refusal() == Refusal.NONE ? "malformed packet" : opened.detail()),
                        refusal == Refusal.UNREADABLE);
            }
            byte[] answer = route.answer(packet, remoteAddress);
            return Served.answered(new TransportResponse(200, opened.sealAnswer(answer)));
        } catch (PacketFormatException e) {
            // Only a readable, signed packet gets here: its content (a state's JSON) is not acceptable.
            return Served.answered(refuse(type, remoteAddress, ProtocolException.NOT_ACCEPTABLE,
                    "malformed content: " + e.getMessage()));
        } catch (ProtocolException e) {
            return Served.answered(refuse(type, remoteAddress, e.status(), e.getMessage()));
        } catch (RuntimeException e) {
            log.error("Bug or fault while serving {} from {}; answered 500", type, remoteAddress, e);
            return Served.answered(TransportResponse.status(500));
        }
    }

    private void warnAbout(Refusal refusal, OpenedRequest opened, String remoteAddress) {
        switch (refusal) {
            case OTHER_PROTOCOL -> refusals.otherProtocolFrom(remoteAddress, sealing.protocol());
            case UNKNOWN_KEY -> refusals.unknownKeyFrom(remoteAddress, opened.detail());
            case REPLAYED -> refusals.replayFrom(remoteAddress, opened.senderId());
            case OUTSIDE_WINDOW -> refusals.outsideWindow(remoteAddress, opened.senderId(), opened.detail());
            default -> refusals.unreadableFrom(remoteAddress);
        }
    }

    /** The status of a request its sealing refused. */
    private static int statusOf(Refusal refusal) {
        return switch (refusal) {
            case NONE -> 200;
            case UNREADABLE, UNKNOWN_KEY -> ProtocolException.UNREADABLE;
            case OTHER_PROTOCOL -> ProtocolException.OTHER_PROTOCOL;
            case REPLAYED, OUTSIDE_WINDOW -> ProtocolException.NOT_FRESH;
        };
    }

    /** The packet, or null when it does not parse; parsed whether or not the body was readable. */
    private static <P> @Nullable P decodeOrNull(Route<P> route, byte[] payload) {
        try {
            return route.decode(payload);
        } catch (PacketFormatException e) {
            return null;
        }
    }

    private static TransportResponse refuse(MessageType type, String remoteAddress, int status, String why) {
        log.debug("Refused {} from {} with {}: {}", type, remoteAddress, status, why);
        return TransportResponse.status(status);
    }
}
