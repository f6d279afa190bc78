package io.dsn.spring.discovery;

import io.dsn.Endpoint;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;

/**
 * The nodes behind a DNS name: every address of the name (A and AAAA records, such as the pods of
 * a Kubernetes headless service) on one port, or with {@code srv} the targets and ports of its SRV
 * records. Addresses are sorted, so that every replica tries them in the same order.
 */
public class DnsBootstrapSource extends RefreshingBootstrapSource {

    private final String name;
    private final int port;
    private final boolean srv;
    private final HostResolver resolver;

    public DnsBootstrapSource(String name, int port, boolean srv, HostResolver resolver, Duration refreshInterval,
                              int maxNodes, ExecutorService executor, LongSupplier nanoTime) {
        super(refreshInterval, maxNodes, executor, nanoTime);
        this.name = name;
        this.port = port;
        this.srv = srv;
        this.resolver = resolver;
    }

    @Override
    protected List<Endpoint> lookUp() throws Exception {
        if (srv) {
            List<Endpoint> nodes = new ArrayList<>();
            for (HostResolver.SrvRecord record : resolver.services(name)) {
                nodes.add(new Endpoint(record.target(), record.port()));
            }
            return nodes;
        }
        return resolver.addresses(name).stream()
                .map(InetAddress::getHostAddress)
                .map(address -> address.contains("%") ? address.substring(0, address.indexOf('%')) : address)
                .sorted(Comparator.comparing((String address) -> address.contains(":")).thenComparing(Comparator.naturalOrder()))
                .map(address -> new Endpoint(address, port))
                .toList();
    }

    @Override
    protected String describe() {
        return (srv ? "DNS SRV name " : "DNS name ") + name;
    }
}
