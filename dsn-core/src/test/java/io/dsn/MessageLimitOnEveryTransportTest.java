package io.dsn;

import io.dsn.internal.protocol.MessageType;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.SimulatedNetwork;
import io.dsn.support.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol's body limit per message (64 KiB for everything but UPDATE and DATA) is the node's:
 * the in-memory network, which reads no body, refuses an oversized request of a limited type with
 * the same status as the HTTP reader, which stops reading it at the limit.
 */
@ExtendWith(NetworkExtension.class)
class MessageLimitOnEveryTransportTest {

    private static final List<String> LIMITED = List.of("/hello", "/peers", "/ping", "/leave", "/suspect", "/unknown");

    @Test
    void overHttp(TestNetwork network) {
        DSNodeServer a = network.start("a");
        RawPeer raw = network.closeAtEnd(RawPeer.listening(network, "raw"));

        assertEveryLimitedTypeIsHeldTo64KiB(a, raw, path -> raw.post(a.endpoint(), path, new byte[64 * 1024 + 16]));
    }

    @Test
    void onTheInMemoryNetwork(SimulatedNetwork network) {
        DSNodeServer a = network.start("a");
        RawPeer raw = network.rawPeer("raw");

        assertEveryLimitedTypeIsHeldTo64KiB(a, raw, path -> raw.post(a.endpoint(), path, new byte[64 * 1024 + 16]));
    }

    private static void assertEveryLimitedTypeIsHeldTo64KiB(DSNodeServer a, RawPeer raw,
                                                          Function<String, RawPeer.Response> oversized) {
        for (String path : LIMITED) {
            assertThat(oversized.apply(path).status()).as(path).isEqualTo(413);
        }
        // A state larger than 64 KiB is no limited message: it is taken, as before.
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        Map<String, String> large = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            large.put("key-" + i, "v".repeat(10_000));
        }
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(1.0, large).encode()).status())
                .isEqualTo(200);
        assertThat(a.node().state("raw")).isEqualTo(large);
    }
}
