package io.dsn.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void ownKeyPairSurvivesARestart() {
        NodeKeyPair first = new CredentialStore(dir, "node-a").loadOrCreateOwnKeyPair(RANDOM);
        NodeKeyPair second = new CredentialStore(dir, "node-a").loadOrCreateOwnKeyPair(RANDOM);
        assertThat(second.privateKey()).isEqualTo(first.privateKey());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        NodeKeyPair other = new CredentialStore(dir, "node-b").loadOrCreateOwnKeyPair(RANDOM);
        assertThat(other.privateKey()).isNotEqualTo(first.privateKey());
    }

    @Test
    void filesFollowThePythonLayout() throws IOException {
        CredentialStore store = new CredentialStore(dir, "node-a");
        NodeKeyPair pair = store.loadOrCreateOwnKeyPair(RANDOM);
        store.pin("node-b", Vectors.publicKey("b"));

        Path nodeDir = dir.resolve("node-a");
        assertThat(Files.readAllBytes(nodeDir.resolve("node-a.key"))).hasSize(32).isEqualTo(pair.privateKey());
        assertThat(Files.readAllBytes(nodeDir.resolve("node-a.pub"))).hasSize(64).isEqualTo(pair.publicKey());
        assertThat(Files.readAllBytes(nodeDir.resolve("node-b.pub"))).isEqualTo(Vectors.publicKey("b"));
        try (Stream<Path> files = Files.list(nodeDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("node-a.key", "node-a.pub", "node-b.pub");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("node-a");
        }
        assertThat(store.pinnedKey("node-a")).hasValueSatisfying(k -> assertThat(k).isEqualTo(pair.publicKey()));
    }

    /**
     * Issue 13: two processes creating one identity's key pair at once left on disk a key other
     * than the one some of them used. Whoever comes second must load the first one's key.
     */
    @Test
    void storesCreatingOneKeyPairAtOnceAllEndUpWithTheOneOnDisk() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path roundDir = dir.resolve("round-" + round);
            int racers = 4;
            CyclicBarrier start = new CyclicBarrier(racers);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                List<Future<NodeKeyPair>> created = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    created.add(pool.submit(() -> {
                        CredentialStore store = new CredentialStore(roundDir, "twin");
                        start.await();
                        return store.loadOrCreateOwnKeyPair(new SecureRandom());
                    }));
                }
                byte[] onDisk = null;
                for (Future<NodeKeyPair> pair : created) {
                    NodeKeyPair used = pair.get(10, TimeUnit.SECONDS);
                    onDisk = onDisk != null ? onDisk : Files.readAllBytes(roundDir.resolve("twin").resolve("twin.key"));
                    assertThat(used.privateKey()).as("round %d", round).isEqualTo(onDisk);
                }
                assertThat(Files.readAllBytes(roundDir.resolve("twin").resolve("twin.pub")))
                        .isEqualTo(NodeKeyPair.fromPrivateKey(onDisk).publicKey());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void loadsAKeyWrittenByThePythonNode() throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve("node-a"));
        Files.write(nodeDir.resolve("node-a.key"), Vectors.privateKey("a"));
        NodeKeyPair pair = new CredentialStore(dir, "node-a").loadOrCreateOwnKeyPair(RANDOM);
        assertThat(pair.publicKey()).isEqualTo(Vectors.publicKey("a"));
        assertThat(Files.readAllBytes(nodeDir.resolve("node-a.pub"))).isEqualTo(Vectors.publicKey("a"));
    }

    @Test
    void privateKeyFileIsOwnerOnly() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        CredentialStore store = new CredentialStore(dir, "node-a");
        store.loadOrCreateOwnKeyPair(RANDOM);
        store.storeNetworkKey(NetworkKey.generate(RANDOM));
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("node-a/node-a.key"))).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(dir.resolve("node-a/network-key.hex"))).isEqualTo(ownerOnly);
    }

    @Test
    void corruptPrivateKeyIsReportedWithItsFile() throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve("node-a"));
        Files.write(nodeDir.resolve("node-a.key"), new byte[31]);
        assertThatThrownBy(() -> new CredentialStore(dir, "node-a").loadOrCreateOwnKeyPair(RANDOM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node-a.key")
                .hasMessageContaining("31");
        Files.write(nodeDir.resolve("node-a.key"), new byte[32]);
        assertThatThrownBy(() -> new CredentialStore(dir, "node-a").loadOrCreateOwnKeyPair(RANDOM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node-a.key");
    }

    @Test
    void pinsOnFirstSightThenCompares() {
        CredentialStore store = new CredentialStore(dir, "node-a");
        byte[] keyB = Vectors.publicKey("b");
        assertThat(store.pinnedKey("node-b")).isEmpty();
        assertThat(store.pin("node-b", keyB)).isEqualTo(PinResult.NEWLY_PINNED);
        assertThat(store.pin("node-b", keyB.clone())).isEqualTo(PinResult.ALREADY_PINNED);
        assertThat(store.pin("node-b", Vectors.publicKey("a"))).isEqualTo(PinResult.CONFLICT);
        assertThat(store.pinnedKey("node-b")).hasValueSatisfying(k -> assertThat(k).isEqualTo(keyB));
    }

    @Test
    void conflictLeavesTheFileAlone() throws IOException {
        CredentialStore store = new CredentialStore(dir, "node-a");
        store.pin("node-b", Vectors.publicKey("b"));
        store.pin("node-b", Vectors.publicKey("a"));
        assertThat(Files.readAllBytes(dir.resolve("node-a/node-b.pub"))).isEqualTo(Vectors.publicKey("b"));
    }

    @Test
    void pinsSurviveARestart() {
        new CredentialStore(dir, "node-a").pin("node-b", Vectors.publicKey("b"));
        CredentialStore restarted = new CredentialStore(dir, "node-a");
        assertThat(restarted.pinnedKey("node-b")).hasValueSatisfying(k -> assertThat(k).isEqualTo(Vectors.publicKey("b")));
        assertThat(restarted.pin("node-b", Vectors.publicKey("a"))).isEqualTo(PinResult.CONFLICT);
        assertThat(restarted.pin("node-b", Vectors.publicKey("b"))).isEqualTo(PinResult.ALREADY_PINNED);
    }

    @Test
    void pinnedKeysAreCachedAndCopied() throws IOException {
        CredentialStore store = new CredentialStore(dir, "node-a");
        store.pin("node-b", Vectors.publicKey("b"));
        store.pinnedKey("node-b").orElseThrow()[0] ^= 1;
        Files.delete(dir.resolve("node-a/node-b.pub"));
        assertThat(store.pinnedKey("node-b")).hasValueSatisfying(k -> assertThat(k).isEqualTo(Vectors.publicKey("b")));
    }

    @Test
    void rejectsAKeyThatIsNot64Bytes() {
        CredentialStore store = new CredentialStore(dir, "node-a");
        assertThatThrownBy(() -> store.pin("node-b", new byte[65])).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.pinnedKey("node-b")).isEmpty();
    }

    @Test
    void unsafeIdsAreRejectedEverywhere() {
        CredentialStore store = new CredentialStore(dir, "node-a");
        List<String> unsafe = List.of("", ".", "..", "../node-a", "a/b", "a\\b", "a\u0000b", "a\nb", "\u007f",
                "x".repeat(252), "\ud800");
        for (String id : unsafe) {
            assertThat(CredentialStore.isSafeNodeId(id)).as("id %s", id).isFalse();
            assertThatThrownBy(() -> store.pin(id, Vectors.publicKey("b"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.pinnedKey(id)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CredentialStore(dir, id)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(CredentialStore.isSafeNodeId(null)).isFalse();
        assertThat(dir.resolve("node-a.pub")).doesNotExist();
    }

    @Test
    void ordinaryIdsAreSafe() {
        for (String id : List.of("node-a", "a", "...", ".hidden", "host:8000", "n\u00e9ud \ud83d\ude00", "x".repeat(251))) {
            assertThat(CredentialStore.isSafeNodeId(id)).as("id %s", id).isTrue();
        }
        CredentialStore store = new CredentialStore(dir, "node-a");
        String longest = "x".repeat(251);
        assertThat(store.pin(longest, Vectors.publicKey("b"))).isEqualTo(PinResult.NEWLY_PINNED);
        assertThat(new CredentialStore(dir, "node-a").pinnedKey(longest)).isPresent();
    }

    @Test
    void storesAndLoadsTheNetworkKey() throws IOException {
        CredentialStore store = new CredentialStore(dir, "node-a");
        assertThat(store.loadNetworkKey()).isEmpty();
        NetworkKey key = NetworkKey.generate(RANDOM);
        store.storeNetworkKey(key);
        assertThat(new CredentialStore(dir, "node-a").loadNetworkKey()).contains(key.toHex());
        assertThat(Files.readString(dir.resolve("node-a/network-key.hex"), StandardCharsets.US_ASCII))
                .isEqualTo(key.toHex());
        NetworkKey replacement = NetworkKey.generate(RANDOM);
        store.storeNetworkKey(replacement);
        assertThat(store.loadNetworkKey()).contains(replacement.toHex());
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        CredentialStore store = new CredentialStore(dir, "node-a");
        store.loadOrCreateOwnKeyPair(RANDOM);
        store.pin("node-b", Vectors.publicKey("b"));
        store.storeNetworkKey(NetworkKey.generate(RANDOM));
        try (Stream<Path> files = Files.list(dir.resolve("node-a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
    }

    @Test
    void anEmptyPinLeftByACrashIsPinnedAgainNotARefusal() throws IOException {
        Path nodeDir = dir.resolve("node-a");
        Files.createDirectories(nodeDir);
        Files.write(nodeDir.resolve("node-b.pub"), new byte[0]);
        CredentialStore store = new CredentialStore(dir, "node-a");
        assertThat(store.pinnedKey("node-b")).isEmpty();
        assertThat(store.pin("node-b", Vectors.publicKey("b"))).isEqualTo(PinResult.NEWLY_PINNED);
        assertThat(Files.readAllBytes(nodeDir.resolve("node-b.pub"))).isEqualTo(Vectors.publicKey("b"));
    }

    @Test
    void aPinIsKeptDecodedAndVerifiesItsNodesSignatures() {
        CredentialStore store = new CredentialStore(dir, "node-a");
        NodeKeyPair b = NodeKeyPair.fromPrivateKey(Vectors.privateKey("b"));
        store.pin("node-b", b.publicKey());
        byte[] message = {1, 2, 3};
        assertThat(store.pinnedVerifyingKey("node-b")).hasValueSatisfying(key -> {
            assertThat(key.verify(message, b.sign(message))).isTrue();
            assertThat(key.verify(new byte[] {1, 2, 4}, b.sign(message))).isFalse();
        });
        assertThat(new CredentialStore(dir, "node-a").pinnedVerifyingKey("node-b"))
                .hasValueSatisfying(key -> assertThat(key.verify(message, b.sign(message))).isTrue());
        assertThat(store.pinnedVerifyingKey("node-c")).isEmpty();
    }

    @Test
    void sixtyFourBytesThatAreNoPublicKeyAreNeitherPinnedNorRead() throws IOException {
        CredentialStore store = new CredentialStore(dir, "node-a");
        assertThatThrownBy(() -> store.pin("node-b", new byte[64])).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.pinnedKey("node-b")).isEmpty();
        Files.createDirectories(dir.resolve("node-a"));
        Files.write(dir.resolve("node-a/node-c.pub"), new byte[64]);
        assertThatThrownBy(() -> store.pinnedVerifyingKey("node-c")).isInstanceOf(UnreadablePinException.class)
                .hasMessageContaining("not a public key");
    }
}
