package io.dsn.spring.observation;

import io.dsn.DSNMetrics;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each exchange of the node with Micrometer Observation, from its start to its end: with
 * Spring Boot's actuator that is the timer {@code dsn.exchange}, and with a tracer a span per
 * exchange (child of the observation current when an outgoing exchange starts).
 */
public class ObservationDSNMetrics implements DSNMetrics {

    private final ObservationRegistry registry;
    private final String nodeId;
    private final @Nullable DSNExchangeObservationConvention convention;

    /**
     * @param convention replaces the default names and tags; null for {@link DefaultDSNExchangeObservationConvention}
     */
    public ObservationDSNMetrics(ObservationRegistry registry, String nodeId,
                                 @Nullable DSNExchangeObservationConvention convention) {
        this.registry = registry;
        this.nodeId = nodeId;
        this.convention = convention;
    }

    @Override
    public Exchange exchangeStarted(Message message, Direction direction, String peer) {
        if (registry.isNoop()) {
            return Exchange.NONE;
        }
        DSNExchangeContext context = new DSNExchangeContext(nodeId, message, direction, peer);
        Observation observation = DSNObservationDocumentation.EXCHANGE
                .observation(convention, DefaultDSNExchangeObservationConvention.INSTANCE, () -> context, registry)
                .start();
        return (outcome, status) -> {
            context.ended(outcome, status);
            if (outcome == Outcome.FAILED) {
                observation.error(new DSNExchangeFailed(message + " " + direction.name().toLowerCase(java.util.Locale.ROOT)
                        + " with " + peer + " failed" + (status > 0 ? " (status " + status + ")" : "")));
            }
            observation.stop();
        };
    }

    /** What a failed exchange's observation is marked with (no stack trace: it is an outcome, not a bug). */
    static final class DSNExchangeFailed extends RuntimeException {
        DSNExchangeFailed(String message) {
            super(message, null, false, false);
        }
    }
}
