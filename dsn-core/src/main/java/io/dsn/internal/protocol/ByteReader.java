package io.dsn.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the DSN primitive encodings (see PROTOCOL.md section 3) from a byte array.
 * Unlike the Python reader, it never pads: truncated input throws {@link PacketFormatException}.
 * The overloads taking a field name only make error messages more precise.
 */
public final class ByteReader {

    private final byte[] data;
    private int pos;

    public ByteReader(byte[] data) {
        this.data = data;
    }

    public long u32() {
        return u32("u32");
    }

    /** Reads 4 bytes, unsigned little-endian. */
    public long u32(String field) {
        need(4, field);
        long value = (data[pos] & 0xFFL)
                | (data[pos + 1] & 0xFFL) << 8
                | (data[pos + 2] & 0xFFL) << 16
                | (data[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return value;
    }

    /** Reads 1 byte, unsigned. */
    public int u8(String field) {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    /** Reads exactly {@code count} bytes, without a length before them. */
    public byte[] raw(int count, String field) {
        need(count, field);
        int start = pos;
        pos += count;
        return Arrays.copyOfRange(data, start, pos);
    }

    public double f64() {
        return f64("f64");
    }

    /** Reads 8 bytes, IEEE-754 big-endian. */
    public double f64(String field) {
        need(8, field);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (data[pos + i] & 0xFFL);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    public byte[] bytes() {
        return bytes("bytes");
    }

    /** Reads a u32 length, then that many bytes. */
    public byte[] bytes(String field) {
        long length = u32(field + " length");
        // Check the untrusted length against what is really there before allocating anything.
        if (length > remaining()) {
            throw new PacketFormatException(field + ": length " + length + " but only " + remaining()
                    + " bytes remain at offset " + pos);
        }
        int start = pos;
        pos += (int) length;
        return Arrays.copyOfRange(data, start, pos);
    }

    public String string() {
        return string("string");
    }

    /** Reads a {@code bytes} field holding strict UTF-8. */
    public String string(String field) {
        return utf8(bytes(field), field);
    }

    public boolean hasRemaining() {
        return pos < data.length;
    }

    public int remaining() {
        return data.length - pos;
    }

    /** Throws if any byte is left unread. */
    public void expectEnd() {
        if (hasRemaining()) {
            throw new PacketFormatException(remaining() + " unexpected trailing bytes at offset " + pos);
        }
    }

    /** Decodes strict UTF-8: malformed sequences, overlongs and encoded surrogates are rejected. */
    static String utf8(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PacketFormatException(field + ": invalid UTF-8", e);
        }
    }

    private void need(int count, String field) {
        if (remaining() < count) {
            throw new PacketFormatException(field + ": truncated, needs " + count + " bytes but "
                    + remaining() + " remain at offset " + pos);
        }
    }
}
