package io.dsn.internal.crypto;

import java.util.List;
import java.util.Map;

/** Shortcuts for the crypto tests over the shared reader of {@code vectors-0.6.7.json}. */
final class Vectors {

    private Vectors() {
    }

    static Map<String, Object> root() {
        return io.dsn.internal.protocol.Vectors.load();
    }

    static Map<String, Object> map(String name) {
        return asMap(root().get(name));
    }

    static Map<String, Object> asMap(Object value) {
        return io.dsn.internal.protocol.Vectors.map(value);
    }

    static List<Object> asList(Object value) {
        return io.dsn.internal.protocol.Vectors.list(value);
    }

    static byte[] hex(Map<String, Object> map, String key) {
        return io.dsn.internal.protocol.Vectors.hex((String) map.get(key));
    }

    /** The 64-byte public key of the named vector key pair ("a" or "b"). */
    static byte[] publicKey(String name) {
        return io.dsn.internal.protocol.Vectors.hexAt("keys", name, "public_hex");
    }

    static byte[] privateKey(String name) {
        return io.dsn.internal.protocol.Vectors.hexAt("keys", name, "private_hex");
    }
}
