package io.dsn.spring.autoconfigure;

import io.dsn.PortInUseException;
import io.dsn.transport.InMemoryPortInUseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a DSN port that is taken: by another process for the HTTP transport, by another node of
 * this JVM on an in-memory network (where no process listens, and dsn.port is not used).
 */
class DSNPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        if (cause instanceof InMemoryPortInUseException inMemory) {
            return inMemory(inMemory);
        }
        return new FailureAnalysis("The DSN node could not start: port " + cause.port() + " (dsn.port) is already in use.",
                "Stop the process that listens on port " + cause.port() + ", or set dsn.port to a free port "
                        + "(0 picks one). The DSN port must differ from server.port.",
                cause);
    }

    private static FailureAnalysis inMemory(InMemoryPortInUseException cause) {
        String network = "in-memory network '" + cause.networkName() + "'";
        if (cause.port() == 0) {
            return new FailureAnalysis("The DSN node could not start: " + network + " has no free port left.",
                    "Put fewer nodes on that network: stop the nodes of earlier tests, or give contexts networks of "
                            + "their own with dsn.in-memory.network-name.",
                    cause);
        }
        return new FailureAnalysis("The DSN node could not start: port " + cause.port() + " of " + network
                        + " is already in use by another node of this JVM on that network (no process holds it: the "
                        + "network is in memory).",
                "Leave the port to the network: a node on the in-memory transport takes a free port of its network "
                        + "(dsn.port is the HTTP transport's and is not used in memory), so remove the fixed port from "
                        + "the DSNodeConfig or DSNodeConfigCustomizer bean that sets it, or give it port 0. Nodes of an "
                        + "in-memory network find each other through the network, without ports. To keep this node "
                        + "apart from the other one, set dsn.in-memory.network-name to a network of its own.",
                cause);
    }
}
