package io.dsn.spring.autoconfigure.aot;

import io.netty.channel.ChannelHandler;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DSNTransportRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    DSNTransportRuntimeHintsTests() {
        new DSNTransportRuntimeHints().registerHints(hints, getClass().getClassLoader());
    }

    @Test
    void everyChannelHandlerOfTheTransportIsRegisteredForReflection() throws Exception {
        List<Class<?>> handlers = channelHandlersOfTheTransport();

        assertThat(handlers).extracting(Class::getName)
                .contains("io.dsn.transport.RequestServer", "io.dsn.transport.HttpTransport$1");
        // By name: TypeReference.of(Class) refuses the anonymous ones, which have no canonical name.
        assertThat(handlers).allSatisfy(handler -> assertThat(
                RuntimeHintsPredicates.reflection().onType(TypeReference.of(handler.getName())))
                .as("reflection hint for %s", handler.getName())
                .accepts(hints));
    }

    @Test
    void registersOnlyClassesThatAreChannelHandlers() throws Exception {
        List<String> handlers = channelHandlersOfTheTransport().stream().map(Class::getName).toList();

        assertThat(DSNTransportRuntimeHints.CHANNEL_HANDLERS).allSatisfy(name -> assertThat(handlers).contains(name));
        assertThat(hints.reflection().typeHints()).hasSize(DSNTransportRuntimeHints.CHANNEL_HANDLERS.size());
    }

    @Test
    void aTypeThatIsNotAHandlerIsNotRegistered() {
        assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("io.dsn.transport.HttpTransport")))
                .rejects(hints);
    }

    /** The concrete {@link ChannelHandler}s among the compiled classes of {@code io.dsn.transport}, nested and anonymous ones included. */
    private static List<Class<?>> channelHandlersOfTheTransport() throws IOException, ClassNotFoundException {
        ClassLoader loader = DSNTransportRuntimeHintsTests.class.getClassLoader();
        Resource[] classFiles = new PathMatchingResourcePatternResolver(loader).getResources("classpath*:io/dsn/transport/*.class");
        List<Class<?>> handlers = new ArrayList<>();
        for (Resource classFile : classFiles) {
            String simpleName = classFile.getFilename().substring(0, classFile.getFilename().length() - ".class".length());
            Class<?> type = ClassUtils.forName("io.dsn.transport." + simpleName, loader);
            if (ChannelHandler.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                handlers.add(type);
            }
        }
        return handlers;
    }
}
