package io.dsn.spring.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks names up in DNS: the seam a test replaces with a resolver it controls.
 * {@link #system()} is the JDK's resolver (the host's DNS configuration, its cache included).
 */
public interface HostResolver {

    /** Every address of a name: its A and AAAA records. */
    List<InetAddress> addresses(String name) throws UnknownHostException;

    /**
     * The SRV records of a name ({@code _dsn._tcp.example.org}), in the order they are to be tried.
     *
     * @throws UnknownHostException when the name has none
     */
    List<SrvRecord> services(String name) throws UnknownHostException;

    /** One SRV record: a host and a port, and how it ranks. */
    record SrvRecord(int priority, int weight, int port, String target) {
    }

    /** The JDK's resolver, and its JNDI DNS provider for SRV records. */
    static HostResolver system() {
        return SystemHostResolver.INSTANCE;
    }
}
