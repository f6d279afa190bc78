/**
 * Internal, not API: one class per message with both of its sides, the call path out (OutgoingCall) and the
 * dispatcher in (RequestDispatcher), the checks of a peer's key, signature and state, and the liveness
 * probes that PING and SUSPECT make.
 */
@NullMarked
package io.dsn.internal.node.exchange;

import org.jspecify.annotations.NullMarked;
