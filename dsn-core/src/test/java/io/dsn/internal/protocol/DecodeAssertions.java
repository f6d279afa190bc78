package io.dsn.internal.protocol;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;

/** Shared checks that a decoder rejects truncated and padded input. */
final class DecodeAssertions {

    private DecodeAssertions() {
    }

    /** Every proper prefix of {@code wire}, except those whose lengths are listed, must be rejected. */
    static void rejectsEveryProperPrefix(byte[] wire, Function<byte[], ?> decoder, Set<Integer> validLengths) {
        for (int length = 0; length < wire.length; length++) {
            if (validLengths.contains(length)) {
                continue;
            }
            byte[] prefix = Arrays.copyOf(wire, length);
            assertThatThrownBy(() -> decoder.apply(prefix))
                    .as("prefix of %d of %d bytes", length, wire.length)
                    .isInstanceOf(PacketFormatException.class);
        }
    }

    static void rejectsTrailingGarbage(byte[] wire, Function<byte[], ?> decoder) {
        for (byte[] garbage : new byte[][] {{0}, {0x41, 0x42, 0x43, 0x44}, new byte[9]}) {
            byte[] padded = Arrays.copyOf(wire, wire.length + garbage.length);
            System.arraycopy(garbage, 0, padded, wire.length, garbage.length);
            assertThatThrownBy(() -> decoder.apply(padded))
                    .as("%d trailing bytes", garbage.length)
                    .isInstanceOf(PacketFormatException.class);
        }
    }
}
