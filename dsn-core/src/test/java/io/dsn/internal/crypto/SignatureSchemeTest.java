package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SignatureSchemeTest {

    private static final byte[] MESSAGE = "state of node a".getBytes(StandardCharsets.UTF_8);

    @Test
    void theStandInRefusesAnotherMessageAnotherKeyAndAnAlteredSignature() {
        SignatureScheme standIn = StandInSignatures.INSTANCE;
        NodeKeyPair a = standIn.generate(new SecureRandom());
        NodeKeyPair b = standIn.generate(new SecureRandom());
        byte[] signature = a.sign(MESSAGE);

        assertThat(standIn.verify(a.publicKey(), MESSAGE, signature)).isTrue();
        assertThat(standIn.verify(b.publicKey(), MESSAGE, signature)).isFalse();
        assertThat(standIn.verify(a.publicKey(), "another state".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        signature[5] ^= 1;
        assertThat(standIn.verify(a.publicKey(), MESSAGE, signature)).isFalse();
        assertThat(standIn.verify(a.publicKey(), MESSAGE, new byte[3])).isFalse();
    }

    @Test
    void standInKeysAreNotEcdsaKeys() {
        NodeKeyPair standInKeys = StandInSignatures.INSTANCE.generate(new SecureRandom());
        byte[] signature = standInKeys.sign(MESSAGE);
        assertThat(Signatures.verify(standInKeys.publicKey(), MESSAGE, signature)).isFalse();
        NodeKeyPair reloaded = StandInSignatures.INSTANCE.fromPrivateKey(standInKeys.privateKey());
        assertThat(reloaded.publicKey()).isEqualTo(standInKeys.publicKey());
    }
}
