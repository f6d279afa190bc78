package io.dsn.internal.node.exchange;

import io.dsn.DSNMetrics;
import io.dsn.Endpoint;
import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.sealing.Sealing;
import io.dsn.internal.crypto.sealing.Sealing.SealedRequest;
import io.dsn.internal.node.guard.RefusalWarnings;
import io.dsn.internal.protocol.MessageType;
import io.dsn.runtime.NodeRuntime;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one way a message leaves this node, the way the Python node sends it: sealed ({@link Sealing}:
 * framed and encrypted), sent with a timeout per attempt, retried a few times with a pause, and the
 * answer opened (its type must match the request's). Each attempt is sealed anew, so that in the
 * secure protocol a retry is a fresh message. Each call is measured once, when it ends.
 *
 * <p>The pause before a retry is jittered ({@link CallSettings#retryPauseNanos}).
 */
public final class OutgoingCall {

    private final Transport transport;
    private final Sealing sealing;
    private final RefusalWarnings refusals;
    private final CallSettings settings;
    private final ScheduledExecutorService scheduler;
    private final NodeRuntime runtime;
    private final DSNMetrics metrics;
    /** Calls not over yet: a retry waiting on a scheduler that was shut down would never end them. */
    private final Set<CompletableFuture<byte[]>> pending = ConcurrentHashMap.newKeySet();
    /** Once set, the only type still sent: the node is stopping and has announced what it sends last. */
    private volatile @Nullable MessageType lastAllowed;

    /**
     * {@code scheduler} is where retries wait; {@code runtime} gives the clock the calls are measured
     * with and the randomness of the pauses.
     */
    public OutgoingCall(Transport transport, Sealing sealing, RefusalWarnings refusals, CallSettings settings,
                        ScheduledExecutorService scheduler, NodeRuntime runtime, DSNMetrics metrics) {
        this.transport = transport;
        this.sealing = sealing;
        this.refusals = refusals;
        this.settings = settings;
        this.scheduler = scheduler;
        this.runtime = runtime;
        this.metrics = metrics;
    }

    /**
     * Sends a message to the node {@code recipientId} at {@code target} (an empty id when it is not
     * known yet) and takes its answer with {@code take} (which checks it and may throw);
     * the future holds what {@code take} returned, or fails with an {@link ExchangeFailedException}
     * once every attempt failed, or with what {@code take} threw. The call is measured once it is
     * over, the taking of the answer included.
     */
    <T> CompletableFuture<T> call(Endpoint target, String recipientId, MessageType type, byte[] payload,
                                  Function<byte[], T> take) {
        return call(target, recipientId, type, payload, take, settings.attempts());
    }

    /** Sends a message like {@link #call(Endpoint, String, MessageType, byte[], Function)}, with one attempt only. */
    <T> CompletableFuture<T> callOnce(Endpoint target, String recipientId, MessageType type, byte[] payload,
                                      Function<byte[], T> take) {
        return call(target, recipientId, type, payload, take, 1);
    }

    private <T> CompletableFuture<T> call(Endpoint target, String recipientId, MessageType type, byte[] payload,
                                          Function<byte[], T> take, int attemptsOfThisCall) {
        if (stopping(type)) {
            return CompletableFuture.failedFuture(new ExchangeFailedException(type + " not sent: the node is stopping", -1));
        }
        DSNMetrics.Exchange exchange = metrics.exchangeStarted(type.metricsTag(), DSNMetrics.Direction.OUTGOING, target.toString());
        long started = runtime.nanoTime();
        Request request = new Request(target, recipientId, type, payload, attemptsOfThisCall);
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        pending.add(answer);
        answer.whenComplete((bytes, error) -> pending.remove(answer));
        attempt(request, 1, answer);
        return answer.thenApply(take).whenComplete((taken, error) -> {
            DSNMetrics.Outcome outcome = outcomeOf(error);
            metrics.messageSent(type.metricsTag(), outcome, runtime.nanoTime() - started);
            exchange.ended(outcome, statusOf(error));
        });
    }

    /** What every attempt of one call sends, and how many attempts it gets. */
    private record Request(Endpoint target, String recipientId, MessageType type, byte[] payload, int attempts) {
    }

    private void attempt(Request request, int attempt, CompletableFuture<byte[]> result) {
        Endpoint target = request.target();
        MessageType type = request.type();
        if (stopping(type)) {
            // A retry scheduled before the node began to stop.
            result.completeExceptionally(new ExchangeFailedException(type + " not sent: the node is stopping", -1));
            return;
        }
        SealedRequest sealed;
        try {
            sealed = sealing.seal(type, request.payload(), request.recipientId());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        CompletableFuture<TransportResponse> sent;
        try {
            sent = transport.send(target, type.path(), sealed.body(), settings.timeout());
        } catch (RuntimeException e) {
            // A transport should fail the future, not throw; either way the attempt failed.
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((response, error) -> {
            ExchangeFailedException failure;
            if (error == null) {
                try {
                    result.complete(payloadOf(target, type, sealed, response));
                    return;
                } catch (ExchangeFailedException e) {
                    failure = e;
                }
            } else {
                failure = new ExchangeFailedException(type + " to " + target + " failed: " + error.getMessage(), error);
            }
            if (attempt >= request.attempts() || !failure.retryable() || stopping(type)) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                long pause = settings.retryPauseNanos(runtime.random());
                scheduler.schedule(() -> attempt(request, attempt + 1, result), pause, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                result.completeExceptionally(failure);
            }
        });
    }

    private byte[] payloadOf(Endpoint target, MessageType type, SealedRequest sealed, TransportResponse response) {
        if (response.status() == 204) {
            return new byte[0];
        }
        if (response.status() != 200) {
            refusals.refusedBy(target, type, response.status(), sealed.body().length);
            throw new ExchangeFailedException(type + " refused with status " + response.status(), response.status());
        }
        Optional<byte[]> payload;
        try {
            payload = sealed.openAnswer(response.body());
        } catch (DecryptionException e) {
            refusals.unreadableAnswerFrom(target, type);
            throw new ExchangeFailedException(type + " answer could not be decrypted (is the network key the same?)", 200, e);
        }
        return payload.orElseThrow(() ->
                new ExchangeFailedException(type + " answer has the wrong message type or is not this request's", 200));
    }

    /**
     * From now on sends only {@code type}: calls of any other type fail at once and are no longer
     * retried. A stopping node calls this before it says LEAVE, so that nothing it sends can
     * arrive after it.
     */
    public void sendOnly(MessageType type) {
        lastAllowed = type;
    }

    private boolean stopping(MessageType type) {
        MessageType allowed = lastAllowed;
        return allowed != null && allowed != type;
    }

    /** Ends every call not over yet with a failure: the node stops, and no answer or retry will come. */
    public void failPending() {
        ExchangeFailedException stopped = new ExchangeFailedException("the node stopped", -1);
        List.copyOf(pending).forEach(call -> call.completeExceptionally(stopped));
    }

    /** The cause of a failed stage, without the wrapper that CompletableFuture adds. */
    public static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** The first message along a failure's causes, for a log line. */
    public static String rootMessage(Throwable error) {
        Throwable cause = unwrap(error);
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    /** Whether a failed call was refused with this HTTP status. */
    static boolean refusedWith(Throwable error, int status) {
        return unwrap(error) instanceof ExchangeFailedException failed && failed.status() == status;
    }

    /** The status of the last answer: 200 for a call that succeeded, -1 when no answer came. */
    private static int statusOf(@Nullable Throwable error) {
        if (error == null) {
            return 200;
        }
        return unwrap(error) instanceof ExchangeFailedException failed ? failed.status() : -1;
    }

    private static DSNMetrics.Outcome outcomeOf(Throwable error) {
        if (error == null) {
            return DSNMetrics.Outcome.SUCCESS;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof ExchangeFailedException failed && failed.status() > 0 && failed.status() != 200) {
            return DSNMetrics.Outcome.REFUSED;
        }
        return DSNMetrics.Outcome.FAILED;
    }
}
