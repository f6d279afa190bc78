/**
 * The DSN API: everything an application needs to run a node and use it.
 * {@link io.dsn.DSNodeServer} starts a node from a {@link io.dsn.DSNodeConfig}; {@link io.dsn.DSNode}
 * writes this node's state and reads everyone's; listeners hear {@link io.dsn.DSNEvent}s.
 * Tests and simulations plug in a transport ({@link io.dsn.transport}) and a runtime
 * ({@link io.dsn.runtime}) through {@link io.dsn.DSNodeServer#builder}.
 * Packages under {@code io.dsn.internal} are not API and change without notice.
 */
@NullMarked
package io.dsn;

import org.jspecify.annotations.NullMarked;
