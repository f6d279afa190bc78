package example;

import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.PeerStateChanged;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Two nodes on loopback: the founder makes the network, a sensor joins it and writes; the founder reads. */
public final class TwoNodes {

    private TwoNodes() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("founder read temperature=" + run(Files.createTempDirectory("dsn-consumer-")));
    }

    /** The value the founder reads of the sensor's write, once it has arrived. */
    static String run(Path credentials) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<String> arrived = new CompletableFuture<>();
        try (DSNodeServer founder = DSNodeServer.start(DSNodeConfig.builder()
                .nodeId("founder").port(0).credentialDir(credentials).build(), event -> {
                    if (event instanceof PeerStateChanged changed && changed.current().containsKey("temperature")) {
                        arrived.complete(changed.current().get("temperature"));
                    }
                });
             DSNodeServer sensor = DSNodeServer.start(DSNodeConfig.builder()
                     .nodeId("sensor-1").port(0).credentialDir(credentials)
                     .aesKey(founder.networkKey().orElseThrow())
                     .addBootstrapNode("127.0.0.1", founder.endpoint().port())
                     .build())) {
            sensor.updateData("temperature", "21.5");   // asynchronous: pushed to the founder in the background
            String received = arrived.get(30, TimeUnit.SECONDS);
            if (!founder.readData("sensor-1", "temperature").equals(java.util.Optional.of(received))) {
                throw new IllegalStateException("the founder's copy differs from the value it was told of");
            }
            String answer = founder.sendToNode("sensor-1", "calibrate".getBytes());
            if (!"OK".equals(answer)) {
                throw new IllegalStateException("sendToNode answered " + answer);
            }
            return received;
        }
    }
}
