package io.dsn.internal.node;

import io.dsn.BootstrapSource;
import io.dsn.DSNException;
import io.dsn.DSNListener;
import io.dsn.DSNMetrics;
import io.dsn.DSNSettings;
import io.dsn.DSNode;
import io.dsn.DSNodeConfig;
import io.dsn.Endpoint;
import io.dsn.NetworkKeys;
import io.dsn.PeerInfo;
import io.dsn.ProtocolMode;
import io.dsn.UnknownPeerException;
import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NetworkKeyring;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.crypto.SignatureScheme;
import io.dsn.internal.crypto.sealing.CompatibleSealing;
import io.dsn.internal.crypto.sealing.ReplayWindow;
import io.dsn.internal.crypto.sealing.Sealing;
import io.dsn.internal.crypto.sealing.SecureSealing;
import io.dsn.internal.node.exchange.OutgoingCall;
import io.dsn.internal.node.exchange.PeerAuthenticator;
import io.dsn.internal.node.exchange.SignedPackets;
import io.dsn.internal.node.exchange.StateIntake;
import io.dsn.internal.node.guard.BodyLimit;
import io.dsn.internal.node.guard.FailingSources;
import io.dsn.internal.node.guard.NewKeyBudget;
import io.dsn.internal.node.guard.RefusalWarnings;
import io.dsn.internal.node.joining.BootstrapNodes;
import io.dsn.internal.node.membership.AddressBook;
import io.dsn.internal.node.membership.EventDispatcher;
import io.dsn.internal.node.membership.Outboxes;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.node.membership.RemoteState;
import io.dsn.internal.node.state.Identity;
import io.dsn.internal.node.state.LastTimestamp;
import io.dsn.internal.node.state.OwnState;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.internal.protocol.WireTime;
import io.dsn.runtime.NodeRuntime;
import io.dsn.runtime.SimulatedBug;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A node, built once and in dependency order: its own state, the address book, one exchange per
 * message with both of its sides, the call path out and the dispatcher in, the bootstrapper and
 * the tick. It is the application's view of the node, {@link DSNode}. Internal: applications use
 * {@link io.dsn.DSNodeServer}.
 */
public final class Node implements DSNode {

    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final DSNodeConfig config;
    private final NodeRuntime runtime;
    private final DSNMetrics metrics;
    private final Identity identity;
    private final LastTimestamp lastTimestamp;
    private final Set<SimulatedBug> bugs;
    private final OwnState ownState;
    private final EventDispatcher events;
    private final Outboxes outboxes = new Outboxes();
    private final PeerTable peers;
    private final RefusalWarnings refusals;
    private final PeerAuthenticator authenticator;
    private final SignedPackets packets;
    private final StateIntake intake;
    private final NewKeyBudget newKeys;
    private final Sealing sealing;
    private final BodyLimit bodyLimit;
    private final FailingSources failingSources;
    private final BootstrapNodes bootstrapNodes;
    /** The network keys of the secure protocol; null in the compatible one, which has one key for good. */
    private final @Nullable NetworkKeyring keyring;
    private final @Nullable NetworkKey compatibleKey;
    /** The parts of the node that run while it serves; null before its first start and while stopped. */
    private volatile @Nullable ServingPeriod serving;
    private volatile boolean startedBefore;
    private volatile boolean stopped;

