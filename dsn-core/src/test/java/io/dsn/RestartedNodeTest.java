package io.dsn;

import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.internal.protocol.WireTime;
import io.dsn.runtime.VirtualTimeRuntime;
import io.dsn.transport.InMemoryNetwork;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node restarted without bootstrap nodes (a network's founder) keeps its address book beside
 * its pinned keys: it greets its former peers again, and takes a former peer's UPDATE that
 * arrives before any HELLO instead of refusing it with 401 (which ends a Python peer's tick).
 */
class RestartedNodeTest {

    private static final Duration TICK = Duration.ofSeconds(5);

    @TempDir
    Path credentials;

    private final String key = DSNodeServer.generateKey();
    private final VirtualTimeRuntime time = new VirtualTimeRuntime(11);
    private final InMemoryNetwork network = new InMemoryNetwork(time);
    private final List<DSNodeServer> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(DSNodeServer::stop);
        network.close();
    }

    @Test
    void aRestartedFounderGreetsItsFormerPeersAtOnce() {
        DSNodeServer founder = start(config("founder"));
        DSNodeServer member = start(config("member").addBootstrapNode(founder.endpoint()));
        member.updateData("k", "before");
        assertThat(time.runUntil(() -> founder.readData("member", "k").isPresent(), Duration.ofSeconds(2))).isTrue();

        founder.stop();
        DSNodeServer restarted = start(config("founder").port(founder.endpoint().port()));

        assertThat(time.runUntil(() -> restarted.readData("member", "k").isPresent(), Duration.ofMillis(500)))
                .as("the founder greets the member, long before the member's next tick").isTrue();
        assertThat(restarted.readData("member", "k")).contains("before");
        assertThat(Files.exists(credentials.resolve("founder").resolve("address-book.tsv"))).isTrue();
    }

    @Test
    void aFormerPeersUpdateBeforeAnyHelloIsTakenAfterARestart() throws Exception {
        DSNodeServer founder = start(config("founder"));
        NodeKeyPair peerKeys = NodeKeyPair.generate(new SecureRandom());
        NetworkCipher cipher = NetworkCipher.aes(NetworkKey.parse(key));
        // A peer that speaks first and never answers, as a Python peer whose only traffic is its tick.
        Transport peer = network.transport();
        HelloPacket unsignedHello = new HelloPacket(HelloPacket.PROTOCOL_VERSION, "python-like",
                new Endpoint("127.0.0.1", 1), peerKeys.publicKey(), new byte[0], "");
        HelloPacket hello = unsignedHello.withSignature(peerKeys.sign(unsignedHello.signedPart()));
        assertThat(send(peer, cipher, founder, MessageType.HELLO, hello.encode()).status()).isEqualTo(200);

        founder.stop();
        DSNodeServer restarted = start(config("founder").port(founder.endpoint().port()));
        time.runFor(Duration.ofMillis(200));
        assertThat(restarted.peers()).as("its greeting found nobody").doesNotContain("python-like");

        StatePacket unsignedState = new StatePacket("python-like", WireTime.toSeconds(time.clock().instant()),
                new byte[0], PythonJson.write(Map.of("temperature", "21.5")));
        StatePacket state = unsignedState.withSignature(peerKeys.sign(unsignedState.signedPart()));
        TransportResponse answer = send(peer, cipher, restarted, MessageType.UPDATE, state.encode());

        assertThat(answer.status()).as("a pinned former peer's UPDATE, never 401").isEqualTo(200);
        assertThat(restarted.readData("python-like", "temperature")).contains("21.5");
        assertThat(restarted.peers()).contains("python-like");
        assertThat(restarted.node().peerInfo("python-like")).hasValueSatisfying(info ->
                assertThat(info.endpoint()).isEqualTo(new Endpoint("127.0.0.1", 1)));
    }

    @Test
    void aRestartedNodeGreetsItsFormerPeersEightAtATime() throws Exception {
        Path book = credentials.resolve("founder").resolve("address-book.tsv");
        Files.createDirectories(book.getParent());
        long seen = time.clock().instant().getEpochSecond();
        StringBuilder lines = new StringBuilder("# address book\n");
        for (int i = 0; i < 30; i++) {
            Endpoint gone = new Endpoint("10.9.9." + i, 9000);
            network.blackhole(gone);
            lines.append("gone-").append(i).append('\t').append(gone.address()).append('\t').append(gone.port())
                    .append("\t0.0\t").append(seen).append('\n');
        }
        Files.writeString(book, lines.toString());

        // No tick within the 30 s: its repair would greet a former peer too.
        start(config("founder").tickInterval(Duration.ofMinutes(1)));
        time.runFor(Duration.ofMillis(100));
        assertThat(network.requestCount()).as("greetings in flight at once").isEqualTo(8);

        time.runFor(Duration.ofSeconds(30));
        assertThat(network.requestCount()).as("each greeting in turn, every attempt").isEqualTo(30 * 2);
    }

    @Test
    void anUpdateFromANodeNeverLinkedIsStillRefused() throws Exception {
        DSNodeServer founder = start(config("founder"));
        NodeKeyPair strangerKeys = NodeKeyPair.generate(new SecureRandom());
        StatePacket unsigned = new StatePacket("stranger", 1_700_000_000.0, new byte[0], "{}");
        StatePacket state = unsigned.withSignature(strangerKeys.sign(unsigned.signedPart()));

        TransportResponse answer = send(network.transport(), NetworkCipher.aes(NetworkKey.parse(key)), founder,
                MessageType.UPDATE, state.encode());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(founder.peers()).containsExactly("founder");
    }

    private TransportResponse send(Transport from, NetworkCipher cipher, DSNodeServer to, MessageType type,
                                   byte[] payload) throws Exception {
        return time.await(from.send(to.endpoint(), type.path(), cipher.encrypt(Envelope.frame(type, payload)),
                Duration.ofSeconds(1)), Duration.ofSeconds(2));
    }

    private DSNodeConfig.Builder config(String id) {
        return DSNodeConfig.builder().nodeId(id).port(0).aesKey(key).credentialDir(credentials)
                .tickInterval(TICK).requestTimeout(Duration.ofMillis(300)).attempts(2)
                .retryPause(Duration.ofMillis(50));
    }

    private DSNodeServer start(DSNodeConfig.Builder config) {
        DSNodeServer server = DSNodeServer.builder(config.build()).runtime(time).transport(network.transport()).start();
        started.add(server);
        return server;
    }
}
