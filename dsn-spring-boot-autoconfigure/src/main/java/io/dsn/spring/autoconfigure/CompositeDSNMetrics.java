package io.dsn.spring.autoconfigure;

import io.dsn.DSNMetrics;

import java.util.ArrayList;
import java.util.List;

/** Every {@link DSNMetrics} bean of the context (the Micrometer counters and the observations), as one. */
final class CompositeDSNMetrics implements DSNMetrics {

    private final List<DSNMetrics> all;

    private CompositeDSNMetrics(List<DSNMetrics> all) {
        this.all = all;
    }

    static DSNMetrics of(List<DSNMetrics> metrics) {
        return switch (metrics.size()) {
            case 0 -> DSNMetrics.NONE;
            case 1 -> metrics.get(0);
            default -> new CompositeDSNMetrics(List.copyOf(metrics));
        };
    }

    /** The exchanges of the parts that follow this one; none at all when no part does (no allocation then). */
    @Override
    public Exchange exchangeStarted(Message message, Direction direction, String peer) {
        Exchange first = Exchange.NONE;
        List<Exchange> more = null;
        for (DSNMetrics metrics : all) {
            Exchange exchange = metrics.exchangeStarted(message, direction, peer);
            if (exchange == Exchange.NONE) {
                continue;
            }
            if (first == Exchange.NONE) {
                first = exchange;
            } else {
                if (more == null) {
                    more = new ArrayList<>();
                    more.add(first);
                }
                more.add(exchange);
            }
        }
        if (more == null) {
            return first;
        }
        List<Exchange> followed = more;
        return (outcome, status) -> followed.forEach(exchange -> exchange.ended(outcome, status));
    }

    @Override
    public void messageSent(Message message, Outcome outcome, long nanos) {
        all.forEach(metrics -> metrics.messageSent(message, outcome, nanos));
    }

    @Override
    public void messageReceived(Message message, int status, long nanos) {
        all.forEach(metrics -> metrics.messageReceived(message, status, nanos));
    }

    @Override
    public void stateApplied(boolean local) {
        all.forEach(metrics -> metrics.stateApplied(local));
    }

    @Override
    public void peerDropped() {
        all.forEach(DSNMetrics::peerDropped);
    }
}
