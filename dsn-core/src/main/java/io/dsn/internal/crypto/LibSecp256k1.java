package io.dsn.internal.crypto;

import fr.acinq.secp256k1.Secp256k1;

/**
 * The calls into libsecp256k1, through ACINQ's JNI build ({@code fr.acinq.secp256k1:secp256k1-kmp-jni-jvm}).
 * The only class that names its types: {@link NativeSignatures#load()} reaches it only once this
 * module reads the library's (which sits on the class path: its jars share a package, so they
 * cannot be modules of their own).
 */
final class LibSecp256k1 {

    private final Secp256k1 library;

    private LibSecp256k1(Secp256k1 library) {
        this.library = library;
    }

    /**
     * Loads the native library (extracted to the temporary directory, or taken from
     * {@code -Dfr.acinq.secp256k1.lib.path}).
     *
     * @throws Exception or {@link LinkageError} when it cannot load here
     */
    static LibSecp256k1 load() throws Exception {
        return new LibSecp256k1(Secp256k1.get());
    }

    /** Whether the 32 bytes are a valid private key (a scalar in [1, n-1]). */
    boolean isPrivateKey(byte[] private32) {
        return library.secKeyVerify(private32);
    }

    /** The public key of a valid private key: {@code 04 || X || Y}. */
    byte[] publicKey65(byte[] private32) {
        return library.pubkeyCreate(private32);
    }

    /**
     * Checks that {@code 04 || X || Y} is a point of the curve.
     *
     * @throws RuntimeException when it is not
     */
    void parsePublicKey(byte[] publicKey65) {
        library.pubkeyParse(publicKey65);
    }

    /** RFC 6979 signature {@code r || s} of a 32-byte hash, with {@code s} in the lower half. */
    byte[] sign(byte[] hash32, byte[] private32) {
        return library.sign(hash32, private32);
    }

    /**
     * Whether a low-s compact signature is the key's over the hash.
     *
     * @throws RuntimeException when the signature cannot be parsed (r or s not below the order)
     */
    boolean verify(byte[] signature64, byte[] hash32, byte[] publicKey65) {
        return library.verify(signature64, hash32, publicKey65);
    }
}
