package io.dsn.transport;

import io.dsn.DSNodeConfig;
import io.dsn.Endpoint;
import io.dsn.runtime.NodeRuntime;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A network of nodes in one JVM, without sockets: each {@link #transport()} listens at an
 * endpoint of this network, and requests between them are handed over in memory. Faults are
 * set and removed at any time:
 * <ul>
 *   <li>{@link #partition}: two endpoints cannot reach each other (requests time out);</li>
 *   <li>{@link #cut}: one endpoint cannot reach another, while the other way still works;</li>
 *   <li>{@link #blackhole}: a host that lost power, whose requests and answers vanish, so every
 *       request to it times out (no connection refused, as with a host that is gone);</li>
 *   <li>{@link #setLoss}: each request or answer is lost with a probability;</li>
 *   <li>{@link #setDelay}: each request and each answer takes a random time in a range;</li>
 *   <li>{@link #heal}: partitions, blackholes and loss end.</li>
 * </ul>
 * Bodies over {@link #setMaxBodySize the body limit} are answered 413, as an HTTP node does.
 * A request to an endpoint where nothing listens (a stopped node) fails at once, as a refused
 * connection does. Requests are served on the network's own scheduler, taken from the
 * {@link NodeRuntime}: with a {@link io.dsn.runtime.VirtualTimeRuntime} the whole network runs
 * in virtual time, deterministically for its seed.
 *
 * A network has a {@link #name()}, which errors (such as a port that another node of the
 * network holds) name.
 *
 * <pre>{@code
 * InMemoryNetwork network = new InMemoryNetwork();
 * DSNodeServer a = DSNodeServer.builder(configA).transport(network.transport()).start();
 * }</pre>
 */
public final class InMemoryNetwork implements AutoCloseable {

    /** The address transports get when none is given. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    private static final int FIRST_PORT = 20000;
    private static final AtomicLong UNNAMED = new AtomicLong();

    private final String name;
    private final NodeRuntime runtime;
    private final ScheduledExecutorService scheduler;
    private final Map<Endpoint, Listener> listeners = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> nextPorts = new ConcurrentHashMap<>();
    private final Set<Set<Endpoint>> partitions = ConcurrentHashMap.newKeySet();
    private final Set<Endpoint> blackholes = ConcurrentHashMap.newKeySet();
    private final Set<Direction> cuts = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    /** Requests not answered yet, in the order sent, failed at {@link #close()}. */
    private final Set<CompletableFuture<TransportResponse>> unanswered = new LinkedHashSet<>();
    private volatile double loss;
    private volatile long minDelayNanos;
    private volatile long maxDelayNanos;
    private volatile int maxBodySize = DSNodeConfig.DEFAULT_MAX_BODY_SIZE;

    /** A network in real time, served on a thread of its own, named {@code in-memory-<n>}. */
    public InMemoryNetwork() {
        this(NodeRuntime.system());
    }

    /** A network whose time, randomness and scheduling come from {@code runtime}, named {@code in-memory-<n>}. */
    public InMemoryNetwork(NodeRuntime runtime) {
        this("in-memory-" + UNNAMED.incrementAndGet(), runtime);
    }

    /** A network in real time with this name, served on a thread of its own. */
    public InMemoryNetwork(String name) {
        this(name, NodeRuntime.system());
    }

    /** A network with this name whose time, randomness and scheduling come from {@code runtime}. */
    public InMemoryNetwork(String name, NodeRuntime runtime) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an in-memory network's name must not be blank");
        }
        this.name = name;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.scheduler = runtime.newScheduler("dsn-in-memory-network");
    }

    /** The name of this network, as errors about it say. */
    public String name() {
        return name;
    }

    /** A new transport at {@value #DEFAULT_ADDRESS}; it listens at the port its node asks for. */
    public Transport transport() {
        return transport(DEFAULT_ADDRESS);
    }

    /**
     * A new transport at {@code address}: the address its node listens at (whatever bind address
     * it is given) and that its requests come from. Give the node the same {@code network-ip}.
     */
    public Transport transport(String address) {
        return new InMemoryTransport(this, Objects.requireNonNull(address, "address"));
    }

    /** Cuts the two endpoints off from each other, both ways, until {@link #heal()}. */
    public void partition(Endpoint a, Endpoint b) {
        partitions.add(Set.of(a, b));
    }

    /** Cuts every endpoint of {@code side} off from every endpoint of {@code other}. */
    public void partition(Set<Endpoint> side, Set<Endpoint> other) {
        for (Endpoint a : side) {
            for (Endpoint b : other) {
                if (!a.equals(b)) {
                    partition(a, b);
                }
            }
        }
    }

    /**
     * Cuts one direction, until {@link #heal()}: what {@code from} sends to {@code to} vanishes, as
     * on a link that carries packets one way only. So {@code from}'s requests to {@code to} time
     * out, and so do {@code to}'s requests to {@code from}, whose answers vanish after they were
     * handled.
     */
    public void cut(Endpoint from, Endpoint to) {
        cuts.add(new Direction(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to")));
    }

    /** Makes every request to or from the endpoint vanish unanswered, until {@link #heal()}. */
    public void blackhole(Endpoint endpoint) {
        blackholes.add(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** Loses each request and each answer with this probability (0 to 1), until {@link #heal()}. */
    public void setLoss(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("loss must be between 0 and 1, was " + probability);
        }
        loss = probability;
    }

    /** Delays each request and each answer by a random time between {@code min} and {@code max}. */
    public void setDelay(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("delay range must be 0 <= min <= max, was " + min + ".." + max);
        }
        minDelayNanos = min.toNanos();
        maxDelayNanos = max.toNanos();
    }

    /** Answers 413 to request bodies over this many bytes, as a node with this {@code max_body_size} does. */
    public void setMaxBodySize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("body limit must be positive, was " + bytes);
        }
        maxBodySize = bytes;
    }

    /** Ends every partition, cut, blackhole and loss; delays stay. */
    public void heal() {
        partitions.clear();
        cuts.clear();
        blackholes.clear();
        loss = 0;
    }

    /** The endpoints where a transport listens now. */
    public Set<Endpoint> endpoints() {
        return Set.copyOf(listeners.keySet());
    }

    /** How many requests were sent on this network so far, delivered or not. */
    public long requestCount() {
        return requests.get();
    }

    /** Stops the network: requests not answered yet fail, and so does every request from then on. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        List<CompletableFuture<TransportResponse>> pending;
        synchronized (unanswered) {
            pending = List.copyOf(unanswered);
        }
        IOException closed = new IOException("the in-memory network is closed");
        pending.forEach(request -> request.completeExceptionally(closed));
    }

    // ---- used by the transports ----

    Endpoint listen(String address, int port, RequestHandler handler) {
        if (port != 0) {
            Endpoint endpoint = new Endpoint(address, port);
            if (listeners.putIfAbsent(endpoint, new Listener(handler)) != null) {
                throw new InMemoryPortInUseException(port, name);
            }
            return endpoint;
        }
        AtomicLong next = nextPorts.computeIfAbsent(address, a -> new AtomicLong(FIRST_PORT));
        while (true) {
            long candidate = next.getAndIncrement();
            if (candidate > 65535) {
                throw new InMemoryPortInUseException(0, name);
            }
            Endpoint endpoint = new Endpoint(address, (int) candidate);
            if (listeners.putIfAbsent(endpoint, new Listener(handler)) == null) {
                return endpoint;
            }
        }
    }

    void unlisten(Endpoint endpoint) {
        listeners.remove(endpoint);
    }

    CompletableFuture<TransportResponse> send(@Nullable Endpoint from, String fromAddress, Endpoint target, String path,
                                              byte[] body, Duration timeout) {
        requests.incrementAndGet();
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        synchronized (unanswered) {
            unanswered.add(result);
        }
        result.whenComplete((response, error) -> {
            synchronized (unanswered) {
                unanswered.remove(result);
            }
        });
        try {
            ScheduledFuture<?> expiry = scheduler.schedule(() -> result.completeExceptionally(
                            new TimeoutException(path + " to " + target + " timed out after " + timeout)),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            // An answered request's timeout must not hold the answer until it would have fired.
            result.whenComplete((response, error) -> expiry.cancel(false));
            if (cutOff(from, target) || cutOneWay(from, target) || lost()) {
                return result;
            }
            byte[] copy = body.clone();
            scheduler.schedule(() -> deliver(from, fromAddress, target, path, copy, result),
                    delayNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IOException("the in-memory network is closed", e));
        }
        return result;
    }

    private void deliver(@Nullable Endpoint from, String fromAddress, Endpoint target, String path, byte[] body,
                         CompletableFuture<TransportResponse> result) {
        if (result.isDone() || cutOff(from, target) || cutOneWay(from, target)) {
            return;
        }
        Listener listener = listeners.get(target);
        if (listener == null) {
            result.completeExceptionally(new ConnectException("nothing listens at " + target));
            return;
        }
        TransportResponse response;
        if (body.length > maxBodySize) {
            response = TransportResponse.status(413);
        } else {
            try {
                response = listener.handler.handle(path, body, fromAddress);
            } catch (RuntimeException e) {
                response = TransportResponse.status(500);
            }
        }
        if (cutOff(from, target) || cutOneWay(target, from) || lost()) {
            return;
        }
        TransportResponse answer = response;
        try {
            scheduler.schedule(() -> result.complete(answer), delayNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IOException("the in-memory network is closed", e));
        }
    }

    private boolean cutOff(@Nullable Endpoint from, Endpoint target) {
        if (blackholes.contains(target) || (from != null && blackholes.contains(from))) {
            return true;
        }
        if (from == null || partitions.isEmpty()) {
            return false;
        }
        Set<Endpoint> pair = new HashSet<>(2);
        pair.add(from);
        pair.add(target);
        return partitions.contains(pair);
    }

    private boolean cutOneWay(@Nullable Endpoint from, @Nullable Endpoint to) {
        return from != null && to != null && !cuts.isEmpty() && cuts.contains(new Direction(from, to));
    }

    private boolean lost() {
        double probability = loss;
        return probability > 0 && runtime.random().nextDouble() < probability;
    }

    private long delayNanos() {
        long min = minDelayNanos;
        long max = maxDelayNanos;
        return max <= min ? min : min + (long) (runtime.random().nextDouble() * (max - min));
    }

    @Override
    public String toString() {
        return "InMemoryNetwork[" + name + "]";
    }

    private record Listener(RequestHandler handler) {
    }

    private record Direction(Endpoint from, Endpoint to) {
    }
}
