package io.dsn.spring.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The application under test: the DSN starter's auto-configuration and src/test/resources/application.yml. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {
}
