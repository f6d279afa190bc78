package io.dsn.internal.node;

import io.dsn.BootstrapSource;
import io.dsn.DSNMetrics;
import io.dsn.DSNodeConfig;
import io.dsn.internal.node.RequestDispatcher.Route;
import io.dsn.internal.protocol.DataPacket;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.LeavePacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PeersPacket;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.internal.protocol.SuspectPacket;
import io.dsn.runtime.NodeRuntime;
import io.dsn.transport.Transport;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a node runs from a start to the next stop, built anew at each start on that start's
 * transport: its scheduler, the call path out, one exchange per message, the dispatcher in, the
 * bootstrapper and the tick. What outlives a stop (identity, own state, peers, listeners) is
 * the node's, handed in as {@link Lasting}.
 */
final class ServingPeriod {

    /** The parts of a node that outlive a stop, which every serving period works with. */
    record Lasting(Identity identity, OwnState ownState, LastTimestamp lastTimestamp, EventDispatcher events,
                   PeerTable peers, PeerAuthenticator authenticator, StateIntake intake, NewKeyBudget newKeys,
                   BodyLimit bodyLimit, Sealing sealing, RefusalWarnings refusals, FailingSources failingSources,
                   BootstrapSource bootstrapSource) {
    }

    final ScheduledExecutorService scheduler;
    final OutgoingCall call;
    final UpdateExchange update;
    final DataExchange data;
    final LeaveExchange leave;
    final Bootstrapper bootstrapper;
    final Heartbeat heartbeat;
    final RequestDispatcher dispatcher;

    ServingPeriod(DSNodeConfig config, NodeRuntime runtime, DSNMetrics metrics, Transport transport, Lasting node) {
        String id = config.nodeId();
        this.scheduler = runtime.newScheduler("dsn-tick-" + id);
        this.call = new OutgoingCall(transport, node.sealing(), scheduler, config.requestTimeout(), config.attempts(),
                config.retryPause(), metrics, runtime::nanoTime, node.refusals(), runtime.random());
        HelloExchange hello = new HelloExchange(node.identity(), node.authenticator(), node.peers(), call, node.newKeys());
        PeersExchange peersExchange = new PeersExchange(node.identity(), node.authenticator(), node.peers(), call,
                config.maxPeersListed());
        this.update = new UpdateExchange(node.ownState(), node.intake(), node.peers(), hello, call);
        PingExchange ping = new PingExchange(node.peers(), call);
        Liveness liveness = new Liveness(node.peers(), ping, config.attempts(), runtime.random());
        SuspectExchange suspect = new SuspectExchange(node.identity(), node.authenticator(), node.peers(), liveness,
                call);
        this.data = new DataExchange(node.identity(), node.authenticator(), node.peers(), node.events(), call,
                node.bodyLimit());
        this.leave = new LeaveExchange(node.identity(), node.ownState(), node.authenticator(), node.peers(), call,
                runtime.clock());
        Introductions introductions = new Introductions(id, hello, update, node.peers(), node.ownState(),
                new IntroductionBackoff(config.tickInterval(), runtime::nanoTime, runtime.random()), scheduler,
                config.maxPeers());
        this.bootstrapper = new Bootstrapper(id, config.bootstrapNodes(), node.bootstrapSource(),
                node.identity().endpoint(), hello, update, peersExchange, node.peers(), node.ownState(), introductions,
                runtime.random());
        this.heartbeat = new Heartbeat(node.peers(), liveness, suspect, update, node.ownState(), node.lastTimestamp(),
                bootstrapper, runtime.random());
        this.dispatcher = new RequestDispatcher(node.sealing(), metrics, runtime::nanoTime, node.failingSources(),
                node.refusals(), Map.of(
                        MessageType.HELLO, Route.of(HelloPacket::decode, hello::answer),
                        MessageType.PEERS, Route.of(PeersPacket::decode, peersExchange::answer),
                        MessageType.UPDATE, Route.of(StatePacket::decode, update::answer),
                        MessageType.PING, Route.of(PingExchange::decode, ping::answer),
                        MessageType.DATA, Route.of(DataPacket::decode, data::answer),
                        MessageType.LEAVE, Route.of(LeavePacket::decode, leave::answer),
                        MessageType.SUSPECT, Route.of(SuspectPacket::decode, suspect::answer)));
    }
}
