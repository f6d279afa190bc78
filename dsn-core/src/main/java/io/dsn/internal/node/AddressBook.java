package io.dsn.internal.node;

import io.dsn.Endpoint;
import io.dsn.internal.crypto.CredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every node this node has linked with, kept on disk beside the pinned keys: where it was
 * reached and the timestamp of its last state taken. A restarted node greets its former peers
 * from here, and re-links a pinned peer whose UPDATE arrives before any HELLO (PROTOCOL.md
 * section 4.3). Changes are written at most once per tick, by {@link #flush()}.
 *
 * <p>The file is UTF-8 text, one node a line: id, address, port, last accepted timestamp,
 * separated by tabs (node ids and addresses hold no control characters).
 */
final class AddressBook {

    private static final Logger log = LoggerFactory.getLogger(AddressBook.class);
    private static final String HEADER = "# DSN address book v1: node id, address, port, last accepted timestamp";
    /** Bounds the file and the memory a stream of new ids can take; the least recent entries go first. */
    static final int MAX_ENTRIES = 10_000;

    /** One node: where it was reached, and the timestamp of its newest state taken (0 before any). */
    record Entry(String nodeId, Endpoint endpoint, double lastAccepted) {
    }

    private final CredentialStore store;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean dirty;
    private boolean writeFailureLogged;

    AddressBook(CredentialStore store) {
        this.store = store;
        load();
    }

    synchronized Optional<Endpoint> endpointOf(String nodeId) {
        return Optional.ofNullable(entries.get(nodeId)).map(Entry::endpoint);
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** A node was admitted, or moved, to this endpoint. */
    synchronized void linked(String nodeId, Endpoint endpoint) {
        Entry known = entries.remove(nodeId);
        if (known != null && known.endpoint().equals(endpoint)) {
            entries.put(nodeId, known);
            return;
        }
        entries.put(nodeId, new Entry(nodeId, endpoint, known == null ? 0 : known.lastAccepted()));
        evictBeyondLimit();
        dirty = true;
    }

    /** A state of this node with this timestamp was taken. */
    synchronized void accepted(String nodeId, double timestamp) {
        Entry known = entries.get(nodeId);
        if (known != null && timestamp > known.lastAccepted()) {
            entries.put(nodeId, new Entry(nodeId, known.endpoint(), timestamp));
            dirty = true;
        }
    }

    /** Writes the book if it changed since the last write; a failure is logged, never thrown. */
    synchronized void flush() {
        if (!dirty) {
            return;
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Entry entry : entries.values()) {
            text.append(entry.nodeId()).append('\t').append(entry.endpoint().address()).append('\t')
                    .append(entry.endpoint().port()).append('\t').append(entry.lastAccepted()).append('\n');
        }
        try {
            store.storeAddressBook(text.toString().getBytes(StandardCharsets.UTF_8));
            dirty = false;
        } catch (UncheckedIOException e) {
            if (!writeFailureLogged) {
                writeFailureLogged = true;
                log.warn("Cannot write the address book {}: {}. The node works on, but after a restart it will not"
                        + " find its former peers by itself", store.addressBookFile(), e.getCause().toString());
            }
        }
    }

    private void evictBeyondLimit() {
        while (entries.size() > MAX_ENTRIES) {
            entries.values().stream().min(Comparator.comparingDouble(Entry::lastAccepted))
                    .ifPresent(oldest -> entries.remove(oldest.nodeId()));
        }
    }

    private void load() {
        byte[] stored;
        try {
            stored = store.loadAddressBook().orElse(null);
        } catch (UncheckedIOException e) {
            log.warn("Cannot read the address book {}: {}; starting without it", store.addressBookFile(),
                    e.getCause().toString());
            return;
        }
        if (stored == null) {
            return;
        }
        List<String> skipped = new ArrayList<>();
        for (String line : new String(stored, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Optional<Entry> entry = parse(line);
            if (entry.isPresent() && CredentialStore.isSafeNodeId(entry.get().nodeId())) {
                entries.put(entry.get().nodeId(), entry.get());
            } else {
                skipped.add(line);
            }
        }
        evictBeyondLimit();
        if (!skipped.isEmpty()) {
            log.warn("Skipped {} unreadable line(s) of the address book {}", skipped.size(), store.addressBookFile());
        }
    }

    private static Optional<Entry> parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 4 || fields[1].isBlank()) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(fields[2]);
            double lastAccepted = Double.parseDouble(fields[3]);
            if (port < 1 || port > 65535 || !Double.isFinite(lastAccepted)) {
                return Optional.empty();
            }
            return Optional.of(new Entry(fields[0], new Endpoint(fields[1], port), lastAccepted));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
