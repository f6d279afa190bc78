/**
 * Auto-configuration of the Micrometer observations of the node's exchanges.
 */
@NullMarked
package io.dsn.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
