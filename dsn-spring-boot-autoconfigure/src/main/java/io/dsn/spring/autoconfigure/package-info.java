/**
 * Auto-configuration of a DSN node from {@code dsn.*} properties: the node's configuration, threads,
 * bootstrap sources and lifecycle, with its events published as application events.
 */
@NullMarked
package io.dsn.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
