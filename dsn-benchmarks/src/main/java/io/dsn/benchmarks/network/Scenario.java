package io.dsn.benchmarks.network;

import java.util.Set;

/** One network benchmark: starts real nodes, measures, stops everything it started. */
public interface Scenario {

    /** The name on the command line. */
    String name();

    /** One line saying what it measures. */
    String description();

    /** The options it takes besides {@link Cluster#OPTIONS}, for the help text and for checking. */
    Set<String> options();

    /** Runs the scenario; every node it started is stopped when this returns or throws. */
    ScenarioReport run(Options options) throws Exception;
}
