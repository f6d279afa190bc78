/**
 * Internal, not API: the node's guards and warnings: the refusal of a request with its status, the bounds an outsider
 * can reach (failing sources, new keys, body size), and the warnings of a misconfiguration, once each.
 */
@NullMarked
package io.dsn.internal.node.guard;

import org.jspecify.annotations.NullMarked;
