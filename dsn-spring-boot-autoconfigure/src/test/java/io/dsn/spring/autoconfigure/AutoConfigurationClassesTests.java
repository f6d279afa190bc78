package io.dsn.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import java.lang.reflect.Modifier;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configuration classes are shaped as Spring Boot 4's own: public and final. */
class AutoConfigurationClassesTests {

    @Test
    void everyListedAutoConfigurationIsPublicAndFinal() throws ClassNotFoundException {
        List<String> names = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
                .getCandidates().stream().filter(name -> name.startsWith("io.dsn.")).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(7);
        for (String name : names) {
            Class<?> type = Class.forName(name);
            assertThat(Modifier.isPublic(type.getModifiers()) && Modifier.isFinal(type.getModifiers()))
                    .as("%s is public final", name).isTrue();
        }
    }
}
