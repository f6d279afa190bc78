package io.dsn.node;

import io.dsn.DSNException;
import io.dsn.DSNListener;
import io.dsn.DSNMetrics;
import io.dsn.DSNode;
import io.dsn.DSNodeConfig;
import io.dsn.Endpoint;
import io.dsn.PeerInfo;
import io.dsn.UnknownPeerException;
import io.dsn.crypto.CredentialStore;
import io.dsn.crypto.NetworkCipher;
import io.dsn.crypto.NodeKeyPair;
import io.dsn.protocol.StatePacket;
import io.dsn.transport.NamedThreads;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running node: wires the own state, the address book, the server and client sides of the
 * protocol and the tick together, and implements the application's view of it, {@link DSNode}.
 * Internal: applications use {@link io.dsn.DSNodeServer}.
 */
public final class NodeEngine implements DSNode {

    private static final Logger log = LoggerFactory.getLogger(NodeEngine.class);

    private final DSNodeConfig config;
    private final Clock clock;
    private final Transport transport;
    private final DSNMetrics metrics;
    private final OwnState ownState;
    private final PeerTable peers;
    private final EventDispatcher events;
    private final PeerAuthenticator authenticator;
    private final StateIntake intake;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService workers;
    private final NetworkCipher cipher;
    private final NodeKeyPair keys;
    private volatile Identity identity;
    private volatile InboundHandler inbound;
    private volatile PeerExchanges exchanges;
    private volatile Heartbeat heartbeat;
    private volatile boolean stopped;

    public NodeEngine(DSNodeConfig config, NodeKeyPair keys, CredentialStore credentials, NetworkCipher cipher,
                      Transport transport, DSNMetrics metrics) {
        this.config = config;
        this.clock = config.clock();
        this.transport = transport;
        this.metrics = metrics;
        this.cipher = cipher;
        this.ownState = new OwnState(config.nodeId(), keys, clock);
        this.peers = new PeerTable((peer, state) -> exchanges.deliverState(peer, state));
        this.events = new EventDispatcher(config.nodeId());
        this.authenticator = new PeerAuthenticator(credentials, config.nodeId());
        this.intake = new StateIntake(authenticator, events, metrics);
        this.scheduler = new ScheduledThreadPoolExecutor(1, NamedThreads.daemon("dsn-tick-" + config.nodeId()));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.workers = Executors.newCachedThreadPool(NamedThreads.daemon("dsn-worker-" + config.nodeId()));
        this.keys = keys;
    }

    /** Serves requests once {@link #start} has run; before that, every request gets 503. */
    public RequestHandler requestHandler() {
        return (path, body, remoteAddress) -> {
            InboundHandler handler = inbound;
            return handler == null ? TransportResponse.status(503) : handler.handle(path, body, remoteAddress);
        };
    }

    /**
     * Starts the protocol now that the server listens: the tick, and the first bootstrap attempt,
     * which this method waits for.
     */
    public void start(Endpoint endpoint) {
        identity = new Identity(config.nodeId(), keys, endpoint);
        MessageClient client = new MessageClient(transport, cipher, scheduler,
                config.requestTimeout(), config.attempts(), config.retryPause());
        exchanges = new PeerExchanges(identity, client, authenticator, peers, intake, events, clock, metrics);
        Bootstrapper bootstrapper = new Bootstrapper(config.nodeId(), config.bootstrapNodes(), exchanges, peers, ownState);
        heartbeat = new Heartbeat(peers, exchanges, ownState, bootstrapper, events, metrics, workers, new Random());
        inbound = new InboundHandler(identity, cipher, authenticator, peers, ownState, intake, events, clock, metrics);
        long tick = config.tickInterval().toNanos();
        // A random phase, so that nodes started together do not all ping at the same moment.
        long firstTick = tick / 2 + ThreadLocalRandom.current().nextLong(tick);
        scheduler.scheduleAtFixedRate(heartbeat, firstTick, tick, TimeUnit.NANOSECONDS);
        log.info("DSN node {} serving at {}", config.nodeId(), endpoint);
        if (bootstrapper.hasBootstrapNodes() && !bootstrapper.join()) {
            log.warn("No bootstrap node of {} answered; node {} keeps trying every {}",
                    config.bootstrapNodes(), config.nodeId(), config.tickInterval());
        }
    }

    /** Stops the tick and every thread of the node; the transport is closed by its owner. */
    public void stop() {
        stopped = true;
        if (heartbeat != null) {
            heartbeat.stop();
        }
        scheduler.shutdownNow();
        workers.shutdownNow();
        events.close();
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
        return identity == null ? new Endpoint(config.networkIp(), config.port()) : identity.endpoint();
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
        StatePacket state = ownState.update(change);
        metrics.stateApplied(true);
        for (Peer peer : peers.all()) {
            peer.outbox().offer(state);
        }
    }

    @Override
    public Optional<String> readData(String nodeId, String key) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(state(nodeId).get(key));
    }

    @Override
    public Map<String, String> state(String nodeId) {
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
    public Optional<PeerInfo> peerInfo(String nodeId) {
        if (nodeId == null) {
            return Optional.empty();
        }
        if (config.nodeId().equals(nodeId)) {
            return Optional.of(ownInfo());
        }
        return peers.get(nodeId).map(NodeEngine::infoOf);
    }

    private PeerInfo ownInfo() {
        OwnState.Snapshot own = ownState.current();
        return new PeerInfo(config.nodeId(), endpoint(), own.data(),
                StateIntake.toInstant(own.packet().lastUpdate()), Optional.empty());
    }

    private static PeerInfo infoOf(Peer peer) {
        RemoteState state = peer.state();
        return new PeerInfo(peer.nodeId(), peer.endpoint(), state.data(),
                StateIntake.toInstant(state.lastUpdate()), Optional.of(peer.lastHeardFrom()));
    }

    @Override
    public String sendToNode(String nodeId, byte[] data) {
        Objects.requireNonNull(data, "data");
        Peer peer = (nodeId == null ? Optional.<Peer>empty() : peers.get(nodeId)).orElseThrow(() -> new UnknownPeerException(nodeId));
        if (stopped) {
            throw new IllegalStateException("DSN node " + config.nodeId() + " is stopped");
        }
        try {
            return exchanges.sendData(peer, data.clone()).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new DSNException("Sending data to " + nodeId + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DSNException("Interrupted while sending data to " + nodeId, e);
        }
    }

    @Override
    public void addListener(DSNListener listener) {
        events.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(DSNListener listener) {
        events.remove(listener);
    }
}
