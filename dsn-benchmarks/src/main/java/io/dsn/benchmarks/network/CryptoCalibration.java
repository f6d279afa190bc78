package io.dsn.benchmarks.network;

import io.dsn.CryptoProvider;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.crypto.SignatureScheme;
import io.dsn.internal.crypto.SignatureSchemes;
import io.dsn.internal.crypto.VerifyingKey;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A quick single-thread timing of ECDSA sign and verify on a typical state, so that a network
 * scenario can put its throughput next to the crypto ceiling measured on the same machine in
 * the same run. The JMH figures in docs/benchmarks.md are the careful ones; this is a cross-check.
 */
public final class CryptoCalibration {

    /** Microseconds per operation, one thread. */
    public record Result(double signMicros, double verifyMicros) {

        /**
         * The most state deliveries per second {@code cores} could do if only cryptography cost
         * anything: each delivery is one verify by its reader, and one sign by the writer serves
         * {@code readers} deliveries.
         */
        public double ceilingPerSecond(int cores, int readers) {
            return cores * 1e6 / (verifyMicros + signMicros / readers);
        }
    }

    private CryptoCalibration() {
    }

    public static Result measure(Duration duration) {
        // the scheme the nodes of this run use (libsecp256k1 where it loads)
        SignatureScheme scheme = SignatureSchemes.choose(CryptoProvider.AUTO).scheme();
        NodeKeyPair keys = scheme.generate(new SecureRandom());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("seq", "123456");
        data.put("t", "987654321012345");
        data.put("payload", "x".repeat(64));
        byte[] signedPart = new StatePacket("writer", 1.7e9, new byte[0], PythonJson.write(data)).signedPart();
        VerifyingKey publicKey = scheme.verifyingKey(keys.publicKey());
        byte[] signature = keys.sign(signedPart);
        long half = Math.max(1, duration.toNanos() / 2);
        // warm up both for a quarter of the time, then measure each for the rest
        timeSign(keys, signedPart, half / 4);
        timeVerify(publicKey, signedPart, signature, half / 4);
        double sign = timeSign(keys, signedPart, half * 3 / 4);
        double verify = timeVerify(publicKey, signedPart, signature, half * 3 / 4);
        return new Result(sign, verify);
    }

    private static double timeSign(NodeKeyPair keys, byte[] message, long nanos) {
        long start = System.nanoTime();
        long count = 0;
        int sink = 0;
        do {
            sink += keys.sign(message)[0];
            count++;
        } while (System.nanoTime() - start < nanos);
        blackhole(sink);
        return (System.nanoTime() - start) / 1e3 / count;
    }

    private static double timeVerify(VerifyingKey publicKey, byte[] message, byte[] signature, long nanos) {
        long start = System.nanoTime();
        long count = 0;
        int valid = 0;
        do {
            valid += publicKey.verify(message, signature) ? 1 : 0;
            count++;
        } while (System.nanoTime() - start < nanos);
        if (valid != count) {
            throw new IllegalStateException("a valid signature failed to verify");
        }
        return (System.nanoTime() - start) / 1e3 / count;
    }

    private static volatile int sinkField;

    private static void blackhole(int value) {
        sinkField = value;
    }
}
