/**
 * Auto-configuration of the {@code dsn} actuator endpoint and its {@code management.endpoint.dsn.*} settings.
 */
@NullMarked
package io.dsn.spring.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
