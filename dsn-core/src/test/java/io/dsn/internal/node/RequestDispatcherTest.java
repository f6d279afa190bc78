package io.dsn.internal.node;

import io.dsn.DSNMetrics;
import io.dsn.DSNodeServer;
import io.dsn.MessageType;
import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.PacketFormatException;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.SimulatedNetwork;
import io.dsn.transport.TransportResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The way every message enters a node: the statuses of PROTOCOL.md section 4, and routing by type. */
@ExtendWith(NetworkExtension.class)
class RequestDispatcherTest {

    private static final byte[] PING = {' '};

    private final NetworkCipher cipher = NetworkCipher.aes(NetworkKey.generate(seeded(1)));
    private final List<String> answered = new ArrayList<>();
    private final List<Integer> measured = new ArrayList<>();
    private final DSNMetrics metrics = new DSNMetrics() {
        @Override
        public void messageReceived(MessageType type, int status, long nanos) {
            measured.add(status);
        }
    };
    private final RequestDispatcher dispatcher = new RequestDispatcher(cipher, metrics, () -> 0L,
            answerer("hello"), answerer("peers"), answerer("update"), answerer("ping"), answerer("data"));

    @Test
    void everyRequestIs503BeforeTheNodeStarts() {
        assertThat(dispatcher.handle("/ping", body(MessageType.PING, PING), "127.0.0.1").status()).isEqualTo(503);
        assertThat(dispatcher.handle("/nope", new byte[0], "127.0.0.1").status()).isEqualTo(503);
        assertThat(answered).isEmpty();

        dispatcher.open();

        assertThat(dispatcher.handle("/ping", body(MessageType.PING, PING), "127.0.0.1").status()).isEqualTo(200);
    }

    @Test
    void eachPathReachesItsOwnMessageAndTheAnswerIsFramedAndEncrypted() throws DecryptionException {
        dispatcher.open();
        for (MessageType type : MessageType.values()) {
            TransportResponse response = dispatcher.handle(type.path(), body(type, bytes("request")), "10.0.0.7");

            assertThat(response.status()).as(type.toString()).isEqualTo(200);
            assertThat(Envelope.open(type, cipher.decrypt(response.body())))
                    .hasValueSatisfying(payload -> assertThat(new String(payload, StandardCharsets.UTF_8))
                            .isEqualTo("answer of " + type.name().toLowerCase() + " to request from 10.0.0.7"));
        }
        assertThat(answered).containsExactly("hello", "peers", "update", "ping", "data");
        assertThat(measured).containsOnly(200).hasSize(5);
    }

    @Test
    void anUnknownPathIs404() {
        dispatcher.open();

        assertThat(dispatcher.handle("/nope", body(MessageType.PING, PING), "127.0.0.1").status()).isEqualTo(404);
        assertThat(dispatcher.handle("/ping/", body(MessageType.PING, PING), "127.0.0.1").status()).isEqualTo(404);
        assertThat(dispatcher.handle("/", new byte[0], "127.0.0.1").status()).isEqualTo(404);
        assertThat(answered).isEmpty();
    }

    @Test
    void aBodyThatDoesNotDecryptIs400() {
        dispatcher.open();
        NetworkCipher other = NetworkCipher.aes(NetworkKey.generate(seeded(2)));
        byte[] foreign = other.encrypt(Envelope.frame(MessageType.PING, PING));
        assertThat(decrypts(foreign)).as("precondition: the other key's body does not decrypt here").isFalse();

        assertThat(dispatcher.handle("/ping", new byte[0], "127.0.0.1").status()).as("empty").isEqualTo(400);
        assertThat(dispatcher.handle("/ping", bytes("not sixteen"), "127.0.0.1").status()).as("garbage").isEqualTo(400);
        assertThat(dispatcher.handle("/ping", foreign, "127.0.0.1").status()).as("another key").isEqualTo(400);
        assertThat(answered).isEmpty();
        assertThat(measured).containsOnly(400);
    }

