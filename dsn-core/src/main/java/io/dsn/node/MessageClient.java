package io.dsn.node;

import io.dsn.Endpoint;
import io.dsn.crypto.DecryptionException;
import io.dsn.crypto.NetworkCipher;
import io.dsn.protocol.MessageType;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends one message to a peer the way the Python node does: the encrypted type byte and
 * payload, a timeout per attempt, a few attempts with a pause between them. The answer's type
 * byte must match the request's.
 */
final class MessageClient {

    private final Transport transport;
    private final NetworkCipher cipher;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final int attempts;
    private final Duration retryPause;

    MessageClient(Transport transport, NetworkCipher cipher, ScheduledExecutorService scheduler,
                  Duration timeout, int attempts, Duration retryPause) {
        this.transport = transport;
        this.cipher = cipher;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.attempts = attempts;
        this.retryPause = retryPause;
    }

    /** Sends a message; the future holds the answer's payload (possibly empty). */
    CompletableFuture<byte[]> exchange(Endpoint target, MessageType type, byte[] payload) {
        byte[] plain = new byte[payload.length + 1];
        plain[0] = type.code();
        System.arraycopy(payload, 0, plain, 1, payload.length);
        byte[] body = cipher.encrypt(plain);
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        attempt(target, type, body, 1, result);
        return result;
    }

    private void attempt(Endpoint target, MessageType type, byte[] body, int attempt, CompletableFuture<byte[]> result) {
        transport.send(target, type.path(), body, timeout).whenComplete((response, error) -> {
            ExchangeFailedException failure;
            if (error == null) {
                try {
                    result.complete(payloadOf(type, response));
                    return;
                } catch (ExchangeFailedException e) {
                    failure = e;
                }
            } else {
                failure = new ExchangeFailedException(type + " to " + target + " failed: " + error.getMessage(), error);
            }
            if (attempt >= attempts || !failure.retryable()) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                scheduler.schedule(() -> attempt(target, type, body, attempt + 1, result),
                        retryPause.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                result.completeExceptionally(failure);
            }
        });
    }

    private byte[] payloadOf(MessageType type, TransportResponse response) {
        if (response.status() == 204) {
            return new byte[0];
        }
        if (response.status() != 200) {
            throw new ExchangeFailedException(type + " refused with status " + response.status(), response.status());
        }
        byte[] plain;
        try {
            plain = cipher.decrypt(response.body());
        } catch (DecryptionException e) {
            throw new ExchangeFailedException(type + " answer could not be decrypted (is the network key the same?)", 200, e);
        }
        if (plain.length == 0 || plain[0] != type.code()) {
            throw new ExchangeFailedException(type + " answer has the wrong message type", 200);
        }
        return Arrays.copyOfRange(plain, 1, plain.length);
    }
}
