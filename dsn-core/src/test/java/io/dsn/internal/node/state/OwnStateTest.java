package io.dsn.internal.node.state;

import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.crypto.Signatures;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node's own state: strictly increasing timestamps, a valid signature, data and packet in step. */
class OwnStateTest {

    private static final NodeKeyPair KEYS = NodeKeyPair.generate(new SecureRandom());
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123456789Z");

    private static OwnState fixedAt(Instant instant) {
        return new OwnState("me", KEYS, Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void startsEmptySignedAndAtTheClocksTime() {
        OwnState own = fixedAt(NOW);

        OwnState.Snapshot snapshot = own.current();
        assertThat(snapshot.data()).isEmpty();
        assertThat(snapshot.packet().nodeId()).isEqualTo("me");
        assertThat(snapshot.packet().stateJson()).isEqualTo("{}");
        assertThat(snapshot.packet().lastUpdate())
                .isCloseTo(NOW.getEpochSecond() + NOW.getNano() / 1e9, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Signatures.verify(KEYS.publicKey(), snapshot.packet().signedPart(), snapshot.packet().signature())).isTrue();
    }

    @Test
    void timestampsStrictlyIncreaseEvenWhenTheClockStandsStill() {
        OwnState own = fixedAt(NOW);
        double previous = own.current().packet().lastUpdate();

        for (int i = 0; i < 500; i++) {
            int n = i;
            OwnState.Snapshot packet = own.update(map -> map.put("k", "v" + n));
            assertThat(packet.lastUpdate()).as("update %d", i).isGreaterThan(previous);
            assertThat(own.current().packet().lastUpdate()).isEqualTo(packet.lastUpdate());
            previous = packet.lastUpdate();
        }
    }

    @Test
    void timestampsStrictlyIncreaseWhenTheClockGoesBack() {
        MutableClock clock = new MutableClock(NOW);
        OwnState own = new OwnState("me", KEYS, clock);
        double first = own.update(map -> map.put("a", "1")).lastUpdate();

        clock.instant = NOW.minusSeconds(3600);
        double second = own.update(map -> map.put("a", "2")).lastUpdate();

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void timestampsStrictlyIncreaseUnderConcurrentWriters() throws Exception {
        OwnState own = fixedAt(NOW);
        int threads = 4;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Double>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    List<Double> seen = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        int n = i;
                        seen.add(own.update(map -> map.put("t" + thread, "" + n)).lastUpdate());
                    }
                    return seen;
                }));
            }
            go.countDown();
            List<Double> all = new ArrayList<>();
            for (Future<List<Double>> result : results) {
                List<Double> seen = result.get(10, TimeUnit.SECONDS);
                assertThat(seen).isSorted().doesNotHaveDuplicates();
                all.addAll(seen);
            }
            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePacketIsSignedAndCarriesThePythonJsonOfTheData() {
        OwnState own = fixedAt(NOW);

        own.update(map -> map.put("temperature", "21.5"));
        own.update(map -> map.put("name", "caf\u00e9 \"quoted\" / \u2603 \uD83D\uDE00\n"));
        StatePacket packet = own.update(map -> map.remove("temperature")).packet();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("name", "caf\u00e9 \"quoted\" / \u2603 \uD83D\uDE00\n");
        assertThat(own.current().data()).containsExactlyEntriesOf(expected);
        assertThat(packet.stateJson()).isEqualTo(PythonJson.write(expected));
        assertThat(packet.stateJson()).isEqualTo("{\"name\": \"caf\\u00e9 \\\"quoted\\\" / \\u2603 \\ud83d\\ude00\\n\"}");
        assertThat(packet.nodeId()).isEqualTo("me");
        assertThat(Signatures.verify(KEYS.publicKey(), packet.signedPart(), packet.signature())).isTrue();

        // The signature covers the timestamp and the data: a changed packet no longer verifies.
        StatePacket forgedTime = new StatePacket("me", packet.lastUpdate() + 1, packet.signature(), packet.stateJson());
        assertThat(Signatures.verify(KEYS.publicKey(), forgedTime.signedPart(), forgedTime.signature())).isFalse();
        StatePacket forgedData = new StatePacket("me", packet.lastUpdate(), packet.signature(), "{\"name\": \"x\"}");
        assertThat(Signatures.verify(KEYS.publicKey(), forgedData.signedPart(), forgedData.signature())).isFalse();
    }

    @Test
    void aStateIsSignedOnceWhenFirstNeededAndItsSizeIsKnownBefore() {
        OwnState own = fixedAt(NOW);
        OwnState.Snapshot written = own.update(map -> map.put("k", "v"));

        int sizeBeforeSigning = written.encodedSize();
        StatePacket packet = written.packet();

        assertThat(written.packet()).as("signed once, then the same packet").isSameAs(packet);
        assertThat(packet.encode()).hasSize(sizeBeforeSigning);
        assertThat(packet.lastUpdate()).isEqualTo(written.lastUpdate());
        assertThat(Signatures.verify(KEYS.publicKey(), packet.signedPart(), packet.signature())).isTrue();
    }

    @Test
    void keysKeepTheirInsertionOrder() {
        OwnState own = fixedAt(NOW);
        own.update(map -> map.put("z", "1"));
        own.update(map -> map.put("a", "2"));
        StatePacket packet = own.update(map -> map.put("m", "3")).packet();

        assertThat(own.current().data().keySet()).containsExactly("z", "a", "m");
        assertThat(packet.stateJson()).isEqualTo("{\"z\": \"1\", \"a\": \"2\", \"m\": \"3\"}");
    }

    @Test
    void theSnapshotDataCannotBeChangedFromOutside() {
        OwnState own = fixedAt(NOW);
        own.update(map -> map.put("k", "v"));
        Map<String, String> data = own.current().data();

        assertThatThrownBy(() -> data.put("k", "changed")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(own.current().data()).containsExactly(Map.entry("k", "v"));
        assertThat(own.current().packet().stateJson()).isEqualTo("{\"k\": \"v\"}");
    }

    @Test
    void dataAndPacketAlwaysMatchWhileWritesHappen() throws Exception {
        OwnState own = fixedAt(NOW);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                int n = i;
                own.update(map -> {
                    map.put("a", "" + n);
                    map.put("b", "" + n);
                });
            }
            done.set(true);
        }, "own-state-writer");
        writer.start();

        int checked = 0;
        while (!done.get() || checked == 0) {
            OwnState.Snapshot snapshot = own.current();
            assertThat(snapshot.packet().stateJson()).isEqualTo(PythonJson.write(snapshot.data()));
            assertThat(snapshot.data().get("a")).isEqualTo(snapshot.data().get("b"));
            checked++;
        }
        writer.join(10_000);
        OwnState.Snapshot last = own.current();
        assertThat(last.data()).containsEntry("a", "299").containsEntry("b", "299");
        assertThat(last.packet().stateJson()).isEqualTo(PythonJson.write(last.data()));
        assertThat(Signatures.verify(KEYS.publicKey(), last.packet().signedPart(), last.packet().signature())).isTrue();
    }

    /** A clock the test can set. */
    private static final class MutableClock extends Clock {

        volatile Instant instant;

        MutableClock(Instant instant) {
            this.instant = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
