/**
 * Internal, not API: this node's own side: who it is on the wire (its identity and signed HELLO), its own state, signed
 * when it is first needed, and the newest timestamp it used, kept across restarts.
 */
@NullMarked
package io.dsn.internal.node.state;

import org.jspecify.annotations.NullMarked;
