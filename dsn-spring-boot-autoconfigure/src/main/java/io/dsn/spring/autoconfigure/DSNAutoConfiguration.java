package io.dsn.spring.autoconfigure;

import io.dsn.BootstrapSource;
import io.dsn.DSNConfigurationException;
import io.dsn.DSNListener;
import io.dsn.DSNMetrics;
import io.dsn.DSNSettings;
import io.dsn.DSNode;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.runtime.NodeThreads;
import io.dsn.spring.discovery.DnsBootstrapSource;
import io.dsn.spring.discovery.HostResolver;
import io.dsn.transport.InMemoryNetwork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Runs a DSN node in a Spring Boot application: its configuration from {@code dsn.*}, its
 * lifecycle tied to the application context, and its events published as application events,
 * so that {@code @EventListener void on(PeerStateChanged event)} just works. A user-defined
 * {@link DSNodeConfig} or {@link DSNodeServer} bean replaces the auto-configured one; the
 * lifecycle starts a user's server too and routes its events to Spring.
 *
 * <p>The node's threads follow {@code spring.threads.virtual.enabled} (virtual threads on Java
 * 21+), or run on the application's executor named {@value #TASK_EXECUTOR_BEAN_NAME}; a
 * {@link NodeThreads} bean replaces both. Its bootstrap nodes are {@code dsn.bootstrap-nodes}, then
 * those of every {@link BootstrapSource} bean (DNS with {@code dsn.discovery.dns.name}, Spring
 * Cloud's DiscoveryClient with {@code dsn.discovery.client.service-id}), and on the in-memory
 * transport the other nodes of its network: the context's {@link InMemoryNetwork} bean when it
 * has one (as a test starter's context does), else the JVM's network named
 * {@code dsn.in-memory.network-name}.
 */
@AutoConfiguration
@ConditionalOnClass(DSNodeServer.class)
@ConditionalOnBooleanProperty(name = "dsn.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DSNProperties.class)
public final class DSNAutoConfiguration {

    /** The name of an application's {@link Executor} bean that the node runs its tasks on. */
    public static final String TASK_EXECUTOR_BEAN_NAME = "dsnTaskExecutor";

    /**
     * The {@link org.springframework.context.SmartLifecycle} phase in which the node starts and stops:
     * a bean that needs the node serving (such as a test's extra peers) takes a later phase.
     */
    public static final int NODE_LIFECYCLE_PHASE = DSNodeLifecycle.PHASE;

    @Bean
    @ConditionalOnMissingBean
    TemporaryCredentials dsnTemporaryCredentials() {
        return new TemporaryCredentials();
    }

    /** The core settings ({@link io.dsn.DSNSettings}) as the {@code dsn.*} properties give them. */
    @Bean
    DSNSettingValues dsnSettingValues(Environment environment) {
        return DSNSettingValues.bind(environment);
    }

    @Bean
    @ConditionalOnMissingBean({DSNodeConfig.class, DSNodeServer.class})
    DSNodeConfig dsnNodeConfig(DSNSettingValues settings, DSNProperties properties, Environment environment,
                               ObjectProvider<DSNodeConfigCustomizer> customizers, TemporaryCredentials temporary) {
        return DSNodeConfigFactory.create(settings, properties, new DSNTransportChoice(properties), environment,
                customizers.orderedStream().toList(), temporary::directory);
    }

    /**
     * The node's threads: on the application's {@value #TASK_EXECUTOR_BEAN_NAME} executor when there
     * is one, else virtual threads when {@code spring.threads.virtual.enabled} is true on Java 21+,
     * else small pools of platform threads.
     */
    @Bean
    @ConditionalOnMissingBean
    NodeThreads dsnNodeThreads(Environment environment,
                               @Qualifier(TASK_EXECUTOR_BEAN_NAME) ObjectProvider<Executor> executor) {
        Executor application = executor.getIfAvailable();
        if (application != null) {
            return NodeThreads.on(application);
        }
        if (Threading.VIRTUAL.isActive(environment)) {
            return NodeThreads.perTask(name -> new VirtualThreadTaskExecutor(name + "-").getVirtualThreadFactory());
        }
        return NodeThreads.platform();
    }

    @Bean
    @ConditionalOnPropertyText("dsn.discovery.dns.name")
    @ConditionalOnMissingBean
    DnsBootstrapSource dsnDnsBootstrapSource(DSNProperties properties, DSNSettingValues settings, NodeThreads threads,
                                             ObjectProvider<HostResolver> resolver) {
        DSNProperties.Discovery discovery = properties.getDiscovery();
        DSNProperties.Discovery.Dns dns = discovery.getDns();
        Integer port = dns.getPort();
        return new DnsBootstrapSource(dns.getName().trim(), port != null ? port : settings.valueOrDefault(DSNSettings.PORT), dns.isSrv(),
                resolver.getIfAvailable(HostResolver::system), refreshInterval(discovery), discovery.getMaxNodes(),
                threads.newExecutor("dsn-discovery-dns", 1), System::nanoTime);
    }

    static Duration refreshInterval(DSNProperties.Discovery discovery) {
        Duration interval = discovery.getRefreshInterval();
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidDSNPropertyException("dsn.discovery.refresh-interval", "must be from 1s to 10m, was " + interval, null);
        }
        if (discovery.getMaxNodes() < 1) {
            throw new InvalidDSNPropertyException("dsn.discovery.max-nodes", "must be at least 1, was " + discovery.getMaxNodes(), null);
        }
        return interval;
    }

    @Bean(destroyMethod = "stop")
    @ConditionalOnMissingBean
    DSNodeServer dsnNodeServer(DSNodeConfig config, DSNProperties properties, ObjectProvider<DSNMetrics> metrics,
                               NodeThreads threads, ObjectProvider<BootstrapSource> sources,
                               ObjectProvider<InMemoryNetwork> inMemoryNetwork) {
        DSNodeServer.Builder builder = DSNodeServer.builder(config)
                .metrics(CompositeDSNMetrics.of(metrics.orderedStream().toList()))
                .threads(threads);
        List<BootstrapSource> all = new ArrayList<>(sources.orderedStream().toList());
        new DSNTransportChoice(properties).configure(builder, config, inMemoryNetwork, all);
        if (all.size() == 1) {
            builder.bootstrapSource(all.get(0));
        } else if (!all.isEmpty()) {
            // Duplicates are dropped by the node, which merges this with the configured bootstrap nodes.
            builder.bootstrapSource(() -> all.stream().flatMap(source -> source.endpoints().stream()).toList());
        }
        try {
            return builder.create();
        } catch (DSNConfigurationException e) {
            throw DSNodeConfigFactory.invalid(e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    DSNode dsnNode(DSNodeServer server) {
        return server.node();
    }

    @Bean
    @ConditionalOnMissingBean
    DSNodeLifecycle dsnNodeLifecycle(DSNodeServer server, ApplicationEventPublisher publisher,
                                     ObjectProvider<DSNListener> listeners) {
        return new DSNodeLifecycle(server, publisher, listeners);
    }
}
