package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsn.runtime.NodeRuntime;
import io.dsn.runtime.VirtualTimeRuntime;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SimulatedCryptographyTest {

    private static final byte[] MESSAGE = "state of node a".getBytes(StandardCharsets.UTF_8);

    @Test
    void everyRuntimeUsesEcdsaUnlessASimulationAsksForTheStandIn() {
        VirtualTimeRuntime simulation = new VirtualTimeRuntime(1);
        VirtualTimeRuntime other = new VirtualTimeRuntime(1);
        assertThat(SimulatedCryptography.schemeFor(simulation)).isSameAs(SignatureScheme.SECP256K1);

        SimulatedCryptography.useStandIn(simulation);

        assertThat(SimulatedCryptography.schemeFor(simulation)).isInstanceOf(StandInSignatures.class);
        assertThat(SimulatedCryptography.schemeFor(other)).isSameAs(SignatureScheme.SECP256K1);
        assertThat(SimulatedCryptography.schemeFor(NodeRuntime.system())).isSameAs(SignatureScheme.SECP256K1);
    }

    @Test
    void theSystemRuntimeNeverGetsTheStandIn() {
        assertThatThrownBy(() -> SimulatedCryptography.useStandIn(NodeRuntime.system()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SimulatedCryptography.schemeFor(NodeRuntime.system())).isSameAs(SignatureScheme.SECP256K1);
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
