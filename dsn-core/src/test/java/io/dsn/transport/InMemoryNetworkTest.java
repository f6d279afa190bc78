package io.dsn.transport;

import io.dsn.Endpoint;
import io.dsn.PortInUseException;
import io.dsn.runtime.VirtualTimeRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-memory network on its own, with echoing transports, in virtual time. */
class InMemoryNetworkTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final VirtualTimeRuntime time = new VirtualTimeRuntime(3);
    private final InMemoryNetwork network = new InMemoryNetwork(time);

    @AfterEach
    void close() {
        network.close();
    }

    @Test
    void aRequestReachesTheHandlerWithTheSendersAddressAndTheAnswerComesBack() throws Exception {
        Transport server = network.transport("10.0.0.1");
        int port = server.listen("0.0.0.0", 0, (path, body, remote) -> new TransportResponse(200, (path + " " + remote).getBytes()));
        Transport client = network.transport("10.0.0.2");
        client.listen("0.0.0.0", 0, (path, body, remote) -> TransportResponse.status(204));

        TransportResponse answer = time.await(client.send(new Endpoint("10.0.0.1", port), "/ping", new byte[1], TIMEOUT), TIMEOUT);

        assertThat(new String(answer.body())).isEqualTo("/ping 10.0.0.2");
    }

    @Test
    void aTakenPortIsRefusedAndPortZeroPicksAFreeOne() {
        Transport first = network.transport();
        int port = first.listen("127.0.0.1", 0, (path, body, remote) -> TransportResponse.status(204));

        assertThatThrownBy(() -> network.transport().listen("127.0.0.1", port, (path, body, remote) -> null))
                .isInstanceOf(PortInUseException.class);
        assertThat(network.transport().listen("127.0.0.1", 0, (path, body, remote) -> null)).isNotEqualTo(port);
    }

    @Test
    void aTakenPortSaysWhichInMemoryNetworkHoldsItAndNoProcessDoes() {
        try (InMemoryNetwork named = new InMemoryNetwork("orders-test", time)) {
            int port = named.transport().listen("127.0.0.1", 0, (path, body, remote) -> TransportResponse.status(204));

            assertThatThrownBy(() -> named.transport().listen("127.0.0.1", port, (path, body, remote) -> null))
                    .isInstanceOfSatisfying(InMemoryPortInUseException.class, e -> {
                        assertThat(e.port()).isEqualTo(port);
                        assertThat(e.networkName()).isEqualTo("orders-test");
                    })
                    .hasMessageContaining("in-memory network 'orders-test'")
                    .hasMessageContaining("another node of this JVM")
                    .hasMessageNotContaining("process");
        }
    }

    @Test
    void aNetworkWithoutANameGetsOneOfItsOwnAndABlankNameIsRefused() {
        assertThat(network.name()).startsWith("in-memory-");
        try (InMemoryNetwork other = new InMemoryNetwork(time)) {
            assertThat(other.name()).isNotEqualTo(network.name());
        }
        assertThatThrownBy(() -> new InMemoryNetwork(" ", time))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }

    @Test
    void nothingListeningIsRefusedAtOnceButABlackholeTimesOut() throws Exception {
        Transport server = network.transport();
        Endpoint target = new Endpoint(InMemoryNetwork.DEFAULT_ADDRESS,
                server.listen("0.0.0.0", 0, (path, body, remote) -> TransportResponse.status(204)));
        Transport client = network.transport();

        Duration before = time.elapsed();
        assertThatThrownBy(() -> time.await(client.send(new Endpoint("127.0.0.1", 1), "/ping", new byte[1], TIMEOUT), TIMEOUT))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectException.class);
        assertThat(time.elapsed()).isEqualTo(before);

        network.blackhole(target);
        CompletableFuture<TransportResponse> lost = client.send(target, "/ping", new byte[1], TIMEOUT);
        time.runFor(TIMEOUT.minusMillis(1));
        assertThat(lost).isNotDone();
        time.runFor(Duration.ofMillis(1));
        assertThat(lost).isCompletedExceptionally();
        assertThatThrownBy(lost::get).hasCauseInstanceOf(TimeoutException.class);

        network.heal();
        assertThat(time.await(client.send(target, "/ping", new byte[1], TIMEOUT), TIMEOUT).status()).isEqualTo(204);
    }

    @Test
    void aPartitionCutsBothWaysAndOnlyBetweenItsEndpoints() throws Exception {
        Host a = host("10.0.1.1");
        Host b = host("10.0.1.2");
        Host c = host("10.0.1.3");
        network.partition(a.endpoint(), b.endpoint());

        assertThat(sendAndWait(a, b)).isNotDone();
        assertThat(sendAndWait(b, a)).isNotDone();
        assertThat(sendAndWait(a, c)).isCompletedWithValue(TransportResponse.status(204));
        network.heal();
        assertThat(sendAndWait(a, b)).isCompletedWithValue(TransportResponse.status(204));
    }

    @Test
    void aCutIsOneWayWhatItsSourceSendsVanishesRequestsAndAnswersAlike() throws Exception {
        AtomicInteger handledByB = new AtomicInteger();
        Host a = host("10.0.1.1");
        Transport bTransport = network.transport("10.0.1.2");
        Host b = new Host(bTransport, new Endpoint("10.0.1.2", bTransport.listen("0.0.0.0", 0, (path, body, remote) -> {
            handledByB.incrementAndGet();
            return TransportResponse.status(204);
        })));
        Host c = host("10.0.1.3");
        network.cut(b.endpoint(), a.endpoint());

        // b's request to a never arrives; a's request to b is handled by b, and b's answer vanishes.
        assertThat(sendAndWait(b, a)).isNotDone();
        assertThat(sendAndWait(a, b)).isNotDone();
        assertThat(handledByB).hasValue(1);
        assertThat(sendAndWait(b, c)).isCompletedWithValue(TransportResponse.status(204));
        assertThat(sendAndWait(c, a)).isCompletedWithValue(TransportResponse.status(204));
        network.heal();
        assertThat(sendAndWait(b, a)).isCompletedWithValue(TransportResponse.status(204));
    }

    @Test
    void anAnsweredRequestLeavesNoTimeoutBehindOnTheTimeline() throws Exception {
        Endpoint a = host("10.0.1.1").endpoint();
        Transport client = network.transport();
        for (int i = 0; i < 10; i++) {
            time.await(client.send(a, "/x", new byte[1], Duration.ofMinutes(10)), TIMEOUT);
        }

        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void closingTheNetworkFailsTheRequestsStillWaiting() {
        Host a = host("10.0.1.1");
        network.blackhole(a.endpoint());
        CompletableFuture<TransportResponse> waiting = network.transport().send(a.endpoint(), "/x", new byte[1], TIMEOUT);
        time.runFor(Duration.ofMillis(10));

        network.close();

        assertThat(waiting).isCompletedExceptionally();
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        Endpoint a = host("10.0.1.1").endpoint();
        network.setMaxBodySize(100);
        Transport client = network.transport();

        assertThat(time.await(client.send(a, "/x", new byte[101], TIMEOUT), TIMEOUT).status()).isEqualTo(413);
        assertThat(time.await(client.send(a, "/x", new byte[100], TIMEOUT), TIMEOUT).status()).isEqualTo(204);
    }

    @Test
    void delaysAreWithinTheirRangeAndLossLosesRequests() throws Exception {
        Endpoint a = host("10.0.1.1").endpoint();
        Transport client = network.transport();
        network.setDelay(Duration.ofMillis(10), Duration.ofMillis(20));
        Duration before = time.elapsed();
        time.await(client.send(a, "/x", new byte[1], TIMEOUT), TIMEOUT);
        assertThat(time.elapsed().minus(before)).isBetween(Duration.ofMillis(20), Duration.ofMillis(40));

        network.setLoss(1.0);
        CompletableFuture<TransportResponse> lost = client.send(a, "/x", new byte[1], TIMEOUT);
        time.runFor(TIMEOUT.plusMillis(50));
        assertThat(lost).isCompletedExceptionally();
    }

    /** A transport listening at an address of its own, answering 204 to everything. */
    private record Host(Transport transport, Endpoint endpoint) {
    }

    private Host host(String address) {
        Transport transport = network.transport(address);
        int port = transport.listen("0.0.0.0", 0, (path, body, remote) -> TransportResponse.status(204));
        return new Host(transport, new Endpoint(address, port));
    }

    /** Sends one request and lets 100 ms of virtual time pass, well under the timeout. */
    private CompletableFuture<TransportResponse> sendAndWait(Host from, Host to) {
        CompletableFuture<TransportResponse> sent = from.transport().send(to.endpoint(), "/x", new byte[1], TIMEOUT);
        time.runFor(Duration.ofMillis(100));
        return sent;
    }
}
