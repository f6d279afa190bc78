package io.dsn.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of a DSN node. One observation per exchange: a timer
 * {@code dsn.exchange} (Prometheus: {@code dsn_exchange_seconds}) and, with a tracer, a span.
 * The trace context stays in this process: the wire format is Python 0.6.7's and carries none.
 */
public enum DSNObservationDocumentation implements ObservationDocumentation {

    /** A request this node sent (every attempt of it) or served. */
    EXCHANGE {
        @Override
        public String getName() {
            return "dsn.exchange";
        }

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultDSNExchangeObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeys.values();
        }
    };

    /** Tags of the metrics and the spans. */
    public enum LowCardinalityKeys implements KeyName {
        /** The message: hello, peers, update, ping, data, leave. */
        MESSAGE {
            @Override
            public String asString() {
                return "dsn.message";
            }
        },
        /** outgoing (this node sent it) or incoming (this node served it). */
        DIRECTION {
            @Override
            public String asString() {
                return "dsn.direction";
            }
        },
        /** success, refused (an error status) or failed (no usable answer). */
        OUTCOME {
            @Override
            public String asString() {
                return "dsn.outcome";
            }
        }
    }

    /** Attributes of the spans only. */
    public enum HighCardinalityKeys implements KeyName {
        /** The peer's endpoint (outgoing) or remote address (incoming). */
        PEER {
            @Override
            public String asString() {
                return "dsn.peer";
            }
        },
        /** This node's id. */
        NODE {
            @Override
            public String asString() {
                return "dsn.node";
            }
        },
        /** The HTTP status of the answer, -1 without one. */
        STATUS {
            @Override
            public String asString() {
                return "dsn.status";
            }
        }
    }
}
