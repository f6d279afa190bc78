package io.dsn.internal.crypto;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.stream.Stream;

/**
 * The two implementations of the protocol's ECDSA, for tests that run under each. libsecp256k1
 * must load here, except in the run that keeps it from loading on purpose (CI runs the tests a
 * second time with {@code -Dfr.acinq.secp256k1.tmpdir} naming a directory that does not exist, so that
 * its native library cannot be extracted, as where the temporary directory is noexec): there, tests
 * of libsecp256k1 itself are skipped.
 */
final class EcdsaSchemes {

    private EcdsaSchemes() {
    }

    /** Whether this run keeps libsecp256k1 from loading on purpose. */
    static boolean nativeTurnedOff() {
        return System.getProperty("fr.acinq.secp256k1.tmpdir", "").startsWith("/nonexistent/");
    }

    /** libsecp256k1's scheme; fails where it does not load, unless this run turned it off. */
    static SignatureScheme nativeScheme() {
        assumeThat(nativeTurnedOff()).as("libsecp256k1 is turned off in this run").isFalse();
        SignatureSchemes.NativeLoad load = SignatureSchemes.NativeLoad.attempt();
        if (load.scheme() == null) {
            throw new AssertionError("libsecp256k1 did not load: " + load.failure());
        }
        return load.scheme();
    }

    /** Bouncy Castle's, and libsecp256k1's unless this run turned it off. */
    static Stream<SignatureScheme> both() {
        return nativeTurnedOff() ? Stream.of(SignatureSchemes.bouncyCastle())
                : Stream.of(SignatureSchemes.bouncyCastle(), nativeScheme());
    }
}
