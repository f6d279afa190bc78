package io.dsn.internal.protocol;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LEAVE packet's bytes, as PROTOCOL.md section 4.6 gives them. */
class LeavePacketTest {

    @Test
    void encodesIdTimeAndSignatureAndReadsThemBack() {
        LeavePacket packet = new LeavePacket("n", 1.5, new byte[] {9, 8});

        byte[] wire = packet.encode();

        assertThat(wire).containsExactly(
                1, 0, 0, 0, 'n',                        // string node_id
                0x3f, (byte) 0xf8, 0, 0, 0, 0, 0, 0,    // f64 left_at, big-endian
                2, 0, 0, 0, 9, 8);                      // bytes signature
        assertThat(LeavePacket.decode(wire)).isEqualTo(packet);
        assertThat(packet.signedPart()).containsExactly(Arrays.copyOf(wire, 13));
    }

    @Test
    void truncatedOrTrailingBytesAreRefused() {
        byte[] wire = new LeavePacket("n", 1.5, new byte[] {9}).encode();

        assertThatThrownBy(() -> LeavePacket.decode(Arrays.copyOf(wire, wire.length - 1)))
                .isInstanceOf(PacketFormatException.class);
        assertThatThrownBy(() -> LeavePacket.decode(Arrays.copyOf(wire, wire.length + 1)))
                .isInstanceOf(PacketFormatException.class);
    }
}
