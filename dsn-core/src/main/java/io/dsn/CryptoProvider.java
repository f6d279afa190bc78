package io.dsn;

import java.util.Locale;

/**
 * Which implementation of the protocol's ECDSA (secp256k1) a node signs and verifies with. Both
 * make and accept the same signatures; they differ in speed and in what they need.
 */
public enum CryptoProvider {

    /** libsecp256k1 where its native library loads, Bouncy Castle otherwise (the default). */
    AUTO,

    /**
     * libsecp256k1, the C library behind Bitcoin Core, through ACINQ's JNI build (about three times
     * faster). A node refuses to start where it cannot load.
     */
    NATIVE,

    /** Bouncy Castle, in Java: runs wherever Java does. */
    BOUNCY_CASTLE;

    /** The name as configured: {@code auto}, {@code native} or {@code bouncy-castle}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
