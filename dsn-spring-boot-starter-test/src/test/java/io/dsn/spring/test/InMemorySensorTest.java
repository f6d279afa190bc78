package io.dsn.spring.test;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A team's own test annotation: {@link InMemoryDSNNetwork} works as a meta-annotation too. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"dsn.node-id=app", "dsn.tick-interval=100ms"})
@InMemoryDSNNetwork
@interface InMemorySensorTest {
}
