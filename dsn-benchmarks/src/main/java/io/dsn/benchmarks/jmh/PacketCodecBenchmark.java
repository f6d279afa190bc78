package io.dsn.benchmarks.jmh;

import io.dsn.Endpoint;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.DataPacket;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.PeersPacket;
import io.dsn.internal.protocol.StatePacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Encoding and decoding of every packet (no crypto: the signatures are made once in the setup). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketCodecBenchmark {

    private HelloPacket hello;
    private byte[] helloWire;
    private StatePacket state;
    private byte[] stateWire;
    private PeersPacket peers;
    private byte[] peersWire;
    private DataPacket data;
    private byte[] dataWire;

    @Setup
    public void setUp() {
        NodeKeyPair keys = Fixtures.keyPair();
        hello = Fixtures.signedHello(keys, Fixtures.WRITER, new Endpoint("192.168.1.17", 8000)).withDetectedAddress("192.168.1.20");
        helloWire = hello.encode();
        state = Fixtures.signedState(keys, Fixtures.WRITER, Fixtures.TIMESTAMP, Fixtures.typicalState());
        stateWire = state.encode();
        peers = Fixtures.signedPeers(keys, Fixtures.WRITER, 10);
        peersWire = peers.encode();
        data = Fixtures.signedData(keys, Fixtures.WRITER, 256);
        dataWire = data.encode();
    }

    @Benchmark
    public byte[] helloEncode() {
        return hello.encode();
    }

    @Benchmark
    public HelloPacket helloDecode() {
        return HelloPacket.decode(helloWire);
    }

    @Benchmark
    public byte[] stateEncode() {
        return state.encode();
    }

    @Benchmark
    public StatePacket stateDecode() {
        return StatePacket.decode(stateWire);
    }

    /** What a signer and a verifier build: the packet without its signature. */
    @Benchmark
    public byte[] stateSignedPart() {
        return state.signedPart();
    }

    /** A PEERS answer listing 10 nodes. */
    @Benchmark
    public byte[] peersEncode() {
        return peers.encode();
    }

    @Benchmark
    public PeersPacket peersDecode() {
        return PeersPacket.decode(peersWire);
    }

    /** A DATA packet with 256 bytes of application data. */
    @Benchmark
    public byte[] dataEncode() {
        return data.encode();
    }

    @Benchmark
    public DataPacket dataDecode() {
        return DataPacket.decode(dataWire);
    }
}
