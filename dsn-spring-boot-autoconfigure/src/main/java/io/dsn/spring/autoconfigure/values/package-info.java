/**
 * Auto-configuration of typed values over the node's state with Jackson.
 */
@NullMarked
package io.dsn.spring.autoconfigure.values;

import org.jspecify.annotations.NullMarked;
