package io.dsn.spring.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The node id when {@code dsn.node-id} is not set: {@code <spring.application.name>-<host name>},
 * unique per instance (replicas of one application must not share an id, nor the key pair
 * pinned under it) and stable across restarts wherever the platform keeps the host name, as a
 * Kubernetes StatefulSet does ({@code orders-0}, {@code orders-1}; a host name that starts with
 * the application's name is the id by itself). The host name comes from
 * {@code HOSTNAME} (set by container platforms and shells), {@code COMPUTERNAME} (Windows), then
 * the local host's name; characters that cannot be in a file name become '-'.
 */
final class DefaultNodeId {

    private static final Log log = LogFactory.getLog(DefaultNodeId.class);

    private DefaultNodeId() {
    }

    /** The default id, or null when there is no application name to build it from. */
    static @Nullable String of(Environment environment) {
        String applicationName = environment.getProperty("spring.application.name");
        if (!StringUtils.hasText(applicationName)) {
            return null;
        }
        String name = applicationName.trim();
        String host = hostName(environment);
        if (host == null) {
            log.warn("The host name is unknown: the DSN node id is '" + name + "', which replicas of this application"
                    + " would share. Set dsn.node-id to an id of this instance's own");
            return name;
        }
        // A StatefulSet's pods are named after the application already (orders-0): no need to say it twice.
        return host.equals(name) || host.startsWith(name + "-") ? host : name + "-" + host;
    }

    private static @Nullable String hostName(Environment environment) {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = environment.getProperty(variable);
            if (StringUtils.hasText(value)) {
                return asIdPart(value);
            }
        }
        try {
            return asIdPart(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** The first label of a host name, in lower case, with what is not a letter, digit, '.', '_' or '-' replaced. */
    private static @Nullable String asIdPart(String hostName) {
        String trimmed = hostName.trim().toLowerCase(Locale.ROOT);
        int dot = trimmed.indexOf('.');
        String label = (dot > 0 ? trimmed.substring(0, dot) : trimmed).replaceAll("[^a-z0-9_-]", "-");
        return label.isEmpty() ? null : label;
    }
}
