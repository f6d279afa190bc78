package io.dsn.internal.crypto.sealing;

import io.dsn.ProtocolMode;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.Opened;
import io.dsn.internal.crypto.SecureEnvelope;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.MessageType;


/**
 * The compatible protocol's protection, byte for byte the Python node's: {@code encrypt(type ||
 * payload)} with the network cipher (PROTOCOL.md sections 1 and 2). A request body fails alike,
 * after the same work, whatever made it unreadable (no padding oracle); only a body of the secure
 * protocol, told apart by its marker and length (the sender's choice, not the key's), is refused
 * as such.
 */
public final class CompatibleSealing implements Sealing {

    private final NetworkCipher cipher;

    public CompatibleSealing(NetworkCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public ProtocolMode protocol() {
        return ProtocolMode.COMPATIBLE;
    }

    @Override
    public SealedRequest seal(MessageType type, byte[] payload, String recipientId) {
        return new SealedRequest(cipher.encrypt(Envelope.frame(type, payload)),
                answer -> Envelope.open(type, cipher.decrypt(answer)));
    }

    @Override
    public OpenedRequest open(MessageType type, byte[] body) {
        if (SecureEnvelope.looksSecure(body)) {
            return OpenedRequest.refused(Refusal.OTHER_PROTOCOL, "a body of the secure protocol", null);
        }
        Opened opened = cipher.open(body);
        byte[] plain = opened.plaintext();
        boolean framed = Envelope.isOf(type, plain);
        Refusal refusal = opened.valid() && framed ? Refusal.NONE : Refusal.UNREADABLE;
        String detail = !opened.valid() ? "undecryptable body (wrong network key?)"
                : !framed ? "message type does not match the path" : "";
        return new OpenedRequest(Envelope.payload(plain), refusal,
                detail, null, answer -> cipher.encrypt(Envelope.frame(type, answer)));
    }

    @Override
    public int bodyLength(int packetLength) {
        return cipher.encryptedLength(packetLength + 1);
    }
}
