package io.dsn.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's keys on disk, in the Python node's layout (protocol section 6):
 * <ul>
 *   <li>{@code <dir>/<own id>/<own id>.key}: own private key, 32 raw bytes, owner-only</li>
 *   <li>{@code <dir>/<own id>/<own id>.pub}: own public key, 64 raw bytes</li>
 *   <li>{@code <dir>/<own id>/<peer id>.pub}: pinned public key of a peer, 64 raw bytes</li>
 *   <li>{@code <dir>/<own id>/network-key.hex}: the network key as hex, owner-only</li>
 *   <li>the node's own {@link NodeFile}s (Java additions, ignored by the Python node), owner-only</li>
 * </ul>
 * Files are written to a temporary file and then moved into place; the node's own files are forced
 * to disk first, pins are not (docs/SECURITY.md, "Pinned keys"). Pinned keys are cached in memory,
 * decoded by the node's {@link SignatureScheme}. Every method taking a node id rejects ids that are unsafe as file names
 * ({@link #isSafeNodeId(String)}) with {@link IllegalArgumentException}; I/O failures surface as
 * {@link UncheckedIOException} naming the path, except for pins, which peers' requests reach: a
 * pin that cannot be written is kept in memory, and a pin that cannot be read refuses its node
 * ({@link UnreadablePinException}); each is logged once. Thread-safe.
 */
public final class CredentialStore {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);

    private static final String PUBLIC_SUFFIX = ".pub";
    private static final String PRIVATE_SUFFIX = ".key";
    private static final String NETWORK_KEY_FILE = "network-key.hex";
    /** File names are at most 255 bytes on common file systems, and the id gets a 4-byte suffix. */
    private static final int MAX_ID_BYTES = 255 - PUBLIC_SUFFIX.length();
    /** Bounds the memory that lookups of made-up ids from hostile packets can take. */
    private static final int ABSENT_CACHE_LIMIT = 4096;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path nodeDir;
    private final String ownNodeId;
    private final SignatureScheme scheme;
    private final Map<String, PinnedKey> pinned = new HashMap<>();
    private final Set<String> knownAbsent = new HashSet<>();
    /** Ids whose pin file cannot be read, with why: refused without reading it again. */
    private final Map<String, String> unreadable = new HashMap<>();
    private boolean pinWriteFailureLogged;

    /**
     * @param dir the credential directory (the Python node's default is {@code credentials})
     * @param ownNodeId this node's id; its files live in {@code dir/ownNodeId}
     */
    public CredentialStore(Path dir, String ownNodeId) {
        this(dir, ownNodeId, SignatureSchemes.bouncyCastle());
    }

    /**
     * @param scheme makes the node's key pair and decodes the keys it pins
     */
    public CredentialStore(Path dir, String ownNodeId, SignatureScheme scheme) {
        Objects.requireNonNull(dir, "dir");
        requireSafe(ownNodeId);
        this.ownNodeId = ownNodeId;
        this.nodeDir = dir.resolve(ownNodeId);
        this.scheme = Objects.requireNonNull(scheme, "scheme");
    }

    /**
     * A pinned key, and the same key decoded for checking signatures.
     *
     * @param bytes the store's own copy of the 64 bytes: read it, never change it
     */
    public record PinnedKey(byte[] bytes, VerifyingKey key) {
    }

    /**
     * True when the id can be used as a file name: non-empty, at most 251 UTF-8 bytes (so that
     * {@code <id>.pub} fits in 255), not {@code .} or {@code ..}, no {@code /}, {@code \}, NUL or
     * other control characters, no unpaired surrogates.
     */
    public static boolean isSafeNodeId(String id) {
        if (id == null || id.isEmpty() || id.equals(".") || id.equals("..")) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < id.length()
                    && Character.isLowSurrogate(id.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // would be written as '?' in the file name and could collide with another id
                return false;
            }
        }
        return id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES;
    }

    /**
     * Loads this node's key pair, or creates and stores a new one if there is none. An existing
     * private key is never replaced: if one appears while a new one is being written (another
     * process with this identity), that one is loaded instead. Also (re)writes
     * {@code <own id>.pub} when it is missing or does not match.
     *
     * @throws IllegalStateException if the private key file exists but is corrupt
     */
    public synchronized NodeKeyPair loadOrCreateOwnKeyPair(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        Path keyFile = nodeDir.resolve(ownNodeId + PRIVATE_SUFFIX);
        byte[] stored = readIfExists(keyFile);
        NodeKeyPair pair;
        if (stored == null) {
            NodeKeyPair generated = scheme.generate(random);
            byte[] privateKey = generated.privateKey();
            boolean created = writeIfAbsent(keyFile, privateKey);
            Arrays.fill(privateKey, (byte) 0);
            if (created) {
                LOG.info("Created a new key pair for node {} in {}", ownNodeId, nodeDir);
                pair = generated;
            } else {
                LOG.warn("A key pair for node {} appeared in {} while this node created one; using that one",
                        ownNodeId, nodeDir);
                stored = readIfExists(keyFile);
                if (stored == null) {
                    throw new IllegalStateException("private key file " + keyFile + " vanished while it was created");
                }
                pair = loadPrivateKey(keyFile, stored, scheme);
            }
        } else {
            pair = loadPrivateKey(keyFile, stored, scheme);
        }
        Path pubFile = publicKeyFile(ownNodeId);
        byte[] publicKey = pair.publicKey();
        byte[] storedPublic = readIfExists(pubFile);
        if (!Arrays.equals(storedPublic, publicKey)) {
            if (storedPublic != null) {
                LOG.warn("{} does not match the private key; rewriting it", pubFile);
            }
            writeAtomically(pubFile, publicKey, false, true);
        }
        pinned.put(ownNodeId, new PinnedKey(publicKey, scheme.verifyingKey(publicKey)));
        knownAbsent.remove(ownNodeId);
        return pair;
    }

    /**
     * The public key pinned for a node, if any (a copy).
     *
     * @throws UnreadablePinException if the pinned key file is corrupt or cannot be read
     */
    public synchronized Optional<byte[]> pinnedKey(String nodeId) {
        requireSafe(nodeId);
        return Optional.ofNullable(lookup(nodeId)).map(pin -> pin.bytes().clone());
    }

    /**
     * The key pinned for a node, decoded for checking its signatures, if any.
     *
     * @throws UnreadablePinException if the pinned key file is corrupt or cannot be read
     */
    public Optional<VerifyingKey> pinnedVerifyingKey(String nodeId) {
        return pinned(nodeId).map(PinnedKey::key);
    }

    /**
     * The key pinned for a node, as bytes and decoded, in one lookup; if any.
     *
     * @throws UnreadablePinException if the pinned key file is corrupt or cannot be read
     */
    public synchronized Optional<PinnedKey> pinned(String nodeId) {
        requireSafe(nodeId);
        return Optional.ofNullable(lookup(nodeId));
    }

    /**
     * Pins a node's public key on first sight; later calls only compare. When the file cannot be
     * written, the pin holds in memory until the node stops (logged once).
     *
     * @return {@link PinResult#CONFLICT} if a different key is pinned (nothing is changed then)
     * @throws IllegalArgumentException for an unsafe id or a key that is not 64 bytes
     * @throws UnreadablePinException if the pinned key file is corrupt or cannot be read
     */
    public PinResult pin(String nodeId, byte[] publicKey64) {
        Objects.requireNonNull(publicKey64, "publicKey64");
        if (publicKey64.length != Secp256k1.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "public key must be 64 bytes, was " + publicKey64.length);
        }
        return pin(nodeId, publicKey64, scheme.verifyingKey(publicKey64));
    }

    /**
     * {@link #pin(String, byte[])} with the key decoded already, by this store's scheme (the
     * HELLO that carried it was checked with it).
     */
    public synchronized PinResult pin(String nodeId, byte[] publicKey64, VerifyingKey decoded) {
        requireSafe(nodeId);
        if (publicKey64.length != Secp256k1.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "public key must be 64 bytes, was " + publicKey64.length);
        }
        PinnedKey existing = lookup(nodeId);
        if (existing != null) {
            return Arrays.equals(existing.bytes(), publicKey64) ? PinResult.ALREADY_PINNED : PinResult.CONFLICT;
        }
        byte[] copy = publicKey64.clone();
        try {
            writeAtomically(publicKeyFile(nodeId), copy, false, false);
        } catch (UncheckedIOException e) {
            if (!pinWriteFailureLogged) {
                pinWriteFailureLogged = true;
                LOG.warn("Cannot write pinned keys in {} ({}): they are kept in memory until the node stops, and"
                        + " nodes first seen meanwhile will be pinned afresh after a restart", nodeDir,
                        e.getCause().toString());
            }
        }
        pinned.put(nodeId, new PinnedKey(copy, decoded));
        knownAbsent.remove(nodeId);
        return PinResult.NEWLY_PINNED;
    }

    /** The stored network key as hex (surrounding whitespace removed), if one was stored. */
    public synchronized Optional<String> loadNetworkKey() {
        byte[] bytes = readIfExists(nodeDir.resolve(NETWORK_KEY_FILE));
        if (bytes == null) {
            return Optional.empty();
        }
        String hex = new String(bytes, StandardCharsets.US_ASCII).strip();
        return hex.isEmpty() ? Optional.empty() : Optional.of(hex);
    }

    /** Stores the network key as hex, readable by the owner only where the file system allows. */
    public synchronized void storeNetworkKey(NetworkKey key) {
        Objects.requireNonNull(key, "key");
        writeAtomically(nodeDir.resolve(NETWORK_KEY_FILE),
                key.toHex().getBytes(StandardCharsets.US_ASCII), true, true);
    }

    /** Where a network key generated by this node is kept. */
    public Path networkKeyFile() {
        return nodeDir.resolve(NETWORK_KEY_FILE);
    }

    /** The directory of this node's credentials, {@code <dir>/<own id>}. */
    public Path nodeDirectory() {
        return nodeDir;
    }

    /** A file of the node's own, if one was stored. */
    public Optional<byte[]> load(NodeFile file) {
        return Optional.ofNullable(readIfExists(pathOf(file)));
    }

    /**
     * Replaces a file of the node's own. Not under the store's lock: the write is atomic on its
     * own, and pinning must not wait for it.
     */
    public void store(NodeFile file, byte[] content) {
        writeAtomically(pathOf(file), content, true, true);
    }

    /** Where a file of the node's own is kept, for messages. */
    public Path pathOf(NodeFile file) {
        return nodeDir.resolve(file.fileName());
    }

    @Override
    public String toString() {
        return "CredentialStore[" + nodeDir + "]";
    }

    private PinnedKey lookup(String nodeId) {
        PinnedKey cached = pinned.get(nodeId);
        if (cached != null || knownAbsent.contains(nodeId)) {
            return cached;
        }
        String unreadableBecause = unreadable.get(nodeId);
        if (unreadableBecause != null) {
            throw new UnreadablePinException(unreadableBecause);
        }
        Path file = publicKeyFile(nodeId);
        byte[] bytes;
        try {
            bytes = readIfExists(file);
        } catch (UncheckedIOException e) {
            throw unreadable(nodeId, "pinned key file " + file + " cannot be read: " + e.getCause());
        }
        if (bytes != null && bytes.length == 0) {
            // A pin is written without forcing it to disk: a crash right after may leave it empty.
            LOG.info("The key pinned for node {} in {} is empty, as a crash while it was written leaves it;"
                    + " the node's key is pinned again when it next says HELLO", nodeId, file);
            bytes = null;
        }
        if (bytes == null) {
            if (knownAbsent.size() >= ABSENT_CACHE_LIMIT) {
                knownAbsent.clear();
            }
            knownAbsent.add(nodeId);
            return null;
        }
        if (bytes.length != Secp256k1.PUBLIC_KEY_LENGTH) {
            throw unreadable(nodeId, "pinned key file " + file + " is corrupt: expected 64 bytes, found " + bytes.length);
        }
        PinnedKey pin;
        try {
            pin = new PinnedKey(bytes, scheme.verifyingKey(bytes));
        } catch (IllegalArgumentException e) {
            throw unreadable(nodeId, "pinned key file " + file + " is corrupt: its 64 bytes are not a public key");
        }
        pinned.put(nodeId, pin);
        return pin;
    }

    /** Remembers (a bounded number of) unreadable pins and logs each once. */
    private UnreadablePinException unreadable(String nodeId, String why) {
        if (unreadable.size() >= ABSENT_CACHE_LIMIT) {
            unreadable.clear();
        }
        unreadable.put(nodeId, why);
        LOG.warn("{}: node {} is refused until the file is repaired or deleted and this node restarted", why, nodeId);
        return new UnreadablePinException(why);
    }

    private static NodeKeyPair loadPrivateKey(Path keyFile, byte[] stored, SignatureScheme scheme) {
        NodeKeyPair pair = parsePrivateKey(keyFile, stored, scheme);
        Arrays.fill(stored, (byte) 0);
        restrictToOwner(keyFile);
        return pair;
    }

    private static NodeKeyPair parsePrivateKey(Path keyFile, byte[] stored, SignatureScheme scheme) {
        if (stored.length != NodeKeyPair.PRIVATE_KEY_LENGTH) {
            throw new IllegalStateException("private key file " + keyFile
                    + " is corrupt: expected 32 bytes, found " + stored.length);
        }
        try {
            return scheme.fromPrivateKey(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("private key file " + keyFile + " is corrupt: "
                    + e.getMessage(), e);
        }
    }

    private Path publicKeyFile(String nodeId) {
        return nodeDir.resolve(nodeId + PUBLIC_SUFFIX);
    }

    private static void requireSafe(String nodeId) {
        if (!isSafeNodeId(nodeId)) {
            // the id may be hostile: describe it rather than echo it
            throw new IllegalArgumentException("node id cannot be used as a file name (null, empty,"
                    + " '.', '..', too long, or containing '/', '\\' or control characters)");
        }
    }

    private static byte[] readIfExists(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Writes a whole owner-only file unless the target exists: written to a temporary file, then
     * hard-linked to the target's name, which fails if the name is taken (a rename would replace
     * it). Where links are not supported, the target is created exclusively and written in place.
     *
     * @return false when the target existed, and was left as it was
     */
    private boolean writeIfAbsent(Path target, byte[] data) {
        Path tmp = null;
        try {
            tmp = writeTemporary(data, true, true);
            try {
                Files.createLink(target, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException linkFailed) {
                return createExclusively(target, data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static boolean createExclusively(Path target, byte[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            restrictToOwner(target);
            writeFully(channel, data, true);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** A new temporary file in the node's directory holding the data, forced to disk if {@code durable}. */
    private Path writeTemporary(byte[] data, boolean ownerOnly, boolean durable) throws IOException {
        Files.createDirectories(nodeDir);
        // a short fixed-shape name, so that it fits however long the target's name is
        Path tmp = Files.createTempFile(nodeDir, ".tmp-", ".part");
        try {
            if (ownerOnly) {
                restrictToOwner(tmp);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeFully(channel, data, durable);
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void writeFully(FileChannel channel, byte[] data, boolean durable) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        if (durable) {
            channel.force(true);
        }
    }

    private void writeAtomically(Path target, byte[] data, boolean ownerOnly, boolean durable) {
        Path tmp = null;
        try {
            tmp = writeTemporary(data, ownerOnly, durable);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /** Best effort: only where the file system has POSIX permissions. */
    private static void restrictToOwner(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            if (!view.readAttributes().permissions().equals(OWNER_ONLY)) {
                view.setPermissions(OWNER_ONLY);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Could not make {} readable by its owner only: {}", file, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete temporary file {}", file, e);
        }
    }
}
