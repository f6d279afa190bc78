package io.dsn.internal.protocol;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuspectPacketTest {

    @Test
    void encodesAsDocumentedInProtocolMd() {
        SuspectPacket packet = new SuspectPacket("n", "x", new byte[] {9, 8});

        assertThat(HexFormat.of().formatHex(packet.encode())).isEqualTo("010000006e" + "0100000078" + "020000000908");
        assertThat(HexFormat.of().formatHex(packet.signedPart())).isEqualTo("010000006e" + "0100000078");
        assertThat(SuspectPacket.decode(packet.encode())).isEqualTo(packet);
    }

    @Test
    void aPacketWithBytesAfterTheSignatureOrCutShortIsRefused() {
        byte[] wire = new SuspectPacket("n", "x", new byte[] {9, 8}).encode();
        byte[] longer = java.util.Arrays.copyOf(wire, wire.length + 1);
        byte[] shorter = java.util.Arrays.copyOf(wire, wire.length - 1);

        assertThatThrownBy(() -> SuspectPacket.decode(longer)).isInstanceOf(PacketFormatException.class);
        assertThatThrownBy(() -> SuspectPacket.decode(shorter)).isInstanceOf(PacketFormatException.class);
    }
}
