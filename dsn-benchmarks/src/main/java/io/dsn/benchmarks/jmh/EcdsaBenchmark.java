package io.dsn.benchmarks.jmh;

import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.crypto.Signatures;
import io.dsn.internal.protocol.StatePacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * ECDSA on secp256k1 over SHA-1(SHA-256(signed part)) of a typical state: what a writer pays
 * once per write (sign) and every reader per delivery (verify). Verify uses a key seen before,
 * as a node does with its pinned peers (the decoded key is cached).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EcdsaBenchmark {

    private NodeKeyPair keys;
    private byte[] publicKey;
    private byte[] signedPart;
    private byte[] signature;

    @Setup
    public void setUp() {
        keys = Fixtures.keyPair();
        publicKey = keys.publicKey();
        StatePacket state = Fixtures.signedState(keys, Fixtures.WRITER, Fixtures.TIMESTAMP, Fixtures.typicalState());
        signedPart = state.signedPart();
        signature = state.signature();
        if (!Signatures.verify(publicKey, signedPart, signature)) {
            throw new IllegalStateException("the fixture's signature does not verify");
        }
    }

    @Benchmark
    public byte[] sign() {
        return keys.sign(signedPart);
    }

    @Benchmark
    public boolean verify() {
        return Signatures.verify(publicKey, signedPart, signature);
    }
}
