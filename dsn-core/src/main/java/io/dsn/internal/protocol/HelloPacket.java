package io.dsn.internal.protocol;

import io.dsn.Endpoint;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The HELLO packet ({@code /hello}); request and response have the same shape.
 *
 * @param version the sender's protocol version, {@link #PROTOCOL_VERSION} for a compatible node
 * @param nodeId the sender's node id
 * @param endpoint the address and port the sender advertises for itself
 * @param publicKey the sender's 64-byte public key {@code X || Y}
 * @param signature the signature over {@link #signedPart()}; empty before signing
 * @param detectedAddress the requester's IP as the responder saw it; {@code ""} when none
 */
public record HelloPacket(String version, String nodeId, Endpoint endpoint, byte[] publicKey,
                          byte[] signature, String detectedAddress) implements SignedPacket<HelloPacket> {

    /** The protocol version this implementation speaks. */
    public static final String PROTOCOL_VERSION = "0.6.7";

    public HelloPacket {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(signature, "signature");
        if (detectedAddress == null) {
            detectedAddress = "";
        }
    }

    /**
     * The bytes that are signed: every field but the signature, with the detected address
     * always {@code ""} because the Python responder fills it in after signing.
     */
    @Override
    public byte[] signedPart() {
        return header().string("").toByteArray();
    }

    /** The wire form, with exactly one trailing field (the detected address). */
    @Override
    public byte[] encode() {
        return header().bytes(signature).string(detectedAddress).toByteArray();
    }

    /**
     * Parses a HELLO. After the signature it accepts no trailing field, one (the detected
     * address) or two (a certificate, ignored, then the detected address), because the Python
     * parser reads the first of two as a certificate.
     */
    public static HelloPacket decode(byte[] wire) {
        ByteReader reader = new ByteReader(wire);
        String version = reader.string("hello version");
        String nodeId = reader.string("hello node_id");
        Endpoint endpoint = EndpointCodec.decode(reader.bytes("hello endpoint"));
        byte[] publicKey = reader.bytes("hello public key");
        byte[] signature = reader.bytes("hello signature");
        String detected = "";
        if (reader.hasRemaining()) {
            byte[] first = reader.bytes("hello trailing field");
            if (reader.hasRemaining()) {
                detected = reader.string("hello detected address");
                reader.expectEnd();
            } else {
                detected = ByteReader.utf8(first, "hello detected address");
            }
        }
        return new HelloPacket(version, nodeId, endpoint, publicKey, signature, detected);
    }

    @Override
    public HelloPacket withSignature(byte[] newSignature) {
        return new HelloPacket(version, nodeId, endpoint, publicKey, newSignature, detectedAddress);
    }

    public HelloPacket withDetectedAddress(String newDetectedAddress) {
        return new HelloPacket(version, nodeId, endpoint, publicKey, signature, newDetectedAddress);
    }

    private ByteWriter header() {
        return new ByteWriter()
                .string(version)
                .string(nodeId)
                .bytes(EndpointCodec.encode(endpoint))
                .bytes(publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HelloPacket other
                && version.equals(other.version)
                && nodeId.equals(other.nodeId)
                && endpoint.equals(other.endpoint)
                && Arrays.equals(publicKey, other.publicKey)
                && Arrays.equals(signature, other.signature)
                && detectedAddress.equals(other.detectedAddress);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(version, nodeId, endpoint, detectedAddress);
        h = 31 * h + Arrays.hashCode(publicKey);
        return 31 * h + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "HelloPacket[version=" + version + ", nodeId=" + nodeId + ", endpoint=" + endpoint
                + ", publicKey=" + hex.formatHex(publicKey) + ", signature=" + hex.formatHex(signature)
                + ", detectedAddress=" + detectedAddress + "]";
    }
}
