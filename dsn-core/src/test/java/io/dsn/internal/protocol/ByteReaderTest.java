package io.dsn.internal.protocol;

import static io.dsn.internal.protocol.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteReaderTest {

    @Test
    void readsWhatTheWriterWrites() {
        byte[] data = new ByteWriter()
                .u32(0xFFFF_FFFFL).u32(7).f64(1700000001.5).bytes(new byte[] {1, 2, 3}).string("caf\u00e9 \uD83D\uDE00")
                .toByteArray();
        ByteReader reader = new ByteReader(data);
        assertThat(reader.u32()).isEqualTo(0xFFFF_FFFFL);
        assertThat(reader.u32()).isEqualTo(7);
        assertThat(reader.f64()).isEqualTo(1700000001.5);
        assertThat(reader.bytes()).containsExactly(1, 2, 3);
        assertThat(reader.hasRemaining()).isTrue();
        assertThat(reader.string()).isEqualTo("caf\u00e9 \uD83D\uDE00");
        assertThat(reader.hasRemaining()).isFalse();
        assertThat(reader.remaining()).isZero();
        reader.expectEnd();
    }

    @Test
    void f64KeepsNaNBits() {
        byte[] data = hex("7ff8000000000001");
        double value = new ByteReader(data).f64();
        assertThat(Double.isNaN(value)).isTrue();
        assertThat(new ByteWriter().f64(value).toByteArray()).isEqualTo(data);
    }

    @Test
    void truncatedU32() {
        assertThatThrownBy(() -> new ByteReader(hex("010203")).u32())
                .isInstanceOf(PacketFormatException.class)
                .hasMessageContaining("u32")
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> new ByteReader(new byte[0]).u32("count"))
                .isInstanceOf(PacketFormatException.class)
                .hasMessageContaining("count");
    }

    @Test
    void truncatedF64() {
        assertThatThrownBy(() -> new ByteReader(hex("41d954fc401000")).f64())
                .isInstanceOf(PacketFormatException.class)
                .hasMessageContaining("f64");
    }

    @Test
    void truncatedBytes() {
        assertThatThrownBy(() -> new ByteReader(hex("0300000001")).bytes("signature"))
                .isInstanceOf(PacketFormatException.class)
                .hasMessageContaining("signature")
                .hasMessageContaining("length 3");
        assertThatThrownBy(() -> new ByteReader(hex("0300")).bytes("signature"))
                .isInstanceOf(PacketFormatException.class)
                .hasMessageContaining("signature length");
    }

    @Test
    void truncatedString() {
        assertThatThrownBy(() -> new ByteReader(hex("05000000302e36")).string())
                .isInstanceOf(PacketFormatException.class)
                .hasMessageContaining("string");
    }

    @Test
    void hugeLengthIsRejectedWithoutAllocating() {
        assertThatThrownBy(() -> new ByteReader(hex("ffffffff00")).bytes())
                .isInstanceOf(PacketFormatException.class)
                .hasMessageContaining("4294967295");
        assertThatThrownBy(() -> new ByteReader(hex("ffffff7f")).string())
                .isInstanceOf(PacketFormatException.class);
    }

    @Test
    void invalidUtf8IsRejected() {
        String[] invalid = {
            "ff",           // never valid
            "c3",           // truncated sequence
            "c328",         // bad continuation
            "c0af",         // overlong '/'
            "eda080",       // encoded surrogate (CESU-8)
            "f4908080",     // above U+10FFFF
            "80",           // lone continuation byte
        };
        for (String bytes : invalid) {
            byte[] data = new ByteWriter().bytes(hex(bytes)).toByteArray();
            assertThatThrownBy(() -> new ByteReader(data).string("node_id"))
                    .as(bytes)
                    .isInstanceOf(PacketFormatException.class)
                    .hasMessageContaining("UTF-8");
        }
    }

    @Test
    void expectEndRejectsTrailingBytes() {
        ByteReader reader = new ByteReader(hex("0000000000"));
        reader.u32();
        assertThat(reader.remaining()).isEqualTo(1);
        assertThatThrownBy(reader::expectEnd).isInstanceOf(PacketFormatException.class).hasMessageContaining("trailing");
    }

    @Test
    void emptyInputIsAtItsEnd() {
        ByteReader reader = new ByteReader(new byte[0]);
        assertThat(reader.hasRemaining()).isFalse();
        reader.expectEnd();
    }
}
