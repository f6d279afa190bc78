package io.dsn.internal.protocol;

import static io.dsn.internal.protocol.Vectors.hexAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsn.Endpoint;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointCodecTest {

    private static final Endpoint VECTOR = new Endpoint(
            (String) Vectors.get("endpoint", "address"), ((Long) Vectors.get("endpoint", "port")).intValue());

    @Test
    void encodesTheVector() {
        assertThat(EndpointCodec.encode(VECTOR)).isEqualTo(hexAt("endpoint", "hex"));
    }

    @Test
    void decodesTheVector() {
        assertThat(EndpointCodec.decode(hexAt("endpoint", "hex"))).isEqualTo(new Endpoint("127.0.0.1", 8000));
    }

    @Test
    void roundTripsPortBounds() {
        for (int port : new int[] {0, 1, 65535}) {
            Endpoint endpoint = new Endpoint("host.example", port);
            assertThat(EndpointCodec.decode(EndpointCodec.encode(endpoint))).isEqualTo(endpoint);
        }
    }

    @Test
    void rejectsAPortAbove65535() {
        byte[] wire = new ByteWriter().string("127.0.0.1").u32(65536).toByteArray();
        assertThatThrownBy(() -> EndpointCodec.decode(wire))
                .isInstanceOf(PacketFormatException.class)
                .hasMessageContaining("port");
    }

    @Test
    void rejectsTruncationAndTrailingGarbage() {
        byte[] wire = hexAt("endpoint", "hex");
        DecodeAssertions.rejectsEveryProperPrefix(wire, EndpointCodec::decode, Set.of());
        DecodeAssertions.rejectsTrailingGarbage(wire, EndpointCodec::decode);
    }
}
