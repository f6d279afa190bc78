package io.dsn.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The seed of the {@link SimulatedNetwork} that {@link NetworkExtension} gives a test method
 * (on the method or its class); {@link SimulatedNetwork#DEFAULT_SEED} without it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Seed {
    long value();
}
