package io.dsn.internal.node.guard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Remote addresses that sent too many unreadable requests (bodies that do not decrypt or parse):
 * past {@code limit} of them within a minute, the address is held off until that minute is
 * over, and its unreadable requests get 429 (its readable ones are served: honest nodes can share
 * an address with whoever sends the garbage). Honest nodes with the network key never send such
 * bodies, so this only slows someone probing the cipher.
 *
 * <p>Bounded: at most {@link #MAX_SOURCES} addresses are remembered, the least recently failing
 * forgotten first. Time is the node runtime's monotonic clock, so it works in virtual time.
 */
public final class FailingSources {

    private static final Logger log = LoggerFactory.getLogger(FailingSources.class);
    static final int MAX_SOURCES = 4096;
    static final Duration WINDOW = Duration.ofMinutes(1);

    /** The failures of one address in the window that began at {@code since}. */
    private static final class Failures {
        long since;
        int count;

        Failures(long since) {
            this.since = since;
        }
    }

    private final int limit;
    private final LongSupplier nanoTime;
    private final Map<String, Failures> sources = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    public FailingSources(int limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /** Whether the unreadable requests from this address are answered 429. */
    public synchronized boolean isHeldOff(String remoteAddress) {
        Failures failures = current(remoteAddress);
        return failures != null && failures.count >= limit;
    }

    /** A request from this address could not be read (decrypted, or parsed as its packet). */
    public synchronized void failed(String remoteAddress) {
        Failures failures = current(remoteAddress);
        if (failures == null) {
            failures = new Failures(nanoTime.getAsLong());
            sources.put(remoteAddress, failures);
        }
        failures.count++;
        if (failures.count == limit) {
            log.warn("{} sent {} unreadable requests within {}s (wrong network key, or someone probing the cipher);"
                    + " its unreadable requests get 429 for the rest of that time (what it sends that can be read is"
                    + " still served)", remoteAddress, limit, WINDOW.toSeconds());
        }
    }

    /** The address's failures in a window not over yet; an ended window is forgotten. */
    private Failures current(String remoteAddress) {
        Failures failures = sources.get(remoteAddress);
        if (failures != null && nanoTime.getAsLong() - failures.since >= WINDOW.toNanos()) {
            sources.remove(remoteAddress);
            return null;
        }
        return failures;
    }
}
