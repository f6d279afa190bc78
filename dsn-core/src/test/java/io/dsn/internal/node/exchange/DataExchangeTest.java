package io.dsn.internal.node.exchange;

import io.dsn.DSNException;
import io.dsn.DSNodeServer;
import io.dsn.DataReceived;
import io.dsn.UnknownPeerException;
import io.dsn.internal.crypto.Signatures;
import io.dsn.internal.protocol.DataPacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.Recorded;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DATA, both sides, on the in-memory network in virtual time. */
@ExtendWith(NetworkExtension.class)
class DataExchangeTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @Test
    void bytesReachTheListenersExactlyAndTheSenderGetsOk(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        DSNodeServer b = sim.start("b", a.server());
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }

        String reply = b.sendToNode("a", bytes);

        assertThat(reply).isEqualTo("OK");
        sim.await("a hears the bytes", () -> !a.eventsOf(DataReceived.class).isEmpty(), SHORT);
        assertThat(a.eventsOf(DataReceived.class)).containsExactly(new DataReceived("b", bytes));
        assertThat(a.eventsOf(DataReceived.class).get(0).data()).isEqualTo(bytes);
    }

    @Test
    void theSentPacketIsSignedByTheSenderAndThePeersReplyIsReturned(SimulatedNetwork sim) throws IOException {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        raw.answer(MessageType.DATA, (payload, from) -> RawPeer.Reply.ok("got it".getBytes(StandardCharsets.UTF_8)));

        String reply = a.sendToNode("raw", new byte[] {0, 1, (byte) 0xFF});

        assertThat(reply).isEqualTo("got it");
        assertThat(raw.received(MessageType.DATA)).hasSize(1);
        DataPacket sent = DataPacket.decode(raw.received(MessageType.DATA).get(0).payload());
        assertThat(sent.nodeId()).isEqualTo("a");
        assertThat(sent.data()).containsExactly(0, 1, 0xFF);
        assertThat(Signatures.verify(Files.readAllBytes(sim.keyFile("a", "a")), sent.signedPart(), sent.signature())).isTrue();
    }

    @Test
    void aRefusedSendFailsWithTheStatus(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        raw.answer(MessageType.DATA, (payload, from) -> RawPeer.Reply.status(401));

        assertThatThrownBy(() -> a.sendToNode("raw", new byte[] {1}))
                .isInstanceOf(DSNException.class).hasMessageContaining("401");
        assertThat(raw.received(MessageType.DATA)).as("a refusal is not retried").hasSize(1);
        assertThatThrownBy(() -> a.sendToNode("nobody", new byte[] {1})).isInstanceOf(UnknownPeerException.class);
    }

    @Test
    void dataFromAKnownPeerIsAnsweredOkAndHandedOver(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer raw = sim.rawPeer("raw");
        assertThat(raw.send(a.server().endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        byte[] bytes = {0, 'x', (byte) 0x80};

        RawPeer.Response response = raw.send(a.server().endpoint(), MessageType.DATA, raw.signedData(bytes).encode());

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.payload(), StandardCharsets.US_ASCII)).isEqualTo("OK");
        sim.await("a hears the bytes", () -> !a.eventsOf(DataReceived.class).isEmpty(), SHORT);
        assertThat(a.eventsOf(DataReceived.class)).containsExactly(new DataReceived("raw", bytes));
    }

    @Test
    void dataFromAnUnknownSenderIsRefusedWith401AndNotHandedOver(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer raw = sim.rawPeer("raw");

        RawPeer.Response response = raw.send(a.server().endpoint(), MessageType.DATA, raw.signedData(new byte[] {1}).encode());

        assertThat(response.status()).isEqualTo(401);
        sim.runFor(SHORT);
        assertThat(a.eventsOf(DataReceived.class)).isEmpty();
        assertThat(a.server().peers()).containsExactly("a");
    }

    @Test
    void dataWithABadSignatureIsRefusedWith401(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer raw = sim.rawPeer("raw");
        assertThat(raw.send(a.server().endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        DataPacket data = raw.signedData(new byte[] {1});

        RawPeer.Response response = raw.send(a.server().endpoint(), MessageType.DATA,
                data.withSignature(RawPeer.tampered(data.signature())).encode());

        assertThat(response.status()).isEqualTo(401);
        sim.runFor(SHORT);
        assertThat(a.eventsOf(DataReceived.class)).isEmpty();
    }
}
