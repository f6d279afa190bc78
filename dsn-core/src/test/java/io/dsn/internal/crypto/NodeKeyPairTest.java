package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class NodeKeyPairTest {

    private static final byte[] MESSAGE = "state of node-a".getBytes(StandardCharsets.UTF_8);

    @Test
    void derivesTheVectorPublicKeys() {
        for (String name : new String[] {"a", "b"}) {
            NodeKeyPair pair = NodeKeyPair.fromPrivateKey(Vectors.privateKey(name));
            assertThat(pair.publicKey()).as("key %s", name).isEqualTo(Vectors.publicKey(name));
            assertThat(pair.privateKey()).isEqualTo(Vectors.privateKey(name));
        }
    }

    @Test
    void signatureRoundTrips() {
        NodeKeyPair pair = NodeKeyPair.fromPrivateKey(Vectors.privateKey("a"));
        byte[] signature = pair.sign(MESSAGE);
        assertThat(signature).hasSize(64);
        assertThat(Signatures.verify(pair.publicKey(), MESSAGE, signature)).isTrue();
        assertThat(Signatures.verify(Vectors.publicKey("a"), new byte[0], pair.sign(new byte[0]))).isTrue();
    }

    @Test
    void signingIsDeterministic() {
        NodeKeyPair pair = NodeKeyPair.fromPrivateKey(Vectors.privateKey("a"));
        assertThat(pair.sign(MESSAGE)).isEqualTo(pair.sign(MESSAGE));
    }

    @Test
    void generatedPairsSignAndDiffer() {
        SecureRandom random = new SecureRandom();
        NodeKeyPair first = NodeKeyPair.generate(random);
        NodeKeyPair second = NodeKeyPair.generate(random);
        assertThat(first.privateKey()).hasSize(32).isNotEqualTo(second.privateKey());
        assertThat(first.publicKey()).hasSize(64);
        assertThat(Signatures.verify(first.publicKey(), MESSAGE, first.sign(MESSAGE))).isTrue();
        assertThat(NodeKeyPair.fromPrivateKey(first.privateKey()).publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void signatureOfOneKeyDoesNotVerifyWithAnother() {
        byte[] signature = NodeKeyPair.fromPrivateKey(Vectors.privateKey("a")).sign(MESSAGE);
        assertThat(Signatures.verify(Vectors.publicKey("b"), MESSAGE, signature)).isFalse();
    }

    @Test
    void tamperedMessageOrSignatureFails() {
        NodeKeyPair pair = NodeKeyPair.fromPrivateKey(Vectors.privateKey("a"));
        byte[] signature = pair.sign(MESSAGE);
        byte[] message = MESSAGE.clone();
        message[0] ^= 1;
        assertThat(Signatures.verify(pair.publicKey(), message, signature)).isFalse();
        for (int index : new int[] {0, 31, 32, 63}) {
            byte[] tampered = signature.clone();
            tampered[index] ^= 1;
            assertThat(Signatures.verify(pair.publicKey(), MESSAGE, tampered)).as("byte %d", index).isFalse();
        }
    }

    @Test
    void rejectsInvalidPrivateKeys() {
        assertThatThrownBy(() -> NodeKeyPair.fromPrivateKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeKeyPair.fromPrivateKey(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeKeyPair.fromPrivateKey(new byte[32])).isInstanceOf(IllegalArgumentException.class);
        byte[] order = BigIntegers.asUnsignedByteArray(32, Secp256k1.N);
        assertThatThrownBy(() -> NodeKeyPair.fromPrivateKey(order)).isInstanceOf(IllegalArgumentException.class);
        byte[] max = new byte[32];
        java.util.Arrays.fill(max, (byte) 0xff);
        assertThatThrownBy(() -> NodeKeyPair.fromPrivateKey(max)).isInstanceOf(IllegalArgumentException.class);
        byte[] largest = BigIntegers.asUnsignedByteArray(32, Secp256k1.N.subtract(BigInteger.ONE));
        assertThat(NodeKeyPair.fromPrivateKey(largest).publicKey()).hasSize(64);
    }

    @Test
    void toStringHidesThePrivateKey() {
        NodeKeyPair pair = NodeKeyPair.fromPrivateKey(Vectors.privateKey("a"));
        String privateHex = Hex.toHexString(Vectors.privateKey("a"));
        assertThat(pair.toString()).doesNotContain(privateHex).doesNotContain(privateHex.substring(0, 8));
    }

    @Test
    void accessorsReturnCopies() {
        NodeKeyPair pair = NodeKeyPair.fromPrivateKey(Vectors.privateKey("a"));
        pair.privateKey()[0] ^= 1;
        pair.publicKey()[0] ^= 1;
        assertThat(pair.privateKey()).isEqualTo(Vectors.privateKey("a"));
        assertThat(pair.publicKey()).isEqualTo(Vectors.publicKey("a"));
    }
}
