/**
 * Where a node takes time, randomness and threads from: {@link io.dsn.runtime.NodeRuntime#system()}
 * in production, {@link io.dsn.runtime.VirtualTimeRuntime} for tests and simulations that run a
 * network in virtual time, deterministically for a seed.
 */
@NullMarked
package io.dsn.runtime;

import org.jspecify.annotations.NullMarked;
