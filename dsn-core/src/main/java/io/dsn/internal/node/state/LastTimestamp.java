package io.dsn.internal.node.state;

import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.NodeFile;
import io.dsn.internal.protocol.WireTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The newest timestamp of this node's own states, kept on disk so that a restarted node continues
 * after it even when its clock is now behind: its peers refuse states older than the newest they
 * took, so a node starting over from an earlier time would see its writes ignored until its
 * clock caught up.
 *
 * <p>Written at most once a tick, when the newest timestamp changed, and at stop. The file
 * ({@code last-timestamp.txt}) holds the timestamp in seconds, followed by {@code " stopped"}
 * when written at a clean stop. Without that word the node may have stopped without writing its
 * last timestamps, which are at most a tick newer: a restart then continues a margin later.
 */
public final class LastTimestamp {

    private static final Logger log = LoggerFactory.getLogger(LastTimestamp.class);
    private static final String STOPPED = "stopped";

    private final CredentialStore store;
    private final double continueAfter;
    private double written = Double.NaN;
    private boolean writeFailureLogged;

    /**
     * Reads the stored timestamp, and warns when the clock is behind it.
     *
     * @param margin how much newer than the stored timestamp the last ones may have been, when
     *               the node did not stop cleanly: the longest time between two writes
     */
    public LastTimestamp(CredentialStore store, Clock clock, Duration margin) {
        this.store = store;
        double stored = 0;
        boolean stopped = true;
        try {
            String text = store.load(NodeFile.LAST_TIMESTAMP)
                    .map(bytes -> new String(bytes, StandardCharsets.US_ASCII).strip()).orElse("");
            stopped = text.endsWith(STOPPED);
            String number = stopped ? text.substring(0, text.length() - STOPPED.length()).strip() : text;
            stored = number.isEmpty() ? 0 : Double.parseDouble(number);
        } catch (UncheckedIOException | NumberFormatException e) {
            log.warn("Cannot read {}: {}; own timestamps follow the clock", file(), e.toString());
        }
        if (!Double.isFinite(stored) || stored < 0) {
            stored = 0;
        }
        this.continueAfter = stopped ? stored : stored + WireTime.toSeconds(margin);
        double now = WireTime.toSeconds(clock.instant());
        if (now < stored) {
            log.warn("The clock of this node is {} s behind the newest timestamp it used before ({}): its states"
                    + " continue after that one so that peers take its writes, but set the clock right",
                    String.format("%.3f", stored - now), file());
        }
    }

    /** Own timestamps must be later than this one. */
    public double continueAfter() {
        return continueAfter;
    }

    /** Writes the newest own timestamp if it changed (at each tick); a failure is logged once, never thrown. */
    public synchronized void write(double newest) {
        write(newest, "");
    }

    /** Writes the newest own timestamp as that of a clean stop. */
    public synchronized void writeStopped(double newest) {
        written = Double.NaN;
        write(newest, " " + STOPPED);
    }

    private void write(double newest, String suffix) {
        if (newest == written) {
            return;
        }
        try {
            store.store(NodeFile.LAST_TIMESTAMP, (newest + suffix + "\n").getBytes(StandardCharsets.US_ASCII));
            written = newest;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ClosedByInterruptException) {
                // The node is stopping and interrupted its tick; the stop writes the file itself.
                Thread.currentThread().interrupt();
                return;
            }
            if (!writeFailureLogged) {
                writeFailureLogged = true;
                log.warn("Cannot write {}: {}. The node works on, but after a restart with its clock behind its"
                        + " peers would ignore its writes for a while", file(), e.getCause().toString());
            }
        }
    }

    private Path file() {
        return store.pathOf(NodeFile.LAST_TIMESTAMP);
    }
}
