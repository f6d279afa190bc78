package io.dsn.benchmarks.jmh;

import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.MessageType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** AES-128-CBC of a typical UPDATE body (type byte and a signed typical state). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AesBenchmark {

    private NetworkCipher cipher;
    private byte[] plain;
    private byte[] encrypted;

    @Setup
    public void setUp() {
        cipher = NetworkCipher.aes(Fixtures.networkKey());
        NodeKeyPair keys = Fixtures.keyPair();
        plain = Envelope.frame(MessageType.UPDATE,
                Fixtures.signedState(keys, Fixtures.WRITER, Fixtures.TIMESTAMP, Fixtures.typicalState()).encode());
        encrypted = cipher.encrypt(plain);
    }

    @Benchmark
    public byte[] encryptUpdateBody() {
        return cipher.encrypt(plain);
    }

    @Benchmark
    public byte[] decryptUpdateBody() throws DecryptionException {
        return cipher.decrypt(encrypted);
    }
}
