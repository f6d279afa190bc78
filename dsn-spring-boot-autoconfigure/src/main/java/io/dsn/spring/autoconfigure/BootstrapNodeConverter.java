package io.dsn.spring.autoconfigure;

import org.springframework.core.convert.converter.Converter;

/**
 * Reads a bootstrap node written as {@code host:port} ({@code [::1]:8000} for an IPv6 address),
 * so that {@code dsn.bootstrap-nodes=10.0.0.1:8000,10.0.0.2:8000} works beside the
 * {@code address}/{@code port} form.
 */
class BootstrapNodeConverter implements Converter<String, DSNProperties.BootstrapNode> {

    @Override
    public DSNProperties.BootstrapNode convert(String source) {
        String text = source.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + source + "' is not host:port; write each bootstrap node as "
                    + "host:port (for example 10.0.0.1:8000) or as an entry with 'address' and 'port'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + source + "' has no valid port; write host:port with a port from 1 to 65535");
        }
        return new DSNProperties.BootstrapNode(host, port);
    }
}
