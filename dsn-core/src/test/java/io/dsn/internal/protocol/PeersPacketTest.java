package io.dsn.internal.protocol;

import static io.dsn.internal.protocol.Vectors.hex;
import static io.dsn.internal.protocol.Vectors.hexAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsn.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeersPacketTest {

    private static final byte[] WIRE = hexAt("peers", "wire_hex");

    private static PeersPacket vectorPacket() {
        Map<String, Endpoint> peers = new LinkedHashMap<>();
        Vectors.map(Vectors.get("peers", "connections")).forEach((id, node) -> {
            Map<String, Object> endpoint = Vectors.map(node);
            peers.put(id, new Endpoint((String) endpoint.get("address"), ((Long) endpoint.get("port")).intValue()));
        });
        return new PeersPacket((String) Vectors.get("peers", "node_id"), hexAt("peers", "signature_hex"), peers);
    }

    @Test
    void decodesTheVector() {
        PeersPacket packet = PeersPacket.decode(WIRE);
        assertThat(packet.nodeId()).isEqualTo("node-a");
        assertThat(packet.signature()).isEqualTo(hexAt("peers", "signature_hex"));
        assertThat(packet.peers()).containsExactly(
                Map.entry("node-b", new Endpoint("127.0.0.1", 8001)),
                Map.entry("node-c", new Endpoint("192.168.0.7", 9000)));
        assertThat(packet).isEqualTo(vectorPacket());
    }

    @Test
    void encodesTheVector() {
        assertThat(hex(vectorPacket().encode())).isEqualTo(Vectors.get("peers", "wire_hex"));
        assertThat(PeersPacket.decode(WIRE).encode()).isEqualTo(WIRE);
    }

    @Test
    void signedPartMatchesTheVector() {
        assertThat(hex(vectorPacket().signedPart())).isEqualTo(Vectors.get("peers", "signed_part_hex"));
        assertThat(vectorPacket().withSignature(new byte[0]).signedPart()).isEqualTo(hexAt("peers", "signed_part_hex"));
    }

    @Test
    void emptyRequestRoundTrips() {
        PeersPacket request = new PeersPacket("node-x", new byte[64], Map.of());
        byte[] wire = request.encode();
        assertThat(hex(wire)).endsWith("00000000");
        assertThat(PeersPacket.decode(wire)).isEqualTo(request);
    }

    @Test
    void peersAreUnmodifiableAndKeepTheirOrder() {
        Map<String, Endpoint> source = new LinkedHashMap<>();
        source.put("z", new Endpoint("1.1.1.1", 1));
        source.put("a", new Endpoint("2.2.2.2", 2));
        PeersPacket packet = new PeersPacket("n", new byte[0], source);
        source.clear();
        assertThat(packet.peers().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> packet.peers().put("b", new Endpoint("3.3.3.3", 3)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void orderMattersForEquality() {
        Map<String, Endpoint> forward = new LinkedHashMap<>();
        forward.put("a", new Endpoint("1.1.1.1", 1));
        forward.put("b", new Endpoint("2.2.2.2", 2));
        Map<String, Endpoint> backward = new LinkedHashMap<>();
        backward.put("b", new Endpoint("2.2.2.2", 2));
        backward.put("a", new Endpoint("1.1.1.1", 1));
        assertThat(new PeersPacket("n", new byte[0], forward)).isNotEqualTo(new PeersPacket("n", new byte[0], backward));
    }

    @Test
    void rejectsACountThatCannotFit() {
        byte[] wire = new ByteWriter().string("n").bytes(new byte[64]).u32(0xFFFF_FFFFL).raw(new byte[32]).toByteArray();
        assertThatThrownBy(() -> PeersPacket.decode(wire))
                .isInstanceOf(PacketFormatException.class)
                .hasMessageContaining("count");
    }

    @Test
    void rejectsTruncationAndTrailingGarbage() {
        DecodeAssertions.rejectsEveryProperPrefix(WIRE, PeersPacket::decode, Set.of());
        DecodeAssertions.rejectsTrailingGarbage(WIRE, PeersPacket::decode);
    }

    @Test
    void rejectsAnEntryWithAMalformedEndpoint() {
        byte[] wire = new ByteWriter().string("n").bytes(new byte[0]).u32(1)
                .string("p").bytes(new ByteWriter().string("h").u32(70000).toByteArray())
                .toByteArray();
        assertThatThrownBy(() -> PeersPacket.decode(wire)).isInstanceOf(PacketFormatException.class);
    }
}
