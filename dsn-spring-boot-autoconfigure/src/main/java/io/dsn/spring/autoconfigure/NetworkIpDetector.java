package io.dsn.spring.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The address a node advertises when {@code dsn.network-ip} is not set: a site-local address of
 * this host (an RFC 1918 IPv4 address first, as a pod or a machine of a private network has), or
 * 127.0.0.1 when it has none. Never a public address: one a node advertises by mistake would
 * send its peers' traffic across the internet.
 */
final class NetworkIpDetector {

    static final String LOOPBACK = "127.0.0.1";

    private static final Log log = LogFactory.getLog(NetworkIpDetector.class);

    private NetworkIpDetector() {
    }

    /** The site-local address among this host's up interfaces, or 127.0.0.1. */
    static String detect() {
        return choose(hostAddresses()).orElseGet(() -> {
            log.info("No site-local address found on this host: the DSN node advertises " + LOOPBACK
                    + "; set dsn.network-ip to an address the other nodes reach");
            return LOOPBACK;
        });
    }

    /** The best site-local address of {@code candidates}: IPv4 before IPv6, then in order. */
    static Optional<String> choose(Collection<InetAddress> candidates) {
        return candidates.stream()
                .filter(address -> address.isSiteLocalAddress() && !address.isLoopbackAddress())
                .min(Comparator.comparing(address -> address instanceof Inet4Address ? 0 : 1))
                .map(InetAddress::getHostAddress)
                .map(NetworkIpDetector::withoutScope);
    }

    private static String withoutScope(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? address : address.substring(0, percent);
    }

    private static List<InetAddress> hostAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
                if (network.isUp() && !network.isLoopback() && !network.isVirtual()) {
                    addresses.addAll(network.inetAddresses().toList());
                }
            }
        } catch (SocketException | SecurityException e) {
            log.debug("Cannot list the network interfaces: " + e);
        }
        return addresses;
    }

    /** Whether a host (an IP address or a name) is a loopback address, without asking DNS. */
    static boolean isLoopback(String host) {
        String trimmed = host.trim();
        if (trimmed.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!trimmed.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(trimmed).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
