package io.dsn.runtime;

/**
 * Which signatures the nodes built on a {@link NodeRuntime} make and check. Every real node signs
 * with {@link #ECDSA}; the system runtime ({@link NodeRuntime#system()}) carries nothing else.
 */
public enum NodeSignatures {

    /** The protocol's signatures: ECDSA on secp256k1. */
    ECDSA,

    /**
     * The simulator's stand-in, about a hundred times cheaper, so that a thousand nodes fit on
     * two cores: every check of the protocol still runs, but it is <b>not a signature</b> (anyone
     * who knows a public key can sign for it). Only for nodes in virtual time on an in-memory
     * network: a {@link VirtualTimeRuntime} made with it.
     */
    SIMULATION_STAND_IN
}
