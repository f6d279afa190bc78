/**
 * Internal, not API: the wire format of protocol 0.6.7 as pure functions of bytes (packets,
 * framing, wire time, Python-identical JSON), and the message types with their type bytes, paths and
 * body limits. No I/O.
 */
@NullMarked
package io.dsn.internal.protocol;

import org.jspecify.annotations.NullMarked;
