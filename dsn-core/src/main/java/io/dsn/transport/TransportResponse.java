package io.dsn.transport;

import java.util.Arrays;

/**
 * An HTTP status and body as the transport carries them.
 *
 * @param status the HTTP status code
 * @param body the body, empty when there is none
 */
public record TransportResponse(int status, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    public TransportResponse {
        body = body == null ? NO_BODY : body;
    }

    /** A response with a status and no body. */
    public static TransportResponse status(int status) {
        return new TransportResponse(status, NO_BODY);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransportResponse that && status == that.status && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * status + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "TransportResponse[status=" + status + ", body=" + body.length + " bytes]";
    }
}
