/**
 * Internal, not API: how a node joins the network and keeps it whole: the bootstrap nodes, the bootstrapper, and
 * the introductions that meet the nodes it learns of, with their backoff.
 */
@NullMarked
package io.dsn.internal.node.joining;

import org.jspecify.annotations.NullMarked;
