package io.dsn.internal.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies DSN signatures: ECDSA on secp256k1 over {@code SHA-1(SHA-256(message))}, with a 64-byte
 * public key {@code X || Y} and a 64-byte signature {@code r || s}. Any valid {@code s} is accepted
 * (no low-s rule), as the Python node signs with either.
 */
public final class Signatures {

    /** Length of a public key in bytes ({@code X || Y}). */
    public static final int PUBLIC_KEY_LENGTH = Secp256k1.PUBLIC_KEY_LENGTH;
    /** Length of a signature in bytes ({@code r || s}). */
    public static final int SIGNATURE_LENGTH = Secp256k1.SIGNATURE_LENGTH;

    // Decoded keys keep Bouncy Castle's per-point precomputation, which makes later verifications
    // with the same key cheaper. Peers are few; the bound only guards against junk keys.
    private static final int CACHE_LIMIT = 1024;
    private static final Map<KeyBytes, ECPublicKeyParameters> KEYS = new ConcurrentHashMap<>();

    private Signatures() {
    }

    /**
     * Checks a signature over a raw message. Never throws: any malformed input (null, wrong
     * lengths, a point off the curve, r or s out of range) yields {@code false}.
     */
    public static boolean verify(byte[] publicKey64, byte[] message, byte[] signature64) {
        if (publicKey64 == null || message == null || signature64 == null
                || publicKey64.length != PUBLIC_KEY_LENGTH || signature64.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            ECPublicKeyParameters key = decode(publicKey64);
            if (key == null) {
                return false;
            }
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

    private static ECPublicKeyParameters decode(byte[] publicKey64) {
        KeyBytes id = new KeyBytes(publicKey64.clone());
        ECPublicKeyParameters cached = KEYS.get(id);
        if (cached != null) {
            return cached;
        }
        ECPublicKeyParameters key;
        try {
            key = new ECPublicKeyParameters(Secp256k1.decodePoint(id.bytes()), Secp256k1.DOMAIN);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (KEYS.size() >= CACHE_LIMIT) {
            KEYS.clear();
        }
        KEYS.put(id, key);
        return key;
    }

    /** Array wrapper with value equality, for use as a map key. */
    private record KeyBytes(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof KeyBytes that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "KeyBytes";
        }
    }
}