    @Test
    void aTypeByteThatDoesNotMatchThePathIs400() {
        dispatcher.open();

        assertThat(dispatcher.handle("/hello", body(MessageType.PING, PING), "127.0.0.1").status()).isEqualTo(400);
        assertThat(dispatcher.handle("/ping", cipher.encrypt(new byte[0]), "127.0.0.1").status())
                .as("no type byte at all").isEqualTo(400);
        assertThat(answered).isEmpty();
    }

    @Test
    void aMalformedPacketIs406AndARefusalIsItsStatus() {
        RequestDispatcher refusing = new RequestDispatcher(cipher, DSNMetrics.NONE, () -> 0L,
                (payload, from) -> { throw new PacketFormatException("truncated"); },
                (payload, from) -> { throw new ProtocolException(ProtocolException.UNAUTHORIZED, "unknown"); },
                (payload, from) -> { throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE, "own id"); },
                (payload, from) -> { throw new ProtocolException(ProtocolException.VERSION_MISMATCH, "version"); },
                (payload, from) -> new byte[0]);
        refusing.open();

        assertThat(refusing.handle("/hello", body(MessageType.HELLO, bytes("x")), "127.0.0.1").status()).isEqualTo(406);
        assertThat(refusing.handle("/peers", body(MessageType.PEERS, bytes("x")), "127.0.0.1").status()).isEqualTo(401);
        assertThat(refusing.handle("/update", body(MessageType.UPDATE, bytes("x")), "127.0.0.1").status()).isEqualTo(406);
        assertThat(refusing.handle("/ping", body(MessageType.PING, PING), "127.0.0.1").status()).isEqualTo(505);
        assertThat(refusing.handle("/data", body(MessageType.DATA, bytes("x")), "127.0.0.1").status()).isEqualTo(200);
    }

    @Test
    void aRealNodesMalformedPacketsAre406(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        byte[] hello = raw.signedHello().encode();

        assertThat(raw.send(a.endpoint(), MessageType.HELLO, Arrays.copyOf(hello, hello.length - 10)).status())
                .as("truncated HELLO").isEqualTo(406);
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, new byte[] {5, 0}).status())
                .as("UPDATE cut inside a length").isEqualTo(406);
        assertThat(a.peers()).containsExactly("a");
    }

    @Test
    void aNodeCreatedButNotStartedAnswers503ThenServesOnceStarted(SimulatedNetwork sim) throws DecryptionException {
        DSNodeServer created = sim.create(sim.config("a").build(), DSNMetrics.NONE);
        Node node = (Node) created.node();
        NetworkCipher networkCipher = RawPeer.cipherOf(sim);
        byte[] ping = networkCipher.encrypt(Envelope.frame(MessageType.PING, PING));

        assertThat(node.requestHandler().handle("/ping", ping, "127.0.0.1").status()).isEqualTo(503);

        created.startServing();

        TransportResponse served = node.requestHandler().handle("/ping", ping, "127.0.0.1");
        assertThat(served.status()).isEqualTo(200);
        assertThat(networkCipher.decrypt(served.body())).containsExactly(MessageType.PING.code());
    }

    private RequestDispatcher.Answerer answerer(String name) {
        return (payload, from) -> {
            answered.add(name);
            return bytes("answer of " + name + " to " + new String(payload, StandardCharsets.UTF_8) + " from " + from);
        };
    }

    private byte[] body(MessageType type, byte[] payload) {
        return cipher.encrypt(Envelope.frame(type, payload));
    }

    private boolean decrypts(byte[] body) {
        try {
            cipher.decrypt(body);
            return true;
        } catch (DecryptionException e) {
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static SecureRandom seeded(long seed) {
        return new SecureRandom() {
            private final Random random = new Random(seed);

            @Override
            public void nextBytes(byte[] bytes) {
                random.nextBytes(bytes);
            }
        };
    }
}
