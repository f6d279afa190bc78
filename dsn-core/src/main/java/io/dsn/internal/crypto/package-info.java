/**
 * Internal, not API: the network cipher, secp256k1 signatures and keys, and the credential store
 * that pins peers' keys on disk.
 */
@NullMarked
package io.dsn.internal.crypto;

import org.jspecify.annotations.NullMarked;
