package io.dsn.internal.crypto.sealing;

import io.dsn.ProtocolMode;
import io.dsn.internal.crypto.NetworkKeyring;
import io.dsn.internal.crypto.SecureEnvelope;
import io.dsn.internal.crypto.SecureEnvelope.Opened;
import io.dsn.internal.crypto.SecureEnvelope.UnopenedException;
import io.dsn.internal.crypto.SecureKey;
import io.dsn.internal.protocol.ByteWriter;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.SecureMessage;
import io.dsn.internal.protocol.WireTime;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The secure protocol's protection (PROTOCOL.md section 8): every message sealed with AES-256-GCM
 * under a key of the node's {@link NetworkKeyring}, with a fresh random 96-bit nonce that is also
 * its message id, and its sender, recipient and time inside. A request is taken only when it is
 * for this node, fresh ({@link ReplayWindow}) and of the path's type; its answer is sealed with
 * the request's key and names the request, so that an answer cannot be replayed either.
 */
public final class SecureSealing implements Sealing {

    /** Node ids are file names of at most 255 bytes. */
    private static final int MAX_ID_BYTES = 255;

    private final String ownId;
    private final int ownIdBytes;
    private final NetworkKeyring keyring;
    private final ReplayWindow replays;
    private final Clock clock;
    private final SecureRandom random;

    public SecureSealing(String ownId, NetworkKeyring keyring, ReplayWindow replays, Clock clock, SecureRandom random) {
        this.ownId = ownId;
        this.ownIdBytes = ByteWriter.utf8Length(ownId);
        this.keyring = keyring;
        this.replays = replays;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public ProtocolMode protocol() {
        return ProtocolMode.SECURE;
    }

    @Override
    public SealedRequest seal(MessageType type, byte[] payload, String recipientId) {
        SecureKey key = keyring.primary();
        byte[] nonce = nonce();
        byte[] body = SecureEnvelope.seal(key, nonce, SecureMessage.request(type, now(), ownId, recipientId, payload));
        return new SealedRequest(body, answer -> {
            SecureMessage message = SecureEnvelope.open(key, answer).message();
            boolean ours = message.kind() == SecureMessage.Kind.ANSWER && message.type() == type
                    && Arrays.equals(message.inReplyTo(), nonce) && message.recipientId().equals(ownId);
            return ours ? Optional.of(message.payload()) : Optional.empty();
        });
    }

    @Override
    public OpenedRequest open(MessageType type, byte[] body) {
        Opened opened;
        try {
            opened = SecureEnvelope.open(keyring, body);
        } catch (UnopenedException e) {
            return switch (e.failure()) {
                case NOT_SECURE -> SecureEnvelope.looksCompatible(body)
                        ? OpenedRequest.refused(Refusal.OTHER_PROTOCOL, "a body of the compatible protocol", null)
                        : OpenedRequest.refused(Refusal.UNREADABLE, e.getMessage(), null);
                case UNKNOWN_KEY -> OpenedRequest.refused(Refusal.UNKNOWN_KEY, SecureEnvelope.keyIdOf(body), null);
                case OTHER_VERSION, NOT_AUTHENTIC, MALFORMED -> OpenedRequest.refused(Refusal.UNREADABLE,
                        e.getMessage(), null);
            };
        }
        SecureMessage request = opened.message();
        String sender = request.senderId();
        if (request.kind() != SecureMessage.Kind.REQUEST || request.type() != type) {
            return OpenedRequest.refused(Refusal.UNREADABLE, "a " + request.kind() + " " + request.type()
                    + " posted to " + type.path(), sender);
        }
        boolean forThisNode = request.recipientId().equals(ownId)
                || (request.recipientId().isEmpty() && type == MessageType.HELLO);
        if (!forThisNode) {
            return OpenedRequest.refused(Refusal.UNREADABLE, "addressed to node '" + request.recipientId() + "'", sender);
        }
        switch (replays.admit(opened.messageId(), request.sentAt())) {
            case REPLAYED -> {
                return OpenedRequest.refused(Refusal.REPLAYED, "message id taken before", sender);
            }
            case OUTSIDE_WINDOW -> {
                return OpenedRequest.refused(Refusal.OUTSIDE_WINDOW, String.format(Locale.ROOT,
                        "sent %.3f s from this node's clock", request.sentAt() - now()), sender);
            }
            case FRESH -> {
                // taken below
            }
        }
        return new OpenedRequest(request.payload(), Refusal.NONE, "", sender, answer -> SecureEnvelope.seal(
                opened.key(), nonce(), SecureMessage.answer(type, opened.messageId(), now(), ownId, sender, answer)));
    }

    @Override
    public int bodyLength(int packetLength) {
        return SecureEnvelope.sealedLength(SecureMessage.encodedLength(packetLength, ownIdBytes, MAX_ID_BYTES));
    }

    /** Random: unique among every message sealed with a key, whichever node sealed it (section 8.3). */
    private byte[] nonce() {
        byte[] nonce = new byte[SecureKey.NONCE_LENGTH];
        random.nextBytes(nonce);
        return nonce;
    }

    private double now() {
        return WireTime.now(clock);
    }
}
