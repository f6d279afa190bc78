package io.dsn.interop;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the interop tests need to run Python nodes: the Python reference 0.6.7, a Python with the
 * reference's four packages, and our driver script. Checked once per test run.
 *
 * <p>When something is missing the tests are skipped with the reason, unless they are required
 * (environment variable {@code CI=true} or {@code -Ddsn.interop.required=true}): then they fail
 * with the same reason, so that CI never passes by skipping them.
 */
record PythonEnvironment(Path python, Path referenceSource, Path driver, Path logs) {

    static final String REFERENCE_PROPERTY = "dsn.python-reference";
    static final String PYTHON_PROPERTY = "dsn.python";
    static final String REQUIRED_PROPERTY = "dsn.interop.required";
    static final String DEBIAN_PACKAGES = "python3-flask python3-requests python3-cryptography python3-ecdsa";

    /** Prints the modules it cannot find, then imports the reference itself. */
    private static final String CHECK_SCRIPT = String.join("\n",
            "import importlib.util, sys",
            "missing = [m for m in ('flask', 'requests', 'cryptography', 'ecdsa') if importlib.util.find_spec(m) is None]",
            "if missing:",
            "    print('MISSING ' + ' '.join(missing)); sys.exit(3)",
            "import distributed_state_network",
            "print('OK')");

    private static final Map<String, String> DEBIAN_PACKAGE_OF = Map.of(
            "flask", "python3-flask", "requests", "python3-requests",
            "cryptography", "python3-cryptography", "ecdsa", "python3-ecdsa");

    private static PythonEnvironment found;
    private static String problem;
    private static boolean told;

    /**
     * The environment, or a skipped (or, when required, failed) test with the reason it is missing.
     */
    static synchronized PythonEnvironment require() {
        if (found == null && problem == null) {
            detect();
        }
        if (found != null) {
            return found;
        }
        if (required()) {
            Assertions.fail("Interop tests with real Python nodes are required here (CI=true or -D" + REQUIRED_PROPERTY
                    + "=true) but cannot run: " + problem);
        }
        String reason = "Interop tests with real Python nodes skipped: " + problem
                + " (they are required, and fail instead, with CI=true or -D" + REQUIRED_PROPERTY + "=true)";
        if (!told) {
            told = true;
            System.err.println("[dsn-interop-tests] " + reason);
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean(REQUIRED_PROPERTY);
    }

    /** A Python process that imports the reference from its source directory and nothing else. */
    ProcessBuilder command(String... arguments) {
        return command(python, referenceSource, arguments);
    }

    private static ProcessBuilder command(Path python, Path source, String... arguments) {
        String[] line = new String[arguments.length + 1];
        line[0] = python.toString();
        System.arraycopy(arguments, 0, line, 1, arguments.length);
        ProcessBuilder builder = new ProcessBuilder(line);
        Map<String, String> environment = builder.environment();
        environment.remove("PYTHONHOME");
        environment.put("PYTHONPATH", source.toString());
        environment.put("PYTHONIOENCODING", "utf-8");
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        return builder;
    }

    private static void detect() {
        Path reference = Path.of(System.getProperty(REFERENCE_PROPERTY, "../../shared/python-reference"))
                .toAbsolutePath().normalize();
        Path python = Path.of(System.getProperty(PYTHON_PROPERTY, "/usr/bin/python3"));
        Path driver = Path.of(System.getProperty("dsn.interop.driver", "src/test/python/dsn_driver.py")).toAbsolutePath();
        Path logs = Path.of(System.getProperty("dsn.interop.logs", "target/interop-logs")).toAbsolutePath();
        Path source = reference.resolve("src");
        if (!Files.isRegularFile(source.resolve("distributed_state_network/handler.py"))) {
            problem = "no Python reference (distributed-state-network 0.6.7) at " + reference
                    + "; point -D" + REFERENCE_PROPERTY + "=<dir> at it";
            return;
        }
        if (!Files.isExecutable(python)) {
            problem = "no Python at " + python + "; install Debian's python3 and " + DEBIAN_PACKAGES
                    + ", or point -D" + PYTHON_PROPERTY + "=<python> at one that has them";
            return;
        }
        if (!Files.isRegularFile(driver)) {
            problem = "the driver script " + driver + " is missing";
            return;
        }
        try {
            Process check = command(python, source, "-c", CHECK_SCRIPT)
                    .redirectErrorStream(true)
                    .start();
            check.getOutputStream().close();
            byte[] output = check.getInputStream().readAllBytes();
            if (!check.waitFor(60, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                problem = python + " did not finish checking its packages within 60 s";
                return;
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            if (text.startsWith("MISSING ")) {
                String[] modules = text.substring("MISSING ".length()).split(" ");
                StringBuilder packages = new StringBuilder();
                for (String module : modules) {
                    packages.append(' ').append(DEBIAN_PACKAGE_OF.getOrDefault(module, module));
                }
                problem = python + " lacks the Python modules " + String.join(", ", modules)
                        + "; install them with: apt-get install -y" + packages;
                return;
            }
            if (check.exitValue() != 0 || !text.endsWith("OK")) {
                problem = python + " cannot import the reference from " + source + ": " + text;
                return;
            }
        } catch (IOException e) {
            problem = "cannot run " + python + ": " + e.getMessage();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while checking " + python;
            return;
        }
        found = new PythonEnvironment(python, source, driver, logs);
    }
}
