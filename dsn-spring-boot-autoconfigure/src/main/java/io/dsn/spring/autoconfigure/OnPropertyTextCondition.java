package io.dsn.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import java.util.Map;

/** The condition of {@link ConditionalOnPropertyText}. */
class OnPropertyTextCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnPropertyText.class.getName());
        String name = (String) attributes.get("value");
        ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnPropertyText.class, name);
        if (StringUtils.hasText(context.getEnvironment().getProperty(name))) {
            return ConditionOutcome.match(message.found("property with a value").items(name));
        }
        return ConditionOutcome.noMatch(message.didNotFind("property with a value").items(name));
    }
}
