/**
 * How requests move between nodes: the {@link io.dsn.transport.Transport} a node serves and sends
 * with, the HTTP one nodes use by default, and the {@link io.dsn.transport.InMemoryNetwork} for
 * tests, with partitions, blackholed hosts, loss and delay.
 */
@NullMarked
package io.dsn.transport;

import org.jspecify.annotations.NullMarked;
