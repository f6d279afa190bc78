package io.dsn.internal.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The LEAVE packet ({@code /leave}, a Java-only extension, PROTOCOL.md section 4.6): a node
 * announces that it stops, so that its peers drop it at once instead of after failed pings.
 *
 * @param nodeId the leaving node's id
 * @param leftAt when it left, in seconds since the Unix epoch, taken from the same sequence as its
 *     states' timestamps: later than every state it sent, earlier than every state it sends after a restart
 * @param signature the signature over {@link #signedPart()}; empty before signing
 */
public record LeavePacket(String nodeId, double leftAt, byte[] signature) implements SignedPacket<LeavePacket> {

    public LeavePacket {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(signature, "signature");
    }

    /** The bytes that are signed: node id and time of leaving. */
    @Override
    public byte[] signedPart() {
        return new ByteWriter().string(nodeId).f64(leftAt).toByteArray();
    }

    @Override
    public byte[] encode() {
        return new ByteWriter().string(nodeId).f64(leftAt).bytes(signature).toByteArray();
    }

    public static LeavePacket decode(byte[] wire) {
        ByteReader reader = new ByteReader(wire);
        String nodeId = reader.string("leave node_id");
        double leftAt = reader.f64("leave left_at");
        byte[] signature = reader.bytes("leave signature");
        reader.expectEnd();
        return new LeavePacket(nodeId, leftAt, signature);
    }

    @Override
    public LeavePacket withSignature(byte[] newSignature) {
        return new LeavePacket(nodeId, leftAt, newSignature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeavePacket other
                && nodeId.equals(other.nodeId)
                && Double.compare(leftAt, other.leftAt) == 0
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(nodeId, leftAt) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "LeavePacket[nodeId=" + nodeId + ", leftAt=" + leftAt + ", signature="
                + HexFormat.of().formatHex(signature) + "]";
    }
}
