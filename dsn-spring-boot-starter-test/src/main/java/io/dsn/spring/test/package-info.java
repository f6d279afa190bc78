/**
 * Test support for applications with a DSN node: {@link io.dsn.spring.test.InMemoryDSNNetwork} puts a
 * {@code @SpringBootTest}'s node on an in-memory network of its own, and
 * {@link io.dsn.spring.test.DSNTestNetwork} gives the test that network, for faults, and extra peers on it.
 */
@NullMarked
package io.dsn.spring.test;

import org.jspecify.annotations.NullMarked;
