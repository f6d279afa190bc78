package io.dsn.spring.autoconfigure.endpoint;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Configuration of the {@code dsn} actuator endpoint ({@code management.endpoint.dsn.*}), as
 * Boot's own {@code env} and {@code configprops} endpoints are configured.
 */
@ConfigurationProperties("management.endpoint.dsn")
public class DSNEndpointProperties {

    /**
     * When to show the values of the nodes' states; otherwise each value reads ******. Node ids,
     * addresses, ports, state keys and times are always shown.
     */
    private Show showValues = Show.NEVER;

    /**
     * Roles used to determine whether a user is authorized to be shown the values. When empty,
     * all authenticated users are authorized.
     */
    private Set<String> roles = new LinkedHashSet<>();

    public Show getShowValues() {
        return showValues;
    }

    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    public Set<String> getRoles() {
        return roles;
    }

    public void setRoles(Set<String> roles) {
        this.roles = roles;
    }
}