    /**
     * A node that joins through {@code bootstrapSource}'s nodes too, after the configured ones, and
     * checks its peers' signatures with {@code signatures}, the scheme of its own {@code keys}.
     *
     * @param networkKey the network key (the primary one in the secure protocol); empty only for a
     *                   compatible node without encryption
     */
    public Node(DSNodeConfig config, NodeKeyPair keys, CredentialStore credentials, Optional<NetworkKey> networkKey,
                DSNMetrics metrics, NodeRuntime runtime, BootstrapSource bootstrapSource, SignatureScheme signatures) {
        String id = config.nodeId();
        this.config = config;
        this.runtime = runtime;
        this.metrics = metrics;
        this.identity = new Identity(id, keys, new Endpoint(config.networkIp(), config.port()));
        this.bugs = runtime.simulatedBugs();
        // Each reservation of own timestamps on disk reaches two ticks ahead.
        this.lastTimestamp = new LastTimestamp(credentials, runtime.clock(), config.tickInterval().multipliedBy(2));
        double continueAfter = bugs.contains(SimulatedBug.FORGET_OWN_TIMESTAMPS) ? 0 : lastTimestamp.continueAfter();
        this.ownState = new OwnState(id, keys, runtime.clock(), continueAfter, lastTimestamp::reserve);
        this.events = new EventDispatcher(() -> runtime.newSerialExecutor("dsn-events-" + id));
        this.peers = new PeerTable(config.maxPeers(), new AddressBook(credentials, runtime.clock()), events, metrics,
                runtime.clock(), outboxes, bugs);
        this.refusals = new RefusalWarnings(id, config.settingNaming());
        // About three signed packets per peer are worth remembering: its HELLO, its state, its PEERS answer.
        this.authenticator = new PeerAuthenticator(credentials, id, refusals, signatures,
                (int) Math.min(Integer.MAX_VALUE, 3L * config.maxPeers() + 16));
        this.packets = new SignedPackets(identity, authenticator, peers);
        this.intake = new StateIntake(authenticator, events, metrics, runtime.clock());
        this.newKeys = new NewKeyBudget(config.newKeysPerMinute(), runtime::nanoTime);
        if (config.protocol() == ProtocolMode.SECURE) {
            NetworkKey primary = networkKey.orElseThrow(() -> new IllegalArgumentException("the secure protocol needs a network key"));
            this.keyring = new NetworkKeyring(primary, config.networkKeys().stream().map(NetworkKey::parse).toList());
            this.compatibleKey = null;
            sealing = new SecureSealing(id, keyring, new ReplayWindow(runtime.clock(), config.maxClockSkew()),
                    runtime.clock(), runtime.secureRandom());
        } else {
            this.keyring = null;
            this.compatibleKey = networkKey.orElse(null);
            sealing = new CompatibleSealing(networkKey.map(NetworkCipher::aes).orElseGet(NetworkCipher::plaintext));
        }
        this.bodyLimit = new BodyLimit(sealing, config.maxBodySize(),
                config.settingNaming().nameOf(DSNSettings.MAX_BODY_SIZE));
        this.failingSources = new FailingSources(config.maxFailedRequestsPerMinute(), runtime::nanoTime);
        this.bootstrapNodes = new BootstrapNodes(config.bootstrapNodes(), bootstrapSource);
    }

    /**
     * Serves requests while the node is started; before its first start and while it is stopped,
     * every request gets 503. The same handler for every transport the node listens on; it tells
     * them the protocol's body limit of each path, so that they stop reading a body over it.
     */
    public RequestHandler requestHandler() {
        return new RequestHandler() {
            @Override
            public TransportResponse handle(String path, byte[] body, String remoteAddress) {
                ServingPeriod period = serving;
                return period == null ? TransportResponse.status(503) : period.dispatcher.handle(path, body, remoteAddress);
            }

            @Override
            public int bodyLimit(String path) {
                return MessageType.bodyLimitOf(path);
            }
        };
    }

