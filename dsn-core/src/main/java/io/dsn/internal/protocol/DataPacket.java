package io.dsn.internal.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The DATA packet ({@code /data}): opaque application bytes from one node to another.
 *
 * @param nodeId the sender's node id
 * @param signature the signature over {@link #signedPart()}; empty before signing
 * @param data the application payload
 */
public record DataPacket(String nodeId, byte[] signature, byte[] data) implements SignedPacket<DataPacket> {

    public DataPacket {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(data, "data");
    }

    /** The bytes that are signed: node id and data. */
    @Override
    public byte[] signedPart() {
        return new ByteWriter().string(nodeId).bytes(data).toByteArray();
    }

    @Override
    public byte[] encode() {
        return new ByteWriter().string(nodeId).bytes(signature).bytes(data).toByteArray();
    }

    public static DataPacket decode(byte[] wire) {
        ByteReader reader = new ByteReader(wire);
        String nodeId = reader.string("data node_id");
        byte[] signature = reader.bytes("data signature");
        byte[] data = reader.bytes("data payload");
        reader.expectEnd();
        return new DataPacket(nodeId, signature, data);
    }

    @Override
    public DataPacket withSignature(byte[] newSignature) {
        return new DataPacket(nodeId, newSignature, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataPacket other
                && nodeId.equals(other.nodeId)
                && Arrays.equals(signature, other.signature)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return (31 * nodeId.hashCode() + Arrays.hashCode(signature)) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "DataPacket[nodeId=" + nodeId + ", signature=" + hex.formatHex(signature)
                + ", data=" + hex.formatHex(data) + "]";
    }
}
