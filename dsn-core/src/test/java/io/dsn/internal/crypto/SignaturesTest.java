package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    /** A signed packet from the vectors: the bytes signed, the signature and the signer's key. */
    private record Signed(String name, byte[] signedPart, byte[] signature, byte[] publicKey) {
    }

    private static List<Signed> signedPackets() {
        List<Signed> packets = new ArrayList<>();
        packets.add(signed("hello", Vectors.map("hello")));
        List<Object> states = Vectors.asList(Vectors.root().get("state"));
        for (int i = 0; i < states.size(); i++) {
            packets.add(signed("state[" + i + "]", Vectors.asMap(states.get(i))));
        }
        packets.add(signed("peers", Vectors.map("peers")));
        packets.add(signed("data", Vectors.map("data")));
        return packets;
    }

    private static Signed signed(String name, Map<String, Object> packet) {
        return new Signed(name, Vectors.hex(packet, "signed_part_hex"), Vectors.hex(packet, "signature_hex"),
                Vectors.publicKey((String) packet.get("public")));
    }

    @Test
    void everyEcdsaCaseMatchesItsFlag() {
        Map<String, Object> ecdsa = Vectors.map("ecdsa");
        byte[] publicKey = Vectors.publicKey((String) ecdsa.get("public"));
        List<Object> cases = Vectors.asList(ecdsa.get("cases"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(9);
        int valid = 0;
        for (Object item : cases) {
            Map<String, Object> c = Vectors.asMap(item);
            boolean expected = (Boolean) c.get("valid");
            valid += expected ? 1 : 0;
            assertThat(Signatures.verify(publicKey, Vectors.hex(c, "message_hex"), Vectors.hex(c, "signature_hex")))
                    .as("message %s signature %s", c.get("message_hex"), c.get("signature_hex"))
                    .isEqualTo(expected);
        }
        assertThat(valid).isPositive().isLessThan(cases.size());
    }

    @Test
    void packetSignaturesFromPythonVerify() {
        List<Signed> packets = signedPackets();
        assertThat(packets).hasSize(6);
        for (Signed packet : packets) {
            assertThat(packet.publicKey()).isEqualTo(Vectors.publicKey("a"));
            assertThat(Signatures.verify(packet.publicKey(), packet.signedPart(), packet.signature()))
                    .as(packet.name()).isTrue();
        }
    }

    @Test
    void helloResponseIsSignedWithoutItsDetectedAddress() {
        Map<String, Object> hello = Vectors.map("hello");
        Map<String, Object> response = Vectors.asMap(hello.get("response_with_detected_address"));
        assertThat(Signatures.verify(Vectors.publicKey("a"), Vectors.hex(hello, "signed_part_hex"),
                Vectors.hex(response, "signature_hex"))).isTrue();
    }

    @Test
    void packetSignaturesFailWithOneBitFlipped() {
        for (Signed packet : signedPackets()) {
            for (int bit : new int[] {0, 7, packet.signedPart().length * 8 - 1}) {
                byte[] part = packet.signedPart().clone();
                part[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(Signatures.verify(packet.publicKey(), part, packet.signature()))
                        .as("%s, message bit %d", packet.name(), bit).isFalse();
            }
            for (int bit : new int[] {0, 255, 256, 511}) {
                byte[] signature = packet.signature().clone();
                signature[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(Signatures.verify(packet.publicKey(), packet.signedPart(), signature))
                        .as("%s, signature bit %d", packet.name(), bit).isFalse();
            }
            assertThat(Signatures.verify(Vectors.publicKey("b"), packet.signedPart(), packet.signature()))
                    .as("%s with key b", packet.name()).isFalse();
        }
    }

    @Test
    void acceptsHighS() {
        Signed data = signed("data", Vectors.map("data"));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(data.signature(), 32, 64));
        byte[] flipped = data.signature().clone();
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, Secp256k1.N.subtract(s)), 0, flipped, 32, 32);
        assertThat(flipped).isNotEqualTo(data.signature());
        assertThat(Signatures.verify(data.publicKey(), data.signedPart(), flipped)).isTrue();
    }

    @Test
    void garbageIsFalseNotAnException() {
        Signed data = signed("data", Vectors.map("data"));
        byte[] key = data.publicKey();
        byte[] message = data.signedPart();
        byte[] signature = data.signature();

        assertThat(Signatures.verify(Arrays.copyOf(key, 63), message, signature)).isFalse();
        assertThat(Signatures.verify(Arrays.copyOf(key, 65), message, signature)).isFalse();
        byte[] prefixed = new byte[65];
        prefixed[0] = 4;
        System.arraycopy(key, 0, prefixed, 1, 64);
        assertThat(Signatures.verify(prefixed, message, signature)).isFalse();
        assertThat(Signatures.verify(key, message, Arrays.copyOf(signature, 63))).isFalse();
        assertThat(Signatures.verify(key, message, Arrays.copyOf(signature, 65))).isFalse();
        assertThat(Signatures.verify(key, message, new byte[0])).isFalse();
        assertThat(Signatures.verify(null, message, signature)).isFalse();
        assertThat(Signatures.verify(key, null, signature)).isFalse();
        assertThat(Signatures.verify(key, message, null)).isFalse();

        byte[] offCurve = key.clone();
        offCurve[63] ^= 1;
        assertThat(Signatures.verify(offCurve, message, signature)).isFalse();
        assertThat(Signatures.verify(new byte[64], message, signature)).isFalse();
        byte[] tooLarge = new byte[64];
        Arrays.fill(tooLarge, (byte) 0xff);
        assertThat(Signatures.verify(tooLarge, message, signature)).isFalse();
    }

    @Test
    void rOrSOutOfRangeIsFalse() {
        Signed data = signed("data", Vectors.map("data"));
        byte[] order = BigIntegers.asUnsignedByteArray(32, Secp256k1.N);
        byte[] zeroR = data.signature().clone();
        Arrays.fill(zeroR, 0, 32, (byte) 0);
        byte[] zeroS = data.signature().clone();
        Arrays.fill(zeroS, 32, 64, (byte) 0);
        byte[] bigR = data.signature().clone();
        System.arraycopy(order, 0, bigR, 0, 32);
        byte[] bigS = data.signature().clone();
        System.arraycopy(order, 0, bigS, 32, 32);
        for (byte[] signature : List.of(zeroR, zeroS, bigR, bigS, new byte[64])) {
            assertThat(Signatures.verify(data.publicKey(), data.signedPart(), signature)).isFalse();
        }
    }

    @Test
    void cachedKeysStillVerifyCorrectly() {
        Signed data = signed("data", Vectors.map("data"));
        for (int i = 0; i < 3; i++) {
            assertThat(Signatures.verify(data.publicKey(), data.signedPart(), data.signature())).isTrue();
            assertThat(Signatures.verify(Vectors.publicKey("b"), data.signedPart(), data.signature())).isFalse();
        }
    }
}
