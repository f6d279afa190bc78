package io.dsn.spring.discovery;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;

/** {@link InetAddress#getAllByName} for addresses, the JDK's JNDI DNS provider for SRV records. */
final class SystemHostResolver implements HostResolver {

    static final SystemHostResolver INSTANCE = new SystemHostResolver();

    private SystemHostResolver() {
    }

    @Override
    public List<InetAddress> addresses(String name) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(name));
    }

    @Override
    public List<SrvRecord> services(String name) throws UnknownHostException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        environment.put("com.sun.jndi.dns.timeout.initial", "2000");
        environment.put("com.sun.jndi.dns.timeout.retries", "2");
        DirContext context = null;
        try {
            context = new InitialDirContext(environment);
            Attributes attributes = context.getAttributes("dns:/" + name, new String[] {"SRV"});
            Attribute srv = attributes.get("SRV");
            if (srv == null) {
                throw new UnknownHostException(name + " has no SRV record");
            }
            List<SrvRecord> records = new ArrayList<>();
            NamingEnumeration<?> values = srv.getAll();
            while (values.hasMore()) {
                String[] parts = values.next().toString().trim().split("\\s+");
                if (parts.length == 4) {
                    String target = parts[3].endsWith(".") ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
                    records.add(new SrvRecord(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                            Integer.parseInt(parts[2]), target));
                }
            }
            records.sort(Comparator.comparingInt(SrvRecord::priority).thenComparing(Comparator.comparingInt(SrvRecord::weight).reversed()));
            return records;
        } catch (NamingException | NumberFormatException e) {
            UnknownHostException unknown = new UnknownHostException("SRV lookup of " + name + " failed: " + e.getMessage());
            unknown.initCause(e);
            throw unknown;
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // nothing to do
                }
            }
        }
    }
}
