package io.dsn.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Gives a test method, or its {@code @BeforeEach} method, a {@link TestNetwork} (real nodes on
 * loopback) or a {@link SimulatedNetwork} (the in-memory network in virtual time) whose
 * credentials live in a temporary directory of that test alone. After the test, every node and
 * raw peer started through it is stopped and the directory is deleted.
 *
 * <pre>{@code
 * @ExtendWith(NetworkExtension.class)
 * class SomeTest {
 *     @Test
 *     void twoNodes(TestNetwork network) {
 *         DSNodeServer a = network.start("a");
 *         ...
 * }</pre>
 *
 * Within one test, the {@code @BeforeEach} method and the test method get the same network.
 */
public final class NetworkExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NetworkExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestNetwork.class || type == SimulatedNetwork.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return context.getStore(NAMESPACE).computeIfAbsent(type, key -> open(type, context), Resource.class).network();
    }

    private static Resource open(Class<?> type, ExtensionContext context) {
        Path root;
        try {
            root = Files.createTempDirectory("dsn-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path credentials = root.resolve("credentials");
        AutoCloseable network = type == TestNetwork.class
                ? new TestNetwork(credentials)
                : new SimulatedNetwork(credentials, seedOf(context));
        return new Resource(root, network);
    }

    private static long seedOf(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getTestMethod(), Seed.class)
                .or(() -> AnnotationSupport.findAnnotation(context.getTestClass(), Seed.class))
                .map(Seed::value)
                .orElse(SimulatedNetwork.DEFAULT_SEED);
    }

    /** A network and its directory; JUnit closes it when the test's context ends. */
    private record Resource(Path root, AutoCloseable network) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            try {
                network.close();
            } finally {
                deleteRecursively(root);
            }
        }

        private static void deleteRecursively(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
