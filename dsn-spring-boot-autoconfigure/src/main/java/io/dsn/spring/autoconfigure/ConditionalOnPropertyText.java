package io.dsn.spring.autoconfigure;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Matches when the property has a value that is not blank. Unlike {@code @ConditionalOnProperty},
 * a blank value does not match: it is how a higher property source (a test's) turns off a name
 * that the application's configuration sets, such as {@code dsn.discovery.dns.name}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnPropertyTextCondition.class)
@interface ConditionalOnPropertyText {

    /** The property's name. */
    String value();
}
