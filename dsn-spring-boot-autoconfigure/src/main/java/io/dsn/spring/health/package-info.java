/**
 * The health of a DSN node: whether it works, not whether the network is complete.
 */
@NullMarked
package io.dsn.spring.health;

import org.jspecify.annotations.NullMarked;
