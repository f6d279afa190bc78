package io.dsn.internal.node;

import org.slf4j.Logger;

import java.util.HashSet;
import java.util.Set;

/**
 * Logs a warning once per subject (a peer's id, a bound), not once per request: a fault that a
 * peer repeats must not flood the log. Bounded: past {@link #MAX_SUBJECTS} subjects it starts
 * afresh, so at worst a warning comes again.
 */
final class WarnOnce {

    static final int MAX_SUBJECTS = 1024;

    private final Logger log;
    private final Set<String> warned = new HashSet<>();

    WarnOnce(Logger log) {
        this.log = log;
    }

    /** Logs the warning unless one was logged for this subject already; true if it was logged now. */
    boolean warn(String subject, String format, Object... arguments) {
        synchronized (warned) {
            if (warned.size() >= MAX_SUBJECTS) {
                warned.clear();
            }
            if (!warned.add(subject)) {
                return false;
            }
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
