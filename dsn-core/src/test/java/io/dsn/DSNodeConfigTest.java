package io.dsn;

import io.dsn.transport.TransportLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Defaults, validation messages, the Python configuration keys and the builder round trip. */
class DSNodeConfigTest {

    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";

    private static DSNodeConfig.Builder valid() {
        return DSNodeConfig.builder().nodeId("node-1");
    }

    private static DSNConfigurationException failure(DSNodeConfig.Builder builder) {
        DSNConfigurationException e = catchThrowableOfType(builder::build, DSNConfigurationException.class);
        assertThat(e).as("build() must fail with DSNConfigurationException").isNotNull();
        return e;
    }

    private static DSNConfigurationException failure(Map<String, ?> map) {
        DSNConfigurationException e = catchThrowableOfType(() -> DSNodeConfig.fromMap(map), DSNConfigurationException.class);
        assertThat(e).as("fromMap(" + map + ") must fail with DSNConfigurationException").isNotNull();
        return e;
    }

    // ---- defaults ------------------------------------------------------------------------------

    @Test
    void builderDefaults() {
        DSNodeConfig config = valid().build();

        assertThat(config.nodeId()).isEqualTo("node-1");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.credentialDir()).isEqualTo(Path.of("credentials"));
        assertThat(config.networkIp()).isEqualTo("127.0.0.1");
        assertThat(config.tickInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.attempts()).isEqualTo(3);
        assertThat(config.retryPause()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.maxBodySize()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.encryption()).isTrue();
        assertThat(config.aesKey()).isEmpty();
        assertThat(config.bootstrapNodes()).isEmpty();
    }

    // ---- validation ----------------------------------------------------------------------------

    @Test
    void missingNodeIdIsRefused() {
        DSNConfigurationException e = failure(DSNodeConfig.builder());
        assertThat(e.setting()).isEqualTo("node_id");
        assertThat(e).hasMessageContaining("node_id").hasMessageContaining("required");

        DSNConfigurationException blank = failure(DSNodeConfig.builder().nodeId("  "));
        assertThat(blank.setting()).isEqualTo("node_id");
    }

    @Test
    void unsafeNodeIdIsRefusedWithWhatIsValid() {
        for (String unsafe : List.of("a/b", "a\\b", "..", ".", "tab\there")) {
            DSNConfigurationException e = failure(valid().nodeId(unsafe));
            assertThat(e.setting()).as(unsafe).isEqualTo("node_id");
            assertThat(e).as(unsafe).hasMessageContaining("node_id").hasMessageContaining("file name");
        }
    }

    @Test
    void portOutOfRangeIsRefused() {
        for (int port : new int[] {-1, 65536}) {
            DSNConfigurationException e = failure(valid().port(port));
            assertThat(e.setting()).isEqualTo("port");
            assertThat(e).hasMessageContaining("port").hasMessageContaining("0 and 65535")
                    .hasMessageContaining(String.valueOf(port));
        }
        assertThat(valid().port(0).build().port()).isZero();
        assertThat(valid().port(65535).build().port()).isEqualTo(65535);
    }

    @Test
    void aesKeyOfWrongLengthIsRefusedWithoutEchoingIt() {
        String short63 = KEY.substring(1);
        DSNConfigurationException e = failure(valid().aesKey(short63));
        assertThat(e.setting()).isEqualTo("aes_key");
        assertThat(e).hasMessageContaining("aes_key").hasMessageContaining("64 hex").hasMessageContaining("63")
                .hasMessageNotContaining(short63);
    }

    @Test
    void aesKeyThatIsNotHexIsRefused() {
        String notHex = "zz" + KEY.substring(2);
        DSNConfigurationException e = failure(valid().aesKey(notHex));
        assertThat(e.setting()).isEqualTo("aes_key");
        assertThat(e).hasMessageContaining("aes_key").hasMessageContaining("64 hex")
                .hasMessageNotContaining(notHex);
    }

    @Test
    void bootstrapNodesNeedAKeyWhileEncryptionIsOn() {
        DSNConfigurationException e = failure(valid().addBootstrapNode("10.0.0.1", 8000));
        assertThat(e.setting()).isEqualTo("aes_key");
        assertThat(e).hasMessageContaining("aes_key").hasMessageContaining("bootstrap_nodes")
                .hasMessageContaining("64 hex");

        DSNodeConfig plain = valid().addBootstrapNode("10.0.0.1", 8000).encryption(false).build();
        assertThat(plain.encryption()).isFalse();
        assertThat(plain.bootstrapNodes()).containsExactly(new Endpoint("10.0.0.1", 8000));

        DSNodeConfig keyed = valid().addBootstrapNode("10.0.0.1", 8000).aesKey(KEY).build();
        assertThat(keyed.aesKey()).contains(KEY);
    }

    @Test
    void bootstrapEntryWithoutPortIsRefused() {
        DSNConfigurationException e = failure(valid().aesKey(KEY).addBootstrapNode("10.0.0.1", 0));
        assertThat(e.setting()).isEqualTo("bootstrap_nodes");
        assertThat(e).hasMessageContaining("10.0.0.1").hasMessageContaining("1 and 65535");
    }

    @Test
    void networkIpMustBeAnIpAddressOrAHostName() {
        for (String good : List.of("10.0.0.7", "::1", "fe80::1%eth0", "node-1.example.org", "localhost")) {
            assertThat(valid().networkIp(good).build().networkIp()).isEqualTo(good);
        }
        for (String bad : List.of("not_an_ip", "10.0.0.256", "1.2.3", "-host", "a b", "http://10.0.0.1")) {
            DSNConfigurationException e = failure(valid().networkIp(bad));
            assertThat(e.setting()).as(bad).isEqualTo("network_ip");
            assertThat(e).hasMessageContaining(bad).hasMessageContaining("IP address");
        }
    }

    @Test
    void durationsUnderTenMillisecondsAreRefusedAsUnitMistakes() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofMillis(3))) {
            DSNConfigurationException tick = failure(valid().tickInterval(bad));
            assertThat(tick.setting()).isEqualTo("tick_interval");
            assertThat(tick).hasMessageContaining("tick_interval").hasMessageContaining("at least 10 ms");

            DSNConfigurationException timeout = failure(valid().requestTimeout(bad));
            assertThat(timeout.setting()).isEqualTo("request_timeout");
            assertThat(timeout).hasMessageContaining("request_timeout").hasMessageContaining("at least 10 ms");
        }
        assertThat(valid().tickInterval(Duration.ofMillis(10)).build().tickInterval()).hasMillis(10);
        DSNConfigurationException pause = failure(valid().retryPause(Duration.ofMillis(-1)));
        assertThat(pause.setting()).isEqualTo("retry_pause");
        assertThat(pause).hasMessageContaining("retry_pause").hasMessageContaining("negative");
        assertThat(valid().retryPause(Duration.ZERO).build().retryPause()).isZero();

        DSNConfigurationException missing = failure(valid().tickInterval(null));
        assertThat(missing.setting()).isEqualTo("tick_interval");
    }

    @Test
    void zeroAttemptsAreRefused() {
        DSNConfigurationException e = failure(valid().attempts(0));
        assertThat(e.setting()).isEqualTo("attempts");
        assertThat(e).hasMessageContaining("attempts").hasMessageContaining("at least 1");
        assertThat(valid().attempts(1).build().attempts()).isEqualTo(1);
    }

    @Test
    void tooSmallMaxBodySizeIsRefused() {
        DSNConfigurationException e = failure(valid().maxBodySize(1023));
        assertThat(e.setting()).isEqualTo("max_body_size");
        assertThat(e).hasMessageContaining("max_body_size").hasMessageContaining("1024");
        assertThat(valid().maxBodySize(1024).build().maxBodySize()).isEqualTo(1024);
    }

    // ---- fromMap ---------------------------------------------------------------------------------

    @Test
    void fromMapReadsThePythonKeys() {
        Map<String, Object> map = new HashMap<>();
        map.put("node_id", "sensor-1");
        map.put("port", 8123);
        map.put("aes_key", KEY);
        map.put("credential_dir", "/tmp/dsn-creds");
        map.put("network_ip", "192.168.1.20");
        map.put("bootstrap_nodes", List.of(
                Map.of("address", "192.168.1.10", "port", 8000),
                Map.of("address", "node-b.local", "port", "8001")));

        DSNodeConfig config = DSNodeConfig.fromMap(map);

        assertThat(config.nodeId()).isEqualTo("sensor-1");
        assertThat(config.port()).isEqualTo(8123);
        assertThat(config.aesKey()).contains(KEY);
        assertThat(config.credentialDir()).isEqualTo(Path.of("/tmp/dsn-creds"));
        assertThat(config.networkIp()).isEqualTo("192.168.1.20");
        assertThat(config.bootstrapNodes()).containsExactly(
                new Endpoint("192.168.1.10", 8000), new Endpoint("node-b.local", 8001));
        // Keys left out keep the builder's defaults.
        assertThat(config.tickInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.encryption()).isTrue();
    }

    @Test
    void fromMapTakesThePortAsAString() {
        DSNodeConfig config = DSNodeConfig.fromMap(Map.of("node_id", "n", "port", "9001"));
        assertThat(config.port()).isEqualTo(9001);
    }

    @Test
    void fromMapIgnoresPythonNoneValues() {
        Map<String, Object> map = new HashMap<>();
        map.put("node_id", "n");
        map.put("aes_key", null);
        map.put("bootstrap_nodes", null);
        DSNodeConfig config = DSNodeConfig.fromMap(map);
        assertThat(config.aesKey()).isEmpty();
        assertThat(config.bootstrapNodes()).isEmpty();
    }

    @Test
    void fromMapReadsTheJavaExtraKeys() {
        Map<String, Object> map = new HashMap<>();
        map.put("node_id", "n");
        map.put("encryption", false);
        map.put("bind_address", "127.0.0.1");
        map.put("tick_interval", 0.25);
        map.put("request_timeout", "1.5");
        map.put("retry_pause", 0);
        map.put("attempts", "5");
        map.put("max_body_size", 4096);
        map.put("server_threads", 2);
        map.put("max_failed_requests_per_minute", 7);
        map.put("max_peers", 100);
        map.put("new_keys_per_minute", "30");
        map.put("max_peers_listed", 50);

        DSNodeConfig config = DSNodeConfig.fromMap(map);

        assertThat(config.encryption()).isFalse();
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.tickInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.retryPause()).isZero();
        assertThat(config.attempts()).isEqualTo(5);
        assertThat(config.maxBodySize()).isEqualTo(4096);
        assertThat(config.serverThreads()).isEqualTo(2);
        assertThat(config.maxFailedRequestsPerMinute()).isEqualTo(7);
        assertThat(config.maxPeers()).isEqualTo(100);
        assertThat(config.newKeysPerMinute()).isEqualTo(30);
        assertThat(config.maxPeersListed()).isEqualTo(50);
    }

    @Test
    void theBoundsHaveSafeDefaultsAndMustBeAtLeastOne() {
        DSNodeConfig defaults = valid().build();
        assertThat(defaults.maxFailedRequestsPerMinute()).isEqualTo(60);
        assertThat(defaults.maxPeers()).isEqualTo(2048);
        assertThat(defaults.newKeysPerMinute()).isEqualTo(120);
        assertThat(defaults.maxPeersListed()).isEqualTo(2048);

        assertThat(failure(Map.of("node_id", "n", "max_failed_requests_per_minute", 0)).setting())
                .isEqualTo("max_failed_requests_per_minute");
        assertThat(failure(Map.of("node_id", "n", "max_peers", 0)).setting()).isEqualTo("max_peers");
        assertThat(failure(Map.of("node_id", "n", "new_keys_per_minute", -1)).setting()).isEqualTo("new_keys_per_minute");
        assertThat(failure(Map.of("node_id", "n", "max_peers_listed", 0)).setting()).isEqualTo("max_peers_listed");
    }

    @Test
    void transportLimitsHaveSafeDefaultsAndAreReadFromTheLimitsMap() {
        assertThat(valid().build().limits()).isEqualTo(TransportLimits.DEFAULTS);
        assertThat(TransportLimits.DEFAULTS.requestHeadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(TransportLimits.DEFAULTS.maxConnectionsPerAddress()).isLessThan(TransportLimits.DEFAULTS.maxConnections());

        Map<String, Object> limits = new HashMap<>();
        limits.put("request_head_timeout", 0.5);
        limits.put("request_read_timeout", "3");
        limits.put("idle_timeout", 20);
        limits.put("max_connections", 100);
        limits.put("max_connections_per_address", 10);
        limits.put("max_requests_in_flight", 16);
        limits.put("max_outgoing_in_flight", 64);
        limits.put("max_outgoing_per_peer", 4);
        limits.put("max_buffered_bytes", 1 << 20);

        DSNodeConfig config = DSNodeConfig.fromMap(Map.of("node_id", "n", "limits", limits));

        assertThat(config.limits()).isEqualTo(new TransportLimits(Duration.ofMillis(500), Duration.ofSeconds(3),
                Duration.ofSeconds(20), 100, 10, 16, 64, 4, 1 << 20));
    }

    @Test
    void aWrongLimitIsNamedWithItsPlaceInTheLimitsMap() {
        assertThat(failure(Map.of("node_id", "n", "limits", Map.of("max_connections", 0))))
                .satisfies(e -> assertThat(e.setting()).isEqualTo("limits.max_connections"))
                .hasMessageContaining("at least 1");
        assertThat(failure(Map.of("node_id", "n", "limits", Map.of("idle_timeout", "soon"))).setting())
                .isEqualTo("limits.idle_timeout");
        assertThat(failure(Map.of("node_id", "n", "limits", Map.of("request_head_timeout", 5, "request_read_timeout", 1)))
                .setting()).isEqualTo("limits.request_read_timeout");
        assertThat(failure(Map.of("node_id", "n", "limits", Map.of("max_conections", 5))))
                .hasMessageContaining("limits.max_conections").hasMessageContaining("max_connections_per_address");
        assertThat(failure(Map.of("node_id", "n", "limits", 5)).setting()).isEqualTo("limits");
        assertThat(DSNodeConfig.fromMap(Map.of("node_id", "n", "limits",
                Map.of("request_head_timeout", 40, "request_read_timeout", 60))).limits().requestHeadTimeout())
                .as("both timeouts above the default read timeout at once").isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void fromMapRefusesAnUnknownKeyAndListsTheValidOnes() {
        DSNConfigurationException e = failure(Map.of("node_id", "n", "aes-key", KEY));
        assertThat(e.setting()).isEqualTo("aes-key");
        assertThat(e).hasMessageContaining("aes-key")
                .hasMessageContaining("node_id").hasMessageContaining("port").hasMessageContaining("aes_key")
                .hasMessageContaining("credential_dir").hasMessageContaining("network_ip")
                .hasMessageContaining("bootstrap_nodes").hasMessageContaining("tick_interval")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void fromMapRefusesAPortThatIsNotANumber() {
        DSNConfigurationException e = failure(Map.of("node_id", "n", "port", "abc"));
        assertThat(e.setting()).isEqualTo("port");
        assertThat(e).hasMessageContaining("port").hasMessageContaining("whole number").hasMessageContaining("abc");

        DSNConfigurationException fractional = failure(Map.of("node_id", "n", "port", 80.5));
        assertThat(fractional.setting()).isEqualTo("port");
    }

    @Test
    void fromMapRefusesBootstrapNodesThatAreNotAList() {
        DSNConfigurationException e = failure(Map.of("node_id", "n", "aes_key", KEY,
                "bootstrap_nodes", "10.0.0.1:8000"));
        assertThat(e.setting()).isEqualTo("bootstrap_nodes");
        assertThat(e).hasMessageContaining("bootstrap_nodes").hasMessageContaining("list")
                .hasMessageContaining("address").hasMessageContaining("port");
    }

    @Test
    void fromMapRefusesABootstrapEntryWithoutPort() {
        DSNConfigurationException e = failure(Map.of("node_id", "n", "aes_key", KEY,
                "bootstrap_nodes", List.of(Map.of("address", "10.0.0.1"))));
        assertThat(e.setting()).isEqualTo("bootstrap_nodes");
        assertThat(e).hasMessageContaining("bootstrap_nodes").hasMessageContaining("'port'");

        DSNConfigurationException notAMap = failure(Map.of("node_id", "n", "aes_key", KEY,
                "bootstrap_nodes", List.of("10.0.0.1")));
        assertThat(notAMap.setting()).isEqualTo("bootstrap_nodes");

        DSNConfigurationException badPort = failure(Map.of("node_id", "n", "aes_key", KEY,
                "bootstrap_nodes", List.of(Map.of("address", "10.0.0.1", "port", 70000))));
        assertThat(badPort.setting()).isEqualTo("bootstrap_nodes");
        assertThat(badPort).hasMessageContaining("70000").hasMessageContaining("1 to 65535");
    }

    @Test
    void fromMapRefusesWrongTypesForTheOtherKeys() {
        assertThat(failure(Map.of("node_id", 42)).setting()).isEqualTo("node_id");
        assertThat(failure(Map.of("node_id", "n", "encryption", "maybe")).setting()).isEqualTo("encryption");
        DSNConfigurationException tick = failure(Map.of("node_id", "n", "tick_interval", "soon"));
        assertThat(tick.setting()).isEqualTo("tick_interval");
        assertThat(tick).hasMessageContaining("seconds");
        assertThat(failure(Map.of("node_id", "n", "tick_interval", -1)).setting()).isEqualTo("tick_interval");
        // A key that is read fine but whose value the builder refuses still names the Python key.
        assertThat(failure(Map.of("node_id", "n", "tick_interval", 0)).setting()).isEqualTo("tick_interval");
        assertThat(failure(Map.of("node_id", "n", "aes_key", "abc")).setting()).isEqualTo("aes_key");
        assertThat(failure(Map.of("port", 8000)).setting()).isEqualTo("node_id");
    }

    // ---- toBuilder and toString ------------------------------------------------------------------

    @Test
    void toBuilderRoundTripKeepsEverySetting() {
        DSNodeConfig original = DSNodeConfig.builder()
                .nodeId("round-trip")
                .port(9100)
                .aesKey(KEY)
                .encryption(true)
                .credentialDir(Path.of("creds-x"))
                .networkIp("10.1.2.3")
                .bindAddress("10.1.2.3")
                .addBootstrapNode("10.9.9.9", 8001)
                .addBootstrapNode(new Endpoint("10.9.9.8", 8002))
                .tickInterval(Duration.ofMillis(750))
                .requestTimeout(Duration.ofMillis(900))
                .attempts(4)
                .retryPause(Duration.ofMillis(20))
                .maxBodySize(2048)
                .serverThreads(3)
                .maxFailedRequestsPerMinute(9)
                .maxPeers(10)
                .newKeysPerMinute(11)
                .maxPeersListed(12)
                .build();

        DSNodeConfig copy = original.toBuilder().build();

        assertThat(copy).isNotSameAs(original).usingRecursiveComparison().isEqualTo(original);
        assertThat(copy.bootstrapNodes()).containsExactly(new Endpoint("10.9.9.9", 8001), new Endpoint("10.9.9.8", 8002));

        DSNodeConfig changed = original.toBuilder().port(9200).build();
        assertThat(changed.port()).isEqualTo(9200);
        assertThat(original.port()).isEqualTo(9100);
    }

    @Test
    void bootstrapListIsACopy() {
        List<Endpoint> list = new ArrayList<>(List.of(new Endpoint("10.0.0.1", 1)));
        DSNodeConfig config = valid().aesKey(KEY).bootstrapNodes(list).build();
        list.add(new Endpoint("10.0.0.2", 2));
        assertThat(config.bootstrapNodes()).containsExactly(new Endpoint("10.0.0.1", 1));
        assertThatThrownBy(() -> config.bootstrapNodes().add(new Endpoint("x", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringNeverShowsTheKey() {
        DSNodeConfig config = valid().aesKey(KEY).build();
        String text = config.toString();
        assertThat(text).contains("node-1").contains("8000")
                .doesNotContain(KEY).doesNotContainIgnoringCase(KEY.substring(0, 16))
                .doesNotContainIgnoringCase(KEY.substring(32));
        assertThat(config.toBuilder().toString()).doesNotContain(KEY);
    }

    @Test
    void theProtocolIsCompatibleUnlessSecureIsChosenAndTheSecureSettingsAreRead() {
        assertThat(valid().build().protocol()).isEqualTo(ProtocolMode.COMPATIBLE);
        String other = DSNodeServer.generateKey();

        DSNodeConfig config = DSNodeConfig.fromMap(Map.of("node_id", "a", "aes_key", KEY, "protocol", "Secure",
                "network_keys", List.of(other), "max_clock_skew", 12.5));

        assertThat(config.protocol()).isEqualTo(ProtocolMode.SECURE);
        assertThat(config.networkKeys()).containsExactly(other);
        assertThat(config.maxClockSkew()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(config.toBuilder().build().networkKeys()).containsExactly(other);
        assertThat(config.toString()).doesNotContain(other).doesNotContain(KEY);
    }

    @Test
    void wrongSecureSettingsAreNamedAndNeverRepeatAKey() {
        String other = DSNodeServer.generateKey();
        assertThat(failure(Map.of("node_id", "a", "protocol", "tls")).setting()).isEqualTo("protocol");
        assertThat(failure(valid().networkKeys(List.of(other))).getMessage())
                .contains("network_keys needs protocol secure");
        assertThat(failure(valid().protocol(ProtocolMode.SECURE).networkKeys(List.of(KEY))).setting()).isEqualTo("aes_key");
        assertThat(failure(valid().aesKey(KEY).protocol(ProtocolMode.SECURE).networkKeys(List.of(KEY))).getMessage())
                .contains("given twice").doesNotContain(KEY);
        assertThat(failure(valid().aesKey(KEY).protocol(ProtocolMode.SECURE).networkKeys(List.of(other.substring(1) + "x")))
                .getMessage()).contains("network_keys[0] is not valid").doesNotContain(other.substring(1));
        assertThat(failure(valid().protocol(ProtocolMode.SECURE).encryption(false)).setting()).isEqualTo("encryption");
        assertThat(failure(valid().protocol(ProtocolMode.SECURE).maxClockSkew(Duration.ofMillis(999))).setting())
                .isEqualTo("max_clock_skew");
        assertThat(failure(valid().protocol(ProtocolMode.SECURE).maxClockSkew(Duration.ofMinutes(11))).setting())
                .isEqualTo("max_clock_skew");
        assertThat(failure(Map.of("node_id", "a", "network_keys", other)).getMessage())
                .contains("must be a list of strings").doesNotContain(other);
    }
}
