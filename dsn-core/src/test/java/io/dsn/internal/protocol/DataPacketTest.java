package io.dsn.internal.protocol;

import static io.dsn.internal.protocol.Vectors.hex;
import static io.dsn.internal.protocol.Vectors.hexAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DataPacketTest {

    private static final byte[] WIRE = hexAt("data", "wire_hex");

    private static DataPacket vectorPacket() {
        return new DataPacket((String) Vectors.get("data", "node_id"), hexAt("data", "signature_hex"),
                hexAt("data", "data_hex"));
    }

    @Test
    void decodesTheVector() {
        DataPacket packet = DataPacket.decode(WIRE);
        assertThat(packet.nodeId()).isEqualTo("node-a");
        assertThat(packet.signature()).isEqualTo(hexAt("data", "signature_hex"));
        assertThat(new String(packet.data(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("Hello, world!");
        assertThat(packet).isEqualTo(vectorPacket()).hasSameHashCodeAs(vectorPacket());
    }

    @Test
    void encodesTheVector() {
        assertThat(hex(vectorPacket().encode())).isEqualTo(Vectors.get("data", "wire_hex"));
    }

    @Test
    void signedPartMatchesTheVector() {
        assertThat(hex(vectorPacket().signedPart())).isEqualTo(Vectors.get("data", "signed_part_hex"));
        assertThat(vectorPacket().withSignature(new byte[0]).signedPart()).isEqualTo(hexAt("data", "signed_part_hex"));
    }

    @Test
    void emptyDataRoundTrips() {
        DataPacket packet = new DataPacket("n", new byte[64], new byte[0]);
        assertThat(DataPacket.decode(packet.encode())).isEqualTo(packet);
    }

    @Test
    void rejectsTruncationAndTrailingGarbage() {
        DecodeAssertions.rejectsEveryProperPrefix(WIRE, DataPacket::decode, Set.of());
        DecodeAssertions.rejectsTrailingGarbage(WIRE, DataPacket::decode);
    }

    @Test
    void equalityComparesDataByContent() {
        assertThat(vectorPacket()).isNotEqualTo(new DataPacket("node-a", hexAt("data", "signature_hex"), new byte[1]));
        assertThat(vectorPacket().toString()).contains("48656c6c6f2c20776f726c6421");
    }
}
