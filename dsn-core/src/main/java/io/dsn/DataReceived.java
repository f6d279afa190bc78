package io.dsn;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A peer sent this node a DATA message (see {@link DSNode#sendToNode(String, byte[])}).
 *
 * @param nodeId the sender's id (its signature was verified)
 * @param data the bytes it sent; a copy is returned on every call
 */
public record DataReceived(String nodeId, byte[] data) implements DSNEvent {

    public DataReceived {
        Objects.requireNonNull(nodeId, "nodeId");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataReceived that && nodeId.equals(that.nodeId) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * nodeId.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String shown = data.length <= 64 ? HexFormat.of().formatHex(data) : data.length + " bytes";
        return "DataReceived[nodeId=" + nodeId + ", data=" + shown + "]";
    }
}
