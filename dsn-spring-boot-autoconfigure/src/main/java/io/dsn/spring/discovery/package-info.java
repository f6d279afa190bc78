/**
 * Bootstrap sources that find the nodes to join through DNS or Spring Cloud's {@code DiscoveryClient},
 * asked again in the background while the node is not connected.
 */
@NullMarked
package io.dsn.spring.discovery;

import org.jspecify.annotations.NullMarked;
