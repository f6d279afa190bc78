package io.dsn.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The credential directory of a node on the in-memory transport without {@code dsn.credential-dir}:
 * a temporary directory of this context's own, made on first use and deleted when the context
 * closes (after the node stopped), so that a test needs no credential files and leaves none.
 */
final class TemporaryCredentials implements DisposableBean {

    private @Nullable Path directory;

    synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("dsn-in-memory-credentials-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make a temporary credential directory", e);
            }
        }
        return directory;
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (directory != null) {
            FileSystemUtils.deleteRecursively(directory);
            directory = null;
        }
    }
}
