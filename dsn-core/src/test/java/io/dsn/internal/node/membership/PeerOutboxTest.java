package io.dsn.internal.node.membership;

import io.dsn.Endpoint;
import io.dsn.internal.node.state.OwnState;
import io.dsn.internal.protocol.StatePacket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-peer outbox: one send in flight, newest state only, never stuck after a failure. */
class PeerOutboxTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    /** One call of the fake sender, with the future the test completes by hand. */
    record Send(Peer peer, StatePacket state, CompletableFuture<Void> done) {
    }

    /** Records every send and hands back a future the test completes. */
    static final class FakeSender implements PeerOutbox.Sender {

        final List<Send> sends = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<?> send(Peer peer, StatePacket state) {
            Send send = new Send(peer, state, new CompletableFuture<>());
            sends.add(send);
            return send.done();
        }

        Send last() {
            return sends.get(sends.size() - 1);
        }

        List<Double> timestamps() {
            return sends.stream().map(s -> s.state().lastUpdate()).toList();
        }
    }

    private static StatePacket state(double timestamp) {
        return new StatePacket("me", timestamp, new byte[64], "{\"n\": \"" + timestamp + "\"}");
    }

    private final Map<Peer, PeerOutbox> outboxes = new ConcurrentHashMap<>();

    private Peer peer(String id, PeerOutbox.Sender sender) {
        Peer peer = new Peer(id, new Endpoint("127.0.0.1", 9), NOW);
        outboxes.put(peer, new PeerOutbox(peer, sender));
        return peer;
    }

    private void offer(Peer peer, StatePacket state) {
        outboxes.get(peer).offer(OwnState.Snapshot.of(Map.of(), state));
    }

    @Test
    void aStateIsSentAtOnceToItsPeer() {
        FakeSender sender = new FakeSender();
        Peer peer = peer("b", sender);

        offer(peer, state(1));

        assertThat(sender.sends).hasSize(1);
        assertThat(sender.last().peer()).isSameAs(peer);
        assertThat(sender.last().state()).isEqualTo(state(1));
    }

    @Test
    void onlyOneSendIsInFlightPerPeer() {
        FakeSender sender = new FakeSender();
        Peer peer = peer("b", sender);

        offer(peer, state(1));
        offer(peer, state(2));

        assertThat(sender.timestamps()).containsExactly(1.0);

        sender.sends.get(0).done().complete(null);

        assertThat(sender.timestamps()).containsExactly(1.0, 2.0);

        sender.sends.get(1).done().complete(null);

        assertThat(sender.timestamps()).as("nothing left to send").containsExactly(1.0, 2.0);
    }

    @Test
    void aBurstWhileASendIsInFlightCollapsesToTheNewestState() {
        FakeSender sender = new FakeSender();
        Peer peer = peer("b", sender);
        offer(peer, state(0));

        for (int i = 1; i <= 100; i++) {
            offer(peer, state(i));
        }
        assertThat(sender.sends).hasSize(1);

        sender.sends.get(0).done().complete(null);

        assertThat(sender.timestamps()).containsExactly(0.0, 100.0);
        assertThat(sender.last().state()).isEqualTo(state(100));

        sender.last().done().complete(null);
        assertThat(sender.sends).as("exactly one more send, then nothing").hasSize(2);
    }

    @Test
    void anOlderStateDoesNotReplaceANewerOneThatIsWaiting() {
        FakeSender sender = new FakeSender();
        Peer peer = peer("b", sender);
        offer(peer, state(1));

        offer(peer, state(5));
        offer(peer, state(3));
        offer(peer, state(4));

        sender.sends.get(0).done().complete(null);

        assertThat(sender.timestamps()).containsExactly(1.0, 5.0);
        sender.last().done().complete(null);
        assertThat(sender.timestamps()).containsExactly(1.0, 5.0);
    }

    @Test
    void aFailedSendDoesNotStopLaterSends() {
        FakeSender sender = new FakeSender();
        Peer peer = peer("b", sender);
        offer(peer, state(1));
        offer(peer, state(2));

        sender.sends.get(0).done().completeExceptionally(new RuntimeException("peer unreachable"));

        assertThat(sender.timestamps()).as("the waiting state goes out after the failure").containsExactly(1.0, 2.0);

        sender.sends.get(1).done().completeExceptionally(new RuntimeException("still unreachable"));
        offer(peer, state(3));

        assertThat(sender.timestamps()).as("a new offer after a failure is sent at once").containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void aSenderThatThrowsDoesNotBlockTheOutbox() {
        AtomicInteger calls = new AtomicInteger();
        FakeSender recorder = new FakeSender();
        Peer peer = peer("b", (p, s) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("transport closed");
            }
            return recorder.send(p, s);
        });

        assertThatThrownBy(() -> offer(peer, state(1))).isInstanceOf(IllegalStateException.class);
        offer(peer, state(2));

        assertThat(recorder.timestamps()).containsExactly(2.0);
    }

    @Test
    void clearDropsTheWaitingState() {
        FakeSender sender = new FakeSender();
        Peer peer = peer("b", sender);
        offer(peer, state(1));
        offer(peer, state(2));

        outboxes.get(peer).clear();
        sender.sends.get(0).done().complete(null);

        assertThat(sender.timestamps()).containsExactly(1.0);

        offer(peer, state(3));
        assertThat(sender.timestamps()).as("the outbox still works after clear").containsExactly(1.0, 3.0);
    }

    @Test
    void aStuckPeerDoesNotHoldBackAnotherPeer() {
        FakeSender sender = new FakeSender();
        Peer stuck = peer("stuck", sender);
        Peer healthy = peer("healthy", sender);

        for (int i = 1; i <= 10; i++) {
            offer(stuck, state(i));
            offer(healthy, state(i));
            // the healthy peer answers at once; the stuck one never does
            sender.sends.stream()
                    .filter(s -> s.peer() == healthy && !s.done().isDone())
                    .forEach(s -> s.done().complete(null));
        }

        List<Double> toHealthy = sender.sends.stream().filter(s -> s.peer() == healthy).map(s -> s.state().lastUpdate()).toList();
        List<Double> toStuck = sender.sends.stream().filter(s -> s.peer() == stuck).map(s -> s.state().lastUpdate()).toList();
        assertThat(toHealthy).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(toStuck).containsExactly(1.0);
    }

    @Test
    void concurrentOffersNeverPutTwoSendsInFlightAndTheNewestAlwaysGoesOut() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        BlockingQueue<CompletableFuture<Void>> open = new LinkedBlockingQueue<>();
        List<Double> sent = new CopyOnWriteArrayList<>();
        Peer peer = peer("b", (p, s) -> {
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            sent.add(s.lastUpdate());
            CompletableFuture<Void> done = new CompletableFuture<>();
            open.add(done);
            return done;
        });

        AtomicLong clock = new AtomicLong();
        int writers = 6;
        int perWriter = 300;
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(writers);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < perWriter; i++) {
                        offer(peer, state(clock.incrementAndGet()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.countDown();
                }
            }, "offer-" + w);
            threads.add(thread);
            thread.start();
        }
        Thread completer = new Thread(() -> {
            try {
                while (true) {
                    CompletableFuture<Void> done = open.take();
                    inFlight.decrementAndGet();
                    done.complete(null);
                }
            } catch (InterruptedException e) {
                // test over
            }
        }, "completer");
        completer.start();
        try {
            go.countDown();
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
            long newest = clock.get();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> open.isEmpty() && inFlight.get() == 0 && sent.contains((double) newest));
            assertThat(mostInFlight.get()).isEqualTo(1);
            assertThat(sent.size()).isLessThanOrEqualTo(writers * perWriter);
            assertThat(sent).doesNotHaveDuplicates();
        } finally {
            completer.interrupt();
            for (Thread thread : threads) {
                thread.join(1000);
            }
        }
    }

    @Test
    void aStateOlderThanOneAlreadySentIsNotSentButTheSameStateAgainIs() {
        FakeSender sender = new FakeSender();
        Peer peer = peer("b", sender);

        offer(peer, state(5));
        sender.last().done().complete(null);
        offer(peer, state(4));
        offer(peer, state(5));

        assertThat(sender.timestamps()).containsExactly(5.0, 5.0);
    }
}
