package io.dsn.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds a packet from the DSN primitive encodings (see PROTOCOL.md section 3). */
public final class ByteWriter {

    private static final long U32_MAX = 0xFFFF_FFFFL;

    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(64);
    }

    /** A writer whose buffer holds {@code capacity} bytes before it grows. */
    public ByteWriter(int capacity) {
        this.buf = new byte[capacity];
    }

    /** Appends 1 byte, unsigned. */
    public ByteWriter u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    /** Appends 4 bytes, unsigned little-endian. */
    public ByteWriter u32(long value) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        ensure(4);
        buf[size++] = (byte) value;
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) (value >>> 16);
        buf[size++] = (byte) (value >>> 24);
        return this;
    }

    /** Appends 8 bytes, IEEE-754 big-endian (raw bits, so every NaN payload survives). */
    public ByteWriter f64(double value) {
        long bits = Double.doubleToRawLongBits(value);
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (bits >>> shift);
        }
        return this;
    }

    /** Appends a u32 length, then the bytes. */
    public ByteWriter bytes(byte[] value) {
        u32(value.length);
        return raw(value);
    }

    /**
     * Appends the UTF-8 encoding as {@link #bytes(byte[])}.
     *
     * @throws IllegalArgumentException if the string holds an unpaired surrogate, which has no
     *     UTF-8 encoding (silently writing '?' instead would corrupt signed data)
     */
    public ByteWriter string(String value) {
        return bytes(encodeUtf8(value));
    }

    /** Appends the bytes as they are, without a length. */
    public ByteWriter raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buf, size, value.length);
        size += value.length;
        return this;
    }

    /**
     * Everything written so far, in an array of its own: the buffer itself when it is exactly full
     * (any later write moves to a new buffer, so the array handed out never changes), else a copy.
     */
    public byte[] toByteArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    private void ensure(int extra) {
        if (buf.length - size < extra) {
            int wanted = Math.max(buf.length * 2, size + extra);
            buf = Arrays.copyOf(buf, wanted);
        }
    }

    private static byte[] encodeUtf8(String value) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not encodable as UTF-8 (unpaired surrogate?)", e);
        }
    }

    /** The number of bytes {@link #string} writes for the text after its length: its UTF-8 length, counted without encoding. */
    public static int utf8Length(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
