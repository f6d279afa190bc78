/**
 * Internal, not API: the peers this node knows: the table that alone admits and drops them (with their events), each
 * peer's entry and latest-only outbox, the address book on disk, and the dispatcher of the events the
 * application hears.
 */
@NullMarked
package io.dsn.internal.node.membership;

import org.jspecify.annotations.NullMarked;
