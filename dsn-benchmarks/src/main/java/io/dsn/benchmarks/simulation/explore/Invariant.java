package io.dsn.benchmarks.simulation.explore;

/** What the explorer checks, while a schedule runs and after it ends; each violation names one. */
enum Invariant {

    /** Within a bound after the last fault ends, every running node holds every running node's newest state. */
    CONVERGENCE("convergence"),
    /** No node replaces a state it holds of a peer by an older one, across drops, restarts and re-admissions. */
    NO_ROLLBACK("no-rollback"),
    /** Every state a node holds of a peer is one that peer signed. */
    NO_FORGERY("no-forgery"),
    /**
     * Every state a node signs is later than every state it signed before, in this start or an
     * earlier one, so that no write of its own that reached a peer outranks a newer one.
     */
    NO_LOST_WRITE("no-lost-write"),
    /**
     * A node that nobody can reach (crashed, stopped, blackholed, paused) is dropped by every
     * running node within a bound, and a node that every running node can reach is listed by
     * each of them within a bound.
     */
    DETECTION("detection"),
    /** Peer tables, files and the timeline's pending tasks stay within their limits. */
    BOUNDED("bounded"),
    /** The node's API threw where it must not: the run could not go on as scheduled. */
    EXCEPTION("exception");

    private final String label;

    Invariant(String label) {
        this.label = label;
    }

    /** The name reports and the JSON line use. */
    String label() {
        return label;
    }
}
