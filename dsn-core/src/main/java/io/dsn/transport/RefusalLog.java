package io.dsn.transport;

import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs refused connections and requests at WARN at most once a minute, and the rest at DEBUG with
 * how many were refused since: an outsider who makes the node refuse things cannot also flood its log.
 */
final class RefusalLog {

    private static final long INTERVAL = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicLong quiet = new AtomicLong();

    RefusalLog(Logger log) {
        this.log = log;
    }

    void refused(String message, Object... arguments) {
        long now = System.nanoTime();
        long next = nextWarning.get();
        if (now - next >= 0 && nextWarning.compareAndSet(next, now + INTERVAL)) {
            long unlogged = quiet.getAndSet(0);
            log.warn(message + (unlogged > 0 ? " (and " + unlogged + " more refusals logged at DEBUG in the last minute)" : ""),
                    arguments);
        } else {
            quiet.incrementAndGet();
            log.debug(message, arguments);
        }
    }
}
