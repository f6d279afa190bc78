package io.dsn.spring.autoconfigure.aot;

import io.dsn.spring.autoconfigure.DSNAutoConfiguration;
import io.dsn.spring.autoconfigure.DSNProperties;
import io.dsn.spring.autoconfigure.endpoint.DSNEndpointAutoConfiguration;
import io.dsn.NetworkKeys;
import io.dsn.spring.endpoint.DSNEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring's own AOT processing hints for the starter, so that our registrars need not: the
 * {@code dsn.*} properties' binding, the actuator endpoint's operations and answers, the
 * {@code spring.factories} failure analyzers. Runs the AOT processing of a context with the DSN
 * auto-configurations, as {@code spring-boot:process-aot} does for an application.
 */
class HintsSpringAotGivesTheStarterTests {

    private static RuntimeHints hints;

    @BeforeAll
    static void processAheadOfTime() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            TestPropertyValues.of("management.endpoints.web.exposure.include=dsn").applyTo(context);
            context.register(WithDSN.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(WithDSN.class)), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            hints = generation.getRuntimeHints();
        }
    }

    @Test
    void includeTheStartersOwnRegistrars() {
        assertThat(DSNTransportRuntimeHints.CHANNEL_HANDLERS).allSatisfy(handler -> assertThat(
                RuntimeHintsPredicates.reflection().onType(TypeReference.of(handler)))
                .accepts(hints));
    }

    @Test
    void bindTheDsnProperties() {
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DSNProperties.class, "setTransport")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DSNProperties.BootstrapNode.class, "setAddress"))
                .as("bound by DSNSettingValues").accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DSNProperties.Discovery.Dns.class, "setName"))
                .accepts(hints);
    }

    @Test
    void invokeTheEndpointsOperationsAndWriteTheirAnswers() {
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DSNEndpoint.class, "network")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DSNEndpoint.class, "networkKeys")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DSNEndpoint.NetworkDescriptor.class, "peers"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DSNEndpoint.NodeDescriptor.class, "lastHeardFrom"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(NetworkKeys.class, "accepted")).accepts(hints);
    }

    @Test
    void createTheFailureAnalyzers() {
        // Package-private, named like this in META-INF/spring.factories.
        assertThat(List.of("io.dsn.spring.autoconfigure.DSNPortInUseFailureAnalyzer",
                "io.dsn.spring.autoconfigure.InvalidDSNPropertyFailureAnalyzer")).allSatisfy(analyzer -> assertThat(
                RuntimeHintsPredicates.reflection().onType(TypeReference.of(analyzer))
                        .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DSNAutoConfiguration.class, EndpointAutoConfiguration.class, DSNEndpointAutoConfiguration.class})
    static class WithDSN {
    }
}
