package io.dsn.internal.protocol;

import static io.dsn.internal.protocol.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatePacketTest {

    private static List<Map<String, Object>> vectors() {
        return Vectors.list(Vectors.get("state")).stream().map(Vectors::map).toList();
    }

    private static StatePacket packetOf(Map<String, Object> v) {
        return new StatePacket((String) v.get("node_id"), (Double) v.get("last_update"),
                hex((String) v.get("signature_hex")), (String) v.get("state_json"));
    }

    @Test
    void thereAreThreeStateVectors() {
        assertThat(vectors()).hasSize(3);
    }

    @Test
    void decodesEveryVector() {
        for (Map<String, Object> v : vectors()) {
            StatePacket packet = StatePacket.decode(hex((String) v.get("wire_hex")));
            assertThat(packet.nodeId()).isEqualTo(v.get("node_id"));
            assertThat(packet.lastUpdate()).isEqualTo((Double) v.get("last_update"));
            assertThat(packet.signature()).isEqualTo(hex((String) v.get("signature_hex")));
            assertThat(packet.stateJson()).isEqualTo(v.get("state_json"));
            assertThat(packet).isEqualTo(packetOf(v));
        }
    }

    @Test
    void encodesEveryVector() {
        for (Map<String, Object> v : vectors()) {
            assertThat(hex(packetOf(v).encode())).isEqualTo(v.get("wire_hex"));
        }
    }

    @Test
    void signedPartMatchesEveryVector() {
        for (Map<String, Object> v : vectors()) {
            assertThat(hex(packetOf(v).signedPart())).isEqualTo(v.get("signed_part_hex"));
            assertThat(hex(packetOf(v).withSignature(new byte[0]).signedPart())).isEqualTo(v.get("signed_part_hex"));
        }
    }

    @Test
    void signedPartBuiltFromTheStateMapMatches() {
        for (Map<String, Object> v : vectors()) {
            @SuppressWarnings("unchecked")
            Map<String, String> state = (Map<String, String>) (Map<?, ?>) v.get("state");
            StatePacket unsigned = new StatePacket("node-a", (Double) v.get("last_update"), new byte[0],
                    PythonJson.write(state));
            assertThat(hex(unsigned.signedPart())).isEqualTo(v.get("signed_part_hex"));
        }
    }

    @Test
    void rejectsTruncationAndTrailingGarbage() {
        for (Map<String, Object> v : vectors()) {
            byte[] wire = hex((String) v.get("wire_hex"));
            DecodeAssertions.rejectsEveryProperPrefix(wire, StatePacket::decode, Set.of());
            DecodeAssertions.rejectsTrailingGarbage(wire, StatePacket::decode);
        }
    }

    @Test
    void equalityComparesSignaturesByContent() {
        StatePacket a = packetOf(vectors().get(1));
        StatePacket b = StatePacket.decode(a.encode());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.withSignature(new byte[64]));
    }

    @Test
    void theEncodedLengthIsKnownWithoutEncoding() {
        for (String text : new String[] {"plain", "caf\u00e9", "\u2603 snow", "\uD83D\uDE00 face", ""}) {
            StatePacket signed = new StatePacket("node-" + text, 1.5, new byte[64], "{\"k\": \"" + text + "\"}");
            assertThat(signed.encodedLength(64)).as(text).isEqualTo(signed.encode().length);
            assertThat(signed.withSignature(new byte[0]).encodedLength(64)).as(text).isEqualTo(signed.encode().length);
        }
    }
}
