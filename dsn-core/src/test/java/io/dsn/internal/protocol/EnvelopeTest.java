package io.dsn.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void aFrameIsTheTypeByteThenThePayload() {
        byte[] framed = Envelope.frame(MessageType.DATA, new byte[] {7, 8});

        assertThat(framed).containsExactly(MessageType.DATA.code(), 7, 8);
        assertThat(Envelope.isOf(MessageType.DATA, framed)).isTrue();
        assertThat(Envelope.open(MessageType.DATA, framed)).hasValueSatisfying(p -> assertThat(p).containsExactly(7, 8));
    }

    @Test
    void aFrameOfAnotherTypeDoesNotOpenButStillHasItsPayload() {
        byte[] framed = Envelope.frame(MessageType.PING, new byte[] {1});

        assertThat(Envelope.isOf(MessageType.DATA, framed)).isFalse();
        assertThat(Envelope.open(MessageType.DATA, framed)).isEmpty();
        assertThat(Envelope.payload(framed)).containsExactly(1);
    }

    @Test
    void anEmptyFrameIsOfNoTypeAndHasAnEmptyPayload() {
        assertThat(Envelope.isOf(MessageType.PING, new byte[0])).isFalse();
        assertThat(Envelope.payload(new byte[0])).isEmpty();
    }
}
