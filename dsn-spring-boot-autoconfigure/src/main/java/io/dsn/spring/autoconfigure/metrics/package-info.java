/**
 * Auto-configuration of the node's Micrometer metrics and per-peer gauges.
 */
@NullMarked
package io.dsn.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
