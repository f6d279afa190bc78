package io.dsn.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies the server holds at once, read or being answered, against one
 * limit: however many connections send bodies, together they cannot hold more memory than this.
 */
final class BodyBudget {

    private final AtomicLong available;

    BodyBudget(long bytes) {
        this.available = new AtomicLong(bytes);
    }

    /** Takes {@code bytes} of the budget; false, taking nothing, when fewer are left. */
    boolean tryTake(long bytes) {
        long left;
        do {
            left = available.get();
            if (left < bytes) {
                return false;
            }
        } while (!available.compareAndSet(left, left - bytes));
        return true;
    }

    void giveBack(long bytes) {
        available.addAndGet(bytes);
    }

    long available() {
        return available.get();
    }
}
