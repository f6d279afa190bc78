package io.dsn;

import java.util.List;

/**
 * Where a node finds nodes to join through beyond its configured {@code bootstrap_nodes}: a DNS
 * name, a service registry, the nodes of an in-memory network. The node asks it at each join
 * attempt (when it starts, and at every tick while none of its bootstrap nodes is a peer), tries
 * the configured nodes first and then these, in order, until one answers. Its own endpoint is
 * skipped.
 *
 * <p>Called on the node's threads: it must return quickly and must not throw. A source that asks
 * the network (resolves a name) keeps its last answer and refreshes it in the background.
 */
@FunctionalInterface
public interface BootstrapSource {

    /** No nodes beyond the configured ones. */
    BootstrapSource NONE = List::of;

    /** The nodes to try now, best first. */
    List<Endpoint> endpoints();
}
