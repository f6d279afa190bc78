/**
 * Micrometer observations of the node's exchanges: a timer with Spring Boot's actuator, a span with a tracer.
 */
@NullMarked
package io.dsn.spring.observation;

import org.jspecify.annotations.NullMarked;
