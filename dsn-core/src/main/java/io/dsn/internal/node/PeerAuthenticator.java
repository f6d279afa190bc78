package io.dsn.internal.node;

import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.PinResult;
import io.dsn.internal.crypto.Signatures;
import io.dsn.internal.protocol.HelloPacket;

import java.util.Arrays;

/**
 * Decides whether a message really comes from the node it names: public keys are pinned on
 * first sight, a different key for a known id is refused, and every signature is checked
 * against the pinned key.
 */
final class PeerAuthenticator {

    private final CredentialStore credentials;
    private final String ownNodeId;

    PeerAuthenticator(CredentialStore credentials, String ownNodeId) {
        this.credentials = credentials;
        this.ownNodeId = ownNodeId;
    }

    /** Checks a HELLO (version, id, key, signature) and pins its key if it is new. */
    void acceptHello(HelloPacket hello) {
        if (!HelloPacket.PROTOCOL_VERSION.equals(hello.version())) {
            throw new ProtocolException(ProtocolException.VERSION_MISMATCH,
                    "protocol version " + hello.version() + ", expected " + HelloPacket.PROTOCOL_VERSION);
        }
        checkPeerId(hello.nodeId());
        byte[] pinned = credentials.pinnedKey(hello.nodeId()).orElse(null);
        if (pinned != null && !Arrays.equals(pinned, hello.publicKey())) {
            throw new ProtocolException(ProtocolException.UNAUTHORIZED,
                    "node " + hello.nodeId() + " presented a different public key than the one pinned for it");
        }
        if (!Signatures.verify(hello.publicKey(), hello.signedPart(), hello.signature())) {
            throw new ProtocolException(ProtocolException.UNAUTHORIZED, "bad HELLO signature from " + hello.nodeId());
        }
        if (pinned == null && credentials.pin(hello.nodeId(), hello.publicKey()) == PinResult.CONFLICT) {
            throw new ProtocolException(ProtocolException.UNAUTHORIZED,
                    "node " + hello.nodeId() + " presented a different public key than the one pinned for it");
        }
    }

    /** Checks a signature by a node whose key is pinned. */
    void verify(String nodeId, byte[] signedPart, byte[] signature) {
        checkPeerId(nodeId);
        byte[] key = credentials.pinnedKey(nodeId).orElseThrow(() ->
                new ProtocolException(ProtocolException.UNAUTHORIZED, "unknown sender " + nodeId));
        if (!Signatures.verify(key, signedPart, signature)) {
            throw new ProtocolException(ProtocolException.UNAUTHORIZED, "bad signature from " + nodeId);
        }
    }

    /** Ids must be usable as file names and must not be ours. */
    void checkPeerId(String nodeId) {
        if (!CredentialStore.isSafeNodeId(nodeId)) {
            throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE, "node id is not acceptable");
        }
        if (nodeId.equals(ownNodeId)) {
            throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE, "message claims to come from this node itself");
        }
    }
}
