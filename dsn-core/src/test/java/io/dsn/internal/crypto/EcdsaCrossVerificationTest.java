package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

/**
 * libsecp256k1 and Bouncy Castle accept each other's signatures, in both forms of {@code s}, on
 * thousands of random keys and messages, and both refuse every tampered one.
 */
class EcdsaCrossVerificationTest {

    private static final int ROUNDS = 2_000;

    @Test
    void eachSchemeVerifiesTheOthersSignaturesAndRefusesTamperedOnes() {
        SignatureScheme nativeScheme = EcdsaSchemes.nativeScheme();
        SignatureScheme bouncyCastle = SignatureSchemes.bouncyCastle();
        Random random = new Random(20261207);
        int highS = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] privateKey = new byte[NodeKeyPair.PRIVATE_KEY_LENGTH];
            random.nextBytes(privateKey);
            byte[] message = new byte[random.nextInt(300)];
            random.nextBytes(message);
            NodeKeyPair bcKeys = bouncyCastle.fromPrivateKey(privateKey);
            NodeKeyPair nativeKeys = nativeScheme.fromPrivateKey(privateKey);
            assertThat(nativeKeys.publicKey()).isEqualTo(bcKeys.publicKey());
            byte[] publicKey = bcKeys.publicKey();
            byte[] otherKey = otherKey(random, nativeScheme);

            byte[] bcSignature = bcKeys.sign(message);
            byte[] nativeSignature = nativeKeys.sign(message);
            // The same RFC 6979 nonce: the same r, and s or n - s.
            assertThat(Arrays.copyOf(nativeSignature, 32)).isEqualTo(Arrays.copyOf(bcSignature, 32));
            assertThat(nativeSignature).isEqualTo(Secp256k1.lowS(bcSignature));
            highS += Arrays.equals(nativeSignature, bcSignature) ? 0 : 1;

            for (byte[] signature : new byte[][] {bcSignature, nativeSignature, otherS(bcSignature)}) {
                for (SignatureScheme verifier : new SignatureScheme[] {bouncyCastle, nativeScheme}) {
                    assertThat(verifier.verify(publicKey, message, signature)).as("%s, round %d", verifier, round).isTrue();
                    assertThat(verifier.verify(publicKey, flipBit(message, random), signature))
                            .as("%s, tampered message, round %d", verifier, round).isFalse();
                    assertThat(verifier.verify(publicKey, message, flipBit(signature, random)))
                            .as("%s, tampered signature, round %d", verifier, round).isFalse();
                    assertThat(verifier.verify(otherKey, message, signature))
                            .as("%s, another key, round %d", verifier, round).isFalse();
                }
            }
        }
        // About half of Bouncy Castle's signatures have s in the upper half, as Python's may.
        assertThat(highS).isBetween(ROUNDS / 3, 2 * ROUNDS / 3);
    }

    /** The same signature with {@code n - s}: valid too. */
    private static byte[] otherS(byte[] signature) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] other = signature.clone();
        BigIntegers.asUnsignedByteArray(Secp256k1.N.subtract(s), other, 32, 32);
        return other;
    }

    private static byte[] flipBit(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new byte[] {0};
        }
        byte[] flipped = bytes.clone();
        int bit = random.nextInt(bytes.length * 8);
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        return flipped;
    }

    private static byte[] otherKey(Random random, SignatureScheme scheme) {
        byte[] privateKey = new byte[NodeKeyPair.PRIVATE_KEY_LENGTH];
        random.nextBytes(privateKey);
        return scheme.fromPrivateKey(privateKey).publicKey();
    }
}
