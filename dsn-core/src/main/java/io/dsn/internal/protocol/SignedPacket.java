package io.dsn.internal.protocol;

import java.util.function.UnaryOperator;

/**
 * A packet signed by the node it names: what is signed, the signature over it, and the same packet
 * with a signature. Every packet but PING's is one, so that signing one and checking its sender
 * are written once for all of them.
 *
 * @param <P> the packet's own type, which {@link #withSignature} returns
 */
public interface SignedPacket<P extends SignedPacket<P>> {

    /** The node that signed the packet. */
    String nodeId();

    /** The bytes the signature is over. */
    byte[] signedPart();

    /** The signature over {@link #signedPart()}; empty before signing. */
    byte[] signature();

    /** This packet with {@code signature} in place of its own. */
    P withSignature(byte[] signature);

    /** The packet as the wire carries it. */
    byte[] encode();

    /** This packet signed by {@code sign}, which maps what is signed to its signature. */
    default P signedWith(UnaryOperator<byte[]> sign) {
        return withSignature(sign.apply(signedPart()));
    }
}
