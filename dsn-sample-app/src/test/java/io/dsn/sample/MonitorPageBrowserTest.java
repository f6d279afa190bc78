package io.dsn.sample;

import io.dsn.DSNodeServer;
import io.dsn.sample.demo.DemoNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The monitor page in a real browser: Debian's headless Chromium driven by Selenium through
 * Debian's chromedriver. Selenium is given both paths, so it never looks for (or downloads) a
 * browser or a driver of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dsn.port=0",
        "dsn.tick-interval=1s",
        "sample.sensor.interval=500ms",
        "sample.demo.interval=500ms",
        "sample.monitor.heartbeat=500ms"})
@DirtiesContext
class MonitorPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Held here: java.util.logging keeps loggers only weakly. */
    private static final Logger DRIVER_FINDER_LOG = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "page.png");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> DEMO_SENSORS = List.of("demo-sensor-1", "demo-sensor-2", "demo-sensor-3");
    private static final String PLAIN_PEER = "plain-peer";

    @TempDir
    static Path credentials;

    @TempDir
    Path browserProfile;

    @LocalServerPort
    int port;

    @Autowired
    DemoNetwork demo;

    @Autowired
    DSNodeServer monitor;

    private WebDriver browser;
    private DSNodeServer plainPeer;

    @DynamicPropertySource
    static void credentialDir(DynamicPropertyRegistry registry) {
        registry.add("dsn.credential-dir", () -> credentials.toString());
    }

    /** Fails in CI (CI is set) and skips elsewhere, with the reason, when the browser is not installed. */
    private static void requireChromium() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (installed) {
            return;
        }
        String missing = "The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install -y chromium chromium-driver)";
        if (System.getenv("CI") != null) {
            fail(missing + "; CI is set, so the test fails instead of being skipped");
        }
        LoggerFactory.getLogger(MonitorPageBrowserTest.class).warn("{}; SKIPPED outside CI", missing);
        assumeTrue(false, missing + "; skipped outside CI");
    }

    @BeforeEach
    void openBrowser() throws IOException {
        requireChromium();
        // Both paths are given, so Selenium must not run Selenium Manager (which would look for a
        // browser and a driver to download): it says so in a log message that the test checks.
        List<String> driverFinderLog = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                driverFinderLog.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        DRIVER_FINDER_LOG.setLevel(Level.FINE);
        DRIVER_FINDER_LOG.addHandler(capture);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1050", "--user-data-dir=" + browserProfile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        try {
            browser = new ChromeDriver(service, options);
        } finally {
            DRIVER_FINDER_LOG.removeHandler(capture);
        }
        // Selenium names the driver by its real path (Debian's /usr/bin/chromedriver is a link).
        String driver = CHROMEDRIVER.toString();
        String realDriver = CHROMEDRIVER.toRealPath().toString();
        assertThat(driverFinderLog).anySatisfy(message -> assertThat(message)
                .contains("Skipping Selenium Manager").containsAnyOf(driver, realDriver));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (plainPeer != null) {
            plainPeer.stop();
        }
    }

    /** A node that publishes its temperature as a plain string, as a Python node does. */
    private DSNodeServer startPlainPeer() {
        plainPeer = DSNodeServer.start(monitor.config().toBuilder()
                .nodeId(PLAIN_PEER)
                .port(0)
                .aesKey(monitor.networkKey().orElseThrow())
                .credentialDir(credentials.resolve("plain"))
                .bootstrapNodes(List.of(monitor.endpoint()))
                .build());
        return plainPeer;
    }

    private WebElement byTestId(String testId) {
        return browser.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    private String cellText(String nodeId, String column) {
        return byTestId("node-row-" + nodeId).findElement(By.cssSelector("[data-testid='" + column + "']")).getText();
    }

    private String lastUpdateShown(String nodeId) {
        return byTestId("node-row-" + nodeId).getDomAttribute("data-last-update");
    }

    @Test
    void showsTheLiveNetworkAndSetsAKeyThatReachesThePeers() throws IOException {
        startPlainPeer().updateData(Map.of("temperature", "18.5", "location", "cellar"));
        browser.get("http://127.0.0.1:" + port + "/");

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(byTestId("connection-status").getText()).startsWith("Live");
            assertThat(byTestId("self-id").getText()).isEqualTo("monitor");
            for (String id : DEMO_SENSORS) {
                assertThat(cellText(id, "node-temperature")).matches("\\d+\\.\\d{2} °C");
                assertThat(cellText(id, "node-status")).isEqualTo("live");
            }
            assertThat(cellText("monitor", "node-status")).isEqualTo("this node");
            assertThat(cellText(PLAIN_PEER, "node-temperature")).isEqualTo("18.50 °C");
            assertThat(cellText(PLAIN_PEER, "node-keys")).isEqualTo("location=cellar");
        });
        // The table follows the event stream: a demo sensor's next reading shows without a reload.
        String shownUpdate = lastUpdateShown("demo-sensor-2");
        assertThat(shownUpdate).isNotEmpty();
        await().atMost(WAIT).ignoreExceptions().until(() -> !shownUpdate.equals(lastUpdateShown("demo-sensor-2")));

        byTestId("state-key").sendKeys("location");
        byTestId("state-value").sendKeys("greenhouse");
        byTestId("state-submit").click();

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(byTestId("state-feedback").getText()).contains("location").contains("greenhouse");
            assertThat(cellText("monitor", "node-keys")).contains("location=greenhouse");
        });
        DSNodeServer peer = demo.servers().get(0);
        await().atMost(WAIT).until(() -> peer.readData("monitor", "location").equals(Optional.of("greenhouse")));

        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
