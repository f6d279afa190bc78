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
 * <p>The file ({@code last-timestamp.txt}) holds a number of seconds and a word. {@code reserved}:
 * no timestamp of the node is later than that number. Before the node uses a timestamp past the
 * reservation it writes a new one, a margin ahead, so a crash at any moment leaves a file that
 * covers every timestamp used, whatever the clock does after the restart; a node writing
 * steadily writes the file once per margin of time. {@code stopped}: written at a clean stop,
 * the newest timestamp exactly. A number alone (written by an earlier version) may be up to a
 * margin older than the last timestamps used: a restart continues a margin later.
 */
public final class LastTimestamp {

    private static final Logger log = LoggerFactory.getLogger(LastTimestamp.class);
    private static final String STOPPED = "stopped";
    private static final String RESERVED = "reserved";

    private final CredentialStore store;
    private final double margin;
    private final double continueAfter;
    private double reservedThrough = Double.NEGATIVE_INFINITY;
    private boolean writeFailureLogged;

    /**
     * Reads the stored timestamp, and warns when the clock is behind it.
     *
     * @param margin how far ahead of a timestamp a reservation reaches (and how much newer than a
     *               number alone the last timestamps may have been)
     */
    public LastTimestamp(CredentialStore store, Clock clock, Duration margin) {
        this.store = store;
        this.margin = WireTime.toSeconds(margin);
        double stored = 0;
        boolean exact = true;
        try {
            String text = store.load(NodeFile.LAST_TIMESTAMP)
                    .map(bytes -> new String(bytes, StandardCharsets.US_ASCII).strip()).orElse("");
            String word = text.endsWith(STOPPED) ? STOPPED : text.endsWith(RESERVED) ? RESERVED : "";
            exact = !word.isEmpty() || text.isEmpty();
            String number = text.substring(0, text.length() - word.length()).strip();
            stored = number.isEmpty() ? 0 : Double.parseDouble(number);
        } catch (UncheckedIOException | NumberFormatException e) {
            log.warn("Cannot read {}: {}; own timestamps follow the clock", file(), e.toString());
        }
        if (!Double.isFinite(stored) || stored < 0) {
            stored = 0;
        }
        this.continueAfter = exact ? stored : stored + this.margin;
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

    /**
     * Makes sure the file covers {@code timestamp} before the node uses it: when it is past the
     * reservation, writes a new one a margin ahead. A failure is logged once, never thrown, and
     * the next timestamp tries again.
     */
    public synchronized void reserve(double timestamp) {
        if (timestamp <= reservedThrough) {
            return;
        }
        double through = timestamp + margin;
        if (write(through + " " + RESERVED)) {
            reservedThrough = through;
        }
    }

    /** Writes the newest own timestamp as that of a clean stop; the next timestamp reserves anew. */
    public synchronized void writeStopped(double newest) {
        reservedThrough = Double.NEGATIVE_INFINITY;
        write(newest + " " + STOPPED);
    }

    private boolean write(String content) {
        try {
            store.store(NodeFile.LAST_TIMESTAMP, (content + "\n").getBytes(StandardCharsets.US_ASCII));
            return true;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ClosedByInterruptException) {
                // The node is stopping and interrupted its tick; the stop writes the file itself.
                Thread.currentThread().interrupt();
                return false;
            }
            if (!writeFailureLogged) {
                writeFailureLogged = true;
                log.warn("Cannot write {}: {}. The node works on, but after a restart with its clock behind its"
                        + " peers would ignore its writes for a while", file(), e.getCause().toString());
            }
            return false;
        }
    }

    private Path file() {
        return store.pathOf(NodeFile.LAST_TIMESTAMP);
    }
}
