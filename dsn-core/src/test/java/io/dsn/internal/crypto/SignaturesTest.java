package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The wire vectors' signatures under each implementation of ECDSA. */
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

    @ParameterizedTest
    @MethodSource("io.dsn.internal.crypto.EcdsaSchemes#both")
    void everyEcdsaCaseMatchesItsFlag(SignatureScheme scheme) {
        Map<String, Object> ecdsa = Vectors.map("ecdsa");
        byte[] publicKey = Vectors.publicKey((String) ecdsa.get("public"));
        List<Object> cases = Vectors.asList(ecdsa.get("cases"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(9);
        int valid = 0;
        for (Object item : cases) {
            Map<String, Object> c = Vectors.asMap(item);
            boolean expected = (Boolean) c.get("valid");
            valid += expected ? 1 : 0;
            assertThat(scheme.verify(publicKey, Vectors.hex(c, "message_hex"), Vectors.hex(c, "signature_hex")))
                    .as("message %s signature %s", c.get("message_hex"), c.get("signature_hex"))
                    .isEqualTo(expected);
        }
        assertThat(valid).isPositive().isLessThan(cases.size());
    }

    @ParameterizedTest
    @MethodSource("io.dsn.internal.crypto.EcdsaSchemes#both")
    void packetSignaturesFromPythonVerify(SignatureScheme scheme) {
        List<Signed> packets = signedPackets();
        assertThat(packets).hasSize(6);
        for (Signed packet : packets) {
            assertThat(packet.publicKey()).isEqualTo(Vectors.publicKey("a"));
            assertThat(scheme.verify(packet.publicKey(), packet.signedPart(), packet.signature()))
                    .as(packet.name()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.dsn.internal.crypto.EcdsaSchemes#both")
    void helloResponseIsSignedWithoutItsDetectedAddress(SignatureScheme scheme) {
        Map<String, Object> hello = Vectors.map("hello");
        Map<String, Object> response = Vectors.asMap(hello.get("response_with_detected_address"));
        assertThat(scheme.verify(Vectors.publicKey("a"), Vectors.hex(hello, "signed_part_hex"),
                Vectors.hex(response, "signature_hex"))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("io.dsn.internal.crypto.EcdsaSchemes#both")
    void packetSignaturesFailWithOneBitFlipped(SignatureScheme scheme) {
        for (Signed packet : signedPackets()) {
            for (int bit : new int[] {0, 7, packet.signedPart().length * 8 - 1}) {
                byte[] part = packet.signedPart().clone();
                part[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(scheme.verify(packet.publicKey(), part, packet.signature()))
                        .as("%s, message bit %d", packet.name(), bit).isFalse();
            }
            for (int bit : new int[] {0, 255, 256, 511}) {
                byte[] signature = packet.signature().clone();
                signature[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(scheme.verify(packet.publicKey(), packet.signedPart(), signature))
                        .as("%s, signature bit %d", packet.name(), bit).isFalse();
            }
            assertThat(scheme.verify(Vectors.publicKey("b"), packet.signedPart(), packet.signature()))
                    .as("%s with key b", packet.name()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("io.dsn.internal.crypto.EcdsaSchemes#both")
    void acceptsHighS(SignatureScheme scheme) {
        Signed data = signed("data", Vectors.map("data"));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(data.signature(), 32, 64));
        byte[] flipped = data.signature().clone();
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, Secp256k1.N.subtract(s)), 0, flipped, 32, 32);
        assertThat(flipped).isNotEqualTo(data.signature());
        assertThat(scheme.verify(data.publicKey(), data.signedPart(), flipped)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("io.dsn.internal.crypto.EcdsaSchemes#both")
    void garbageIsFalseNotAnException(SignatureScheme scheme) {
        Signed data = signed("data", Vectors.map("data"));
        byte[] key = data.publicKey();
        byte[] message = data.signedPart();
        byte[] signature = data.signature();

        assertThat(scheme.verify(Arrays.copyOf(key, 63), message, signature)).isFalse();
        assertThat(scheme.verify(Arrays.copyOf(key, 65), message, signature)).isFalse();
        byte[] prefixed = new byte[65];
        prefixed[0] = 4;
        System.arraycopy(key, 0, prefixed, 1, 64);
        assertThat(scheme.verify(prefixed, message, signature)).isFalse();
        assertThat(scheme.verify(key, message, Arrays.copyOf(signature, 63))).isFalse();
        assertThat(scheme.verify(key, message, Arrays.copyOf(signature, 65))).isFalse();
        assertThat(scheme.verify(key, message, new byte[0])).isFalse();
        assertThat(scheme.verify(null, message, signature)).isFalse();
        assertThat(scheme.verify(key, null, signature)).isFalse();
        assertThat(scheme.verify(key, message, null)).isFalse();

        byte[] offCurve = key.clone();
        offCurve[63] ^= 1;
        assertThat(scheme.verify(offCurve, message, signature)).isFalse();
        assertThat(scheme.verify(new byte[64], message, signature)).isFalse();
        byte[] tooLarge = new byte[64];
        Arrays.fill(tooLarge, (byte) 0xff);
        assertThat(scheme.verify(tooLarge, message, signature)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("io.dsn.internal.crypto.EcdsaSchemes#both")
    void rOrSOutOfRangeIsFalse(SignatureScheme scheme) {
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
            assertThat(scheme.verify(data.publicKey(), data.signedPart(), signature)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("io.dsn.internal.crypto.EcdsaSchemes#both")
    void aDecodedKeyVerifiesAgainAndAgain(SignatureScheme scheme) {
        Signed data = signed("data", Vectors.map("data"));
        VerifyingKey a = scheme.verifyingKey(data.publicKey());
        VerifyingKey b = scheme.verifyingKey(Vectors.publicKey("b"));
        for (int i = 0; i < 3; i++) {
            assertThat(a.verify(data.signedPart(), data.signature())).isTrue();
            assertThat(b.verify(data.signedPart(), data.signature())).isFalse();
        }
    }
}
