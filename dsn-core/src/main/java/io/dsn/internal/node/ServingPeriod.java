package io.dsn.internal.node;

import io.dsn.DSNodeConfig;
import io.dsn.internal.node.exchange.CallSettings;
import io.dsn.internal.node.exchange.DataExchange;
import io.dsn.internal.node.exchange.HelloExchange;
import io.dsn.internal.node.exchange.LeaveExchange;
import io.dsn.internal.node.exchange.Liveness;
import io.dsn.internal.node.exchange.OutgoingCall;
import io.dsn.internal.node.exchange.PeersExchange;
import io.dsn.internal.node.exchange.PingExchange;
import io.dsn.internal.node.exchange.RequestDispatcher;
import io.dsn.internal.node.exchange.RequestDispatcher.Route;
import io.dsn.internal.node.exchange.SuspectExchange;
import io.dsn.internal.node.exchange.UpdateExchange;
import io.dsn.internal.node.joining.Bootstrapper;
import io.dsn.internal.node.joining.IntroductionBackoff;
import io.dsn.internal.node.joining.Introductions;
import io.dsn.internal.node.membership.PeerTable;
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
 * the {@link Node}'s.
 */
final class ServingPeriod {

    final ScheduledExecutorService scheduler;
    final OutgoingCall call;
    final UpdateExchange update;
    final DataExchange data;
    final HelloExchange hello;
    final LeaveExchange leave;
    final Bootstrapper bootstrapper;
    final Heartbeat heartbeat;
    final RequestDispatcher dispatcher;

    ServingPeriod(Node node, Transport transport) {
        DSNodeConfig config = node.config();
        NodeRuntime runtime = node.runtime();
        PeerTable peers = node.peerTable();
        this.scheduler = runtime.newScheduler("dsn-tick-" + config.nodeId());
        this.call = new OutgoingCall(transport, node.sealing(), node.refusals(), CallSettings.of(config), scheduler,
                runtime, node.metrics());
        this.hello = new HelloExchange(node.identity(), node.authenticator(), peers, call, node.newKeys());
        PeersExchange peersExchange = new PeersExchange(node.packets(), peers, call, config.maxPeersListed());
        this.update = new UpdateExchange(node.ownState(), node.intake(), peers, hello, call);
        PingExchange ping = new PingExchange(peers, call);
        Liveness liveness = new Liveness(peers, ping, config.attempts(), runtime.random());
        SuspectExchange suspect = new SuspectExchange(node.packets(), peers, liveness, call);
        this.data = new DataExchange(node.packets(), peers, node.events(), call, node.bodyLimit());
        this.leave = new LeaveExchange(node.packets(), node.ownState(), peers, call, runtime.clock());
        Introductions introductions = new Introductions(config.nodeId(), hello, update, peers, node.ownState(),
                new IntroductionBackoff(config.tickInterval(), runtime::nanoTime, runtime.random()), scheduler,
                config.maxPeers());
        this.bootstrapper = new Bootstrapper(node.identity(), node.bootstrapNodes(), introductions, peersExchange,
                peers, runtime.random());
        this.heartbeat = new Heartbeat(peers, liveness, suspect, node.outboxes(), node.ownState(),
                bootstrapper, runtime.random(), runtime::nanoTime, config.tickInterval());
        this.dispatcher = new RequestDispatcher(node.sealing(), node.metrics(), runtime::nanoTime,
                node.failingSources(), node.refusals(), Map.of(
                        MessageType.HELLO, Route.of(HelloPacket::decode, hello::answer),
                        MessageType.PEERS, Route.of(PeersPacket::decode, peersExchange::answer),
                        MessageType.UPDATE, Route.of(StatePacket::decode, update::answer),
                        MessageType.PING, Route.of(PingExchange::decode, ping::answer),
                        MessageType.DATA, Route.of(DataPacket::decode, data::answer),
                        MessageType.LEAVE, Route.of(LeavePacket::decode, leave::answer),
                        MessageType.SUSPECT, Route.of(SuspectPacket::decode, suspect::answer)));
    }
}
