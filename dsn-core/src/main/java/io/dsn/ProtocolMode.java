package io.dsn;

/**
 * The wire protocol a node speaks. A network speaks one of them: each refuses the other's
 * requests (HTTP 426) and logs it once, never mixing them silently.
 */
public enum ProtocolMode {

    /**
     * The protocol of the Python package 0.6.7, byte for byte (docs/PROTOCOL.md sections 1 to 7):
     * Java and Python nodes form one network. AES-CBC with a fixed IV and no MAC, one network key.
     */
    COMPATIBLE,

    /**
     * Java nodes only (docs/PROTOCOL.md section 8): every message authenticated and encrypted with
     * AES-256-GCM, carrying its sender, time and message id, refused when replayed or outside the
     * clock-skew window; several network keys, rotated at runtime without a partition.
     */
    SECURE;

    /** The name as configured: {@code compatible} or {@code secure}. */
    public String configName() {
        return DSNSetting.choiceName(this);
    }

    /**
     * Reads {@code compatible} or {@code secure}, either case.
     *
     * @throws IllegalArgumentException for anything else, naming the valid values
     */
    public static ProtocolMode fromConfigName(String text) {
        for (ProtocolMode mode : values()) {
            if (mode.configName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("protocol must be compatible or secure, was '" + text + "'");
    }
}
