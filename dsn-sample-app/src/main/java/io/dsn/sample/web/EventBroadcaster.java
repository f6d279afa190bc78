package io.dsn.sample.web;

import io.dsn.PeerJoined;
import io.dsn.PeerLeft;
import io.dsn.PeerStateChanged;
import io.dsn.sample.SampleProperties;
import io.dsn.sample.node.LocalStateChanged;
import io.dsn.sample.node.NodeViews;
import io.dsn.sample.node.TemperatureHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds the event streams of the page: every subscriber gets a {@code snapshot} of the network,
 * then {@code joined}, {@code state-changed} and {@code left} as this node hears about them, and a
 * {@code heartbeat} with the peers' liveness every few seconds.
 *
 * <p>The DSN node's events arrive on its event thread; they are only turned into payloads there and
 * handed to one sender thread, so a slow or vanished browser never holds up the node. When the
 * sender falls far behind, events are dropped (and counted) rather than queued without end; a
 * subscriber whose connection fails is removed.
 *
 * <p>The payloads are written by Jackson through an {@link SseEmitter}, which Spring's AOT
 * processing does not see (it hints what controller methods return), hence the binding hints.
 */
@Component
@RegisterReflectionForBinding({StreamEvents.Snapshot.class, StreamEvents.StateChanged.class, StreamEvents.Left.class,
        StreamEvents.Heartbeat.class})
public class EventBroadcaster {

    static final int MAX_PENDING = 512;

    private static final Logger log = LoggerFactory.getLogger(EventBroadcaster.class);
    private static final long NO_TIMEOUT = 0L;
    private static final long RECONNECT_MILLIS = 2000;

    private final NodeViews views;
    private final TemperatureHistory history;
    private final Set<SseEmitter> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor sender;
    private final AtomicLong dropped = new AtomicLong();

    @Autowired
    public EventBroadcaster(NodeViews views, TemperatureHistory history, SampleProperties properties) {
        this(views, history, properties.getMonitor().getHeartbeat());
    }

    EventBroadcaster(NodeViews views, TemperatureHistory history, Duration heartbeat) {
        this.views = views;
        this.history = history;
        this.sender = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sample-event-stream");
            thread.setDaemon(true);
            return thread;
        });
        sender.setRemoveOnCancelPolicy(true);
        sender.scheduleWithFixedDelay(this::sendHeartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new event stream; its first event is the {@code snapshot}. */
    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
        register(emitter);
        return emitter;
    }

    void register(SseEmitter emitter) {
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(error -> subscribers.remove(emitter));
        // Subscribed and built on the sender thread, so that the snapshot is the stream's first event
        // (a heartbeat sent meanwhile would otherwise come first) and no event before it is newer.
        submit(() -> {
            subscribers.add(emitter);
            send(emitter, StreamEvents.SNAPSHOT, new StreamEvents.Snapshot(views.selfId(), views.now(),
                    views.staleAfter().toMillis(), views.all(), history.recent()));
        });
    }

    /** How many streams are open. */
    public int subscriberCount() {
        return subscribers.size();
    }

    /** How many events were dropped because the sender was too far behind. */
    public long droppedCount() {
        return dropped.get();
    }

    @EventListener
    public void on(PeerJoined event) {
        views.find(event.nodeId()).ifPresent(view -> broadcast(StreamEvents.JOINED, view));
    }

    @EventListener
    public void on(PeerStateChanged event) {
        changed(event.nodeId(), event.changedKeys());
    }

    @EventListener
    public void on(LocalStateChanged event) {
        changed(event.nodeId(), event.changedKeys());
    }

    @EventListener
    public void on(PeerLeft event) {
        broadcast(StreamEvents.LEFT, new StreamEvents.Left(event.nodeId(), event.reason().name().toLowerCase(Locale.ROOT)));
    }

    private void changed(String nodeId, Set<String> changedKeys) {
        views.find(nodeId).ifPresent(view -> broadcast(StreamEvents.STATE_CHANGED,
                new StreamEvents.StateChanged(view, changedKeys.stream().sorted().toList())));
    }

    private void sendHeartbeat() {
        if (subscribers.isEmpty()) {
            return;
        }
        try {
            List<StreamEvents.Liveness> nodes = views.all().stream()
                    .map(view -> new StreamEvents.Liveness(view.id(), view.lastHeardFrom(), view.status()))
                    .toList();
            sendToAll(StreamEvents.HEARTBEAT, new StreamEvents.Heartbeat(views.now(), nodes));
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: the heartbeat must survive anything.
            log.warn("Could not send the event stream's heartbeat: {}", e.toString());
        }
    }

    private void broadcast(String name, Object payload) {
        if (!subscribers.isEmpty()) {
            submit(() -> sendToAll(name, payload));
        }
    }

    private void submit(Runnable task) {
        if (sender.getQueue().size() >= MAX_PENDING) {
            if (dropped.getAndIncrement() % 100 == 0) {
                log.warn("The page's event stream is behind: dropped {} events so far", dropped.get());
            }
            return;
        }
        try {
            sender.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void sendToAll(String name, Object payload) {
        for (SseEmitter emitter : subscribers) {
            send(emitter, name, payload);
        }
    }

    private void send(SseEmitter emitter, String name, Object payload) {
        if (!subscribers.contains(emitter)) {
            return;
        }
        try {
            SseEmitter.SseEventBuilder event = SseEmitter.event().name(name);
            if (StreamEvents.SNAPSHOT.equals(name)) {
                event.reconnectTime(RECONNECT_MILLIS);
            }
            emitter.send(event.data(payload, MediaType.APPLICATION_JSON));
        } catch (IOException | RuntimeException e) {
            // The browser went away: forget it and let the container release the request.
            subscribers.remove(emitter);
            log.debug("Event stream closed: {}", e.toString());
            try {
                emitter.completeWithError(e);
            } catch (RuntimeException ignored) {
                // already completed
            }
        }
    }

    /**
     * Ends every stream when the application shuts down, so the web server need not wait for them,
     * and stops the sender.
     */
    @EventListener(ContextClosedEvent.class)
    public void close() {
        sender.shutdownNow();
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
        }
        subscribers.clear();
    }
}
