package io.dsn.internal.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.util.encoders.Hex;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A network key as the secure protocol uses it (PROTOCOL.md section 8): an AES-256-GCM key and a
 * 4-byte key id, both derived from the key's 32 bytes with HKDF-SHA256, so that the bytes a
 * compatible node uses as they are never serve as a key of the secure mode themselves, and so that
 * the id names the key without revealing it. {@link #toString()} shows the id only.
 */
public final class SecureKey {

    public static final int ID_LENGTH = 4;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    static final byte[] CIPHER_KEY_INFO = "dsn secure 1 aes-256-gcm key".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY_ID_INFO = "dsn secure 1 key id".getBytes(StandardCharsets.US_ASCII);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** {@link Cipher} is not thread-safe and costly to look up; each thread keeps one and initialises it per message. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(SecureKey::newCipher);

    private final NetworkKey networkKey;
    private final SecretKeySpec cipherKey;
    private final byte[] id;
    private final String idHex;

    private SecureKey(NetworkKey networkKey) {
        this.networkKey = networkKey;
        byte[] ikm = networkKey.bytes();
        this.cipherKey = new SecretKeySpec(hkdf(ikm, CIPHER_KEY_INFO, 32), "AES");
        this.id = hkdf(ikm, KEY_ID_INFO, ID_LENGTH);
        this.idHex = Hex.toHexString(id);
    }

    public static SecureKey of(NetworkKey networkKey) {
        return new SecureKey(Objects.requireNonNull(networkKey, "networkKey"));
    }

    private static byte[] hkdf(byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, null, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** The network key this one is derived from. */
    public NetworkKey networkKey() {
        return networkKey;
    }

    /** The derived AES-256 key itself, for the test vectors only. */
    byte[] cipherKeyBytes() {
        return cipherKey.getEncoded();
    }

    /** A copy of the 4-byte key id. */
    public byte[] id() {
        return id.clone();
    }

    /** The key id as 8 lowercase hex characters, the way the API and the logs name a key. */
    public String idHex() {
        return idHex;
    }

    /**
     * Encrypts {@code plaintext} and writes the ciphertext and its 16-byte tag into {@code out} at
     * {@code offset}; {@code aad} is authenticated, not encrypted.
     */
    public void seal(byte[] nonce, byte[] aad, byte[] plaintext, byte[] out, int offset) {
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, cipherKey, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(aad);
            cipher.doFinal(plaintext, 0, plaintext.length, out, offset);
        } catch (GeneralSecurityException e) {
            CIPHERS.remove();
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts {@code length} bytes of ciphertext and tag at {@code offset} of {@code in}.
     *
     * @throws DecryptionException when the tag does not hold: the message was changed, or sealed with another key
     */
    public byte[] open(byte[] nonce, byte[] aad, byte[] in, int offset, int length) throws DecryptionException {
        if (length < TAG_LENGTH) {
            throw new DecryptionException("shorter than a tag");
        }
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, cipherKey, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, offset, length);
        } catch (AEADBadTagException e) {
            throw new DecryptionException("the message does not authenticate under key " + idHex);
        } catch (GeneralSecurityException e) {
            CIPHERS.remove();
            throw new IllegalStateException("AES-256-GCM decryption failed", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecureKey that && networkKey.equals(that.networkKey);
    }

    @Override
    public int hashCode() {
        return networkKey.hashCode();
    }

    @Override
    public String toString() {
        return "SecureKey[" + idHex + "]";
    }
}
