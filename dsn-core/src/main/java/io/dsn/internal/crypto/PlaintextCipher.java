package io.dsn.internal.crypto;

/** The identity cipher for networks without a key. */
final class PlaintextCipher implements NetworkCipher {

    static final PlaintextCipher INSTANCE = new PlaintextCipher();

    private PlaintextCipher() {
    }

    @Override
    public byte[] encrypt(byte[] plaintext) {
        return plaintext.clone();
    }

    @Override
    public byte[] decrypt(byte[] ciphertext) {
        return ciphertext.clone();
    }

    @Override
    public Opened open(byte[] ciphertext) {
        return new Opened(ciphertext.clone(), true);
    }

    @Override
    public int encryptedLength(int plaintextLength) {
        return plaintextLength;
    }

    @Override
    public String toString() {
        return "NetworkCipher[plaintext]";
    }
}
