package io.dsn.internal.crypto;

import java.security.SecureRandom;

/** The protocol's ECDSA computed in Java by Bouncy Castle ({@link NodeKeyPair}, {@link Signatures}). */
final class BouncyCastleSignatures implements SignatureScheme {

    static final BouncyCastleSignatures INSTANCE = new BouncyCastleSignatures();

    private BouncyCastleSignatures() {
    }

    @Override
    public NodeKeyPair generate(SecureRandom random) {
        return NodeKeyPair.generate(random);
    }

    @Override
    public NodeKeyPair fromPrivateKey(byte[] private32) {
        return NodeKeyPair.fromPrivateKey(private32);
    }

    @Override
    public VerifyingKey verifyingKey(byte[] publicKey64) {
        return Signatures.decode(publicKey64);
    }

    @Override
    public String toString() {
        return "Bouncy Castle";
    }
}
