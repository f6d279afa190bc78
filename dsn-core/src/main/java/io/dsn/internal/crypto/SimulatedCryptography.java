package io.dsn.internal.crypto;

import io.dsn.runtime.NodeRuntime;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * The simulator's seam to the cryptography: nodes built on a runtime given to
 * {@link #useStandIn} sign and verify with {@link StandInSignatures} instead of ECDSA, so that a
 * thousand nodes fit on two cores. Only code that calls this internal class can do that: no
 * {@code DSNodeConfig}, {@code dsn.*} property or public builder method reaches it, and the
 * system runtime (real time, real threads) is refused. Every other node uses
 * {@link SignatureScheme#SECP256K1}.
 */
public final class SimulatedCryptography {

    /** Weak: a simulation's runtime and its entry go away together. Identity: runtimes do not override equals. */
    private static final Map<NodeRuntime, SignatureScheme> STAND_INS = Collections.synchronizedMap(new WeakHashMap<>());

    private SimulatedCryptography() {
    }

    /**
     * Makes every node created on {@code runtime} from now on use the stand-in signatures.
     *
     * @throws IllegalArgumentException for {@link NodeRuntime#system()}
     */
    public static void useStandIn(NodeRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        if (runtime == NodeRuntime.system()) {
            throw new IllegalArgumentException("the stand-in signatures are for simulations, never for the system runtime");
        }
        STAND_INS.put(runtime, StandInSignatures.INSTANCE);
    }

    /** The scheme of nodes created on {@code runtime}: ECDSA unless {@link #useStandIn} was called for it. */
    public static SignatureScheme schemeFor(NodeRuntime runtime) {
        return STAND_INS.getOrDefault(runtime, SignatureScheme.SECP256K1);
    }
}
