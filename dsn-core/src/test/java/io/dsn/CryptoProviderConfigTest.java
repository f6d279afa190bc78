package io.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CryptoProviderConfigTest {

    @Test
    void autoIsTheDefaultAndEachNameIsRead() {
        assertThat(DSNodeConfig.builder().nodeId("a").build().cryptoProvider()).isEqualTo(CryptoProvider.AUTO);
        assertThat(DSNodeConfig.fromMap(Map.of("node_id", "a", "crypto_provider", "bouncy-castle")).cryptoProvider())
                .isEqualTo(CryptoProvider.BOUNCY_CASTLE);
        assertThat(DSNodeConfig.fromMap(Map.of("node_id", "a", "crypto_provider", "NATIVE")).cryptoProvider())
                .isEqualTo(CryptoProvider.NATIVE);
    }

    @Test
    void anotherNameFailsSayingWhichAreValid() {
        assertThatThrownBy(() -> DSNodeConfig.fromMap(Map.of("node_id", "a", "crypto_provider", "openssl")))
                .isInstanceOf(DSNConfigurationException.class)
                .hasMessageContaining("crypto_provider must be auto, native or bouncy-castle, was 'openssl'");
    }

    @Test
    void theConfigShowsTheProviderByItsName() {
        assertThat(DSNodeConfig.builder().nodeId("a").cryptoProvider(CryptoProvider.BOUNCY_CASTLE).build().toString())
                .contains("cryptoProvider=bouncy-castle");
    }
}