    /**
     * Starts the protocol now that {@code transport} listens at {@code endpoint}: requests are
     * served, the tick runs, and the first bootstrap attempt begins. A node stopped before starts
     * again with its state and its peers: it stamps its state anew (so that it is newer than the
     * LEAVE it sent), and sends it to every node it knows.
     *
     * @return a future of whether a bootstrap node answered (true at once without bootstrap nodes)
     */
    public synchronized CompletableFuture<Boolean> start(Transport transport, Endpoint endpoint) {
        if (serving != null) {
            throw new IllegalStateException("DSN node " + config.nodeId() + " already serves");
        }
        boolean restart = startedBefore;
        startedBefore = true;
        identity.bind(endpoint);
        events.open();
        ServingPeriod period = new ServingPeriod(this, transport);
        outboxes.sendWith(bugs.contains(SimulatedBug.SKIP_UPDATES) ? Node::skipUpdate : period.update::deliver);
        if (restart) {
            // A new state, later than the LEAVE of the stop; reserving its timestamp replaces the stop's mark.
            ownState.update(map -> { });
        }
        stopped = false;
        serving = period;
        period.dispatcher.open();
        long tick = config.tickInterval().toNanos();
        // A random phase, so that nodes started together do not all ping at the same moment.
        long firstTick = tick / 2 + (long) (runtime.random().nextDouble() * tick);
        period.scheduler.scheduleAtFixedRate(period.heartbeat, firstTick, tick, TimeUnit.NANOSECONDS);
        if (bugs.contains(SimulatedBug.LEAK_TIMERS)) {
            period.scheduler.scheduleAtFixedRate(() -> leakTimers(period.scheduler), firstTick, tick, TimeUnit.NANOSECONDS);
        }
        log.info("DSN node {} serving at {}", config.nodeId(), endpoint);
        CompletableFuture<Boolean> joined = period.bootstrapper.hasBootstrapNodes()
                ? period.bootstrapper.join()
                : CompletableFuture.completedFuture(true);
        return joined.whenComplete((answered, error) -> {
            if (serving != period) {
                return;
            }
            if (!Boolean.TRUE.equals(answered) && !period.bootstrapper.lastJoinHadCandidates()) {
                log.info("DSN node {} found no other node to join through yet (its bootstrap source lists none): it is"
                        + " the first of its network, and looks again every {}", config.nodeId(), config.tickInterval());
            } else if (!Boolean.TRUE.equals(answered)) {
                log.warn("No bootstrap node of {} answered; node {} keeps trying every {}", bootstrapNodes,
                        config.nodeId(), config.tickInterval());
            }
            // Former peers last: those the bootstrap node introduced are peers already.
            period.bootstrapper.greetFormerPeers();
            // Nodes that joined while this one did may be missing from the listing it got.
            period.heartbeat.repairSoon();
            if (restart) {
                // Peers kept across the stop dropped this node when it left: its state brings it back.
                OwnState.Snapshot own = ownState.current();
                peers.all().forEach(peer -> outboxes.push(peer, own));
            }
        });
    }

    /** The longest a first join can take: each bootstrap node in turn, then the introductions. */
    public Duration joinTimeout() {
        return exchangeTimeout().multipliedBy(bootstrapNodes.expectedTries() + 4L);
    }

    /** The longest one exchange can take, every attempt and pause included, with a margin. */
    private Duration exchangeTimeout() {
        return config.requestTimeout().plus(config.retryPause()).multipliedBy(config.attempts()).plusSeconds(1);
    }

