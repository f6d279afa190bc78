package io.dsn.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a wrong {@code dsn.*} property when the application fails to start. */
class InvalidDSNPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDSNPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDSNPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct '" + cause.getProperty() + "' in the application's configuration "
                        + "(application.yml, application.properties or the environment).",
                cause);
    }
}
