package io.dsn.internal.node.membership;

import io.dsn.Endpoint;
import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.NodeFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every node this node has linked with, kept on disk beside the pinned keys: where it was
 * reached, the timestamp of its last state taken, and when it was last seen. A restarted node
 * greets its former peers from here, and re-links a pinned peer whose UPDATE arrives before any
 * HELLO (PROTOCOL.md section 4.3, "Ruling (Java nodes)").
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} entries, the least recently seen going first, and
 * entries not seen for {@link #FORGET_AFTER} are forgotten. Written by {@link #flush}: a new or
 * moved endpoint at the next tick, newer timestamps at most once a minute, everything at stop.
 *
 * <p>The file is UTF-8 text: a header line, then one node a line: id, address, port, last
 * accepted timestamp, last seen (epoch seconds), separated by tabs (node ids and addresses hold
 * no control characters).
 */
public final class AddressBook {

    private static final Logger log = LoggerFactory.getLogger(AddressBook.class);
    private static final String HEADER =
            "# DSN address book v1: node id, address, port, last accepted timestamp, last seen (epoch seconds)";
    /** Bounds the file and the memory a stream of new ids can take. */
    static final int MAX_ENTRIES = 10_000;
    /** A node not seen for this long is forgotten: it is neither greeted nor re-linked. */
    static final Duration FORGET_AFTER = Duration.ofDays(30);
    private static final long REFRESH_SEEN_SECONDS = Duration.ofHours(1).toSeconds();
    private static final long TIMESTAMP_WRITE_SECONDS = 60;
    private static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

    /** One node: where it was reached, its newest state's timestamp (0 before any), when it was last seen. */
    public record Entry(String nodeId, Endpoint endpoint, double lastAccepted, long lastSeen) {
    }

    private final CredentialStore store;
    private final Clock clock;
    /** In order of when each entry was last seen, oldest first. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private final Object fileLock = new Object();
    private boolean endpointsChanged;
    private boolean timestampsChanged;
    private long lastWrite;
    private boolean writeFailureLogged;

    public AddressBook(CredentialStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        load();
    }

    synchronized Optional<Endpoint> endpointOf(String nodeId) {
        return Optional.ofNullable(entries.get(nodeId)).map(Entry::endpoint);
    }

    /** The timestamp of the newest state taken from this node, in this life of the node or an earlier one; 0 if none. */
    synchronized double lastAccepted(String nodeId) {
        Entry known = entries.get(nodeId);
        return known == null ? 0.0 : known.lastAccepted();
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** A node was admitted, or moved, to this endpoint. */
    synchronized void linked(String nodeId, Endpoint endpoint) {
        if (endpoint.port() < 1) {
            return;
        }
        Entry known = entries.remove(nodeId);
        long now = now();
        entries.put(nodeId, new Entry(nodeId, endpoint, known == null ? 0 : known.lastAccepted(), now));
        if (known == null || !known.endpoint().equals(endpoint)) {
            endpointsChanged = true;
        } else if (now - known.lastSeen() >= REFRESH_SEEN_SECONDS) {
            timestampsChanged = true;
        }
        evictBeyondLimit();
    }

    /** A state of this node with this timestamp was taken. */
    synchronized void accepted(String nodeId, double timestamp) {
        Entry known = entries.get(nodeId);
        if (known == null || !Double.isFinite(timestamp) || timestamp <= known.lastAccepted()) {
            return;
        }
        entries.remove(nodeId);
        entries.put(nodeId, new Entry(nodeId, known.endpoint(), timestamp, now()));
        timestampsChanged = true;
    }

    /** These nodes are peers now: they count as seen (noted at most once an hour each). */
    synchronized void seen(Collection<String> nodeIds) {
        long now = now();
        for (String nodeId : nodeIds) {
            Entry known = entries.get(nodeId);
            if (known != null && now - known.lastSeen() >= REFRESH_SEEN_SECONDS) {
                entries.remove(nodeId);
                entries.put(nodeId, new Entry(nodeId, known.endpoint(), known.lastAccepted(), now));
                timestampsChanged = true;
            }
        }
    }

    /**
     * Writes the book when an endpoint changed, when only timestamps changed and the last write
     * is a minute old, or always with {@code force}. The file is written outside the book's lock,
     * so requests that link or re-link peers never wait for the disk. A failure is logged, never
     * thrown.
     */
    void flush(boolean force) {
        synchronized (fileLock) {
            byte[] content;
            synchronized (this) {
                boolean due = endpointsChanged || (timestampsChanged && now() - lastWrite >= TIMESTAMP_WRITE_SECONDS);
                if (!(due || (force && (endpointsChanged || timestampsChanged)))) {
                    return;
                }
                content = render();
                endpointsChanged = false;
                timestampsChanged = false;
                lastWrite = now();
            }
            try {
                store.store(NodeFile.ADDRESS_BOOK, content);
            } catch (UncheckedIOException e) {
                synchronized (this) {
                    endpointsChanged = true;
                }
                if (e.getCause() instanceof ClosedByInterruptException) {
                    // The node is stopping and interrupted its tick; the stop writes the book itself.
                    Thread.currentThread().interrupt();
                    return;
                }
                if (!writeFailureLogged) {
                    writeFailureLogged = true;
                    log.warn("Cannot write the address book {}: {}. The node works on, but after a restart it will"
                            + " not find its former peers by itself", file(), e.getCause().toString());
                }
            }
        }
    }

    private byte[] render() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Entry entry : entries.values()) {
            text.append(entry.nodeId()).append('\t').append(entry.endpoint().address()).append('\t')
                    .append(entry.endpoint().port()).append('\t').append(entry.lastAccepted()).append('\t')
                    .append(entry.lastSeen()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void evictBeyondLimit() {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (entries.size() > MAX_ENTRIES && oldestFirst.hasNext()) {
            oldestFirst.next();
            oldestFirst.remove();
            endpointsChanged = true;
        }
    }

    private Path file() {
        return store.pathOf(NodeFile.ADDRESS_BOOK);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private void load() {
        byte[] stored;
        try {
            stored = store.load(NodeFile.ADDRESS_BOOK).orElse(null);
        } catch (UncheckedIOException e) {
            log.warn("Cannot read the address book {}: {}; starting without it", file(),
                    e.getCause().toString());
            return;
        }
        if (stored == null) {
            return;
        }
        if (stored.length > MAX_FILE_BYTES) {
            log.warn("The address book {} is larger than {} bytes; starting without it", file(),
                    MAX_FILE_BYTES);
            return;
        }
        String[] lines = new String(stored, StandardCharsets.UTF_8).split("\n");
        long forgetBefore = now() - FORGET_AFTER.toSeconds();
        List<Entry> read = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < lines.length; i++) {
            if ((i == 0 && lines[i].startsWith("#")) || lines[i].isEmpty()) {
                continue;
            }
            Optional<Entry> entry = parse(lines[i]);
            if (entry.isEmpty()) {
                skipped++;
            } else if (entry.get().lastSeen() >= forgetBefore) {
                read.add(entry.get());
            }
        }
        read.sort(Comparator.comparingLong(Entry::lastSeen));
        Map<String, Entry> byId = new LinkedHashMap<>();
        read.forEach(entry -> byId.put(entry.nodeId(), entry));
        entries.putAll(byId);
        evictBeyondLimit();
        endpointsChanged = false;
        if (skipped > 0) {
            log.warn("Skipped {} unreadable line(s) of the address book {}", skipped, file());
        }
    }

    private static Optional<Entry> parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 5 || fields[1].isBlank() || !CredentialStore.isSafeNodeId(fields[0])) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(fields[2]);
            double lastAccepted = Double.parseDouble(fields[3]);
            long lastSeen = Long.parseLong(fields[4]);
            if (port < 1 || port > 65535 || !Double.isFinite(lastAccepted)) {
                return Optional.empty();
            }
            return Optional.of(new Entry(fields[0], new Endpoint(fields[1], port), lastAccepted, lastSeen));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