    /**
     * Stops the node, which can start again: no more writes are taken, what the outboxes still
     * hold is sent (for at most one request timeout), every peer is told that this node leaves
     * (for at most one more, while HELLO is answered 503), then the tick, the joins and every
     * thread of the node end. The peers and their states stay readable. The transport is closed
     * by its owner.
     */
    public synchronized void stop() {
        stopped = true;
        ServingPeriod period = serving;
        if (period == null) {
            return;
        }
        period.heartbeat.stop();
        period.bootstrapper.cancel();
        awaitAtMost(outboxes.whenIdle(), "flushing its outboxes");
        period.call.sendOnly(MessageType.LEAVE);
        period.hello.leaving();
        awaitAtMost(period.leave.announce(), "telling its peers it leaves");
        period.dispatcher.close();
        serving = null;
        period.scheduler.shutdownNow();
        try {
            // A tick may be writing the address book: let it end before the last write.
            period.scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        period.call.failPending();
        peers.flushNow();
        lastTimestamp.writeStopped(ownState.newestTimestamp());
        events.close();
    }

    private void awaitAtMost(CompletableFuture<?> step, String what) {
        try {
            runtime.await(step, config.requestTimeout());
        } catch (TimeoutException | ExecutionException e) {
            log.info("DSN node {} stops without {} being over after {}", config.nodeId(), what, config.requestTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isStopped() {
        return stopped;
    }

    @Override
    public String nodeId() {
        return config.nodeId();
    }

    @Override
    public Endpoint endpoint() {
        return identity.endpoint();
    }

    @Override
    public void updateData(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        publish(map -> map.put(key, value));
    }

    @Override
    public void updateData(Map<String, String> entries) {
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key)));
        if (!copy.isEmpty()) {
            publish(map -> map.putAll(copy));
        }
    }

    @Override
    public void removeData(String key) {
        Objects.requireNonNull(key, "key");
        if (ownState.current().data().containsKey(key)) {
            publish(map -> map.remove(key));
        }
    }

    private void publish(Consumer<Map<String, String>> change) {
        if (stopped) {
            throw new IllegalStateException("DSN node " + config.nodeId() + " is stopped");
        }
        OwnState.Snapshot state = ownState.update(change, next -> bodyLimit.check(MessageType.UPDATE,
                next.encodedSize(), "The new state of node " + config.nodeId()));
        metrics.stateApplied(true);
        ServingPeriod period = serving;
        if (period != null) {
            for (Peer peer : peers.all()) {
                outboxes.push(peer, state);
            }
        }
    }

    @Override
    public Optional<String> readData(@Nullable String nodeId, @Nullable String key) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(state(nodeId).get(key));
    }

    @Override
    public Map<String, String> state(@Nullable String nodeId) {
        if (nodeId == null) {
            return Map.of();
        }
        if (config.nodeId().equals(nodeId)) {
            return ownState.current().data();
        }
        return peers.get(nodeId).map(peer -> peer.state().data()).orElse(Map.of());
    }

    @Override
    public Collection<String> peers() {
        List<String> ids = new ArrayList<>();
        ids.add(config.nodeId());
        peers.sorted().forEach(peer -> ids.add(peer.nodeId()));
        return List.copyOf(ids);
    }

    @Override
    public List<PeerInfo> peerInfos() {
        List<PeerInfo> infos = new ArrayList<>();
        infos.add(ownInfo());
        peers.sorted().forEach(peer -> infos.add(infoOf(peer)));
        return List.copyOf(infos);
    }

    @Override
    public Optional<PeerInfo> peerInfo(@Nullable String nodeId) {
        if (nodeId == null) {
            return Optional.empty();
        }
        if (config.nodeId().equals(nodeId)) {
            return Optional.of(ownInfo());
        }
        return peers.get(nodeId).map(Node::infoOf);
    }

    private PeerInfo ownInfo() {
        OwnState.Snapshot own = ownState.current();
        return new PeerInfo(config.nodeId(), endpoint(), own.data(),
                WireTime.toInstant(own.lastUpdate()), Optional.empty());
    }

    private static PeerInfo infoOf(Peer peer) {
        RemoteState state = peer.state();
        return new PeerInfo(peer.nodeId(), peer.endpoint(), state.data(),
                WireTime.toInstant(state.lastUpdate()), Optional.of(peer.lastHeardFrom()));
    }

