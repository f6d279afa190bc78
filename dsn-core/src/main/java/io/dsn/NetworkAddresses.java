package io.dsn;

import java.util.regex.Pattern;

/** Checks the form of the address a node advertises: an IP address or a host name, never resolved here. */
final class NetworkAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z._-]+)?");
    /** RFC 1123 labels: letters, digits and inner hyphens, at most 63 characters each. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    private NetworkAddresses() {
    }

    static boolean isIpOrHostName(String address) {
        if (IPV4.matcher(address).matches()) {
            return true;
        }
        if (address.indexOf(':') >= 0) {
            return IPV6.matcher(address).matches() && address.chars().filter(c -> c == ':').count() >= 2;
        }
        // A name made of digits and dots only is a malformed IPv4 address, not a host name.
        return HOST_NAME.matcher(address).matches() && !address.matches("[0-9.]+");
    }
}
