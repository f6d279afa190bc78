package io.dsn.internal.protocol;

import static io.dsn.internal.protocol.Vectors.hex;
import static io.dsn.internal.protocol.Vectors.hexAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsn.Endpoint;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HelloPacketTest {

    private static final byte[] PUBLIC_KEY = hexAt("keys", (String) Vectors.get("hello", "public"), "public_hex");
    private static final byte[] WIRE = hexAt("hello", "wire_hex");
    private static final byte[] RESPONSE_WIRE = hexAt("hello", "response_with_detected_address", "wire_hex");

    private static HelloPacket vectorPacket() {
        return new HelloPacket(
                (String) Vectors.get("hello", "version"),
                (String) Vectors.get("hello", "node_id"),
                new Endpoint((String) Vectors.get("hello", "connection", "address"),
                        ((Long) Vectors.get("hello", "connection", "port")).intValue()),
                PUBLIC_KEY,
                hexAt("hello", "signature_hex"),
                "");
    }

    /** The wire bytes up to and including the signature, i.e. with no trailing field. */
    private static byte[] withoutTrailingFields(byte[] wire, String detectedAddress) {
        int trailing = new ByteWriter().string(detectedAddress).toByteArray().length;
        return Arrays.copyOf(wire, wire.length - trailing);
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    @Test
    void protocolVersionMatchesTheVectors() {
        assertThat(HelloPacket.PROTOCOL_VERSION).isEqualTo(Vectors.get("protocol_version")).isEqualTo("0.6.7");
    }

    @Test
    void decodesTheVector() {
        HelloPacket packet = HelloPacket.decode(WIRE);
        assertThat(packet.version()).isEqualTo("0.6.7");
        assertThat(packet.nodeId()).isEqualTo("node-a");
        assertThat(packet.endpoint()).isEqualTo(new Endpoint("127.0.0.1", 8000));
        assertThat(packet.publicKey()).isEqualTo(PUBLIC_KEY);
        assertThat(packet.signature()).isEqualTo(hexAt("hello", "signature_hex"));
        assertThat(packet.detectedAddress()).isEmpty();
        assertThat(packet).isEqualTo(vectorPacket());
    }

    @Test
    void encodesTheVector() {
        assertThat(hex(vectorPacket().encode())).isEqualTo(Vectors.get("hello", "wire_hex"));
        assertThat(HelloPacket.decode(WIRE).encode()).isEqualTo(WIRE);
    }

    @Test
    void signedPartMatchesTheVector() {
        assertThat(hex(vectorPacket().signedPart())).isEqualTo(Vectors.get("hello", "signed_part_hex"));
    }

    @Test
    void signedPartIgnoresTheSignatureAndTheDetectedAddress() {
        HelloPacket other = vectorPacket().withSignature(new byte[64]).withDetectedAddress("10.9.9.9");
        assertThat(other.signedPart()).isEqualTo(hexAt("hello", "signed_part_hex"));
    }

    @Test
    void decodesThePythonResponseCarryingADetectedAddress() {
        HelloPacket packet = HelloPacket.decode(RESPONSE_WIRE);
        assertThat(packet.detectedAddress())
                .isEqualTo(Vectors.get("hello", "response_with_detected_address", "detected_address"))
                .isEqualTo("10.1.2.3");
        assertThat(packet.signature()).isEqualTo(hexAt("hello", "response_with_detected_address", "signature_hex"));
        assertThat(packet.nodeId()).isEqualTo("node-a");
        assertThat(packet.signedPart()).isEqualTo(hexAt("hello", "signed_part_hex"));
    }

    @Test
    void reEncodingTheResponseWritesExactlyOneTrailingField() {
        byte[] encoded = HelloPacket.decode(RESPONSE_WIRE).encode();
        byte[] head = withoutTrailingFields(RESPONSE_WIRE, "10.1.2.3");
        assertThat(encoded).isEqualTo(concat(head, new ByteWriter().string("10.1.2.3").toByteArray()));
        // Python 0.6.7 writes the detected address as one field too, so the bytes are identical.
        assertThat(encoded).isEqualTo(RESPONSE_WIRE);
    }

    @Test
    void acceptsZeroTrailingFields() {
        byte[] head = withoutTrailingFields(WIRE, "");
        HelloPacket packet = HelloPacket.decode(head);
        assertThat(packet.detectedAddress()).isEmpty();
        assertThat(packet).isEqualTo(vectorPacket());
        assertThat(packet.encode()).isEqualTo(WIRE);
    }

    @Test
    void twoTrailingFieldsAreCertificateThenDetectedAddress() {
        byte[] head = withoutTrailingFields(WIRE, "");
        byte[] wire = concat(head, new ByteWriter().bytes(hex("ff00fe")).string("10.1.2.3").toByteArray());
        HelloPacket packet = HelloPacket.decode(wire);
        assertThat(packet.detectedAddress()).isEqualTo("10.1.2.3");
        assertThat(packet).isEqualTo(vectorPacket().withDetectedAddress("10.1.2.3"));
        assertThat(packet.encode()).isEqualTo(concat(head, new ByteWriter().string("10.1.2.3").toByteArray()));

        byte[] emptyCertificate = concat(head, new ByteWriter().string("").string("192.168.1.5").toByteArray());
        assertThat(HelloPacket.decode(emptyCertificate).detectedAddress()).isEqualTo("192.168.1.5");
    }

    @Test
    void rejectsThreeTrailingFields() {
        byte[] head = withoutTrailingFields(WIRE, "");
        byte[] wire = concat(head, new ByteWriter().string("").string("10.1.2.3").string("x").toByteArray());
        assertThatThrownBy(() -> HelloPacket.decode(wire)).isInstanceOf(PacketFormatException.class);
    }

    @Test
    void rejectsATrailingDetectedAddressThatIsNotUtf8() {
        byte[] head = withoutTrailingFields(WIRE, "");
        byte[] wire = concat(head, new ByteWriter().bytes(hex("ff")).toByteArray());
        assertThatThrownBy(() -> HelloPacket.decode(wire)).isInstanceOf(PacketFormatException.class);
    }

    @Test
    void rejectsTruncationExceptWhereTheTrailingFieldsAreOptional() {
        for (byte[] wire : new byte[][] {WIRE, RESPONSE_WIRE}) {
            String detected = HelloPacket.decode(wire).detectedAddress();
            int signatureEnd = withoutTrailingFields(wire, detected).length;
            DecodeAssertions.rejectsEveryProperPrefix(wire, HelloPacket::decode, Set.of(signatureEnd));
            assertThat(HelloPacket.decode(Arrays.copyOf(wire, signatureEnd)).detectedAddress()).isEmpty();
        }
    }

    @Test
    void rejectsTrailingGarbage() {
        DecodeAssertions.rejectsTrailingGarbage(WIRE, HelloPacket::decode);
        DecodeAssertions.rejectsTrailingGarbage(RESPONSE_WIRE, HelloPacket::decode);
    }

    @Test
    void rejectsAMalformedEmbeddedEndpoint() {
        byte[] wire = new ByteWriter()
                .string("0.6.7").string("node-a")
                .bytes(new ByteWriter().string("127.0.0.1").u32(8000).raw(new byte[] {0}).toByteArray())
                .bytes(PUBLIC_KEY).bytes(new byte[64]).string("")
                .toByteArray();
        assertThatThrownBy(() -> HelloPacket.decode(wire)).isInstanceOf(PacketFormatException.class);
    }

    @Test
    void nullDetectedAddressMeansNone() {
        HelloPacket packet = new HelloPacket("0.6.7", "n", new Endpoint("h", 1), new byte[64], new byte[0], null);
        assertThat(packet.detectedAddress()).isEmpty();
        assertThat(packet.withDetectedAddress(null).detectedAddress()).isEmpty();
    }

    @Test
    void equalityComparesByteArraysByContent() {
        HelloPacket a = vectorPacket();
        HelloPacket b = HelloPacket.decode(WIRE);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.withSignature(new byte[64]));
        assertThat(a).isNotEqualTo(a.withDetectedAddress("10.1.2.3"));
        assertThat(a.toString()).contains(Vectors.get("hello", "signature_hex").toString());
    }
}
