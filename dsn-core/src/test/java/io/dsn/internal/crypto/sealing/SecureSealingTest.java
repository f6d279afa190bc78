package io.dsn.internal.crypto.sealing;

import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NetworkKeyring;
import io.dsn.internal.crypto.SecureEnvelope;
import io.dsn.internal.crypto.sealing.Sealing.OpenedRequest;
import io.dsn.internal.crypto.sealing.Sealing.Refusal;
import io.dsn.internal.crypto.sealing.Sealing.SealedRequest;
import io.dsn.internal.protocol.MessageType;
import io.dsn.runtime.VirtualTimeRuntime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Both sides of an exchange in the secure protocol, and how each protocol tells the other's bodies. */
class SecureSealingTest {

    private final VirtualTimeRuntime runtime = new VirtualTimeRuntime(7);
    private final NetworkKey key = NetworkKey.generate(runtime.secureRandom());
    private final SecureSealing a = sealing("a");
    private final SecureSealing b = sealing("b");

    private SecureSealing sealing(String id) {
        return new SecureSealing(id, new NetworkKeyring(key, List.of()),
                new ReplayWindow(runtime.clock(), Duration.ofSeconds(30)), runtime.clock(), runtime.secureRandom());
    }

    @Test
    void aRequestIsOpenedByItsRecipientAndItsAnswerByItsSender() throws DecryptionException {
        SealedRequest request = a.seal(MessageType.DATA, new byte[] {1, 2}, "b");

        OpenedRequest opened = b.open(MessageType.DATA, request.body());
        assertThat(opened.refusal()).isEqualTo(Refusal.NONE);
        assertThat(opened.payload()).containsExactly(1, 2);
        assertThat(opened.senderId()).isEqualTo("a");
        assertThat(request.openAnswer(opened.sealAnswer(new byte[] {'O', 'K'}))).hasValueSatisfying(payload ->
                assertThat(payload).containsExactly('O', 'K'));
    }

    @Test
    void anAnswerBelongsToItsRequestOnly() throws DecryptionException {
        SealedRequest first = a.seal(MessageType.PING, new byte[] {' '}, "b");
        SealedRequest second = a.seal(MessageType.PING, new byte[] {' '}, "b");
        byte[] answerToFirst = b.open(MessageType.PING, first.body()).sealAnswer(new byte[0]);

        assertThat(second.openAnswer(answerToFirst)).as("a captured answer given to a later request").isEmpty();
        assertThat(first.openAnswer(answerToFirst)).isPresent();
    }

    @Test
    void aRequestIsForItsRecipientAndItsPathAndAnAnswerIsNoRequest() {
        SealedRequest forC = a.seal(MessageType.DATA, new byte[0], "c");
        SealedRequest toAnEndpoint = a.seal(MessageType.UPDATE, new byte[0], "");
        SealedRequest helloToAnEndpoint = a.seal(MessageType.HELLO, new byte[0], "");
        SealedRequest ping = a.seal(MessageType.PING, new byte[] {' '}, "b");

        assertThat(b.open(MessageType.DATA, forC.body()).refusal()).isEqualTo(Refusal.UNREADABLE);
        assertThat(b.open(MessageType.UPDATE, toAnEndpoint.body()).refusal()).isEqualTo(Refusal.UNREADABLE);
        assertThat(b.open(MessageType.HELLO, helloToAnEndpoint.body()).refusal()).isEqualTo(Refusal.NONE);
        assertThat(b.open(MessageType.DATA, ping.body()).refusal()).as("posted to another path").isEqualTo(Refusal.UNREADABLE);
        byte[] answer = b.open(MessageType.PING, ping.body()).sealAnswer(new byte[0]);
        assertThat(a.open(MessageType.PING, answer).refusal()).isEqualTo(Refusal.UNREADABLE);
    }

    @Test
    void aRetryIsANewMessage() {
        SealedRequest first = a.seal(MessageType.PING, new byte[] {' '}, "b");
        SealedRequest retry = a.seal(MessageType.PING, new byte[] {' '}, "b");

        assertThat(b.open(MessageType.PING, first.body()).refusal()).isEqualTo(Refusal.NONE);
        assertThat(b.open(MessageType.PING, retry.body()).refusal()).isEqualTo(Refusal.NONE);
        assertThat(b.open(MessageType.PING, first.body()).refusal()).isEqualTo(Refusal.REPLAYED);
    }

    @Test
    void eachProtocolTellsTheOthersBodiesApartWhateverTheirLength() {
        NetworkCipher aes = NetworkCipher.aes(key);
        CompatibleSealing compatible = new CompatibleSealing(aes);
        CompatibleSealing plaintext = new CompatibleSealing(NetworkCipher.plaintext());
        for (int length = 0; length < 80; length++) {
            byte[] payload = new byte[length];
            byte[] secureBody = a.seal(MessageType.DATA, payload, "b").body();
            byte[] compatibleBody = compatible.seal(MessageType.DATA, payload, "b").body();
            byte[] plaintextBody = plaintext.seal(MessageType.DATA, payload, "b").body();

            assertThat(secureBody.length % 16).isEqualTo(2);
            assertThat(SecureEnvelope.looksSecure(compatibleBody) || SecureEnvelope.looksSecure(plaintextBody)).isFalse();
            assertThat(b.open(MessageType.DATA, compatibleBody).refusal()).isEqualTo(Refusal.OTHER_PROTOCOL);
            assertThat(b.open(MessageType.DATA, plaintextBody).refusal()).isEqualTo(Refusal.OTHER_PROTOCOL);
            assertThat(compatible.open(MessageType.DATA, secureBody).refusal()).isEqualTo(Refusal.OTHER_PROTOCOL);
            assertThat(plaintext.open(MessageType.DATA, secureBody).refusal()).isEqualTo(Refusal.OTHER_PROTOCOL);
            assertThat(a.bodyLength(length)).as("the body limit's estimate").isGreaterThanOrEqualTo(secureBody.length);
        }
        assertThat(b.open(MessageType.DATA, new byte[] {(byte) 0xD5, 1, 2}).refusal()).isEqualTo(Refusal.UNREADABLE);
    }
}
