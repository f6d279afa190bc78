package io.dsn.internal.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The STATE packet, the payload of {@code /update} in both directions.
 *
 * @param nodeId the node whose state this is
 * @param lastUpdate when the state last changed, in seconds since the Unix epoch
 * @param signature the signature over {@link #signedPart()}; empty before signing
 * @param stateJson the state as JSON text, kept exactly as received (see {@link PythonJson})
 */
public record StatePacket(String nodeId, double lastUpdate, byte[] signature, String stateJson)
        implements SignedPacket<StatePacket> {

    public StatePacket {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(stateJson, "stateJson");
    }

    /** The bytes that are signed: node id, timestamp and state JSON. */
    @Override
    public byte[] signedPart() {
        return new ByteWriter().string(nodeId).f64(lastUpdate).string(stateJson).toByteArray();
    }

    @Override
    public byte[] encode() {
        return new ByteWriter()
                .string(nodeId)
                .f64(lastUpdate)
                .bytes(signature)
                .string(stateJson)
                .toByteArray();
    }

    /** The length of {@link #encode()} once signed with a signature of {@code signatureLength} bytes, without encoding. */
    public int encodedLength(int signatureLength) {
        return 4 + ByteWriter.utf8Length(nodeId) + 8 + 4 + signatureLength + 4 + ByteWriter.utf8Length(stateJson);
    }

    public static StatePacket decode(byte[] wire) {
        ByteReader reader = new ByteReader(wire);
        String nodeId = reader.string("state node_id");
        double lastUpdate = reader.f64("state last_update");
        byte[] signature = reader.bytes("state signature");
        String stateJson = reader.string("state json");
        reader.expectEnd();
        return new StatePacket(nodeId, lastUpdate, signature, stateJson);
    }

    @Override
    public StatePacket withSignature(byte[] newSignature) {
        return new StatePacket(nodeId, lastUpdate, newSignature, stateJson);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatePacket other
                && nodeId.equals(other.nodeId)
                && Double.compare(lastUpdate, other.lastUpdate) == 0
                && Arrays.equals(signature, other.signature)
                && stateJson.equals(other.stateJson);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(nodeId, lastUpdate, stateJson) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "StatePacket[nodeId=" + nodeId + ", lastUpdate=" + lastUpdate
                + ", signature=" + HexFormat.of().formatHex(signature) + ", stateJson=" + stateJson + "]";
    }
}
