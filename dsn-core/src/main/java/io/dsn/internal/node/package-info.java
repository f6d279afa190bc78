/**
 * Internal, not API: the node, one class per message with both of its sides, the call path out,
 * the dispatcher in, the address book and the tick.
 */
@NullMarked
package io.dsn.internal.node;

import org.jspecify.annotations.NullMarked;
