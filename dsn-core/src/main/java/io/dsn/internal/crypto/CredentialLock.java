package io.dsn.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a node's credential directory ({@code <dir>/<own id>/node.lock}), held for
 * the node's lifetime: two processes with one identity would otherwise race to create its key
 * pair and then overwrite each other's state in the network. The lock file stays when the lock
 * is released (deleting it could let a third process lock a file that a second one is opening).
 */
public final class CredentialLock implements AutoCloseable {

    static final String FILE_NAME = "node.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private CredentialLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the directory of a node's credentials, creating it if needed.
     *
     * @throws IllegalStateException when another node, in this process or another, holds the lock
     * @throws UncheckedIOException when the directory or its lock file cannot be created
     */
    public static CredentialLock acquire(Path nodeDir) {
        Path file = nodeDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            Files.createDirectories(nodeDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock file " + file, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // held by another node of this process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new IllegalStateException("the credential directory " + nodeDir + " is in use by another running node"
                    + " (it holds " + file + "): two nodes with one id and one credential directory would fight over"
                    + " its identity. Stop the other node, or give this one another node id or credential directory");
        }
        return new CredentialLock(file, channel, lock);
    }

    /** Releases the lock; the next node with this identity can start. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it anyway
        }
        closeQuietly(channel);
    }

    @Override
    public String toString() {
        return "CredentialLock[" + file + "]";
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more can be done
        }
    }
}
