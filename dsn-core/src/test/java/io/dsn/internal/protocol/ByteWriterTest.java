package io.dsn.internal.protocol;

import static io.dsn.internal.protocol.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteWriterTest {

    @Test
    void u32IsLittleEndian() {
        assertThat(hex(new ByteWriter().u32(0).u32(1).u32(0x01020304L).u32(0xFFFF_FFFFL).toByteArray()))
                .isEqualTo("00000000" + "01000000" + "04030201" + "ffffffff");
    }

    @Test
    void u32RejectsValuesOutOfRange() {
        assertThatThrownBy(() -> new ByteWriter().u32(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteWriter().u32(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void f64IsBigEndian() {
        assertThat(hex(new ByteWriter().f64(1700000000.25).toByteArray())).isEqualTo("41d954fc40100000");
        assertThat(hex(new ByteWriter().f64(1.0).toByteArray())).isEqualTo("3ff0000000000000");
        assertThat(hex(new ByteWriter().f64(-0.0).toByteArray())).isEqualTo("8000000000000000");
    }

    @Test
    void bytesAndStringsArePrefixedWithTheirLength() {
        byte[] out = new ByteWriter().bytes(new byte[] {1, 2}).string("é").string("").raw(new byte[] {9}).toByteArray();
        assertThat(hex(out)).isEqualTo("020000000102" + "02000000c3a9" + "00000000" + "09");
    }

    @Test
    void growsPastTheInitialBuffer() {
        byte[] big = new byte[10_000];
        big[9_999] = 7;
        byte[] out = new ByteWriter().u32(1).bytes(big).toByteArray();
        assertThat(out).hasSize(4 + 4 + 10_000);
        assertThat(out[out.length - 1]).isEqualTo((byte) 7);
    }

    @Test
    void stringWritesAstralCharactersAsFourByteUtf8() {
        String s = "a\uD83D\uDE00";
        assertThat(new ByteWriter().string(s).toByteArray())
                .isEqualTo(new ByteWriter().bytes(s.getBytes(StandardCharsets.UTF_8)).toByteArray())
                .hasSize(4 + 5);
    }

    @Test
    void stringRejectsAnUnpairedSurrogate() {
        assertThatThrownBy(() -> new ByteWriter().string("a\uD800b")).isInstanceOf(IllegalArgumentException.class);
    }
}
