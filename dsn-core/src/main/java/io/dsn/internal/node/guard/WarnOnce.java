package io.dsn.internal.node.guard;

import org.slf4j.Logger;

import java.util.HashSet;
import java.util.Set;

/**
 * Logs a warning once per subject (a peer's id, a bound), not once per request: a fault that a
 * peer repeats must not flood the log. Bounded: past {@link #MAX_SUBJECTS} subjects it starts
 * afresh, so at worst a warning comes again; and at most {@link #MAX_PER_MINUTE} warnings a
 * minute are logged at all, so that an outsider who changes its address (its subject) at every
 * request cannot flood the log either. What is held back goes to DEBUG, and its subject may warn later.
 */
public final class WarnOnce {

    static final int MAX_SUBJECTS = 1024;
    static final int MAX_PER_MINUTE = 30;
    private static final long MINUTE = 60_000_000_000L;

    private final Logger log;
    private final Set<String> warned = new HashSet<>();
    private long minuteStarted = System.nanoTime();
    private int inThisMinute;

    public WarnOnce(Logger log) {
        this.log = log;
    }

    /** Logs the warning unless one was logged for this subject already; true if it was logged now. */
    public boolean warn(String subject, String format, Object... arguments) {
        synchronized (warned) {
            if (warned.size() >= MAX_SUBJECTS) {
                warned.clear();
            }
            if (warned.contains(subject)) {
                return false;
            }
            long now = System.nanoTime();
            if (now - minuteStarted >= MINUTE) {
                minuteStarted = now;
                inThisMinute = 0;
            }
            if (inThisMinute >= MAX_PER_MINUTE) {
                log.debug(format, arguments);
                return false;
            }
            inThisMinute++;
            warned.add(subject);
        }
        log.warn(format, arguments);
        return true;
    }

    /** The subject is fine again: its next fault is logged. */
    void reset(String subject) {
        synchronized (warned) {
            warned.remove(subject);
        }
    }
}
