package io.dsn.spring.test;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the context's {@code dsn.in-memory.network-name} is the one {@link InMemoryDSNNetwork}
 * gave it, not one the test set: the context then gets an in-memory network of its own.
 */
class OnOwnTestNetworkCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("@InMemoryDSNNetwork network of its own");
        String own = TestNetworkPropertySource.ownNetworkName(context.getEnvironment());
        if (own != null) {
            return ConditionOutcome.match(message.found("network name").items(own));
        }
        return ConditionOutcome.noMatch(message.because("the test sets " + TestNetworkPropertySource.NETWORK_NAME + "="
                + context.getEnvironment().getProperty(TestNetworkPropertySource.NETWORK_NAME)));
    }
}
