package io.dsn.internal.node.exchange;

import io.dsn.DSNMetrics;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.DataReceived;
import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NetworkKeyring;
import io.dsn.internal.crypto.sealing.CompatibleSealing;
import io.dsn.internal.crypto.sealing.ReplayWindow;
import io.dsn.internal.crypto.sealing.SecureSealing;
import io.dsn.internal.node.Node;
import io.dsn.internal.node.exchange.RequestDispatcher.Route;
import io.dsn.internal.node.guard.FailingSources;
import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.internal.node.guard.RefusalWarnings;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PacketFormatException;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.runtime.VirtualTimeRuntime;
import io.dsn.support.SimulatedNetwork;
import io.dsn.transport.TransportResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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
        public void messageReceived(Message message, int status, long nanos) {
            measured.add(status);
        }
    };
    private final AtomicLong nanos = new AtomicLong();
    private final RequestDispatcher dispatcher = dispatcher(echoing(), 1_000);

    @Test
    void bodiesOverTheProtocolsLimitOfTheirPathAre413BeforeAnythingElse() {
        assertThat(dispatcher.bodyLimit("/update")).isEqualTo(Integer.MAX_VALUE);
        assertThat(dispatcher.bodyLimit("/data")).isEqualTo(Integer.MAX_VALUE);
        for (String path : List.of("/hello", "/peers", "/ping", "/leave", "/suspect", "/nope")) {
            assertThat(dispatcher.bodyLimit(path)).as(path).isEqualTo(64 * 1024);
            assertThat(dispatcher.handle(path, new byte[64 * 1024 + 1], "127.0.0.1").status()).as(path).isEqualTo(413);
        }
        dispatcher.open();

        assertThat(dispatcher.handle("/ping", new byte[64 * 1024 + 1], "127.0.0.1").status()).isEqualTo(413);
        assertThat(dispatcher.handle("/hello", new byte[64 * 1024], "127.0.0.1").status())
                .as("at the limit: read, and unreadable").isEqualTo(400);
        assertThat(dispatcher.handle("/update", new byte[1024 * 1024], "127.0.0.1").status()).isEqualTo(400);
        assertThat(answered).isEmpty();
        assertThat(measured).as("refused like the HTTP reader does, before the exchange is measured")
                .containsExactly(400, 400);
    }

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
            byte[] request = type == MessageType.PING ? PING : bytes("request");
            TransportResponse response = dispatcher.handle(type.path(), body(type, request), "10.0.0.7");

            assertThat(response.status()).as(type.toString()).isEqualTo(200);
            assertThat(Envelope.open(type, cipher.decrypt(response.body())))
                    .hasValueSatisfying(payload -> assertThat(new String(payload, StandardCharsets.UTF_8))
                            .isEqualTo("answer of " + type.name().toLowerCase() + " to " + new String(request,
                                    StandardCharsets.UTF_8) + " from 10.0.0.7"));
        }
        assertThat(answered).containsExactly("hello", "peers", "update", "ping", "data", "leave", "suspect");
        assertThat(measured).containsOnly(200).hasSize(7);
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
    void aPacketThatDoesNotParseIs400AndNeverReachesItsExchange() {
        Map<MessageType, Route<?>> routes = new EnumMap<>(echoing());
        routes.put(MessageType.HELLO, Route.<byte[]>of(payload -> { throw new PacketFormatException("truncated"); },
                (packet, from) -> answer("hello", packet, from)));
        RequestDispatcher strict = dispatcher(routes, 1_000);
        strict.open();

        assertThat(strict.handle("/hello", body(MessageType.HELLO, bytes("x")), "127.0.0.1").status()).isEqualTo(400);
        assertThat(strict.handle("/ping", body(MessageType.PING, bytes("  ")), "127.0.0.1").status())
                .as("PING with another payload than one space").isEqualTo(400);
        assertThat(strict.handle("/ping", body(MessageType.PING, new byte[0]), "127.0.0.1").status())
                .as("PING without payload").isEqualTo(400);
        assertThat(answered).isEmpty();
    }

    @Test
    void anExchangesRefusalIsItsStatusAndBadContentAfterTheSignatureIs406() {
        RequestDispatcher refusing = dispatcher(Map.of(
                MessageType.HELLO, refusing(() -> new PacketFormatException("state JSON is not an object")),
                MessageType.PEERS, refusing(() -> new ProtocolException(ProtocolException.UNAUTHORIZED, "unknown")),
                MessageType.UPDATE, refusing(() -> new ProtocolException(ProtocolException.NOT_ACCEPTABLE, "own id")),
                MessageType.PING, refusing(() -> new ProtocolException(ProtocolException.VERSION_MISMATCH, "version")),
                MessageType.DATA, route("data"), MessageType.LEAVE, route("leave"),
                MessageType.SUSPECT, route("suspect")), 1_000);
        refusing.open();

        assertThat(refusing.handle("/hello", body(MessageType.HELLO, bytes("x")), "127.0.0.1").status()).isEqualTo(406);
        assertThat(refusing.handle("/peers", body(MessageType.PEERS, bytes("x")), "127.0.0.1").status()).isEqualTo(401);
        assertThat(refusing.handle("/update", body(MessageType.UPDATE, bytes("x")), "127.0.0.1").status()).isEqualTo(406);
        assertThat(refusing.handle("/ping", body(MessageType.PING, PING), "127.0.0.1").status()).isEqualTo(505);
        assertThat(refusing.handle("/data", body(MessageType.DATA, bytes("x")), "127.0.0.1").status()).isEqualTo(200);
    }

    @Test
    void aRealNodesMalformedPacketsAre400(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        byte[] hello = raw.signedHello().encode();

        assertThat(raw.send(a.endpoint(), MessageType.HELLO, Arrays.copyOf(hello, hello.length - 10)).status())
                .as("truncated HELLO").isEqualTo(400);
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, new byte[] {5, 0}).status())
                .as("UPDATE cut inside a length").isEqualTo(400);
        assertThat(raw.send(a.endpoint(), MessageType.PING, new byte[] {'x'}).status())
                .as("PING with another byte than a space").isEqualTo(400);
        assertThat(a.peers()).containsExactly("a");
    }

    /**
     * The attack of issue 13: a padding oracle. Without the key, an outsider prepends a block R to
     * a captured one-block PING and tries every value of R's last byte: with an oracle, the status
     * tells which value gives a valid padding, and so the last byte of the captured block's
     * decryption. Here every value gets the same status.
     */
    @Test
    void theLastByteOfABlockCannotBeLearnedFromTheStatus() {
        dispatcher.open();
        byte[] captured = body(MessageType.PING, PING);
        assertThat(captured).hasSize(16);
        Set<Integer> statuses = new HashSet<>();
        int validPaddings = 0;
        for (int guess = 0; guess < 256; guess++) {
            byte[] forged = new byte[32];
            forged[15] = (byte) guess;
            System.arraycopy(captured, 0, forged, 16, 16);
            statuses.add(dispatcher.handle("/ping", forged, "10.0.0." + guess).status());
            validPaddings += cipher.open(forged).valid() ? 1 : 0;
        }

        assertThat(validPaddings).as("precondition: some guesses give a valid padding").isPositive();
        assertThat(statuses).containsExactly(400);
        assertThat(answered).isEmpty();
    }

    @Test
    void aSourceThatSendsTooManyUnreadableRequestsGets429ForThemForTheRestOfTheMinuteAndIsStillServed() {
        RequestDispatcher limited = dispatcher(echoing(), 3);
        limited.open();
        byte[] garbage = bytes("not sixteen");

        for (int i = 0; i < 3; i++) {
            assertThat(limited.handle("/ping", garbage, "10.6.6.6").status()).isEqualTo(400);
        }
        assertThat(limited.handle("/ping", garbage, "10.6.6.6").status()).as("held off").isEqualTo(429);
        assertThat(limited.handle("/ping", body(MessageType.PING, PING), "10.6.6.6").status())
                .as("a readable request from the same address, as from an honest node behind the same NAT")
                .isEqualTo(200);
        assertThat(limited.handle("/ping", garbage, "10.0.0.7").status()).as("another source").isEqualTo(400);

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(limited.handle("/ping", garbage, "10.6.6.6").status()).isEqualTo(429);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limited.handle("/ping", garbage, "10.6.6.6").status()).as("a new minute").isEqualTo(400);
        assertThat(answered).containsExactly("ping");
    }

    /** Issue 25: a node of the other protocol is misconfigured, not hostile, and its address is shared. */
    @Test
    void requestsOfTheOtherProtocolNeverHoldTheirSourceOff() {
        RequestDispatcher limited = dispatcher(echoing(), 3);
        limited.open();
        VirtualTimeRuntime time = new VirtualTimeRuntime(5);
        SecureSealing secure = new SecureSealing("other", new NetworkKeyring(NetworkKey.generate(time.secureRandom()),
                List.of()), new ReplayWindow(time.clock(), Duration.ofSeconds(30)), time.clock(), time.secureRandom());

        for (int i = 0; i < 10; i++) {
            assertThat(limited.handle("/ping", secure.seal(MessageType.PING, PING, "me").body(), "10.6.6.6").status())
                    .isEqualTo(426);
        }
        assertThat(limited.handle("/ping", bytes("not sixteen"), "10.6.6.6").status()).as("not held off").isEqualTo(400);
    }

    /**
     * Issue 25: 61 bad PINGs from 127.0.0.1 used to make a node answer 429 to every request from
     * that address for a minute, the honest nodes on it included. Nodes behind one NAT, or on one
     * host, share an address with whoever sends the garbage.
     */
    @Test
    void honestNodesOnTheAddressOfAnAttackerAreStillServed(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        DSNodeServer b = sim.start("b", a);
        RawPeer attacker = sim.rawPeer("attacker");
        assertThat(attacker.endpoint().address()).as("one address for all three").isEqualTo(b.endpoint().address())
                .isEqualTo(a.endpoint().address());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < DSNodeConfig.DEFAULT_MAX_FAILED_REQUESTS_PER_MINUTE + 5; i++) {
            statuses.add(attacker.post(a.endpoint(), "/ping", bytes("not sixteen")).status());
        }
        assertThat(statuses.get(statuses.size() - 1)).as("the attacker is held off").isEqualTo(429);
        List<byte[]> received = new ArrayList<>();
        a.node().addListener(event -> {
            if (event instanceof DataReceived data) {
                received.add(data.data());
            }
        });

        b.updateData("k", "after the attack");
        b.sendToNode("a", bytes("hello"));

        sim.await("a takes b's write", () -> a.readData("b", "k").isPresent(), SimulatedNetwork.TICK.multipliedBy(2));
        assertThat(a.readData("b", "k")).contains("after the attack");
        sim.await("a hears b's message", () -> !received.isEmpty(), SimulatedNetwork.TICK);
        assertThat(a.peers()).contains("b");
        assertThat(b.peers()).contains("a");
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

    private RequestDispatcher dispatcher(Map<MessageType, Route<?>> routes, int failuresPerMinute) {
        return new RequestDispatcher(new CompatibleSealing(cipher), metrics, nanos::get, new FailingSources(failuresPerMinute, nanos::get),
                new RefusalWarnings("me"), routes);
    }

    /** Every message answered with its name and payload; PING read as a real node reads it. */
    private Map<MessageType, Route<?>> echoing() {
        return Map.of(MessageType.HELLO, route("hello"), MessageType.PEERS, route("peers"),
                MessageType.UPDATE, route("update"),
                MessageType.PING, Route.of(PingExchange::decode, (ping, from) -> answer("ping", ping, from)),
                MessageType.DATA, route("data"), MessageType.LEAVE, route("leave"),
                MessageType.SUSPECT, route("suspect"));
    }

    private Route<byte[]> route(String name) {
        return Route.of(payload -> payload, (payload, from) -> answer(name, payload, from));
    }

    private byte[] answer(String name, byte[] payload, String from) {
        answered.add(name);
        return bytes("answer of " + name + " to " + new String(payload, StandardCharsets.UTF_8) + " from " + from);
    }

    private static Route<byte[]> refusing(Supplier<RuntimeException> refusal) {
        return Route.of(payload -> payload, (payload, from) -> {
            throw refusal.get();
        });
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
