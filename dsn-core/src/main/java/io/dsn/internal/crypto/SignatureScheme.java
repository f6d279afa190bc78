package io.dsn.internal.crypto;

import io.dsn.runtime.NodeSignatures;

import java.security.SecureRandom;

/**
 * How a node makes its key pair and checks the signatures of others. Every node uses
 * {@link #SECP256K1}, the protocol's ECDSA; the only other scheme is the simulator's
 * {@link StandInSignatures}, which a node gets only from a runtime made to carry it
 * ({@link #of}).
 */
public interface SignatureScheme {

    /** The scheme of nodes whose runtime chose {@code signatures}. */
    static SignatureScheme of(NodeSignatures signatures) {
        return switch (signatures) {
            case ECDSA -> SECP256K1;
            case SIMULATION_STAND_IN -> StandInSignatures.INSTANCE;
        };
    }

    /** The protocol's scheme: ECDSA on secp256k1 ({@link NodeKeyPair}, {@link Signatures}). */
    SignatureScheme SECP256K1 = new SignatureScheme() {
        @Override
        public NodeKeyPair generate(SecureRandom random) {
            return NodeKeyPair.generate(random);
        }

        @Override
        public NodeKeyPair fromPrivateKey(byte[] private32) {
            return NodeKeyPair.fromPrivateKey(private32);
        }

        @Override
        public boolean verify(byte[] publicKey64, byte[] message, byte[] signature64) {
            return Signatures.verify(publicKey64, message, signature64);
        }

        @Override
        public String toString() {
            return "ECDSA secp256k1";
        }
    };

    /** A fresh key pair. */
    NodeKeyPair generate(SecureRandom random);

    /**
     * The key pair of a stored 32-byte private key.
     *
     * @throws IllegalArgumentException if the bytes are not a valid private key of this scheme
     */
    NodeKeyPair fromPrivateKey(byte[] private32);

    /** Whether the signature is the key's over the message; never throws, malformed input is {@code false}. */
    boolean verify(byte[] publicKey64, byte[] message, byte[] signature64);
}
