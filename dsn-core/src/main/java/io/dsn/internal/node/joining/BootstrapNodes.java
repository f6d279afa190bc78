package io.dsn.internal.node.joining;

import io.dsn.BootstrapSource;
import io.dsn.Endpoint;
import io.dsn.internal.node.state.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The nodes a node joins through: the configured ones, then those its bootstrap source gives at
 * each join, never its own endpoint.
 */
public final class BootstrapNodes {

    private static final Logger log = LoggerFactory.getLogger(BootstrapNodes.class);
    /** How many nodes of a source a join is expected to try, for the longest a join can take. */
    private static final int EXPECTED_FROM_SOURCE = 4;

    private final List<Endpoint> configured;
    private final BootstrapSource source;

    public BootstrapNodes(List<Endpoint> configured, BootstrapSource source) {
        this.configured = List.copyOf(configured);
        this.source = source;
    }

    /** Whether there is anything to join through: configured nodes or a source. */
    boolean any() {
        return !configured.isEmpty() || source != BootstrapSource.NONE;
    }

    /** How many nodes a join is expected to try, each in turn. */
    public int expectedTries() {
        return configured.size() + (source == BootstrapSource.NONE ? 0 : EXPECTED_FROM_SOURCE);
    }

    /** The configured nodes, then those the source gives now, without the endpoint of {@code self}. */
    List<Endpoint> candidates(Identity self) {
        if (source == BootstrapSource.NONE) {
            return configured;
        }
        Set<Endpoint> all = new LinkedHashSet<>(configured);
        try {
            all.addAll(source.endpoints());
        } catch (RuntimeException e) {
            log.warn("The bootstrap source of node {} failed: {}", self.nodeId(), e.toString());
        }
        all.remove(self.endpoint());
        return List.copyOf(all);
    }

    /** The configured nodes, and the source if there is one, as a log line names them. */
    @Override
    public String toString() {
        return source == BootstrapSource.NONE ? configured.toString() : configured + " and its bootstrap source";
    }
}
