package io.dsn.spring.autoconfigure;

import io.dsn.DSNEvent;
import io.dsn.DSNode;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.PeerLeft;
import io.dsn.PeerStateChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application shut down gracefully while a request that writes to the node is still
 * running: the node stops only after the web server drained that request, so the write succeeds
 * and reaches the peer, which then drops the node at once (it said it was leaving).
 */
class GracefulShutdownTests {

    private static final String KEY = DSNodeServer.generateKey();

    @TempDir
    Path credentials;

    private DSNodeServer peer;

    @AfterEach
    void stopPeer() {
        if (peer != null) {
            peer.stop();
        }
    }

    @Test
    void aRequestInFlightAtShutdownWritesAndItsWriteReachesThePeer() throws Exception {
        List<DSNEvent> heard = new CopyOnWriteArrayList<>();
        // A tick of a minute: the peer can only drop the node this soon because the node said it leaves.
        peer = DSNodeServer.start(DSNodeConfig.builder().nodeId("peer").port(0).aesKey(KEY)
                .credentialDir(credentials.resolve("peer")).tickInterval(Duration.ofMinutes(1)).build(), heard::add);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class).properties(
                "server.port=0", "server.shutdown=graceful", "spring.lifecycle.timeout-per-shutdown-phase=20s",
                "dsn.node-id=web", "dsn.port=0", "dsn.aes-key=" + KEY,
                "dsn.credential-dir=" + credentials.resolve("web"),
                "dsn.bootstrap-nodes=127.0.0.1:" + peer.endpoint().port()).run();
        int webPort = ((WebServerApplicationContext) context).getWebServer().getPort();
        Signals signals = context.getBean(Signals.class);

        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/write"))
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signals.requestRunning.await(10, TimeUnit.SECONDS)).as("the request reached the controller").isTrue();

        context.close();

        HttpResponse<String> answer = response.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("written");
        assertThat(peer.peers()).as("dropped at once, not after a minute of failed pings").containsExactly("peer");
        List<DSNEvent> ofWeb = heard.stream().filter(event -> event instanceof PeerStateChanged changed
                && changed.nodeId().equals("web") || event instanceof PeerLeft).toList();
        assertThat(ofWeb).last().isEqualTo(new PeerLeft("web", PeerLeft.Reason.LEFT));
        assertThat(ofWeb).anySatisfy(event -> assertThat(((PeerStateChanged) event).current())
                .containsEntry("last", "write"));
    }

    /** Latches between the test, the controller and the shutdown. */
    static class Signals {
        final CountDownLatch requestRunning = new CountDownLatch(1);
        final CountDownLatch shutdownBegun = new CountDownLatch(1);
    }

    @RestController
    static class WritingController {

        private final DSNode dsn;
        private final Signals signals;

        WritingController(DSNode dsn, Signals signals) {
            this.dsn = dsn;
            this.signals = signals;
        }

        /** Writes once the shutdown has begun: after every lifecycle bean of the default phase stopped. */
        @PostMapping("/write")
        String write() throws InterruptedException {
            signals.requestRunning.countDown();
            if (!signals.shutdownBegun.await(20, TimeUnit.SECONDS)) {
                return "the shutdown never began";
            }
            dsn.updateData("last", "write");
            return "written";
        }
    }

    /** Stops just before the web server's graceful shutdown, and so after anything of a higher phase. */
    static class ShutdownSignal implements SmartLifecycle {

        private final Signals signals;
        private volatile boolean running;

        ShutdownSignal(Signals signals) {
            this.signals = signals;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            signals.shutdownBegun.countDown();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(WritingController.class)
    static class WebApplication {

        @Bean
        Signals signals() {
            return new Signals();
        }

        @Bean
        ShutdownSignal shutdownSignal(Signals signals) {
            return new ShutdownSignal(signals);
        }
    }
}
