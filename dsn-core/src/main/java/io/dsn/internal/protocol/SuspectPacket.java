package io.dsn.internal.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SUSPECT packet ({@code /suspect}, a Java-only extension, PROTOCOL.md section 4.7): a node
 * tells its peers that one of them did not answer its probes, so that each checks it at once
 * instead of when its own turn to probe that peer comes.
 *
 * @param nodeId the reporting node's id
 * @param suspectId the id of the node that did not answer
 * @param signature the reporter's signature over {@link #signedPart()}; empty before signing
 */
public record SuspectPacket(String nodeId, String suspectId, byte[] signature) implements SignedPacket<SuspectPacket> {

    public SuspectPacket {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(suspectId, "suspectId");
        Objects.requireNonNull(signature, "signature");
    }

    /** The bytes that are signed: the reporter's id and the suspect's id. */
    @Override
    public byte[] signedPart() {
        return new ByteWriter().string(nodeId).string(suspectId).toByteArray();
    }

    @Override
    public byte[] encode() {
        return new ByteWriter().string(nodeId).string(suspectId).bytes(signature).toByteArray();
    }

    public static SuspectPacket decode(byte[] wire) {
        ByteReader reader = new ByteReader(wire);
        String nodeId = reader.string("suspect node_id");
        String suspectId = reader.string("suspect suspect_id");
        byte[] signature = reader.bytes("suspect signature");
        reader.expectEnd();
        return new SuspectPacket(nodeId, suspectId, signature);
    }

    @Override
    public SuspectPacket withSignature(byte[] newSignature) {
        return new SuspectPacket(nodeId, suspectId, newSignature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SuspectPacket other
                && nodeId.equals(other.nodeId)
                && suspectId.equals(other.suspectId)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(nodeId, suspectId) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SuspectPacket[nodeId=" + nodeId + ", suspectId=" + suspectId + ", signature="
                + HexFormat.of().formatHex(signature) + "]";
    }
}
