package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsn.CryptoProvider;
import io.dsn.DSNConfigurationException;
import io.dsn.DSNSettingNaming;
import io.dsn.DSNSettings;
import org.junit.jupiter.api.Test;

class SignatureSchemesTest {

    private static final SignatureSchemes.NativeLoad FAILED =
            new SignatureSchemes.NativeLoad(null, "java.lang.UnsatisfiedLinkError: failed to map segment (noexec)");

    @Test
    void autoTakesLibsecp256k1WhereItLoads() {
        SignatureScheme nativeScheme = EcdsaSchemes.nativeScheme();
        SignatureSchemes.Choice choice = SignatureSchemes.choose(CryptoProvider.AUTO);
        assertThat(nativeScheme).isInstanceOf(NativeSignatures.class);
        assertThat(choice.scheme()).isInstanceOf(NativeSignatures.class);
        assertThat(choice.reason()).isEqualTo("its native library loaded");
    }

    @Test
    void autoTakesBouncyCastleWhereLibsecp256k1DoesNotLoad() {
        org.assertj.core.api.Assumptions.assumeThat(EcdsaSchemes.nativeTurnedOff()).isTrue();
        SignatureSchemes.Choice choice = SignatureSchemes.choose(CryptoProvider.AUTO);
        assertThat(choice.scheme()).isSameAs(SignatureSchemes.bouncyCastle());
        assertThat(choice.reason()).startsWith("libsecp256k1 cannot be loaded here: ")
                .endsWith("(its native library is extracted to " + System.getProperty("fr.acinq.secp256k1.tmpdir") + ")");
    }

    @Test
    void autoFallsBackToBouncyCastleSayingWhy() {
        SignatureSchemes.Choice choice = SignatureSchemes.choose(CryptoProvider.AUTO, FAILED);
        assertThat(choice.scheme()).isSameAs(SignatureSchemes.bouncyCastle());
        assertThat(choice.reason()).isEqualTo("libsecp256k1 cannot be loaded here: " + FAILED.failure());
    }

    @Test
    void nativeWhereItCannotLoadFailsNamingTheSettingAndTheWayOut() {
        assertThatThrownBy(() -> SignatureSchemes.choose(CryptoProvider.NATIVE, FAILED))
                .isInstanceOfSatisfying(DSNConfigurationException.class, e -> {
                    assertThat(e.getMessage()).startsWith("crypto_provider is native, but libsecp256k1 cannot be loaded here")
                            .contains("failed to map segment (noexec)").contains("auto").contains("bouncy-castle");
                    assertThat(e.messageIn(DSNSettingNaming.SPRING_PROPERTIES)).startsWith("dsn.crypto-provider is native");
                    assertThat(e.setting()).isEqualTo(DSNSettings.CRYPTO_PROVIDER.key());
                });
    }

    @Test
    void bouncyCastleIsTakenWithoutLoadingLibsecp256k1() {
        SignatureSchemes.Choice choice = SignatureSchemes.choose(CryptoProvider.BOUNCY_CASTLE, null);
        assertThat(choice.scheme()).isSameAs(SignatureSchemes.bouncyCastle());
        assertThat(choice.reason()).isEqualTo("as configured");
    }
}
