package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NetworkCipherTest {

    private static final Map<String, Object> AES = Vectors.map("aes");
    private static final NetworkCipher CIPHER = NetworkCipher.aes(NetworkKey.parse((String) AES.get("key_hex")));

    private static List<Map<String, Object>> cases() {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (Object c : Vectors.asList(AES.get("cases"))) {
            cases.add(Vectors.asMap(c));
        }
        return cases;
    }

    @Test
    void encryptsEveryVector() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(7);
        for (Map<String, Object> c : cases()) {
            assertThat(CIPHER.encrypt(Vectors.hex(c, "plaintext_hex")))
                    .as("encrypt %s", c.get("plaintext_hex"))
                    .isEqualTo(Vectors.hex(c, "ciphertext_hex"));
        }
    }

    @Test
    void decryptsEveryVector() throws DecryptionException {
        for (Map<String, Object> c : cases()) {
            assertThat(CIPHER.decrypt(Vectors.hex(c, "ciphertext_hex")))
                    .as("decrypt %s", c.get("ciphertext_hex"))
                    .isEqualTo(Vectors.hex(c, "plaintext_hex"));
        }
    }

    @Test
    void decryptsWholeHttpBodies() throws DecryptionException {
        Map<String, Object> bodies = Vectors.map("http_bodies");
        assertThat(CIPHER.decrypt(Vectors.hex(bodies, "ping_request_hex"))).containsExactly(4, ' ');
        assertThat(CIPHER.decrypt(Vectors.hex(bodies, "ping_response_hex"))).containsExactly(4);
        assertThat(CIPHER.decrypt(Vectors.hex(bodies, "data_response_hex"))).containsExactly(5, 'O', 'K');
    }

    @Test
    void rejectsEmptyCiphertext() {
        assertThatThrownBy(() -> CIPHER.decrypt(new byte[0])).isInstanceOf(DecryptionException.class);
    }

    @Test
    void rejectsLengthNotAMultipleOfTheBlock() {
        assertThatThrownBy(() -> CIPHER.decrypt(new byte[15])).isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> CIPHER.decrypt(new byte[17])).isInstanceOf(DecryptionException.class);
    }

    @Test
    void rejectsBadPaddingAndStillWorksAfterwards() throws DecryptionException {
        byte[] good = CIPHER.encrypt("hello".getBytes());
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 0x55; // garbles the last plaintext block, so its padding
        assertThatThrownBy(() -> CIPHER.decrypt(bad)).isInstanceOf(DecryptionException.class);
        assertThat(CIPHER.decrypt(good)).isEqualTo("hello".getBytes());
    }

    @Test
    void openTellsAValidBodyFromABadPaddingAndKeepsEveryByteOfABadOne() {
        byte[] good = CIPHER.encrypt("hello".getBytes());
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 0x55;

        Opened valid = CIPHER.open(good);
        Opened invalid = CIPHER.open(bad);

        assertThat(valid.valid()).isTrue();
        assertThat(valid.plaintext()).isEqualTo("hello".getBytes());
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.plaintext()).as("the whole block, to be parsed and refused like any other").hasSize(16);
        assertThat(CIPHER.open(new byte[17]).valid()).isFalse();
        assertThat(CIPHER.open(new byte[0]).valid()).isFalse();
    }

    @Test
    void openAcceptsEveryPaddingLengthAndNoOtherLastBlock() {
        for (int length = 0; length < 40; length++) {
            byte[] message = new byte[length];
            Arrays.fill(message, (byte) length);
            Opened opened = CIPHER.open(CIPHER.encrypt(message));
            assertThat(opened.valid()).as("length %d", length).isTrue();
            assertThat(opened.plaintext()).as("length %d", length).isEqualTo(message);
        }
        int valid = 0;
        byte[] body = CIPHER.encrypt(new byte[20]);
        for (int value = 0; value < 256; value++) {
            body[15] = (byte) value;   // changes the last byte of the last block's decryption
            valid += CIPHER.open(body).valid() ? 1 : 0;
        }
        assertThat(valid).as("only the original padding byte (0x0c) and 0x01, which is valid padding of one").isEqualTo(2);
    }

    @Test
    void wrongKeyDoesNotDecrypt() {
        NetworkCipher other = NetworkCipher.aes(NetworkKey.parse("ff".repeat(32)));
        byte[] ciphertext = CIPHER.encrypt(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> other.decrypt(ciphertext)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        Map<String, Object> last = cases().get(cases().size() - 1);
        byte[] plaintext = Vectors.hex(last, "plaintext_hex");
        byte[] ciphertext = Vectors.hex(last, "ciphertext_hex");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> {
                    for (int j = 0; j < 200; j++) {
                        if (!java.util.Arrays.equals(CIPHER.encrypt(plaintext), ciphertext)
                                || !java.util.Arrays.equals(CIPHER.decrypt(ciphertext), plaintext)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void plaintextCipherIsTheIdentity() throws DecryptionException {
        NetworkCipher plain = NetworkCipher.plaintext();
        byte[] message = {4, ' ', 0, (byte) 0xff};
        assertThat(plain.encrypt(message)).isEqualTo(message);
        assertThat(plain.decrypt(message)).isEqualTo(message);
        assertThat(plain.encrypt(new byte[0])).isEmpty();
    }

    @Test
    void toStringHidesTheKey() {
        assertThat(CIPHER.toString()).doesNotContain((String) AES.get("key_hex")).doesNotContain("1011121314");
    }
}
