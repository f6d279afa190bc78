package io.dsn.spring.discovery;

import io.dsn.BootstrapSource;
import io.dsn.Endpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A {@link BootstrapSource} that asks something slow (DNS, a service registry) for the nodes: the
 * first time at once, on the caller's thread (the node's start), then in the background at most
 * once per refresh interval, and only while the node asks, that is while it is not connected to a
 * node it joined through. Meanwhile it answers with the last list it got. At most
 * {@code maxNodes} nodes are kept from one answer.
 */
public abstract class RefreshingBootstrapSource implements BootstrapSource, AutoCloseable {

    private final Log log = LogFactory.getLog(getClass());
    private final Duration refreshInterval;
    private final int maxNodes;
    private final ExecutorService executor;
    private final LongSupplier nanoTime;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile List<Endpoint> last = List.of();
    private volatile long lastAsked;
    private volatile boolean askedOnce;

    /**
     * @param executor where the background refreshes run (one at a time); shut down by {@link #close()}
     * @param nanoTime the monotonic clock the interval is measured with
     */
    protected RefreshingBootstrapSource(Duration refreshInterval, int maxNodes, ExecutorService executor, LongSupplier nanoTime) {
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("the refresh interval must be positive, was " + refreshInterval);
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("at least one node must be taken, was " + maxNodes);
        }
        this.refreshInterval = refreshInterval;
        this.maxNodes = maxNodes;
        this.executor = executor;
        this.nanoTime = nanoTime;
    }

    /** Asks for the nodes now; may block. A failure is logged and the last answer kept. */
    protected abstract List<Endpoint> lookUp() throws Exception;

    /** What is asked, for the log: {@code DNS name dsn-peers.default.svc}. */
    protected abstract String describe();

    @Override
    public List<Endpoint> endpoints() {
        if (!askedOnce) {
            synchronized (this) {
                if (!askedOnce) {
                    refresh();
                    askedOnce = true;
                }
            }
        } else if (nanoTime.getAsLong() - lastAsked >= refreshInterval.toNanos() && refreshing.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    try {
                        refresh();
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (RuntimeException e) {
                refreshing.set(false);
                log.debug("Cannot refresh the nodes of " + describe() + ": " + e);
            }
        }
        return last;
    }

    /** Ends the background refreshes. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The nodes of the last answer. */
    public List<Endpoint> lastAnswer() {
        return last;
    }

    private void refresh() {
        lastAsked = nanoTime.getAsLong();
        try {
            List<Endpoint> found = lookUp().stream().distinct().limit(maxNodes).toList();
            if (!found.equals(last)) {
                log.info("DSN nodes of " + describe() + ": " + found);
            }
            last = found;
        } catch (Exception e) {
            log.warn("Cannot find the DSN nodes of " + describe() + " (keeping " + last + "): " + e);
        }
    }
}
