package io.dsn.benchmarks.jmh;

import io.dsn.internal.protocol.PythonJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The state JSON exactly as Python's json.dumps writes it, and the parser for what peers send. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PythonJsonBenchmark {

    private Map<String, String> typical;
    private Map<String, String> escaped;
    private String typicalJson;
    private String escapedJson;

    @Setup
    public void setUp() {
        typical = Fixtures.typicalState();
        escaped = Fixtures.escapedState();
        typicalJson = PythonJson.write(typical);
        escapedJson = PythonJson.write(escaped);
    }

    @Benchmark
    public String writeTypical() {
        return PythonJson.write(typical);
    }

    @Benchmark
    public String writeEscaped() {
        return PythonJson.write(escaped);
    }

    @Benchmark
    public Map<String, String> parseTypical() {
        return PythonJson.parseState(typicalJson);
    }

    @Benchmark
    public Map<String, String> parseEscaped() {
        return PythonJson.parseState(escapedJson);
    }
}
