package io.dsn.spring.autoconfigure;

import io.dsn.DSNMetrics;
import io.dsn.MessageType;

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

    @Override
    public Exchange exchangeStarted(MessageType type, Direction direction, String peer) {
        Exchange[] exchanges = new Exchange[all.size()];
        for (int i = 0; i < exchanges.length; i++) {
            exchanges[i] = all.get(i).exchangeStarted(type, direction, peer);
        }
        return (outcome, status) -> {
            for (Exchange exchange : exchanges) {
                exchange.ended(outcome, status);
            }
        };
    }

    @Override
    public void messageSent(MessageType type, Outcome outcome, long nanos) {
        all.forEach(metrics -> metrics.messageSent(type, outcome, nanos));
    }

    @Override
    public void messageReceived(MessageType type, int status, long nanos) {
        all.forEach(metrics -> metrics.messageReceived(type, status, nanos));
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
