package io.dsn.internal.protocol;

import io.dsn.Endpoint;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The PEERS packet ({@code /peers}): a node's address book.
 *
 * @param nodeId the sender's node id
 * @param signature the signature over {@link #signedPart()}; empty before signing
 * @param peers node id to endpoint, in wire order (unmodifiable)
 */
public record PeersPacket(String nodeId, byte[] signature, Map<String, Endpoint> peers)
        implements SignedPacket<PeersPacket> {

    // An entry is at least two length prefixes plus an endpoint (itself at least two u32s).
    private static final int MIN_ENTRY_SIZE = 4 + 4 + 8;

    public PeersPacket {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(signature, "signature");
        peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
    }

    /** The bytes that are signed: the wire form without the signature field. */
    @Override
    public byte[] signedPart() {
        return writeEntries(new ByteWriter().string(nodeId)).toByteArray();
    }

    @Override
    public byte[] encode() {
        return writeEntries(new ByteWriter().string(nodeId).bytes(signature)).toByteArray();
    }

    /** Parses a PEERS packet; a repeated peer id keeps its first position and its last endpoint. */
    public static PeersPacket decode(byte[] wire) {
        ByteReader reader = new ByteReader(wire);
        String nodeId = reader.string("peers node_id");
        byte[] signature = reader.bytes("peers signature");
        long count = reader.u32("peers count");
        if (count > reader.remaining() / MIN_ENTRY_SIZE) {
            throw new PacketFormatException("peers count " + count + " cannot fit in the "
                    + reader.remaining() + " remaining bytes");
        }
        Map<String, Endpoint> peers = new LinkedHashMap<>();
        for (long i = 0; i < count; i++) {
            String peerId = reader.string("peers entry node_id");
            peers.put(peerId, EndpointCodec.decode(reader.bytes("peers entry endpoint")));
        }
        reader.expectEnd();
        return new PeersPacket(nodeId, signature, peers);
    }

    @Override
    public PeersPacket withSignature(byte[] newSignature) {
        return new PeersPacket(nodeId, newSignature, peers);
    }

    private ByteWriter writeEntries(ByteWriter writer) {
        writer.u32(peers.size());
        peers.forEach((id, endpoint) -> writer.string(id).bytes(EndpointCodec.encode(endpoint)));
        return writer;
    }

    @Override
    public boolean equals(Object o) {
        // Order matters on the wire (and for the signature), so compare entries in order.
        return o instanceof PeersPacket other
                && nodeId.equals(other.nodeId)
                && Arrays.equals(signature, other.signature)
                && List.copyOf(peers.entrySet()).equals(List.copyOf(other.peers.entrySet()));
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(nodeId, peers) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "PeersPacket[nodeId=" + nodeId + ", signature=" + HexFormat.of().formatHex(signature)
                + ", peers=" + peers + "]";
    }
}
