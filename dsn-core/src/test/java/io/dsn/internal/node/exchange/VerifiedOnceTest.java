package io.dsn.internal.node.exchange;

import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.crypto.SignatureScheme;
import io.dsn.internal.crypto.SignatureSchemes;
import io.dsn.internal.crypto.VerifyingKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedOnceTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AtomicInteger checked = new AtomicInteger();
    private final SignatureScheme ecdsa = SignatureSchemes.bouncyCastle();

    /** The key, decoded, counting its checks. */
    private VerifyingKey counting(byte[] publicKey) {
        VerifyingKey key = ecdsa.verifyingKey(publicKey);
        return (message, signature) -> {
            checked.incrementAndGet();
            return key.verify(message, signature);
        };
    }

    private final NodeKeyPair keys = ecdsa.generate(RANDOM);
    private final byte[] message = "a state".getBytes(StandardCharsets.UTF_8);
    private final byte[] signature = keys.sign(message);

    @Test
    void theSameSignedBytesAreVerifiedOnce() {
        VerifiedOnce signatures = new VerifiedOnce(10);

        assertThat(signatures.verify(keys.publicKey(), counting(keys.publicKey()), message, signature)).isTrue();
        assertThat(signatures.verify(keys.publicKey(), counting(keys.publicKey()), message.clone(), signature.clone())).isTrue();

        assertThat(checked).hasValue(1);
    }

    @Test
    void aForgeryOfRememberedBytesIsCheckedAndRefusedEveryTime() {
        VerifiedOnce signatures = new VerifiedOnce(10);
        assertThat(signatures.verify(keys.publicKey(), counting(keys.publicKey()), message, signature)).isTrue();
        byte[] tamperedMessage = "a forged state".getBytes(StandardCharsets.UTF_8);
        byte[] tamperedSignature = signature.clone();
        tamperedSignature[10] ^= 1;
        byte[] otherKey = ecdsa.generate(RANDOM).publicKey();

        for (int i = 0; i < 2; i++) {
            assertThat(signatures.verify(keys.publicKey(), counting(keys.publicKey()), tamperedMessage, signature)).isFalse();
            assertThat(signatures.verify(keys.publicKey(), counting(keys.publicKey()), message, tamperedSignature)).isFalse();
            assertThat(signatures.verify(otherKey, counting(otherKey), message, signature)).isFalse();
        }

        assertThat(checked).hasValue(7);
        assertThat(signatures.size()).isEqualTo(1);
    }

    @Test
    void atMostCapacityTriplesAreKeptTheLeastRecentlyUsedGoingFirst() {
        VerifiedOnce signatures = new VerifiedOnce(2);
        byte[][] messages = new byte[3][];
        byte[][] signed = new byte[3][];
        for (int i = 0; i < 3; i++) {
            messages[i] = ("state " + i).getBytes(StandardCharsets.UTF_8);
            signed[i] = keys.sign(messages[i]);
        }
        signatures.verify(keys.publicKey(), counting(keys.publicKey()), messages[0], signed[0]);
        signatures.verify(keys.publicKey(), counting(keys.publicKey()), messages[1], signed[1]);
        signatures.verify(keys.publicKey(), counting(keys.publicKey()), messages[0], signed[0]); // used again: 1 is the eldest now
        signatures.verify(keys.publicKey(), counting(keys.publicKey()), messages[2], signed[2]);
        assertThat(checked).hasValue(3);
        assertThat(signatures.size()).isEqualTo(2);

        assertThat(signatures.verify(keys.publicKey(), counting(keys.publicKey()), messages[0], signed[0])).isTrue();
        assertThat(checked).as("still remembered").hasValue(3);
        assertThat(signatures.verify(keys.publicKey(), counting(keys.publicKey()), messages[1], signed[1])).isTrue();
        assertThat(checked).as("evicted, so verified again").hasValue(4);
    }
}
