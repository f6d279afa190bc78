/**
 * The {@code dsn} actuator endpoint: this node and its peers with their states, values hidden unless allowed.
 */
@NullMarked
package io.dsn.spring.endpoint;

import org.jspecify.annotations.NullMarked;
