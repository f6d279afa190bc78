package io.dsn.internal.node.exchange;

import io.dsn.DSNMetrics;
import io.dsn.Endpoint;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.sealing.CompatibleSealing;
import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.internal.node.guard.RefusalWarnings;
import io.dsn.internal.protocol.MessageType;
import io.dsn.runtime.VirtualTimeRuntime;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The outgoing call path on its own: retries, a transport that throws, and when a call is measured. */
class OutgoingCallTest {

    private final VirtualTimeRuntime time = new VirtualTimeRuntime(5);
    private final List<DSNMetrics.Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final DSNMetrics metrics = new DSNMetrics() {
        @Override
        public void messageSent(Message message, Outcome outcome, long nanos) {
            outcomes.add(outcome);
        }
    };

    @Test
    void aTransportThatThrowsFailsTheAttemptInsteadOfHangingTheCall() {
        AtomicInteger sends = new AtomicInteger();
        Transport throwing = transport(() -> {
            if (sends.incrementAndGet() == 1) {
                return CompletableFuture.failedFuture(new IOException("refused"));
            }
            throw new IllegalStateException("closed");
        });
        OutgoingCall call = new OutgoingCall(throwing, new CompatibleSealing(NetworkCipher.plaintext()), new RefusalWarnings("me"),
                new CallSettings(Duration.ofSeconds(1), 3, Duration.ofMillis(100)), time.newScheduler("calls"), time, metrics);

        CompletableFuture<byte[]> result = call.call(new Endpoint("127.0.0.1", 2), "peer", MessageType.PING, new byte[] {' '},
                payload -> payload);
        time.runFor(Duration.ofSeconds(10));

        assertThat(sends.get()).isEqualTo(3);
        assertThat(result).isCompletedExceptionally();
        assertThat(outcomes).containsExactly(DSNMetrics.Outcome.FAILED);
    }

    @Test
    void anAnswerThatIsRefusedWhenTakenCountsAsAFailureNotASuccess() {
        Transport answering = transport(() -> CompletableFuture.completedFuture(
                new TransportResponse(200, new byte[] {MessageType.PING.code()})));
        OutgoingCall call = new OutgoingCall(answering, new CompatibleSealing(NetworkCipher.plaintext()), new RefusalWarnings("me"),
                new CallSettings(Duration.ofSeconds(1), 1, Duration.ZERO), time.newScheduler("calls"), time, metrics);

        CompletableFuture<Object> result = call.call(new Endpoint("127.0.0.1", 2), "peer", MessageType.PING, new byte[] {' '},
                payload -> {
                    throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE, "not what was asked");
                });

        assertThat(result).isCompletedExceptionally();
        assertThat(outcomes).containsExactly(DSNMetrics.Outcome.FAILED);
    }

    @Test
    void onceOnlyLeaveMaySendOtherCallsFailAtOnceAndAreNoLongerRetried() {
        List<MessageType> sent = new CopyOnWriteArrayList<>();
        Transport failing = new Transport() {
            @Override
            public int listen(String bindAddress, int port, RequestHandler handler) {
                return port;
            }

            @Override
            public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
                sent.add(MessageType.fromPath(path).orElseThrow());
                return CompletableFuture.failedFuture(new IOException("no answer"));
            }

            @Override
            public void close() {
            }
        };
        OutgoingCall call = new OutgoingCall(failing, new CompatibleSealing(NetworkCipher.plaintext()), new RefusalWarnings("me"),
                new CallSettings(Duration.ofSeconds(1), 3, Duration.ofMillis(100)), time.newScheduler("calls"), time, metrics);
        Endpoint peer = new Endpoint("127.0.0.1", 2);
        CompletableFuture<byte[]> update = call.call(peer, "peer", MessageType.UPDATE, new byte[] {1}, payload -> payload);

        call.sendOnly(MessageType.LEAVE);
        CompletableFuture<byte[]> later = call.call(peer, "peer", MessageType.UPDATE, new byte[] {2}, payload -> payload);
        call.call(peer, "peer", MessageType.LEAVE, new byte[] {3}, payload -> payload);
        time.runFor(Duration.ofSeconds(10));

        assertThat(update).as("its retries were dropped").isCompletedExceptionally();
        assertThat(later).isCompletedExceptionally();
        assertThat(sent).as("one UPDATE attempt before, then LEAVE with its retries")
                .containsExactly(MessageType.UPDATE, MessageType.LEAVE, MessageType.LEAVE, MessageType.LEAVE);
    }

    private interface Send {
        CompletableFuture<TransportResponse> send();
    }

    private static Transport transport(Send send) {
        return new Transport() {
            @Override
            public int listen(String bindAddress, int port, RequestHandler handler) {
                return port;
            }

            @Override
            public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
                return send.send();
            }

            @Override
            public void close() {
            }
        };
    }
}
