package io.dsn.internal.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies DSN signatures with Bouncy Castle: ECDSA on secp256k1 over {@code SHA-1(SHA-256(message))},
 * with a 64-byte public key {@code X || Y} and a 64-byte signature {@code r || s}. Any valid
 * {@code s} is accepted (no low-s rule), as the Python node signs with either.
 */
public final class Signatures {

    /** Length of a public key in bytes ({@code X || Y}). */
    public static final int PUBLIC_KEY_LENGTH = Secp256k1.PUBLIC_KEY_LENGTH;
    /** Length of a signature in bytes ({@code r || s}). */
    public static final int SIGNATURE_LENGTH = Secp256k1.SIGNATURE_LENGTH;

    private Signatures() {
    }

    /**
     * Checks a signature over a raw message, decoding the key first. Never throws: any malformed
     * input (null, wrong lengths, a point off the curve, r or s out of range) yields {@code false}.
     */
    public static boolean verify(byte[] publicKey64, byte[] message, byte[] signature64) {
        return BouncyCastleSignatures.INSTANCE.verify(publicKey64, message, signature64);
    }

    /**
     * The key decoded and validated once; Bouncy Castle keeps its per-point precomputation with
     * it, which makes later verifications with the same key cheaper.
     *
     * @throws IllegalArgumentException if the bytes are not a point of the curve's prime-order group
     */
    static VerifyingKey decode(byte[] publicKey64) {
        ECPublicKeyParameters key = new ECPublicKeyParameters(Secp256k1.decodePoint(publicKey64), Secp256k1.DOMAIN);
        return (message, signature64) -> verify(key, message, signature64);
    }

    private static boolean verify(ECPublicKeyParameters key, byte[] message, byte[] signature64) {
        if (message == null || signature64 == null || signature64.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature64, 0, 32));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature64, 32, 64));
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, key);
            // rejects r or s outside [1, n-1] by returning false
            return verifier.verifySignature(Secp256k1.digest(message), r, s);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
