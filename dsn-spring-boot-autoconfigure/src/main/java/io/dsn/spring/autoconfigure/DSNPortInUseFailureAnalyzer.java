package io.dsn.spring.autoconfigure;

import io.dsn.PortInUseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a DSN port that another process already holds. */
class DSNPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        return new FailureAnalysis("The DSN node could not start: port " + cause.port() + " (dsn.port) is already in use.",
                "Stop the process that listens on port " + cause.port() + ", or set dsn.port to a free port "
                        + "(0 picks one). The DSN port must differ from server.port.",
                cause);
    }
}
