package io.dsn.internal.crypto;

import io.dsn.NetworkKeys;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkKeyringTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final NetworkKey first = NetworkKey.generate(RANDOM);
    private final NetworkKey second = NetworkKey.generate(RANDOM);
    private final String firstId = SecureKey.of(first).idHex();
    private final String secondId = SecureKey.of(second).idHex();

    @Test
    void aRotationAddsMakesPrimaryAndRemoves() {
        NetworkKeyring ring = new NetworkKeyring(first, List.of());

        assertThat(ring.add(second)).isEqualTo(secondId);
        assertThat(ring.ids()).isEqualTo(new NetworkKeys(firstId, List.of(firstId, secondId)));
        assertThat(ring.primary().idHex()).as("adding does not change the primary").isEqualTo(firstId);

        ring.usePrimary(secondId.toUpperCase());
        assertThat(ring.ids()).isEqualTo(new NetworkKeys(secondId, List.of(secondId, firstId)));

        ring.remove(firstId);
        assertThat(ring.ids()).isEqualTo(new NetworkKeys(secondId, List.of(secondId)));
        assertThat(ring.byId(SecureKey.of(first).id(), 0)).isEmpty();
        assertThat(ring.byId(SecureKey.of(second).id(), 0)).contains(SecureKey.of(second));
    }

    @Test
    void addingAKeyTwiceChangesNothing() {
        NetworkKeyring ring = new NetworkKeyring(first, List.of(second));

        assertThat(ring.add(second)).isEqualTo(secondId);
        assertThat(ring.ids().accepted()).containsExactly(firstId, secondId);
    }

    @Test
    void thePrimaryKeyAndUnknownIdsCannotBeRemovedAndMessagesNeverShowAKey() {
        NetworkKeyring ring = new NetworkKeyring(first, List.of());

        assertThatThrownBy(() -> ring.remove(firstId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("primary");
        assertThatThrownBy(() -> ring.usePrimary(secondId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no network key with id " + secondId);
        assertThatThrownBy(() -> ring.remove(first.toHex())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 hexadecimal characters").hasMessageNotContaining(first.toHex());
        assertThatThrownBy(() -> new NetworkKeyring(first, List.of(first))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itHoldsABoundedNumberOfKeys() {
        NetworkKeyring ring = new NetworkKeyring(first, List.of());
        for (int i = 1; i < NetworkKeyring.MAX_KEYS; i++) {
            ring.add(NetworkKey.generate(RANDOM));
        }

        assertThatThrownBy(() -> ring.add(second)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + NetworkKeyring.MAX_KEYS);
    }
}
