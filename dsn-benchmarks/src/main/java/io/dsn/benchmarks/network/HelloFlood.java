package io.dsn.benchmarks.network;

import io.dsn.Endpoint;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.runtime.NamedThreads;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An insider's HELLO flood: one HELLO request from each of many identities made up for it, every
 * one a new node id with a fresh key pair, correctly signed and encrypted with the network key,
 * advertising an endpoint where nothing listens. The requests are built before the flood, so
 * that the flooder's own cryptography is not part of it, and sent with the JDK's HTTP client
 * (not the transport under test), blocking, from a fixed number of threads: a flood costs the
 * flooder a bounded number of threads of its own, all named {@value #THREAD_NAME}. Closing it
 * stops the client's pool (its selector thread ends once the client is collected).
 */
final class HelloFlood implements AutoCloseable {

    /** The flooder's threads: its senders and its HTTP client's pool (the client's selector thread aside). */
    static final String THREAD_NAME = "bench-flood";
    private static final String SENDER_THREAD_NAME = THREAD_NAME + "-sender";
    private static final int CLIENT_THREADS = 2;

    /**
     * What came back.
     *
     * @param sent HELLO requests sent
     * @param statuses answers by HTTP status
     * @param noAnswer requests that got no answer (timed out, connection failed)
     * @param answerTimes time from sending to the answer, of every answered request
     * @param nanos time from the first request to the last answer
     * @param drained whether every sender had its last answer (or gave up on it) in time
     */
    record Result(long sent, Map<Integer, Long> statuses, long noAnswer, Histogram answerTimes, long nanos,
                  boolean drained) {

        long status(int code) {
            return statuses.getOrDefault(code, 0L);
        }

        /** Answers with a status other than the given ones. */
        long otherStatuses(int... codes) {
            long other = statuses.values().stream().mapToLong(Long::longValue).sum();
            for (int code : codes) {
                other -= status(code);
            }
            return other;
        }
    }

    private final List<byte[]> bodies;
    private final Duration answerTimeout;
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(CLIENT_THREADS,
            NamedThreads.daemon(THREAD_NAME));
    private final HttpClient client;

    private HelloFlood(List<byte[]> bodies, Duration answerTimeout) {
        this.bodies = bodies;
        this.answerTimeout = answerTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(answerTimeout)
                .executor(clientThreads)
                .build();
    }

    /**
     * Builds {@code count} HELLO bodies from the ids {@code idPrefix00000}, {@code idPrefix00001}, ...
     * and a client that waits at most {@code answerTimeout} for an answer.
     */
    static HelloFlood prepare(String networkKey, String idPrefix, int count, Endpoint advertised,
                              Duration answerTimeout) {
        NetworkCipher cipher = NetworkCipher.aes(NetworkKey.parse(networkKey));
        SecureRandom random = new SecureRandom();
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = idPrefix + String.format(Locale.ROOT, "%05d", i);
            NodeKeyPair keys = NodeKeyPair.generate(random);
            HelloPacket unsigned = new HelloPacket(HelloPacket.PROTOCOL_VERSION, id, advertised, keys.publicKey(),
                    new byte[0], "");
            HelloPacket signed = unsigned.withSignature(keys.sign(unsigned.signedPart()));
            bodies.add(cipher.encrypt(Envelope.frame(MessageType.HELLO, signed.encode())));
        }
        return new HelloFlood(bodies, answerTimeout);
    }

    int size() {
        return bodies.size();
    }

    /**
     * Sends the HELLOs in order from {@code concurrency} threads, each sending its next HELLO once
     * the last one was answered, until all are sent or {@code deadline} (a {@link System#nanoTime()})
     * has passed; returns once every sender has its last answer (or gave up on it).
     */
    Result send(Endpoint target, int concurrency, long deadline) throws InterruptedException {
        URI uri = URI.create("http://" + target.address() + ":" + target.port() + MessageType.HELLO.path());
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder sent = new LongAdder();
        LongAdder noAnswer = new LongAdder();
        Histogram answerTimes = new Histogram();
        AtomicInteger next = new AtomicInteger();
        Runnable sender = () -> {
            for (int i = next.getAndIncrement(); i < bodies.size() && System.nanoTime() < deadline;
                 i = next.getAndIncrement()) {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(answerTimeout)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                        .build();
                sent.increment();
                long sentAt = System.nanoTime();
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    answerTimes.record(System.nanoTime() - sentAt);
                    statuses.computeIfAbsent(status, code -> new LongAdder()).increment();
                } catch (IOException e) {
                    noAnswer.increment();
                } catch (InterruptedException e) {
                    noAnswer.increment();
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
        List<Thread> senders = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(sender, SENDER_THREAD_NAME + "-" + (i + 1));
            thread.setDaemon(true);
            senders.add(thread);
            thread.start();
        }
        long joinDeadline = Math.max(deadline, System.nanoTime()) + answerTimeout.plusSeconds(1).toNanos();
        boolean drained = true;
        for (Thread thread : senders) {
            TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, joinDeadline - System.nanoTime()));
            if (thread.isAlive()) {
                drained = false;
                thread.interrupt();
            }
        }
        long nanos = System.nanoTime() - start;
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((code, count) -> byStatus.put(code, count.sum()));
        return new Result(sent.sum(), byStatus, noAnswer.sum(), answerTimes, nanos, drained);
    }

    @Override
    public void close() {
        clientThreads.shutdownNow();
    }
}
