package io.dsn.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-CBC/PKCS#7 with the network key's fixed IV. {@link Cipher} is not thread-safe, so each
 * thread keeps one initialised instance per direction; with a fixed IV an instance can be reused
 * as is, since {@code doFinal} returns it to its initialised state.
 *
 * <p>Decryption removes the padding itself, without branching on its bytes, so that a bad padding
 * costs the same as a good one: together with one status for every body that fails before the
 * signature check, a server gives no padding oracle.
 */
final class AesNetworkCipher implements NetworkCipher {

    private static final String ENCRYPTION = "AES/CBC/PKCS5Padding";
    private static final String DECRYPTION = "AES/CBC/NoPadding";
    private static final int BLOCK = 16;

    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final ThreadLocal<Cipher> encryptors;
    private final ThreadLocal<Cipher> decryptors;

    AesNetworkCipher(NetworkKey networkKey) {
        Objects.requireNonNull(networkKey, "networkKey");
        this.key = new SecretKeySpec(networkKey.aesKey(), "AES");
        this.iv = new IvParameterSpec(networkKey.iv());
        this.encryptors = ThreadLocal.withInitial(() -> newCipher(ENCRYPTION, Cipher.ENCRYPT_MODE));
        this.decryptors = ThreadLocal.withInitial(() -> newCipher(DECRYPTION, Cipher.DECRYPT_MODE));
        // fail here, not on first use, if AES is unavailable
        newCipher(ENCRYPTION, Cipher.ENCRYPT_MODE);
        newCipher(DECRYPTION, Cipher.DECRYPT_MODE);
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
        Opened opened = open(ciphertext);
        if (!opened.valid()) {
            throw new DecryptionException("ciphertext does not decrypt with the network key");
        }
        return opened.plaintext();
    }

    @Override
    public Opened open(byte[] ciphertext) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length == 0 || ciphertext.length % BLOCK != 0) {
            // The length is the sender's own choice: answering it at once tells nothing it did not know.
            return new Opened(new byte[0], false);
        }
        byte[] blocks;
        try {
            blocks = decryptors.get().doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            decryptors.remove();
            throw new IllegalStateException("AES decryption of whole blocks failed", e);
        }
        int padding = blocks[blocks.length - 1] & 0xFF;
        int bad = paddingErrors(blocks, padding);
        // Without branching on the padding: a bad one keeps every byte, to be parsed and refused alike.
        int keep = blocks.length - (padding & ~((bad | -bad) >> 31));
        return new Opened(Arrays.copyOf(blocks, keep), bad == 0);
    }

    /**
     * Zero when the last block ends in a valid PKCS#7 padding of {@code padding} bytes; computed
     * over the whole last block whatever its content.
     */
    private static int paddingErrors(byte[] blocks, int padding) {
        int bad = ((padding - 1) >> 31) | ((BLOCK - padding) >> 31);
        for (int i = 1; i <= BLOCK; i++) {
            int inPadding = (i - padding - 1) >> 31;
            bad |= inPadding & ((blocks[blocks.length - i] & 0xFF) ^ padding);
        }
        return bad;
    }

    @Override
    public int encryptedLength(int plaintextLength) {
        // PKCS#7 always pads, by a whole block when the length is already a multiple of one.
        return (plaintextLength / BLOCK + 1) * BLOCK;
    }

    private Cipher newCipher(String transformation, int mode) {
        try {
            Cipher cipher = Cipher.getInstance(transformation);
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
