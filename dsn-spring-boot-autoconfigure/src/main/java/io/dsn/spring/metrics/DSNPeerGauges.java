package io.dsn.spring.metrics;

import io.dsn.DSNEvent;
import io.dsn.DSNListener;
import io.dsn.DSNode;
import io.dsn.PeerInfo;
import io.dsn.PeerJoined;
import io.dsn.PeerLeft;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-peer gauges, tagged {@code peer} with the peer's node id, kept in step with the peers as
 * they join and leave:
 * <ul>
 *   <li>{@code dsn.peer.last.heard} (seconds): time since this node last heard from the peer;</li>
 *   <li>{@code dsn.peer.state.age} (seconds): time since the peer stamped the state this node holds of it.</li>
 * </ul>
 */
public class DSNPeerGauges implements MeterBinder, DSNListener {

    private final DSNode node;
    private final Clock clock;
    private volatile @Nullable MultiGauge lastHeard;
    private volatile @Nullable MultiGauge stateAge;

    public DSNPeerGauges(DSNode node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        lastHeard = MultiGauge.builder("dsn.peer.last.heard")
                .description("Time since this node last heard from the peer")
                .baseUnit("seconds")
                .register(registry);
        stateAge = MultiGauge.builder("dsn.peer.state.age")
                .description("Time since the peer stamped the state this node holds of it")
                .baseUnit("seconds")
                .register(registry);
        refresh();
    }

    @Override
    public void onEvent(DSNEvent event) {
        if (event instanceof PeerJoined || event instanceof PeerLeft) {
            refresh();
        }
    }

    /** Registers one row per current peer and removes those of peers gone. */
    public synchronized void refresh() {
        MultiGauge heard = lastHeard;
        MultiGauge age = stateAge;
        if (heard == null || age == null) {
            return;
        }
        List<MultiGauge.Row<?>> heardRows = new ArrayList<>();
        List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
        for (PeerInfo peer : node.peerInfos()) {
            if (peer.nodeId().equals(node.nodeId())) {
                continue;
            }
            String id = peer.nodeId();
            Tags tags = Tags.of("peer", id);
            heardRows.add(MultiGauge.Row.of(tags, () -> secondsSince(node.peerInfo(id).flatMap(PeerInfo::lastHeardFrom))));
            ageRows.add(MultiGauge.Row.of(tags, () -> secondsSince(node.peerInfo(id).map(PeerInfo::lastUpdate)
                    .filter(updated -> !updated.equals(Instant.EPOCH)))));
        }
        heard.register(heardRows, true);
        age.register(ageRows, true);
    }

    private double secondsSince(Optional<Instant> instant) {
        return instant.map(then -> Duration.between(then, clock.instant()).toNanos() / 1e9).orElse(Double.NaN);
    }
}
