package io.dsn.internal.node.exchange;

import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.PinResult;
import io.dsn.internal.crypto.SignatureScheme;
import io.dsn.internal.crypto.UnreadablePinException;
import io.dsn.internal.crypto.VerifyingKey;
import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.internal.node.guard.RefusalWarnings;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.SignedPacket;

import java.util.Arrays;
import java.util.Optional;

/**
 * Decides whether a message really comes from the node it names: public keys are pinned on
 * first sight, a different key for a known id is refused, and every signature is checked
 * against the pinned key. The signature is checked before anything else about a packet is judged
 * (PROTOCOL.md section 1, "Ruling (Java nodes): one status before the signature check").
 */
public final class PeerAuthenticator {

    private final CredentialStore credentials;
    private final String ownNodeId;
    private final RefusalWarnings refusals;
    private final SignatureScheme signatures;
    private final VerifiedOnce verified;

    /**
     * @param remembered how many verified packets to remember, so as not to check them again
     */
    public PeerAuthenticator(CredentialStore credentials, String ownNodeId, RefusalWarnings refusals,
                             SignatureScheme signatures, int remembered) {
        this.credentials = credentials;
        this.signatures = signatures;
        this.verified = new VerifiedOnce(remembered);
        this.ownNodeId = ownNodeId;
        this.refusals = refusals;
    }

    /**
     * Checks a HELLO: signed by the key it carries, this protocol version, an acceptable id, and
     * the key pinned for that id if there is one.
     *
     * @return whether a key is pinned for the node already; if not, {@link #pinNew} pins it
     */
    CheckedHello checkHello(HelloPacket hello) {
        // A known node's key is decoded already, kept with its pin; a new one is decoded once, here.
        CredentialStore.PinnedKey pin = CredentialStore.isSafeNodeId(hello.nodeId()) ? pinned(hello.nodeId()).orElse(null) : null;
        byte[] pinned = pin == null ? null : pin.bytes();
        VerifyingKey key = pinned != null && Arrays.equals(pinned, hello.publicKey()) ? pin.key() : decode(hello.publicKey());
        if (!verified.verify(hello.publicKey(), key, hello.signedPart(), hello.signature())) {
            throw new ProtocolException(ProtocolException.UNAUTHORIZED, "bad HELLO signature");
        }
        if (!HelloPacket.PROTOCOL_VERSION.equals(hello.version())) {
            refusals.versionMismatch(hello.nodeId(), hello.version());
            throw new ProtocolException(ProtocolException.VERSION_MISMATCH,
                    "protocol version " + hello.version() + ", expected " + HelloPacket.PROTOCOL_VERSION);
        }
        checkPeerId(hello.nodeId());
        if (pinned != null && !Arrays.equals(pinned, hello.publicKey())) {
            throw differentKey(hello.nodeId());
        }
        return new CheckedHello(hello, key, pinned != null);
    }

    /**
     * A HELLO whose signature holds, from an acceptable id with no other key pinned.
     *
     * @param key its key, decoded
     * @param pinned whether a key is pinned for the node already; if not, {@link #pinNew} pins it
     */
    record CheckedHello(HelloPacket hello, VerifyingKey key, boolean pinned) {
    }

    /** Pins the key of a checked HELLO whose node had none (one pinned meanwhile must be the same). */
    void pinNew(CheckedHello checked) {
        HelloPacket hello = checked.hello();
        PinResult result;
        try {
            result = credentials.pin(hello.nodeId(), hello.publicKey(), checked.key());
        } catch (UnreadablePinException e) {
            throw unreadablePin(hello.nodeId());
        }
        if (result == PinResult.CONFLICT) {
            throw differentKey(hello.nodeId());
        }
    }

    /**
     * Checks that the node a packet names signed it, with the key pinned for that node. A packet
     * that this node signed itself (sent back to it) is valid but not acceptable.
     */
    void verify(SignedPacket<?> packet) {
        String nodeId = packet.nodeId();
        CredentialStore.PinnedKey pin = (CredentialStore.isSafeNodeId(nodeId) ? pinned(nodeId) : Optional.<CredentialStore.PinnedKey>empty())
                .orElseThrow(() -> new ProtocolException(ProtocolException.UNAUTHORIZED, "unknown sender"));
        if (!verified.verify(pin.bytes(), pin.key(), packet.signedPart(), packet.signature())) {
            throw new ProtocolException(ProtocolException.UNAUTHORIZED, "bad signature from " + nodeId);
        }
        if (nodeId.equals(ownNodeId)) {
            throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE, "message of this node itself, sent back to it");
        }
    }

    /** The pinned key; a pin that cannot be read refuses its node (the store logs it once). */
    private Optional<CredentialStore.PinnedKey> pinned(String nodeId) {
        try {
            return credentials.pinned(nodeId);
        } catch (UnreadablePinException e) {
            throw unreadablePin(nodeId);
        }
    }

    /** A key a HELLO carries; one that is no point of the curve cannot have signed it. */
    private VerifyingKey decode(byte[] publicKey64) {
        try {
            return signatures.verifyingKey(publicKey64);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ProtocolException.UNAUTHORIZED, "bad HELLO signature");
        }
    }

    private static ProtocolException unreadablePin(String nodeId) {
        return new ProtocolException(ProtocolException.UNAUTHORIZED, "the key pinned for " + nodeId + " cannot be read");
    }

    /** Ids must be usable as file names and must not be ours. */
    private void checkPeerId(String nodeId) {
        if (!CredentialStore.isSafeNodeId(nodeId)) {
            throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE, "node id is not acceptable");
        }
        if (nodeId.equals(ownNodeId)) {
            throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE, "message claims to come from this node itself");
        }
    }

    private ProtocolException differentKey(String nodeId) {
        refusals.keyConflict(nodeId, credentials.nodeDirectory().resolve(nodeId + ".pub"));
        return new ProtocolException(ProtocolException.UNAUTHORIZED,
                "node " + nodeId + " presented a different public key than the one pinned for it");
    }
}
