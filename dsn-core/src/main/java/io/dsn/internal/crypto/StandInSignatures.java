package io.dsn.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The simulator's cheap stand-in for ECDSA, about a hundred times faster: the public key is
 * {@code SHA-512(tag || private key)} and a signature is {@code SHA-512(public key || message)}.
 * It keeps every check of the protocol running (a signature of another message or by another key
 * is refused, a wrong key for a pinned id is a conflict), but it is <b>not a signature</b>:
 * anyone who knows a public key can sign for it. A node uses it only when its runtime is a
 * simulation's, made with {@link io.dsn.runtime.NodeSignatures#SIMULATION_STAND_IN}; no
 * configuration reaches it, and the system runtime never carries it.
 */
final class StandInSignatures implements SignatureScheme {

    static final StandInSignatures INSTANCE = new StandInSignatures();

    private static final byte[] PUBLIC_KEY_TAG = 
            "dsn-simulation-stand-in-public-key".getBytes(StandardCharsets.US_ASCII);

    private StandInSignatures() {
    }

    @Override
    public NodeKeyPair generate(SecureRandom random) {
        byte[] privateKey = new byte[NodeKeyPair.PRIVATE_KEY_LENGTH];
        random.nextBytes(privateKey);
        return fromPrivateKey(privateKey);
    }

    @Override
    public NodeKeyPair fromPrivateKey(byte[] private32) {
        NodeKeyPair.requireLength(private32);
        byte[] publicKey = sha512(PUBLIC_KEY_TAG, private32);
        return NodeKeyPair.of(private32, publicKey, message -> sha512(publicKey, message));
    }

    @Override
    public VerifyingKey verifyingKey(byte[] publicKey64) {
        if (publicKey64.length != Signatures.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("public key must be 64 bytes, was " + publicKey64.length);
        }
        byte[] key = publicKey64.clone();
        return (message, signature64) -> message != null && signature64 != null
                && signature64.length == Signatures.SIGNATURE_LENGTH
                && MessageDigest.isEqual(sha512(key, message), signature64);
    }

    private static byte[] sha512(byte[] first, byte[] second) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(first);
            return digest.digest(second);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "stand-in (SHA-512, not a signature; simulation only)";
    }
}
