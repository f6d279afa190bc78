package io.dsn.runtime;

/**
 * Bugs a simulation puts into its nodes on purpose, to prove that its checks find them (the
 * explorer of {@code dsn-benchmarks}, {@code simulate --explore --bug}). Only nodes in virtual
 * time take them: a {@link VirtualTimeRuntime} made with them; any other runtime that names one
 * is refused when its node is created.
 */
public enum SimulatedBug {

    /** A state older than the one held of its node is taken (no-rollback must catch it). */
    ACCEPT_OLDER_STATES,
    /** A new state is merged into the one held instead of replacing it, so removed keys stay (no-forgery). */
    MERGE_STATES,
    /** A peer that fails every liveness check is kept (detection). */
    NEVER_DROP_UNREACHABLE,
    /** A restarted node ignores the timestamps it stored, and follows its clock (no-lost-write). */
    FORGET_OWN_TIMESTAMPS,
    /** The outboxes count every state as delivered without sending it (convergence). */
    SKIP_UPDATES,
    /** Every tick leaves ten timers behind an hour ahead, as a forgotten timeout would (bounded). */
    LEAK_TIMERS
}
