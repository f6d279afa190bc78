package io.dsn.internal.crypto;

import java.security.SecureRandom;

/**
 * How a node makes its key pair and checks the signatures of others. Nodes use the protocol's
 * ECDSA on secp256k1, computed by libsecp256k1 ({@link NativeSignatures}) or Bouncy Castle
 * ({@link BouncyCastleSignatures}), which {@link SignatureSchemes} chooses between; the only other
 * scheme is the simulator's {@link StandInSignatures}.
 */
public interface SignatureScheme {

    /** A fresh key pair. */
    NodeKeyPair generate(SecureRandom random);

    /**
     * The key pair of a stored 32-byte private key.
     *
     * @throws IllegalArgumentException if the bytes are not a valid private key of this scheme
     */
    NodeKeyPair fromPrivateKey(byte[] private32);

    /**
     * The 64-byte public key {@code X || Y} decoded for checking signatures.
     *
     * @throws IllegalArgumentException if the bytes are not a public key of this scheme
     */
    VerifyingKey verifyingKey(byte[] publicKey64);

    /** Whether the signature is the key's over the message; never throws, malformed input is {@code false}. */
    default boolean verify(byte[] publicKey64, byte[] message, byte[] signature64) {
        if (publicKey64 == null || publicKey64.length != Signatures.PUBLIC_KEY_LENGTH) {
            return false;
        }
        VerifyingKey key;
        try {
            key = verifyingKey(publicKey64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return key.verify(message, signature64);
    }
}
