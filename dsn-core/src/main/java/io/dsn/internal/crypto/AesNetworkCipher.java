package io.dsn.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-CBC/PKCS#7 with the network key's fixed IV. {@link Cipher} is not thread-safe, so each
 * thread keeps one initialised instance per direction; with a fixed IV an instance can be reused
 * as is, since {@code doFinal} returns it to its initialised state.
 */
final class AesNetworkCipher implements NetworkCipher {

    private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    private static final int BLOCK = 16;

    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final ThreadLocal<Cipher> encryptors;
    private final ThreadLocal<Cipher> decryptors;

    AesNetworkCipher(NetworkKey networkKey) {
        Objects.requireNonNull(networkKey, "networkKey");
        this.key = new SecretKeySpec(networkKey.aesKey(), "AES");
        this.iv = new IvParameterSpec(networkKey.iv());
        this.encryptors = ThreadLocal.withInitial(() -> newCipher(Cipher.ENCRYPT_MODE));
        this.decryptors = ThreadLocal.withInitial(() -> newCipher(Cipher.DECRYPT_MODE));
        newCipher(Cipher.ENCRYPT_MODE); // fail here, not on first use, if AES is unavailable
    }

    @Override
    public byte[] encrypt(byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        try {
            return encryptors.get().doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            encryptors.remove();
            throw new IllegalStateException("AES encryption failed", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext) throws DecryptionException {
        if (ciphertext == null || ciphertext.length == 0) {
            throw new DecryptionException("ciphertext is empty");
        }
        if (ciphertext.length % BLOCK != 0) {
            throw new DecryptionException(
                    "ciphertext length " + ciphertext.length + " is not a multiple of " + BLOCK);
        }
        try {
            return decryptors.get().doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            // the JDK resets the cipher after a failed doFinal, but do not rely on it
            decryptors.remove();
            throw new DecryptionException("ciphertext does not decrypt with the network key", e);
        }
    }

    @Override
    public int encryptedLength(int plaintextLength) {
        // PKCS#7 always pads, by a whole block when the length is already a multiple of one.
        return (plaintextLength / BLOCK + 1) * BLOCK;
    }

    private Cipher newCipher(int mode) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key, iv);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is not available", e);
        }
    }

    @Override
    public String toString() {
        return "NetworkCipher[aes-128-cbc]";
    }
}
