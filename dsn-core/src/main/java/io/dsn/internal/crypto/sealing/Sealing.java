package io.dsn.internal.crypto.sealing;

import io.dsn.ProtocolMode;
import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.protocol.MessageType;
import org.jspecify.annotations.Nullable;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How messages are protected on the wire, both ways: {@link CompatibleSealing} (the Python node's
 * AES-CBC with a fixed IV, PROTOCOL.md section 2) or {@link SecureSealing} (AES-256-GCM with a
 * sender, a time and a message id in every message, section 8). The call path seals requests and
 * opens answers with it; the dispatcher opens requests and seals answers.
 */
public interface Sealing {

    /** The protocol this sealing speaks. */
    ProtocolMode protocol();

    /**
     * Seals one attempt of a request. Every attempt is sealed anew: in the secure protocol a retry
     * is a new message, which the receiver would otherwise refuse as a replay.
     *
     * @param recipientId the node it is for; empty when not known (a HELLO to an endpoint)
     */
    SealedRequest seal(MessageType type, byte[] payload, String recipientId);

    /** Opens a request for the path's type; never throws: a refusal is in what it returns. */
    OpenedRequest open(MessageType type, byte[] body);

    /** The length of a request body carrying a packet of this length. */
    int bodyLength(int packetLength);

    /** How a request's answer is opened. */
    @FunctionalInterface
    interface AnswerOpener {

        /**
         * The payload of the answer to the request, or empty when the answer is readable but
         * belongs to another message type (or, secure, to another request).
         *
         * @throws DecryptionException when the answer cannot be read at all (another key, another protocol)
         */
        Optional<byte[]> open(byte[] answer) throws DecryptionException;
    }

    /** A request on its way, which knows how to open its answer. */
    record SealedRequest(byte[] body, AnswerOpener answerOpener) {

        /** See {@link AnswerOpener#open}. */
        public Optional<byte[]> openAnswer(byte[] answer) throws DecryptionException {
            return answerOpener.open(answer);
        }
    }

    /**
     * What a request body held.
     *
     * @param payload the packet to read: when refused, whatever came out, to be parsed and
     *                thrown away like a readable one (compatible: the same work for every refusal)
     * @param refusal why it is refused, or {@link Refusal#NONE}
     * @param detail what to say about a refusal in the log
     * @param senderId who sent it, when known (secure)
     * @param answerSealer seals the answer's payload
     */
    record OpenedRequest(byte[] payload, Refusal refusal, String detail, @Nullable String senderId,
                         UnaryOperator<byte[]> answerSealer) {

        static OpenedRequest refused(Refusal refusal, String detail, @Nullable String senderId) {
            return new OpenedRequest(new byte[0], refusal, detail, senderId, answer -> {
                throw new IllegalStateException("a refused request gets no answer");
            });
        }

        /** The answer's payload, sealed for the request's sender. */
        public byte[] sealAnswer(byte[] answerPayload) {
            return answerSealer.apply(answerPayload);
        }
    }

    /** Why a request is refused before its packet reaches its exchange (the dispatcher gives each its status). */
    enum Refusal {
        NONE,
        /** Does not decrypt or authenticate, wrong type, does not parse, addressed to another node. */
        UNREADABLE,
        /** Secure: sealed with a network key this node does not hold. */
        UNKNOWN_KEY,
        /** A body of the other protocol: compatible traffic at a secure node, or the reverse. */
        OTHER_PROTOCOL,
        /** Secure: a message id taken before. */
        REPLAYED,
        /** Secure: sent too long before or after this node's clock. */
        OUTSIDE_WINDOW
    }
}
