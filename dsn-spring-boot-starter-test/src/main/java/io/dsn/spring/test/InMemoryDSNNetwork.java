package io.dsn.spring.test;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts the application's DSN node of a {@code @SpringBootTest} on an in-memory network of its own,
 * one per application context, and gives the test a {@link DSNTestNetwork} bean to start extra
 * peers on it and to cut them off ({@link io.dsn.transport.InMemoryNetwork#partition}, loss,
 * delays).
 *
 * <p>The application's configuration (application.yml or .properties, profiles, environment
 * variables, system properties) does not choose the node's transport, port, network key, credential
 * directory, network IP, bootstrap nodes or discovery: the context runs with
 * <ul>
 *   <li>{@code dsn.transport=in-memory}, {@code dsn.port=0} (a free port of the in-memory network);</li>
 *   <li>{@code dsn.aes-key} a new random key, {@code dsn.network-keys} none;</li>
 *   <li>{@code dsn.credential-dir} a temporary directory, deleted when the context closes;</li>
 *   <li>{@code dsn.network-ip=127.0.0.1}, no {@code dsn.bootstrap-nodes}, no
 *       {@code dsn.discovery.dns.name} and no {@code dsn.discovery.client.service-id};</li>
 *   <li>{@code dsn.in-memory.network-name} a name of the context's own: a new
 *       {@link io.dsn.transport.InMemoryNetwork}, closed with the context.</li>
 * </ul>
 * The test's own properties win over these ({@code @SpringBootTest(properties = …)} or
 * {@code args}, {@code @TestPropertySource}, {@code @DynamicPropertySource}); everything else,
 * such as {@code dsn.node-id} or {@code dsn.tick-interval}, comes from the application. A test that
 * sets {@code dsn.in-memory.network-name} joins the JVM's network of that name instead, shared
 * with every context that names it. A test that sets another {@code dsn.transport} than in-memory
 * fails to start.
 *
 * <p>Test classes with the same configuration share one cached context, and so one node and one
 * network; the random key and directory are made anew for each context, not part of the cache key.
 * When the test context cache pauses a context, its node and peers stop, and they start again on
 * the same ports when it is reused.
 *
 * <pre>{@code
 * @SpringBootTest
 * @InMemoryDSNNetwork
 * class SensorTests {
 *     @Autowired DSNTestNetwork network;
 *     @Autowired DSNode node;
 *
 *     @Test
 *     void aPeerSeesTheApplicationsReading() {
 *         DSNode peer = network.startPeer("peer");
 *         node.updateData("temperature", "21.5");
 *         await().untilAsserted(() -> assertThat(peer.readData(node.nodeId(), "temperature")).contains("21.5"));
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(DSNTestNetworkAutoConfiguration.class)
public @interface InMemoryDSNNetwork {
}
