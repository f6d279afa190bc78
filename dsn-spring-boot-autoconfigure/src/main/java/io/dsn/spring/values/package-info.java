/**
 * Typed values over a node's string state, written and read as JSON with the application's Jackson mapper.
 */
@NullMarked
package io.dsn.spring.values;

import org.jspecify.annotations.NullMarked;
