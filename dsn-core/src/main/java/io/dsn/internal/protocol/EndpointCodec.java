package io.dsn.internal.protocol;

import io.dsn.Endpoint;

/** The endpoint encoding: {@code string address, u32 port}. */
public final class EndpointCodec {

    private EndpointCodec() {
    }

    public static byte[] encode(Endpoint endpoint) {
        return new ByteWriter().string(endpoint.address()).u32(endpoint.port()).toByteArray();
    }

    /** Decodes a whole endpoint; the input must hold nothing else. */
    public static Endpoint decode(byte[] encoded) {
        ByteReader reader = new ByteReader(encoded);
        String address = reader.string("endpoint address");
        long port = reader.u32("endpoint port");
        reader.expectEnd();
        if (port > 65535) {
            throw new PacketFormatException("endpoint port out of range: " + port);
        }
        return new Endpoint(address, (int) port);
    }
}
