package io.dsn.internal.crypto;

import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.SecureMessage;
import io.dsn.internal.protocol.Vectors;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The secure protocol's codec against {@code vectors-secure-1.json}: the file is exactly what this
 * implementation writes, every body is sealed and opened byte for byte from its inputs, and every
 * refused body fails as the file says.
 */
class SecureVectorsTest {

    private static Map<String, Object> vectors() {
        return Vectors.read(SecureVectors.RESOURCE);
    }

    @Test
    void theCheckedInFileIsWhatThisImplementationWrites() throws IOException {
        String written = SecureVectors.json();
        String target = System.getProperty("dsn.vectors.write");
        if (target != null) {
            Files.writeString(Path.of(target), written, StandardCharsets.UTF_8);
        }
        try (InputStream in = getClass().getResourceAsStream(SecureVectors.RESOURCE)) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(written);
        }
    }

    @Test
    void keyIdsAndCipherKeysAreDerivedAsTheFileSays() {
        for (Object entry : Vectors.list(vectors().get("keys"))) {
            Map<String, Object> key = Vectors.map(entry);
            SecureKey secure = SecureKey.of(NetworkKey.parse((String) key.get("network_key")));
            assertThat(secure.idHex()).isEqualTo(key.get("key_id"));
            assertThat(HexFormat.of().formatHex(secure.cipherKeyBytes())).isEqualTo(key.get("aes_256_gcm_key"));
        }
    }

    @Test
    void everyMessageSealsToItsBodyAndOpensToItsFields() throws DecryptionException {
        List<Object> messages = Vectors.list(vectors().get("messages"));
        assertThat(messages).hasSize(4);
        for (Object entry : messages) {
            Map<String, Object> vector = Vectors.map(entry);
            SecureKey key = keyOf(vector);
            byte[] nonce = hex(vector, "nonce");
            SecureMessage message = new SecureMessage(
                    ((Long) vector.get("kind")).intValue() == 1 ? SecureMessage.Kind.REQUEST : SecureMessage.Kind.ANSWER,
                    MessageType.fromCode(((Long) vector.get("type")).intValue()).orElseThrow(),
                    hex(vector, "in_reply_to"), (Double) vector.get("sent_at"), (String) vector.get("sender_id"),
                    (String) vector.get("recipient_id"), hex(vector, "payload"));

            assertThat(message.encode()).as("inner of %s", vector.get("name")).isEqualTo(hex(vector, "inner"));
            byte[] body = SecureEnvelope.seal(key, nonce, message);
            assertThat(body).as("body of %s", vector.get("name")).isEqualTo(hex(vector, "body"));

            SecureEnvelope.Opened opened = SecureEnvelope.open(ring(), hex(vector, "body"));
            assertThat(opened.message()).isEqualTo(message);
            assertThat(opened.messageId()).isEqualTo(nonce);
            assertThat(opened.key()).isEqualTo(key);
            assertThat(body.length % 16).as("never whole AES blocks").isEqualTo(2);
        }
    }

    @Test
    void everyRefusedBodyFailsAsTheFileSays() {
        List<Object> refused = Vectors.list(vectors().get("refused"));
        assertThat(refused).hasSize(6);
        for (Object entry : refused) {
            Map<String, Object> vector = Vectors.map(entry);
            assertThatThrownBy(() -> SecureEnvelope.open(ring(), hex(vector, "body")))
                    .as((String) vector.get("name"))
                    .isInstanceOfSatisfying(SecureEnvelope.UnopenedException.class, e ->
                            assertThat(e.failure().name()).isEqualTo(vector.get("failure")));
        }
    }

    private static NetworkKeyring ring() {
        return new NetworkKeyring(SecureVectors.KEYS.get(0), List.of(SecureVectors.KEYS.get(1)));
    }

    private static SecureKey keyOf(Map<String, Object> vector) {
        Map<String, Object> key = Vectors.map(Vectors.list(vectors().get("keys")).get(((Long) vector.get("key")).intValue()));
        return SecureKey.of(NetworkKey.parse((String) key.get("network_key")));
    }

    private static byte[] hex(Map<String, Object> vector, String name) {
        return HexFormat.of().parseHex((String) vector.get(name));
    }
}
