package example.modules;

import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.PeerStateChanged;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Two nodes over HTTP on loopback, run from a module: a member joins the founder and writes, the
 * founder hears of it and reads the write. Netty, Bouncy Castle, SLF4J and Jackson are reached only
 * through dsn-core's module and what it requires.
 */
public final class ModularNodes {

    private ModularNodes() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("founder read mode=" + run(Files.createTempDirectory("dsn-modules-")));
    }

    /** What the founder reads of the member's write, once it has arrived. */
    public static String run(Path credentials) throws Exception {
        CompletableFuture<String> arrived = new CompletableFuture<>();
        try (DSNodeServer founder = DSNodeServer.start(DSNodeConfig.builder()
                .nodeId("founder").port(0).credentialDir(credentials).build(), event -> {
                    if (event instanceof PeerStateChanged changed && changed.current().containsKey("mode")) {
                        arrived.complete(changed.current().get("mode"));
                    }
                });
             DSNodeServer member = DSNodeServer.start(DSNodeConfig.builder()
                     .nodeId("member").port(0).credentialDir(credentials)
                     .aesKey(founder.networkKey().orElseThrow())
                     .addBootstrapNode("127.0.0.1", founder.endpoint().port())
                     .build())) {
            member.updateData("mode", "modular");
            String received = arrived.get(30, TimeUnit.SECONDS);
            if (!founder.peers().contains("member") || !founder.readData("member", "mode").equals(Optional.of(received))) {
                throw new IllegalStateException("the founder's view of the member differs from what it was told");
            }
            return received;
        }
    }
}
