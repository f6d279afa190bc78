package io.dsn.internal.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.encoders.Hex;

/**
 * A node's secp256k1 identity: a 32-byte private key and its 64-byte public key {@code X || Y}.
 * Signs with deterministic ECDSA (RFC 6979) over {@code SHA-1(SHA-256(message))}: with Bouncy Castle
 * when made here, with the scheme that made it otherwise ({@link SignatureScheme}). Thread-safe;
 * {@link #toString()} never reveals the private key.
 */
public final class NodeKeyPair {

    /** Length of a private key in bytes. */
    public static final int PRIVATE_KEY_LENGTH = Secp256k1.SCALAR_LENGTH;
    /** The length of every signature: {@code r || s}. */
    public static final int SIGNATURE_LENGTH = 2 * Secp256k1.SCALAR_LENGTH;

    private final byte[] privateKey;
    private final byte[] publicKey;
    private final UnaryOperator<byte[]> signer;

    private NodeKeyPair(BigInteger d) {
        this.privateKey = BigIntegers.asUnsignedByteArray(PRIVATE_KEY_LENGTH, d);
        this.publicKey = Secp256k1.encodePoint(
                new FixedPointCombMultiplier().multiply(Secp256k1.DOMAIN.getG(), d));
        ECPrivateKeyParameters signingKey = new ECPrivateKeyParameters(d, Secp256k1.DOMAIN);
        this.signer = message -> ecdsaSign(signingKey, message);
    }

    private NodeKeyPair(byte[] privateKey, byte[] publicKey, UnaryOperator<byte[]> signer) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.signer = signer;
    }

    /** A key pair whose signatures another scheme makes ({@link NativeSignatures}, {@link StandInSignatures}). */
    static NodeKeyPair of(byte[] private32, byte[] public64, UnaryOperator<byte[]> signer) {
        return new NodeKeyPair(private32.clone(), public64.clone(), signer);
    }

    /** Generates a fresh key pair. */
    public static NodeKeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        BigInteger maxScalar = Secp256k1.N.subtract(BigInteger.ONE);
        return new NodeKeyPair(BigIntegers.createRandomInRange(BigInteger.ONE, maxScalar, random));
    }

    /**
     * Rebuilds a key pair from its 32-byte private key, deriving the public key.
     *
     * @throws IllegalArgumentException if the bytes are not 32 long or not a valid scalar (0 or >= n)
     */
    public static NodeKeyPair fromPrivateKey(byte[] private32) {
        requireLength(private32);
        BigInteger d = new BigInteger(1, private32);
        if (d.signum() == 0 || d.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException(
                    "private key is not a valid secp256k1 scalar (zero or not below the group order)");
        }
        return new NodeKeyPair(d);
    }

    /**
     * Checks that a stored private key has the length of every scheme's.
     *
     * @throws IllegalArgumentException if it is not 32 bytes long
     */
    static void requireLength(byte[] private32) {
        Objects.requireNonNull(private32, "private32");
        if (private32.length != PRIVATE_KEY_LENGTH) {
            throw new IllegalArgumentException("private key must be 32 bytes, was " + private32.length);
        }
    }

    /** A copy of the 32-byte private key. */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** A copy of the 64-byte public key {@code X || Y}. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Signs a raw message (hashing it internally) and returns {@code r || s}, 64 bytes. */
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        return signer.apply(message);
    }

    private static byte[] ecdsaSign(ECPrivateKeyParameters signingKey, byte[] message) {
        // ECDSASigner keeps per-call state, so one per signature; the expensive part (the comb
        // table for G) is shared and built once.
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, signingKey);
        BigInteger[] rs = signer.generateSignature(Secp256k1.digest(message));
        return Secp256k1.encodeSignature(rs[0], rs[1]);
    }

    @Override
    public String toString() {
        return "NodeKeyPair[public=" + Hex.toHexString(publicKey, 0, 8) + "…]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeKeyPair that && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
