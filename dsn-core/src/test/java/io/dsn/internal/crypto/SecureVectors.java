package io.dsn.internal.crypto;

import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.SecureMessage;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code vectors-secure-1.json}, the test vectors of the secure protocol (PROTOCOL.md
 * section 8.6), with this implementation: fixed keys, nonces, times and ids, so every byte is
 * reproducible. {@link SecureVectorsTest} checks that the checked-in file is exactly what this
 * writes, and that the codec meets every vector; to write the file again after a deliberate change
 * of the format, run that test with {@code -Ddsn.vectors.write=src/test/resources/vectors-secure-1.json}.
 */
final class SecureVectors {

    static final String RESOURCE = "/vectors-secure-1.json";
    /** The network keys: 00 01 … 1f, 20 21 … 3f, and one no ring of the vectors holds, 40 41 … 5f. */
    static final List<NetworkKey> KEYS = List.of(key(0x00), key(0x20), key(0x40));
    /** 2026-01-01T00:00:00Z. */
    static final double T = 1_767_225_600.0;

    /** One message of the vectors, and the key and nonce it is sealed with. */
    record Case(String name, int key, byte[] nonce, SecureMessage message) {
    }

    private SecureVectors() {
    }

    static List<Case> cases() {
        byte[] pingId = nonce(1);
        return List.of(
                new Case("ping request", 0, pingId,
                        SecureMessage.request(MessageType.PING, T + 0.25, "node-a", "node-b", new byte[] {' '})),
                new Case("ping answer", 0, nonce(2),
                        SecureMessage.answer(MessageType.PING, pingId, T + 0.5, "node-b", "node-a", new byte[0])),
                new Case("hello request to an endpoint whose node is not known yet", 1, nonce(3),
                        SecureMessage.request(MessageType.HELLO, T + 1, "node-a", "",
                                HexFormat.of().parseHex("0500000030" + "2e362e37"))),
                new Case("data between ids outside ASCII, no padding needed", 1, nonce(4),
                        SecureMessage.request(MessageType.DATA, T + 2, "sensor-\u00e4", "\u76e3\u8996",
                                "fifteen bytes!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    /** The bodies no ring of {K0 primary, K1} opens, with the failure each must give. */
    static List<String[]> refused() {
        byte[] ping = body(cases().get(0));
        List<String[]> refused = new ArrayList<>();
        refused.add(new String[] {"last byte of the tag changed", hex(flip(ping, ping.length - 1)), "NOT_AUTHENTIC"});
        refused.add(new String[] {"a byte of the nonce changed", hex(flip(ping, SecureEnvelope.NONCE_OFFSET)),
                "NOT_AUTHENTIC"});
        refused.add(new String[] {"a byte of the ciphertext changed", hex(flip(ping, SecureEnvelope.HEADER_LENGTH + 3)),
                "NOT_AUTHENTIC"});
        refused.add(new String[] {"sealed with a key the ring does not hold", hex(SecureEnvelope.seal(
                SecureKey.of(KEYS.get(2)), nonce(5), cases().get(0).message())), "UNKNOWN_KEY"});
        byte[] otherVersion = ping.clone();
        otherVersion[1] = 2;
        refused.add(new String[] {"version 2", hex(otherVersion), "OTHER_VERSION"});
        refused.add(new String[] {"a compatible body (AES-CBC, whole blocks)",
                hex(NetworkCipher.aes(KEYS.get(0)).encrypt(new byte[] {4, ' '})), "NOT_SECURE"});
        return refused;
    }

    static byte[] body(Case vector) {
        return SecureEnvelope.seal(SecureKey.of(KEYS.get(vector.key())), vector.nonce(), vector.message());
    }

    /** The whole document. */
    static String json() {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"description\": \"Test vectors of the DSN secure protocol, version 1 (docs/PROTOCOL.md section 8),"
                + " written by DSN for Java (SecureVectors). Hex strings are lowercase; sent_at is f64 seconds since the"
                + " Unix epoch; kind 1 is a request, 2 an answer; the refused bodies are opened with the ring of keys 0"
                + " (primary) and 1.\",\n");
        json.append("  \"keys\": [\n");
        for (int i = 0; i < KEYS.size(); i++) {
            SecureKey key = SecureKey.of(KEYS.get(i));
            json.append("    {\"network_key\": \"").append(KEYS.get(i).toHex())
                    .append("\", \"key_id\": \"").append(key.idHex())
                    .append("\", \"aes_256_gcm_key\": \"").append(hex(key.cipherKeyBytes()))
                    .append("\"}").append(i < KEYS.size() - 1 ? ",\n" : "\n");
        }
        json.append("  ],\n  \"messages\": [\n");
        List<Case> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            Case vector = cases.get(i);
            SecureMessage m = vector.message();
            json.append("    {\n")
                    .append("      \"name\": ").append(string(vector.name())).append(",\n")
                    .append("      \"key\": ").append(vector.key()).append(",\n")
                    .append("      \"nonce\": \"").append(hex(vector.nonce())).append("\",\n")
                    .append("      \"kind\": ").append(m.kind().code()).append(",\n")
                    .append("      \"type\": ").append(m.type().code()).append(",\n")
                    .append("      \"in_reply_to\": \"").append(hex(m.inReplyTo())).append("\",\n")
                    .append("      \"sent_at\": ").append(String.format(Locale.ROOT, "%.3f", m.sentAt())).append(",\n")
                    .append("      \"sender_id\": ").append(string(m.senderId())).append(",\n")
                    .append("      \"recipient_id\": ").append(string(m.recipientId())).append(",\n")
                    .append("      \"payload\": \"").append(hex(m.payload())).append("\",\n")
                    .append("      \"inner\": \"").append(hex(m.encode())).append("\",\n")
                    .append("      \"body\": \"").append(hex(body(vector))).append("\"\n")
                    .append(i < cases.size() - 1 ? "    },\n" : "    }\n");
        }
        json.append("  ],\n  \"refused\": [\n");
        List<String[]> refused = refused();
        for (int i = 0; i < refused.size(); i++) {
            String[] vector = refused.get(i);
            json.append("    {\"name\": ").append(string(vector[0])).append(", \"body\": \"").append(vector[1])
                    .append("\", \"failure\": \"").append(vector[2]).append("\"}")
                    .append(i < refused.size() - 1 ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        return json.toString();
    }

    static byte[] nonce(int last) {
        byte[] nonce = new byte[SecureKey.NONCE_LENGTH];
        nonce[0] = (byte) 0xA0;
        nonce[SecureKey.NONCE_LENGTH - 1] = (byte) last;
        return nonce;
    }

    private static NetworkKey key(int first) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < NetworkKey.LENGTH; i++) {
            hex.append(String.format("%02x", first + i));
        }
        return NetworkKey.parse(hex.toString());
    }

    private static byte[] flip(byte[] body, int index) {
        byte[] changed = body.clone();
        changed[index] ^= 0x01;
        return changed;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A JSON string, every character outside printable ASCII escaped. */
    private static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
