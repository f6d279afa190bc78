package io.dsn;

import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.crypto.Signatures;
import io.dsn.internal.protocol.ByteWriter;
import io.dsn.internal.protocol.DataPacket;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PeersPacket;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.support.RawPeer;
import io.dsn.support.NetworkExtension;
import io.dsn.support.Recorded;
import io.dsn.support.TestNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server side of the protocol as a peer sees it on the wire: a real node, and a hand-driven
 * {@link RawPeer} that sends exactly the bytes each test chooses (PROTOCOL.md sections 1 and 4).
 */
@ExtendWith(NetworkExtension.class)
class InboundProtocolTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A timestamp for the raw peer's states: 2023-11-14T22:13:20.25Z. */
    private static final double T = 1_700_000_000.25;

    Path credentials;
    TestNetwork network;
    Recorded recorded;
    DSNodeServer a;

    @BeforeEach
    void setUp(TestNetwork network) {
        this.network = network;
        credentials = network.credentials();
        recorded = network.startRecorded(network.config("a").build());
        a = recorded.server();
    }

    // ---- HELLO ----

    @Test
    void helloWithAnotherVersionIsRefusedWith505() {
        RawPeer raw = listening("raw");

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello("0.6.6").encode());

        assertThat(response.status()).isEqualTo(505);
        assertThat(response.body()).isEmpty();
        assertThat(a.peers()).containsExactly("a");
        assertThat(pinFile("raw")).doesNotExist();
    }

    @Test
    void validHelloIsAnsweredWithTheNodesSignedHelloAndTheSenderJoins() {
        RawPeer raw = listening("raw");

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode());

        assertThat(response.status()).isEqualTo(200);
        HelloPacket answer = HelloPacket.decode(response.payload());
        assertThat(answer.version()).isEqualTo("0.6.7");
        assertThat(answer.nodeId()).isEqualTo("a");
        assertThat(answer.endpoint()).isEqualTo(new Endpoint("127.0.0.1", a.endpoint().port()));
        assertThat(answer.publicKey()).hasSize(64).isEqualTo(ownPublicKeyOnDisk("a"));
        assertThat(Signatures.verify(answer.publicKey(), answer.signedPart(), answer.signature())).isTrue();
        assertThat(answer.detectedAddress()).isEqualTo("127.0.0.1");

        assertThat(a.peers()).containsExactly("a", "raw");
        assertThat(a.node().peerInfo("raw")).get()
                .extracting(PeerInfo::endpoint).isEqualTo(raw.endpoint());
        assertThat(pinFile("raw")).hasBinaryContent(raw.keys().publicKey());
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(recorded.eventsOf(PeerJoined.class)).containsExactly(new PeerJoined("raw", raw.endpoint())));
    }

    @Test
    void helloWithABadSignatureIsRefusedWith401() {
        RawPeer raw = listening("raw");
        HelloPacket hello = raw.signedHello();

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.HELLO,
                hello.withSignature(RawPeer.tampered(hello.signature())).encode());

        assertThat(response.status()).isEqualTo(401);
        assertThat(a.peers()).containsExactly("a");
        assertThat(pinFile("raw")).doesNotExist();
        // the same peer, signing properly, is welcome: the refusal was the signature's fault
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, hello.encode()).status()).isEqualTo(200);
    }

    @Test
    void aNodeWhoseKeyChangedIsRefusedWhileTheSameKeyRejoins() {
        RawPeer raw = listening("raw");
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);

        RawPeer impostor = raw.withKeys(NodeKeyPair.generate(RANDOM));
        RawPeer.Response refused = impostor.send(a.endpoint(), MessageType.HELLO, impostor.signedHello().encode());
        RawPeer.Response again = raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(again.status()).isEqualTo(200);
        assertThat(pinFile("raw")).hasBinaryContent(raw.keys().publicKey());
        assertThat(a.peers()).containsExactly("a", "raw");
        // data signed with the new key is refused too: the pin really holds the original key
        assertThat(impostor.send(a.endpoint(), MessageType.DATA, impostor.signedData(new byte[] {1}).encode()).status())
                .isEqualTo(401);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(recorded.eventsOf(PeerJoined.class)).containsExactly(new PeerJoined("raw", raw.endpoint())));
    }

    @Test
    void helloClaimingTheNodesOwnIdIsRefusedWith406() throws IOException {
        byte[] ownKey = ownPublicKeyOnDisk("a");
        RawPeer mirror = listening("a");

        RawPeer.Response response = mirror.send(a.endpoint(), MessageType.HELLO, mirror.signedHello().encode());

        assertThat(response.status()).isEqualTo(406);
        assertThat(a.peers()).containsExactly("a");
        assertThat(Files.readAllBytes(credentials.resolve("a").resolve("a.pub"))).isEqualTo(ownKey);
    }

    @Test
    void helloWithAnIdThatIsNotASafeFileNameIsRefusedWith406AndWritesNothing() throws IOException {
        for (String hostile : List.of("../evil", "a/b", "..", "x\\y", "nul\u0000byte")) {
            RawPeer raw = RawPeer.at(network, hostile, new Endpoint("127.0.0.1", 1));

            RawPeer.Response response = raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode());

            assertThat(response.status()).as(hostile).isEqualTo(406);
        }
        assertThat(a.peers()).containsExactly("a");
        // The test's own directory, which holds nothing but the credential directory.
        Path root = credentials.getParent();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString))
                    .allMatch(file -> file.startsWith("credentials/a/"))
                    .contains("credentials/a/a.key", "credentials/a/a.pub")
                    .noneMatch(file -> file.endsWith(".pub") && !file.equals("credentials/a/a.pub"));
        }
    }

    // ---- malformed bodies and wrong packets ----

    @Test
    void bodiesThatDoNotDecryptOrDoNotMatchThePathAreRefusedWith400() {
        RawPeer raw = listening("raw");
        NetworkCipher networkCipher = raw.cipher();
        byte[] hello = raw.signedHello().encode();

        assertThat(raw.post(a.endpoint(), "/hello", new byte[0]).status()).as("empty").isEqualTo(400);
        assertThat(raw.post(a.endpoint(), "/hello", Arrays.copyOf(raw.encrypt(MessageType.HELLO, hello), 17)).status())
                .as("not a multiple of 16").isEqualTo(400);
        assertThat(raw.post(a.endpoint(), "/hello", "garbage".getBytes(StandardCharsets.US_ASCII)).status())
                .as("short garbage").isEqualTo(400);
        assertThat(raw.post(a.endpoint(), "/update", undecryptableBlocks(networkCipher)).status())
                .as("garbage blocks").isEqualTo(400);
        assertThat(raw.post(a.endpoint(), "/hello", encryptedWithAnotherKey(networkCipher, RawPeer.frame(MessageType.HELLO, hello))).status())
                .as("another network key").isEqualTo(400);
        assertThat(raw.post(a.endpoint(), "/hello", raw.encrypt(MessageType.PING, new byte[] {' '})).status())
                .as("PING posted to /hello").isEqualTo(400);
        assertThat(raw.post(a.endpoint(), "/ping", networkCipher.encrypt(new byte[0])).status())
                .as("no type byte").isEqualTo(400);
        assertThat(raw.post(a.endpoint(), "/data", networkCipher.encrypt(new byte[] {(byte) 0x85})).status())
                .as("type byte with the high bit set").isEqualTo(400);

        assertThat(a.peers()).containsExactly("a");
        assertNodeStillServes();
    }

    @Test
    void malformedPacketsAreRefusedWith400AndMalformedContentAfterTheSignatureWith406() {
        RawPeer raw = listening("raw");
        byte[] hello = raw.signedHello().encode();

        assertThat(raw.send(a.endpoint(), MessageType.HELLO, Arrays.copyOf(hello, hello.length - 10)).status())
                .as("truncated HELLO").isEqualTo(400);
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, new byte[] {5, 0, 0}).status())
                .as("HELLO cut inside a length").isEqualTo(400);
        byte[] threeTrailing = new ByteWriter().raw(hello).string("certificate").string("127.0.0.1").toByteArray();
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, threeTrailing).status())
                .as("HELLO with three trailing fields").isEqualTo(400);
        assertThat(a.peers()).containsExactly("a");

        assertThat(raw.send(a.endpoint(), MessageType.HELLO, hello).status()).isEqualTo(200);
        for (String notAnObject : List.of("[\"k\", \"v\"]", "\"k\"", "42", "{\"k\": \"v\"} {}", "{\"k\": ")) {
            RawPeer.Response response = raw.send(a.endpoint(), MessageType.UPDATE,
                    raw.signedState("raw", T, notAnObject).encode());
            assertThat(response.status()).as(notAnObject).isEqualTo(406);
        }
        byte[] state = raw.signedState(T, Map.of("k", "v")).encode();
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, Arrays.copyOf(state, state.length + 1)).status())
                .as("STATE with a trailing byte").isEqualTo(400);
        assertThat(a.node().state("raw")).isEmpty();

        assertNodeStillServes();
    }

    @Test
    void unknownPathsAre404AndOtherMethodsThanPostAre405() {
        RawPeer raw = listening("raw");

        assertThat(raw.post(a.endpoint(), "/nope", raw.encrypt(MessageType.PING, new byte[] {' '})).status()).isEqualTo(404);
        assertThat(raw.post(a.endpoint(), "/", new byte[0]).status()).isEqualTo(404);
        assertThat(raw.post(a.endpoint(), "/ping/", raw.encrypt(MessageType.PING, new byte[] {' '})).status()).isEqualTo(404);
        assertThat(raw.request(a.endpoint(), "GET", "/ping").status()).isEqualTo(405);
        assertThat(raw.request(a.endpoint(), "PUT", "/hello").status()).isEqualTo(405);

        assertNodeStillServes();
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413() {
        DSNodeServer limited = network.start(network.config("limited").maxBodySize(1024 * 1024).build());
        RawPeer raw = listening("raw");

        RawPeer.Response response = raw.post(limited.endpoint(), "/update", new byte[1024 * 1024 + 16]);

        assertThat(response.status()).isEqualTo(413);
        // exactly the limit is read and judged on its content (here: garbage, 400)
        assertThat(raw.post(limited.endpoint(), "/update", undecryptableBlocks(raw.cipher(), 1024 * 1024)).status())
                .isEqualTo(400);
        assertThat(raw.post(limited.endpoint(), "/data", undecryptableBlocks(raw.cipher(), 1024 * 1024)).status())
                .isEqualTo(400);
        assertThat(raw.send(limited.endpoint(), MessageType.PING, new byte[] {' '}).status()).isEqualTo(200);
    }

    @Test
    void theDefaultLimitTakesAStateOfSeveralMebibytesAsPythonNodesSendThem() {
        RawPeer raw = listening("raw");
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        Map<String, String> large = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            large.put("key-" + i, "v".repeat(10_000));
        }

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, large).encode());

        assertThat(response.status()).isEqualTo(200);
        assertThat(a.node().state("raw")).isEqualTo(large);
    }

    @Test
    void requestsThatNeverCarryAStateAreHeldTo64KiBWhateverTheLimit() {
        RawPeer raw = listening("raw");

        for (String path : List.of("/hello", "/peers", "/ping", "/unknown")) {
            assertThat(raw.post(a.endpoint(), path, new byte[64 * 1024 + 16]).status()).as(path).isEqualTo(413);
        }
        assertThat(raw.post(a.endpoint(), "/hello", undecryptableBlocks(raw.cipher(), 64 * 1024)).status()).isEqualTo(400);
        assertNodeStillServes();
    }

    @Test
    void aNodeWithASmallerBodyLimitRefusesLargerBodiesWith413() {
        DSNodeServer small = network.start(network.config("small").maxBodySize(2048).build());
        RawPeer raw = listening("raw");

        assertThat(raw.post(small.endpoint(), "/hello", new byte[4096]).status()).isEqualTo(413);
        assertThat(raw.post(small.endpoint(), "/data", new byte[2049]).status()).isEqualTo(413);
        assertThat(raw.send(small.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        assertThat(small.peers()).containsExactly("small", "raw");
    }

    // ---- PING ----

    @Test
    void pingIsAnsweredWithTheTypeByteAlone() throws DecryptionException {
        RawPeer stranger = listening("stranger");

        RawPeer.Response response = stranger.send(a.endpoint(), MessageType.PING, new byte[] {' '});

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.plain()).containsExactly(0x04);
        assertThat(stranger.cipher().decrypt(response.body())).containsExactly(0x04);
        assertThat(response.body()).hasSize(16);
    }

    // ---- DATA ----

    @Test
    void dataFromASenderThatNeverSaidHelloIsRefusedWith401() {
        RawPeer raw = listening("raw");

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.DATA, raw.signedData(new byte[] {1, 2}).encode());

        assertThat(response.status()).isEqualTo(401);
        assertThat(a.peers()).containsExactly("a");
        assertThat(recorded.eventsOf(DataReceived.class)).isEmpty();
    }

    @Test
    void dataWithABadSignatureIsRefusedWith401() {
        RawPeer raw = joined("raw");
        DataPacket data = raw.signedData(new byte[] {1, 2});

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.DATA,
                data.withSignature(RawPeer.tampered(data.signature())).encode());

        assertThat(response.status()).isEqualTo(401);
        // the same bytes, properly signed, get through: the refusal was the signature's fault
        assertThat(raw.send(a.endpoint(), MessageType.DATA, data.encode()).status()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(recorded.eventsOf(DataReceived.class)).containsExactly(new DataReceived("raw", new byte[] {1, 2})));
    }

    @Test
    void validDataIsAnsweredOkAndHandedToTheApplication() {
        RawPeer raw = joined("raw");
        byte[] bytes = {0, 1, 2, (byte) 0xFF, 'x'};

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.DATA, raw.signedData(bytes).encode());

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.payload(), StandardCharsets.US_ASCII)).isEqualTo("OK");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(recorded.eventsOf(DataReceived.class)).containsExactly(new DataReceived("raw", bytes)));
    }

    // ---- PEERS ----

    @Test
    void peersFromASenderThatNeverSaidHelloIsRefusedWith401() {
        RawPeer raw = listening("raw");

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.PEERS, raw.signedPeersRequest().encode());

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void peersWithABadSignatureIsRefusedWith401() {
        RawPeer raw = joined("raw");
        PeersPacket request = raw.signedPeersRequest();

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.PEERS,
                request.withSignature(RawPeer.tampered(request.signature())).encode());

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void peersAfterHelloListsTheWholeAddressBookSignedByTheNode() {
        DSNodeServer b = network.start("b", a);
        await().atMost(WAIT).until(() -> a.peers().contains("b"));
        RawPeer raw = listening("raw");
        HelloPacket nodeHello = hello(raw);

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.PEERS, raw.signedPeersRequest().encode());

        assertThat(response.status()).isEqualTo(200);
        PeersPacket answer = PeersPacket.decode(response.payload());
        assertThat(answer.nodeId()).isEqualTo("a");
        assertThat(Signatures.verify(nodeHello.publicKey(), answer.signedPart(), answer.signature())).isTrue();
        assertThat(answer.peers()).containsOnly(
                Map.entry("b", new Endpoint("127.0.0.1", b.endpoint().port())),
                Map.entry("raw", raw.endpoint()));
    }

    // ---- UPDATE ----

    @Test
    void updateAboutTheReceivingNodeItselfIsRefused401WhenForgedAnd406WhenItsOwn() {
        RawPeer raw = joined("raw");
        a.updateData("own", "1");

        RawPeer.Response forged = raw.send(a.endpoint(), MessageType.UPDATE,
                raw.signedState("a", T * 2, PythonJson.write(Map.of("own", "forged"))).encode());
        RawPeer.Response sentBack = raw.send(a.endpoint(), MessageType.UPDATE, ownStateOf(raw));

        assertThat(forged.status()).as("signed by another key").isEqualTo(401);
        assertThat(sentBack.status()).as("the node's own signed state, sent back to it").isEqualTo(406);
        assertThat(a.readData("a", "own")).contains("1");
    }

    @Test
    void updateFromANodeThatNeverSaidHelloIsRefusedWith401AndNotStored() {
        RawPeer raw = listening("raw");

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, Map.of("k", "v")).encode());

        assertThat(response.status()).isEqualTo(401);
        assertThat(a.peers()).containsExactly("a");
        assertThat(a.readData("raw", "k")).isEmpty();
        assertThat(pinFile("raw")).doesNotExist();
        // the update is refused for want of a pinned key: after a HELLO the very same bytes are taken
        hello(raw);
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, Map.of("k", "v")).encode()).status())
                .isEqualTo(200);
        assertThat(a.readData("raw", "k")).contains("v");
    }

    @Test
    void updateAfterHelloIsStoredAnnouncedAndAnsweredWithTheNodesOwnSignedState() {
        a.updateData("mine", "1");
        RawPeer raw = listening("raw");
        HelloPacket nodeHello = hello(raw);
        Map<String, String> first = new LinkedHashMap<>();
        first.put("k1", "v1");
        first.put("k2", "v2");

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, first).encode());

        assertThat(response.status()).isEqualTo(200);
        StatePacket answer = StatePacket.decode(response.payload());
        assertThat(answer.nodeId()).isEqualTo("a");
        assertThat(Signatures.verify(nodeHello.publicKey(), answer.signedPart(), answer.signature())).isTrue();
        assertThat(answer.stateJson()).isEqualTo("{\"mine\": \"1\"}");
        assertThat(a.readData("raw", "k1")).contains("v1");
        assertThat(a.readData("raw", "k2")).contains("v2");

        Map<String, String> second = Map.of("k1", "changed", "k3", "new");
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T + 1, second).encode()).status())
                .isEqualTo(200);
        assertThat(a.node().state("raw")).isEqualTo(second);

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorded.eventsOf(PeerStateChanged.class)).containsExactly(
                new PeerStateChanged("raw", Map.of(), first, Set.of("k1", "k2"), Instant.parse("2023-11-14T22:13:20.25Z")),
                new PeerStateChanged("raw", first, second, Set.of("k1", "k2", "k3"), Instant.parse("2023-11-14T22:13:21.25Z"))));
    }

    @Test
    void staleUpdatesAndRepeatsOfTheSameDataAreAnsweredWithAnEmptyPayload() {
        RawPeer raw = joined("raw");
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, Map.of("k", "current")).encode())
                .payload()).isNotEmpty();

        RawPeer.Response older = raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T - 1, Map.of("k", "old")).encode());
        RawPeer.Response repeat = raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T + 1, Map.of("k", "current")).encode());

        assertThat(older.status()).isEqualTo(200);
        assertThat(older.payload()).isEmpty();
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.payload()).isEmpty();
        assertThat(a.node().state("raw")).isEqualTo(Map.of("k", "current"));
        // the repeat is no news, but its timestamp is taken: older states are refused from now on
        assertThat(a.node().peerInfo("raw")).get().extracting(PeerInfo::lastUpdate)
                .isEqualTo(Instant.parse("2023-11-14T22:13:21.25Z"));

        // and a newer state with other data is news again
        RawPeer.Response newer = raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T + 2, Map.of("k", "next")).encode());
        assertThat(newer.payload()).isNotEmpty();
        assertThat(a.readData("raw", "k")).contains("next");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(recorded.eventsOf(PeerStateChanged.class)).extracting(PeerStateChanged::current)
                        .containsExactly(Map.of("k", "current"), Map.of("k", "next")));
    }

    @Test
    void updateWithABadSignatureIsRefusedWith401() {
        RawPeer raw = joined("raw");
        StatePacket state = raw.signedState(T, Map.of("k", "v"));

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.UPDATE,
                state.withSignature(RawPeer.tampered(state.signature())).encode());

        assertThat(response.status()).isEqualTo(401);
        assertThat(a.readData("raw", "k")).isEmpty();
        // a signature by another key is no better
        StatePacket byOther = raw.withKeys(NodeKeyPair.generate(RANDOM)).signedState(T, Map.of("k", "v"));
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, byOther.encode()).status()).isEqualTo(401);
        assertThat(a.readData("raw", "k")).isEmpty();
    }

    @Test
    void aValidlySignedStateWithATimestampBeyondInstantRangeIsIgnoredWithoutBreakingTheNode() {
        RawPeer raw = joined("raw");

        // Python accepts any float as last_update; 1e300 seconds is far beyond java.time.Instant.MAX
        RawPeer.Response response = raw.send(a.endpoint(), MessageType.UPDATE,
                raw.signedState(1e300, Map.of("k", "far future")).encode());

        assertThat(response.status()).as("a Python sender's tick must go on").isEqualTo(200);
        assertThat(response.payload()).isEmpty();
        assertThat(a.readData("raw", "k")).isEmpty();
        assertThat(a.peerInfos()).extracting(PeerInfo::nodeId).containsExactly("a", "raw");
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, Map.of("k", "now")).encode()).payload())
                .as("the peer's next state is taken as usual").isNotEmpty();
        assertThat(a.readData("raw", "k")).contains("now");
    }

    @Test
    void aPeerDroppedForFailingPingComesBackThroughAValidlySignedUpdate() {
        Endpoint dead = new Endpoint("127.0.0.1", deadPort());
        RawPeer raw = RawPeer.at(network, "raw", dead);
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(recorded.eventsOf(PeerLeft.class)).containsExactly(new PeerLeft("raw", PeerLeft.Reason.UNREACHABLE));
            assertThat(a.peers()).containsExactly("a");
        });

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, Map.of("k", "back")).encode());

        // checked at once: the node pings the dead port again on its next tick and drops it again
        assertThat(response.status()).isEqualTo(200);
        assertThat(StatePacket.decode(response.payload()).nodeId()).isEqualTo("a");
        List<String> listed = List.copyOf(a.peers());
        assertThat(listed).containsExactly("a", "raw");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(recorded.eventsOf(PeerJoined.class)).containsExactly(
                        new PeerJoined("raw", dead), new PeerJoined("raw", dead)));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(recorded.eventsOf(PeerLeft.class)).hasSize(2));
    }

    // ---- helpers ----

    /** The node's own signed state, as it answers an UPDATE that is news. */
    private byte[] ownStateOf(RawPeer raw) {
        RawPeer.Response answer = raw.send(a.endpoint(), MessageType.UPDATE,
                raw.signedState(T + RANDOM.nextInt(1_000_000), Map.of("fresh", "1")).encode());
        return answer.payload();
    }

    private RawPeer listening(String nodeId) {
        return RawPeer.listening(network, nodeId);
    }

    /** A listening raw peer that has said HELLO to node a. */
    private RawPeer joined(String nodeId) {
        RawPeer raw = listening(nodeId);
        hello(raw);
        return raw;
    }

    /** Says HELLO to node a and returns a's answer. */
    private HelloPacket hello(RawPeer raw) {
        RawPeer.Response response = raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode());
        assertThat(response.status()).as("HELLO from " + raw.nodeId()).isEqualTo(200);
        return HelloPacket.decode(response.payload());
    }

    /** After any refusal the node still answers PING and takes in a real node. */
    private void assertNodeStillServes() {
        RawPeer prober = listening("prober");
        RawPeer.Response ping = prober.send(a.endpoint(), MessageType.PING, new byte[] {' '});
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.payload()).isEmpty();

        DSNodeServer joiner = network.start("joiner", a);
        assertThat(joiner.peers()).contains("a");
        await().atMost(WAIT).until(() -> a.peers().contains("joiner"));
    }

    private Path pinFile(String peerId) {
        return credentials.resolve("a").resolve(peerId + ".pub");
    }

    private byte[] ownPublicKeyOnDisk(String nodeId) {
        try {
            return Files.readAllBytes(credentials.resolve(nodeId).resolve(nodeId + ".pub"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A port nothing listens on: taken from the system, then released. */
    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] undecryptableBlocks(NetworkCipher cipher) {
        return undecryptableBlocks(cipher, 64);
    }

    /**
     * Random whole AES blocks that this cipher cannot decrypt. Random blocks decrypt to valid
     * padding about once in 256 draws; such draws are skipped so the test is deterministic.
     */
    private static byte[] undecryptableBlocks(NetworkCipher cipher, int length) {
        while (true) {
            byte[] blocks = new byte[length];
            RANDOM.nextBytes(blocks);
            if (!decrypts(cipher, blocks)) {
                return blocks;
            }
        }
    }

    /** The message encrypted with some other network key, chosen so that this cipher cannot decrypt it. */
    private static byte[] encryptedWithAnotherKey(NetworkCipher cipher, byte[] message) {
        while (true) {
            byte[] body = NetworkCipher.aes(NetworkKey.generate(RANDOM)).encrypt(message);
            if (!decrypts(cipher, body)) {
                return body;
            }
        }
    }

    private static boolean decrypts(NetworkCipher cipher, byte[] body) {
        try {
            cipher.decrypt(body);
            return true;
        } catch (DecryptionException e) {
            return false;
        }
    }
}
