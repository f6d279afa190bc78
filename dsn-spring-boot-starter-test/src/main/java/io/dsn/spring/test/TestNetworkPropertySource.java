package io.dsn.spring.test;

import io.dsn.DSNodeServer;
import io.dsn.transport.InMemoryNetwork;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The properties that {@link InMemoryDSNNetwork} gives a context, in a property source placed just
 * above the system properties: above the application's own configuration (config files, profiles,
 * random values), the environment variables and the system properties, and below the test's own
 * sources, which Spring puts first ({@code @SpringBootTest} properties and args,
 * {@code @TestPropertySource}, {@code @DynamicPropertySource}), so that the test's values win.
 */
final class TestNetworkPropertySource {

    static final String NAME = "InMemoryDSNNetwork";
    static final String NETWORK_NAME = "dsn.in-memory.network-name";

    private static final AtomicLong CONTEXTS = new AtomicLong();

    private TestNetworkPropertySource() {
    }

    static void addTo(ConfigurableEnvironment environment, Path credentialDirectory, Class<?> testClass) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("dsn.transport", "in-memory");
        values.put("dsn.port", "0");
        values.put("dsn.aes-key", DSNodeServer.generateKey());
        values.put("dsn.network-keys", "");
        values.put("dsn.credential-dir", credentialDirectory.toString());
        values.put("dsn.network-ip", InMemoryNetwork.DEFAULT_ADDRESS);
        values.put("dsn.bootstrap-nodes", "");
        values.put("dsn.discovery.dns.name", "");
        values.put("dsn.discovery.client.service-id", "");
        values.put(NETWORK_NAME, "InMemoryDSNNetwork-" + testClass.getSimpleName() + "-" + CONTEXTS.incrementAndGet());
        MapPropertySource source = new MapPropertySource(NAME, values);
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, source);
        } else if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            throw new IllegalStateException("@InMemoryDSNNetwork cannot place its properties: the environment has neither '"
                    + StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME + "' nor '"
                    + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "' property sources, found " + sources);
        }
    }

    /**
     * The in-memory network name this source gave the context, when the context's effective
     * {@value #NETWORK_NAME} is still that one (the test did not set its own); else null.
     */
    static @Nullable String ownNetworkName(Environment environment) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return null;
        }
        PropertySource<?> source = configurable.getPropertySources().get(NAME);
        if (source == null) {
            return null;
        }
        Object own = source.getProperty(NETWORK_NAME);
        return own != null && own.equals(environment.getProperty(NETWORK_NAME)) ? own.toString() : null;
    }
}
