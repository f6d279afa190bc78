package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsn.runtime.NodeRuntime;
import io.dsn.runtime.NodeSignatures;
import io.dsn.runtime.VirtualTimeRuntime;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SignatureSchemeTest {

    private static final byte[] MESSAGE = "state of node a".getBytes(StandardCharsets.UTF_8);

    @Test
    void eachChoiceOfARuntimeHasItsScheme() {
        assertThat(SignatureScheme.of(NodeSignatures.ECDSA)).isSameAs(SignatureScheme.SECP256K1);
        assertThat(SignatureScheme.of(NodeSignatures.SIMULATION_STAND_IN)).isInstanceOf(StandInSignatures.class);
    }

    @Test
    void everyRuntimeUsesEcdsaUnlessASimulationIsMadeWithTheStandIn() {
        assertThat(SignatureScheme.of(new VirtualTimeRuntime(1).signatures())).isSameAs(SignatureScheme.SECP256K1);
        assertThat(SignatureScheme.of(new VirtualTimeRuntime(1, NodeSignatures.SIMULATION_STAND_IN).signatures()))
                .isInstanceOf(StandInSignatures.class);
        assertThat(SignatureScheme.of(NodeRuntime.system().signatures())).isSameAs(SignatureScheme.SECP256K1);
    }

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