    @Override
    public String sendToNode(@Nullable String nodeId, byte[] bytes) {
        Objects.requireNonNull(bytes, "data");
        Peer peer = (nodeId == null ? Optional.<Peer>empty() : peers.get(nodeId)).orElseThrow(() -> new UnknownPeerException(nodeId));
        if (stopped) {
            throw new IllegalStateException("DSN node " + config.nodeId() + " is stopped");
        }
        try {
            ServingPeriod period = serving;
            if (period == null) {
                throw new IllegalStateException("DSN node " + config.nodeId() + " does not serve");
            }
            return runtime.await(period.data.send(peer, bytes.clone()), exchangeTimeout());
        } catch (ExecutionException e) {
            Throwable cause = OutgoingCall.unwrap(e.getCause());
            throw new DSNException("Sending data to " + nodeId + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new DSNException("Sending data to " + nodeId + " got no answer in " + exchangeTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DSNException("Interrupted while sending data to " + nodeId, e);
        }
    }

    /** The key this node seals its messages with (the primary one in the secure protocol); empty without encryption. */
    public Optional<NetworkKey> networkKey() {
        return keyring != null ? Optional.of(keyring.primary().networkKey()) : Optional.ofNullable(compatibleKey);
    }

    @Override
    public NetworkKeys networkKeys() {
        return secureKeyring().ids();
    }

    @Override
    public String addNetworkKey(String key) {
        NetworkKeyring ring = secureKeyring();
        String id = ring.add(NetworkKey.parse(Objects.requireNonNull(key, "key")));
        log.info("DSN node {} accepts network key {} now; it holds {}", config.nodeId(), id, ring.ids().accepted());
        return id;
    }

    @Override
    public void usePrimaryNetworkKey(String keyId) {
        NetworkKeyring ring = secureKeyring();
        ring.usePrimary(keyId);
        log.info("DSN node {} seals its requests with network key {} now; it holds {}", config.nodeId(),
                ring.primary().idHex(), ring.ids().accepted());
    }

    @Override
    public void removeNetworkKey(String keyId) {
        NetworkKeyring ring = secureKeyring();
        ring.remove(keyId);
        log.info("DSN node {} no longer accepts network key {}; it holds {}", config.nodeId(), keyId.trim(),
                ring.ids().accepted());
    }

    private NetworkKeyring secureKeyring() {
        if (keyring == null) {
            throw new IllegalStateException("DSN node " + config.nodeId() + " speaks the compatible protocol, which has"
                    + " one network key for good: several keys and their rotation need protocol secure ("
                    + config.settingNaming().nameOf(DSNSettings.PROTOCOL) + ")");
        }
        return keyring;
    }

    @Override
    public void addListener(DSNListener listener) {
        events.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(DSNListener listener) {
        events.remove(listener);
    }

    // What outlives a stop, for the serving periods.

    DSNodeConfig config() {
        return config;
    }

    NodeRuntime runtime() {
        return runtime;
    }

    /** {@link SimulatedBug#SKIP_UPDATES}: the state counts as delivered, and is never sent. */
    private static CompletableFuture<Void> skipUpdate(Peer peer, StatePacket state) {
        peer.delivered(state.lastUpdate());
        return CompletableFuture.completedFuture(null);
    }

    /** {@link SimulatedBug#LEAK_TIMERS}: ten timers an hour ahead, never cancelled. */
    private static void leakTimers(ScheduledExecutorService scheduler) {
        for (int i = 0; i < 10; i++) {
            scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);
        }
    }

    DSNMetrics metrics() {
        return metrics;
    }

    Identity identity() {
        return identity;
    }

    OwnState ownState() {
        return ownState;
    }

    EventDispatcher events() {
        return events;
    }

    Outboxes outboxes() {
        return outboxes;
    }

    PeerTable peerTable() {
        return peers;
    }

    RefusalWarnings refusals() {
        return refusals;
    }

    PeerAuthenticator authenticator() {
        return authenticator;
    }

    SignedPackets packets() {
        return packets;
    }

    StateIntake intake() {
        return intake;
    }

    NewKeyBudget newKeys() {
        return newKeys;
    }

    Sealing sealing() {
        return sealing;
    }

    BodyLimit bodyLimit() {
        return bodyLimit;
    }

    FailingSources failingSources() {
        return failingSources;
    }

    BootstrapNodes bootstrapNodes() {
        return bootstrapNodes;
    }
}
