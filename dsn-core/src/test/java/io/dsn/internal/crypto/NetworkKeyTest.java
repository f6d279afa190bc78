package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class NetworkKeyTest {

    private static final String VECTOR_KEY = (String) Vectors.map("aes").get("key_hex");

    @Test
    void parsesTheVectorKeyAndSplitsIt() {
        NetworkKey key = NetworkKey.parse(VECTOR_KEY);
        assertThat(key.toHex()).isEqualTo(VECTOR_KEY);
        assertThat(key.iv()).isEqualTo(Hex.decode("000102030405060708090a0b0c0d0e0f"));
        assertThat(key.aesKey()).isEqualTo(Hex.decode("101112131415161718191a1b1c1d1e1f"));
    }

    @Test
    void acceptsUpperCaseAndWritesLowerCase() {
        NetworkKey key = NetworkKey.parse(VECTOR_KEY.toUpperCase());
        assertThat(key.toHex()).isEqualTo(VECTOR_KEY);
        assertThat(key).isEqualTo(NetworkKey.parse(VECTOR_KEY));
    }

    @Test
    void rejectsWrongLengthsWithoutEchoingTheKey() {
        String short63 = VECTOR_KEY.substring(1);
        assertThatThrownBy(() -> NetworkKey.parse(short63))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hexadecimal characters (32 bytes)")
                .hasMessageContaining("63")
                .hasMessageNotContaining(short63);
        String long65 = VECTOR_KEY + "0";
        assertThatThrownBy(() -> NetworkKey.parse(long65))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hexadecimal characters (32 bytes)")
                .hasMessageContaining("65")
                .hasMessageNotContaining(long65);
        assertThatThrownBy(() -> NetworkKey.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hexadecimal characters");
        assertThatThrownBy(() -> NetworkKey.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonHexCharacters() {
        for (String bad : new String[] {"g" + VECTOR_KEY.substring(1), VECTOR_KEY.substring(1) + " ",
                "\uff10" + VECTOR_KEY.substring(1), "-" + VECTOR_KEY.substring(1)}) {
            assertThatThrownBy(() -> NetworkKey.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("64 hexadecimal characters (32 bytes)")
                    .hasMessageNotContaining(VECTOR_KEY.substring(1));
        }
    }

    @Test
    void generatesDistinctKeys() {
        SecureRandom random = new SecureRandom();
        NetworkKey first = NetworkKey.generate(random);
        NetworkKey second = NetworkKey.generate(random);
        assertThat(first.toHex()).hasSize(64).isNotEqualTo(second.toHex());
        assertThat(NetworkKey.parse(first.toHex())).isEqualTo(first);
    }

    @Test
    void toStringHidesTheKey() {
        NetworkKey key = NetworkKey.parse(VECTOR_KEY);
        assertThat(key.toString()).doesNotContain(VECTOR_KEY).doesNotContain("0001020304")
                .doesNotContain("1011121314");
    }

    @Test
    void accessorsReturnCopies() {
        NetworkKey key = NetworkKey.parse(VECTOR_KEY);
        key.iv()[0] = 9;
        key.aesKey()[0] = 9;
        assertThat(key.toHex()).isEqualTo(VECTOR_KEY);
    }
}
