package io.dsn.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The protocol's ECDSA computed by libsecp256k1, the C library behind Bitcoin Core: the same
 * keys, the same RFC 6979 nonces and so the same {@code r} as {@link BouncyCastleSignatures};
 * {@code s} always in the lower half, which every verifier accepts. Signatures of others with
 * {@code s} in the upper half (Python's {@code ecdsa} package makes them) are normalised before
 * libsecp256k1, which takes only the lower half, checks them.
 */
final class NativeSignatures implements SignatureScheme {

    private final LibSecp256k1 library;

    private NativeSignatures(LibSecp256k1 library) {
        this.library = library;
    }

    /**
     * Loads libsecp256k1 and checks one signature of its own with Bouncy Castle.
     *
     * @throws Exception or {@link LinkageError} when it cannot be used here, saying why
     */
    static NativeSignatures load() throws Exception {
        Class<?> api;
        try {
            api = Class.forName("fr.acinq.secp256k1.Secp256k1", false, NativeSignatures.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ClassNotFoundException("fr.acinq.secp256k1:secp256k1-kmp-jni-jvm is not on the class path", e);
        }
        // A no-op on the class path; on the module path, the named module io.dsn.core reads the
        // library's unnamed one only once it says so.
        NativeSignatures.class.getModule().addReads(api.getModule());
        NativeSignatures scheme = new NativeSignatures(LibSecp256k1.load());
        scheme.selfTest();
        return scheme;
    }

    private void selfTest() {
        byte[] privateKey = new byte[NodeKeyPair.PRIVATE_KEY_LENGTH];
        privateKey[privateKey.length - 1] = 7;
        NodeKeyPair keys = fromPrivateKey(privateKey);
        byte[] message = "libsecp256k1 self-test".getBytes(StandardCharsets.US_ASCII);
        if (!Arrays.equals(keys.publicKey(), NodeKeyPair.fromPrivateKey(privateKey).publicKey())
                || !Signatures.verify(keys.publicKey(), message, keys.sign(message))) {
            throw new IllegalStateException("libsecp256k1 made a key or a signature that Bouncy Castle does not accept");
        }
    }

    @Override
    public NodeKeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] privateKey = new byte[NodeKeyPair.PRIVATE_KEY_LENGTH];
        do {
            random.nextBytes(privateKey);
        } while (!library.isPrivateKey(privateKey));
        return fromPrivateKey(privateKey);
    }

    @Override
    public NodeKeyPair fromPrivateKey(byte[] private32) {
        NodeKeyPair.requireLength(private32);
        byte[] privateKey = private32.clone();
        if (!library.isPrivateKey(privateKey)) {
            throw new IllegalArgumentException(
                    "private key is not a valid secp256k1 scalar (zero or not below the group order)");
        }
        byte[] publicKey65 = library.publicKey65(privateKey);
        return NodeKeyPair.of(privateKey, Arrays.copyOfRange(publicKey65, 1, publicKey65.length),
                message -> library.sign(Secp256k1.digest32(message), privateKey));
    }

    @Override
    public VerifyingKey verifyingKey(byte[] publicKey64) {
        if (publicKey64.length != Signatures.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("public key must be 64 bytes, was " + publicKey64.length);
        }
        byte[] publicKey65 = new byte[publicKey64.length + 1];
        publicKey65[0] = 0x04;
        System.arraycopy(publicKey64, 0, publicKey65, 1, publicKey64.length);
        try {
            library.parsePublicKey(publicKey65);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a point of secp256k1", e);
        }
        return (message, signature64) -> check(publicKey65, message, signature64);
    }

    private boolean check(byte[] publicKey65, byte[] message, byte[] signature64) {
        if (message == null || signature64 == null || signature64.length != Signatures.SIGNATURE_LENGTH) {
            return false;
        }
        try {
            return library.verify(Secp256k1.lowS(signature64), Secp256k1.digest32(message), publicKey65);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "libsecp256k1";
    }
}
