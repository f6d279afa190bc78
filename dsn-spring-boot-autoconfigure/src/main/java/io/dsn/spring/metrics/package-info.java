/**
 * The node's measurements recorded with Micrometer: message counters, request timers and per-peer gauges.
 */
@NullMarked
package io.dsn.spring.metrics;

import org.jspecify.annotations.NullMarked;
