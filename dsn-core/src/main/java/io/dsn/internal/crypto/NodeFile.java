package io.dsn.internal.crypto;

/** The files a Java node keeps in its credential directory besides keys (a Python node ignores them). */
public enum NodeFile {

    /** Where the node last reached its peers, and the newest timestamp it took from each. */
    ADDRESS_BOOK("address-book.tsv"),
    /** The newest timestamp of the node's own states, so that a restarted node continues after it. */
    LAST_TIMESTAMP("last-timestamp.txt");

    private final String fileName;

    NodeFile(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
