package io.dsn.spring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import java.util.Locale;

/**
 * {@code dsn.exchange}, with the low-cardinality keys {@code dsn.message} ({@code hello},
 * {@code update}, ...), {@code dsn.direction} ({@code outgoing} or {@code incoming}) and
 * {@code dsn.outcome} ({@code success}, {@code refused}, {@code failed}), and the
 * high-cardinality keys {@code dsn.peer}, {@code dsn.node} and {@code dsn.status}.
 */
public class DefaultDSNExchangeObservationConvention implements DSNExchangeObservationConvention {

    public static final DefaultDSNExchangeObservationConvention INSTANCE = new DefaultDSNExchangeObservationConvention();

    @Override
    public String getName() {
        return DSNObservationDocumentation.EXCHANGE.getName();
    }

    @Override
    public String getContextualName(DSNExchangeContext context) {
        return "dsn " + lower(context.getMessage().name()) + " " + lower(context.getDirection().name());
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(DSNExchangeContext context) {
        return KeyValues.of(
                KeyValue.of(DSNObservationDocumentation.LowCardinalityKeys.MESSAGE, lower(context.getMessage().name())),
                KeyValue.of(DSNObservationDocumentation.LowCardinalityKeys.DIRECTION, lower(context.getDirection().name())),
                KeyValue.of(DSNObservationDocumentation.LowCardinalityKeys.OUTCOME,
                        context.getOutcome() == null ? "unknown" : lower(context.getOutcome().name())));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(DSNExchangeContext context) {
        return KeyValues.of(
                KeyValue.of(DSNObservationDocumentation.HighCardinalityKeys.PEER, context.getPeer()),
                KeyValue.of(DSNObservationDocumentation.HighCardinalityKeys.NODE, context.getNodeId()),
                KeyValue.of(DSNObservationDocumentation.HighCardinalityKeys.STATUS, Integer.toString(context.getStatus())));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
