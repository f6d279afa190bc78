/**
 * Auto-configuration of the {@code dsn} health contributor.
 */
@NullMarked
package io.dsn.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
