package io.dsn.support;

import io.dsn.DSNodeServer;

import java.util.ArrayList;
import java.util.List;

/** Stops every node and closes everything else a test network started, even when some fail. */
final class Teardown {

    private Teardown() {
    }

    /** Stops the nodes, then closes the rest; throws the first failure with the others suppressed. */
    static void stopAll(List<DSNodeServer> nodes, List<? extends AutoCloseable> others) throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (DSNodeServer server : nodes) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (AutoCloseable closeable : others) {
            try {
                closeable.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
