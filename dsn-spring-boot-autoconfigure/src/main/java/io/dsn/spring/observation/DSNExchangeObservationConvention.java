package io.dsn.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the observations of DSN exchanges; a bean of this type replaces the default one. */
public interface DSNExchangeObservationConvention extends ObservationConvention<DSNExchangeContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof DSNExchangeContext;
    }
}
