package io.dsn.benchmarks.simulation;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.dsn.benchmarks.network.Cluster;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the simulated nodes keep their credentials: an in-memory file system by default (N
 * nodes pin N-1 keys each, a million files for N = 1,000), or a new directory under a real one.
 * The nodes' code is the same either way: it writes through {@link java.nio.file.Files}.
 */
public final class CredentialDirectory implements AutoCloseable {

    private final Path path;
    private final Optional<FileSystem> inMemory;

    private CredentialDirectory(Path path, Optional<FileSystem> inMemory) {
        this.path = path;
        this.inMemory = inMemory;
    }

    /** In memory when {@code parent} is empty, else a new directory under it. */
    public static CredentialDirectory open(Optional<Path> parent) throws IOException {
        if (parent.isPresent()) {
            Files.createDirectories(parent.get());
            return new CredentialDirectory(Files.createTempDirectory(parent.get(), "dsn-simulate-"), Optional.empty());
        }
        // Small blocks: most files are 64-byte keys, and the default 8 KiB block each would not fit.
        FileSystem fileSystem = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setBlockSize(256)
                .setMaxSize(8L << 30)
                .setMaxCacheSize(16L << 20)
                .build());
        Path root = fileSystem.getPath("/credentials");
        Files.createDirectories(root);
        return new CredentialDirectory(root, Optional.of(fileSystem));
    }

    public Path path() {
        return path;
    }

    public String describe() {
        return inMemory.isPresent() ? "in memory (Jimfs)" : "on disk under " + path;
    }

    @Override
    public void close() throws IOException {
        if (inMemory.isPresent()) {
            inMemory.get().close();
            return;
        }
        Cluster.deleteRecursively(path);
    }
}
