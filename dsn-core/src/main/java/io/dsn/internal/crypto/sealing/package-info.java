/**
 * Internal, not API: how messages are protected on the wire, both ways (the compatible protocol's
 * sealing and the secure one's), and the secure protocol's replay window.
 */
@NullMarked
package io.dsn.internal.crypto.sealing;

import org.jspecify.annotations.NullMarked;
