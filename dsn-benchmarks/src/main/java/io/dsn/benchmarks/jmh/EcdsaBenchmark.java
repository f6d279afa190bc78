package io.dsn.benchmarks.jmh;

import io.dsn.CryptoProvider;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.crypto.SignatureScheme;
import io.dsn.internal.crypto.SignatureSchemes;
import io.dsn.internal.crypto.VerifyingKey;
import io.dsn.internal.protocol.StatePacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * ECDSA on secp256k1 over SHA-1(SHA-256(signed part)) of a typical state, under each
 * implementation ({@code provider}: native is libsecp256k1, bouncy-castle is Java): what a writer
 * pays once per write (sign) and every reader per delivery (verify). Verify uses a key decoded
 * before, as a node does with its pinned peers; verifyNewKey decodes it too, as for a first HELLO.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EcdsaBenchmark {

    @Param({"native", "bouncy-castle"})
    public String provider;

    private SignatureScheme scheme;
    private NodeKeyPair keys;
    private byte[] publicKey;
    private VerifyingKey verifyingKey;
    private byte[] signedPart;
    private byte[] signature;

    @Setup
    public void setUp() {
        scheme = SignatureSchemes.choose("native".equals(provider) ? CryptoProvider.NATIVE : CryptoProvider.BOUNCY_CASTLE)
                .scheme();
        keys = scheme.generate(new SecureRandom());
        publicKey = keys.publicKey();
        verifyingKey = scheme.verifyingKey(publicKey);
        StatePacket state = Fixtures.signedState(keys, Fixtures.WRITER, Fixtures.TIMESTAMP, Fixtures.typicalState());
        signedPart = state.signedPart();
        signature = state.signature();
        if (!verifyingKey.verify(signedPart, signature)) {
            throw new IllegalStateException("the fixture's signature does not verify");
        }
    }

    @Benchmark
    public byte[] sign() {
        return keys.sign(signedPart);
    }

    @Benchmark
    public boolean verify() {
        return verifyingKey.verify(signedPart, signature);
    }

    @Benchmark
    public boolean verifyNewKey() {
        return scheme.verify(publicKey, signedPart, signature);
    }
}
