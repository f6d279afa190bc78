package io.dsn.internal.crypto;

import io.dsn.CryptoProvider;
import io.dsn.DSNConfigurationException;
import io.dsn.DSNSettings;

/**
 * Chooses the implementation of the protocol's ECDSA a node uses ({@link CryptoProvider}):
 * libsecp256k1 where it loads, Bouncy Castle otherwise. libsecp256k1 is loaded once per JVM,
 * on the first choice that wants it.
 */
public final class SignatureSchemes {

    /** A scheme, and why it is the one: for the line a node logs at start. */
    public record Choice(SignatureScheme scheme, String reason) {
    }

    /** The outcome of loading libsecp256k1 in this JVM: the scheme, or why there is none. */
    record NativeLoad(NativeSignatures scheme, String failure) {

        static NativeLoad attempt() {
            try {
                return new NativeLoad(NativeSignatures.load(), null);
            } catch (Exception | LinkageError e) {
                String directory = System.getProperty("fr.acinq.secp256k1.tmpdir", System.getProperty("java.io.tmpdir"));
                return new NativeLoad(null, e + " (its native library is extracted to " + directory + ")");
            }
        }
    }

    private static final class Loaded {
        static final NativeLoad NATIVE = NativeLoad.attempt();
    }

    private SignatureSchemes() {
    }

    /** Bouncy Castle's, which needs nothing but Java. */
    public static SignatureScheme bouncyCastle() {
        return BouncyCastleSignatures.INSTANCE;
    }

    /** The simulator's stand-in, not a signature ({@link StandInSignatures}); only for nodes in virtual time. */
    public static SignatureScheme simulationStandIn() {
        return StandInSignatures.INSTANCE;
    }

    /**
     * The scheme for a provider.
     *
     * @throws DSNConfigurationException for {@link CryptoProvider#NATIVE} where libsecp256k1 does not load
     */
    public static Choice choose(CryptoProvider provider) {
        return choose(provider, provider == CryptoProvider.BOUNCY_CASTLE ? null : Loaded.NATIVE);
    }

    static Choice choose(CryptoProvider provider, NativeLoad load) {
        return switch (provider) {
            case BOUNCY_CASTLE -> new Choice(BouncyCastleSignatures.INSTANCE, "as configured");
            case NATIVE -> {
                if (load.scheme() == null) {
                    throw new DSNConfigurationException(DSNSettings.CRYPTO_PROVIDER, "is native, but libsecp256k1"
                            + " cannot be loaded here (" + load.failure() + "); use auto, which falls back to"
                            + " bouncy-castle, or bouncy-castle");
                }
                yield new Choice(load.scheme(), "as configured");
            }
            case AUTO -> load.scheme() != null
                    ? new Choice(load.scheme(), "its native library loaded")
                    : new Choice(BouncyCastleSignatures.INSTANCE, "libsecp256k1 cannot be loaded here: " + load.failure());
        };
    }
}
