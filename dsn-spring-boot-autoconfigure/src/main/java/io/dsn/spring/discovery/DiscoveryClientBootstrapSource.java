package io.dsn.spring.discovery;

import io.dsn.Endpoint;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;

/**
 * The instances of a service in Spring Cloud's {@link DiscoveryClient} (Kubernetes, Consul,
 * Eureka, a simple list): each instance's host, on the DSN port its metadata names (key
 * {@code dsn-port} by default), or on the default port.
 */
public class DiscoveryClientBootstrapSource extends RefreshingBootstrapSource {

    private final DiscoveryClient client;
    private final String serviceId;
    private final String portMetadataKey;
    private final int defaultPort;

    public DiscoveryClientBootstrapSource(DiscoveryClient client, String serviceId, String portMetadataKey,
                                          int defaultPort, Duration refreshInterval, int maxNodes, ExecutorService executor,
                                          LongSupplier nanoTime) {
        super(refreshInterval, maxNodes, executor, nanoTime);
        this.client = client;
        this.serviceId = serviceId;
        this.portMetadataKey = portMetadataKey;
        this.defaultPort = defaultPort;
    }

    @Override
    protected List<Endpoint> lookUp() {
        return client.getInstances(serviceId).stream()
                .map(this::endpointOf)
                .toList();
    }

    private Endpoint endpointOf(ServiceInstance instance) {
        String port = instance.getMetadata() == null ? null : instance.getMetadata().get(portMetadataKey);
        return new Endpoint(instance.getHost(), port == null ? defaultPort : Integer.parseInt(port.trim()));
    }

    @Override
    protected String describe() {
        return "service " + serviceId + " (" + client.description() + ")";
    }
}
