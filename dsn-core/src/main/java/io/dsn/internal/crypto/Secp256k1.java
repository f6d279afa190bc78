package io.dsn.internal.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.util.BigIntegers;

/** The curve, the hash and the raw encodings that DSN signatures use (protocol section 4). */
final class Secp256k1 {

    static final int SCALAR_LENGTH = 32;
    static final int PUBLIC_KEY_LENGTH = 64;
    static final int SIGNATURE_LENGTH = 64;

    static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CustomNamedCurves.getByName("secp256k1"));
    static final BigInteger N = DOMAIN.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    static {
        // Builds the fixed-point comb table for G now rather than on the first signature.
        FixedPointUtil.precompute(DOMAIN.getG());
    }

    private Secp256k1() {
    }

    /** The value that gets signed: SHA-1 of the SHA-256 digest of the message (20 bytes). */
    static byte[] digest(byte[] message) {
        try {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(message);
            return MessageDigest.getInstance("SHA-1").digest(sha256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 and SHA-1 are required by every JDK", e);
        }
    }

    /**
     * The digest as the 32-byte message hash that libsecp256k1 signs: the same number, zeros in
     * front. ECDSA uses a hash shorter than the order as it is, so both sign the same value.
     */
    static byte[] digest32(byte[] message) {
        byte[] digest = digest(message);
        byte[] padded = new byte[SCALAR_LENGTH];
        System.arraycopy(digest, 0, padded, SCALAR_LENGTH - digest.length, digest.length);
        return padded;
    }

    /**
     * The signature with {@code s} replaced by {@code n - s} where it is in the upper half, the
     * only form libsecp256k1 verifies; both are valid ECDSA signatures of the same message (Python's
     * {@code ecdsa} package makes either). Anything else is returned as it is.
     */
    static byte[] lowS(byte[] signature64) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature64, SCALAR_LENGTH, SIGNATURE_LENGTH));
        if (s.compareTo(HALF_N) <= 0 || s.compareTo(N) >= 0) {
            return signature64;
        }
        byte[] normalised = signature64.clone();
        BigIntegers.asUnsignedByteArray(N.subtract(s), normalised, SCALAR_LENGTH, SCALAR_LENGTH);
        return normalised;
    }

    /** X || Y, 32 bytes each, without the 04 prefix. */
    static byte[] encodePoint(ECPoint point) {
        byte[] uncompressed = point.normalize().getEncoded(false);
        return Arrays.copyOfRange(uncompressed, 1, uncompressed.length);
    }

    /**
     * Decodes X || Y into a validated point.
     *
     * @throws IllegalArgumentException if the bytes are not a point of the curve's prime-order group
     */
    static ECPoint decodePoint(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("public key must be 64 bytes, was " + publicKey.length);
        }
        byte[] uncompressed = new byte[PUBLIC_KEY_LENGTH + 1];
        uncompressed[0] = 0x04;
        System.arraycopy(publicKey, 0, uncompressed, 1, PUBLIC_KEY_LENGTH);
        // decodePoint rejects coordinates >= p and points off the curve; validatePublicPoint
        // also rejects infinity and points outside the subgroup.
        return DOMAIN.validatePublicPoint(DOMAIN.getCurve().decodePoint(uncompressed));
    }

    static byte[] encodeSignature(BigInteger r, BigInteger s) {
        byte[] signature = new byte[SIGNATURE_LENGTH];
        BigIntegers.asUnsignedByteArray(r, signature, 0, SCALAR_LENGTH);
        BigIntegers.asUnsignedByteArray(s, signature, SCALAR_LENGTH, SCALAR_LENGTH);
        return signature;
    }
}
