/**
 * Internal, not API: the node assembly. {@link io.dsn.internal.node.Node} builds the node once, in
 * dependency order, from the packages below it, and a {@link io.dsn.internal.node.ServingPeriod} per
 * start holds what runs until the next stop: the call path, the exchanges, the dispatcher, the
 * bootstrapper and the tick ({@link io.dsn.internal.node.Heartbeat}). Dependencies point one way:
 * {@code joining} → {@code exchange} → {@code membership} → {@code state} and {@code guard}.
 */
@NullMarked
package io.dsn.internal.node;

import org.jspecify.annotations.NullMarked;
