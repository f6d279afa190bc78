package io.dsn.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkIpDetectorTests {

    private static List<InetAddress> addresses(String... ips) throws UnknownHostException {
        List<InetAddress> list = new ArrayList<>();
        for (String ip : ips) {
            list.add(InetAddress.getByName(ip));
        }
        return list;
    }

    @Test
    void aSiteLocalIpv4AddressIsChosenBeforeAnyOther() throws Exception {
        assertThat(NetworkIpDetector.choose(addresses("fe80::1", "fec0::5", "192.0.2.2", "10.1.2.3")))
                .contains("10.1.2.3");
        assertThat(NetworkIpDetector.choose(addresses("172.20.0.4", "192.168.1.9"))).contains("172.20.0.4");
        assertThat(NetworkIpDetector.choose(addresses("fec0::5"))).contains("fec0:0:0:0:0:0:0:5");
    }

    @Test
    void publicLinkLocalAndLoopbackAddressesAreNeverChosen() throws Exception {
        assertThat(NetworkIpDetector.choose(addresses("192.0.2.2", "8.8.8.8", "169.254.1.1", "fe80::1", "127.0.0.1",
                "fd00::2"))).isEmpty();
    }

    @Test
    void loopbackIsRecognisedWithoutAskingDns() {
        assertThat(NetworkIpDetector.isLoopback("127.0.0.1")).isTrue();
        assertThat(NetworkIpDetector.isLoopback("127.0.0.2")).isTrue();
        assertThat(NetworkIpDetector.isLoopback("::1")).isTrue();
        assertThat(NetworkIpDetector.isLoopback("localhost")).isTrue();
        assertThat(NetworkIpDetector.isLoopback("10.0.0.1")).isFalse();
        assertThat(NetworkIpDetector.isLoopback("orders.example.org")).isFalse();
    }
}
