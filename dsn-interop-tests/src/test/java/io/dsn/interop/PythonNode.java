package io.dsn.interop;

import io.dsn.Endpoint;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One node of the Python reference in its own process, run by our driver script
 * ({@code src/test/python/dsn_driver.py}): commands are JSON lines on its stdin, each answered
 * by one JSON line on its stdout; its log goes to a file. Every wait is bounded.
 */
final class PythonNode implements NetworkNode, AutoCloseable {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Put on the queue of answers when the process closed its stdout. */
    private static final String EXITED = "\u0000exited";

    /** A DATA message the node received: its size and SHA-256, its bytes when small. */
    record Received(int size, String sha256, Optional<byte[]> data) {
    }

    private final String nodeId;
    private final Path credentialDir;
    private final Path log;
    private final Process process;
    private final OutputStream commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private volatile int port;
    private volatile List<Endpoint> bootstrap = List.of();

    private PythonNode(String nodeId, Path credentialDir, Path log, Process process) {
        this.nodeId = nodeId;
        this.credentialDir = credentialDir;
        this.log = log;
        this.process = process;
        this.commands = process.getOutputStream();
        Thread reader = new Thread(this::readAnswers, "python-" + nodeId + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a driver process and waits until it has loaded the reference; the node itself is
     * not running yet (see {@link #start}).
     */
    static PythonNode launch(PythonEnvironment environment, String nodeId, Path credentialDir, Path log) {
        try {
            Files.createDirectories(credentialDir);
            Files.createDirectories(log.getParent());
            Process process = environment.command("-u", environment.driver().toString())
                    .redirectError(log.toFile())
                    .start();
            PythonNode node = new PythonNode(nodeId, credentialDir, log, process);
            try {
                Map<String, Object> loaded = node.nextAnswer("loading the reference", START_TIMEOUT);
                if (!"loaded".equals(loaded.get("event"))) {
                    throw new IllegalStateException("Python node " + nodeId + " did not load: " + loaded + node.logTail());
                }
            } catch (RuntimeException e) {
                node.kill();
                throw e;
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a Python process for " + nodeId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the node: the reference's {@code DSNodeServer.start}, which bootstraps through the
     * first of {@code bootstrap} that answers. Returns once that attempt is over and the port
     * accepts connections.
     *
     * @param port the port, 0 for a free one
     */
    void start(String aesKey, int port, List<Endpoint> bootstrap) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Endpoint endpoint : bootstrap) {
            nodes.add(Map.of("address", endpoint.address(), "port", endpoint.port()));
        }
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("cmd", "start");
        command.put("node_id", nodeId);
        command.put("port", port);
        command.put("aes_key", aesKey);
        command.put("credential_dir", credentialDir.toString());
        command.put("bootstrap_nodes", nodes);
        Map<String, Object> answer = call(command, START_TIMEOUT);
        this.port = ((Number) answer.get("port")).intValue();
        this.bootstrap = List.copyOf(bootstrap);
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    Path credentialDir() {
        return credentialDir;
    }

    List<Endpoint> bootstrap() {
        return bootstrap;
    }

    /** Where the node listens. */
    @Override
    public Endpoint endpoint() {
        if (port == 0) {
            throw new IllegalStateException("Python node " + nodeId + " is not started");
        }
        return new Endpoint("127.0.0.1", port);
    }

    /** {@code DSNode.peers()}: every node it holds a state of, itself included. */
    @SuppressWarnings("unchecked")
    @Override
    public List<String> peers() {
        return (List<String>) call(Map.of("cmd", "peers")).get("peers");
    }

    /** The states it holds, by node id (values as the JSON it holds them in, strings here). */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> states() {
        return (Map<String, Map<String, Object>>) call(Map.of("cmd", "states")).get("states");
    }

    /** {@code DSNode.read_data}, empty for an unknown node or key. */
    @Override
    public Optional<String> read(String node, String key) {
        Object value = call(Map.of("cmd", "read", "node", node, "key", key)).get("value");
        return Optional.ofNullable(value).map(Object::toString);
    }

    /** {@code DSNode.update_data}: returns once every peer was sent the new state. */
    @Override
    public void write(String key, String value) {
        call(Map.of("cmd", "update", "key", key, "value", value));
    }

    /** Several keys in one signed state, sent once (see the driver). */
    void updateMany(Map<String, String> entries, Duration timeout) {
        call(Map.of("cmd", "update_many", "entries", entries), timeout);
    }

    /** {@code DSNode.send_to_node}; its reply ({@code OK}). */
    String send(String node, byte[] data, Duration timeout) {
        return (String) call(Map.of("cmd", "send", "node", node, "hex", HexFormat.of().formatHex(data)), timeout).get("reply");
    }

    String send(String node, byte[] data) {
        return send(node, data, COMMAND_TIMEOUT);
    }

    /**
     * Sends the node's own state to a peer with UPDATE, exactly as its tick's gossip does; the
     * reference's tick thread ends for good when this fails.
     *
     * @throws PythonCommandException when the peer did not answer 200 or 204
     */
    void sendUpdate(String node) {
        call(Map.of("cmd", "send_update", "node", node));
    }

    /** The newest value of a key among the states the node held each time its update callback ran (kept after a drop). */
    Optional<String> seen(String node, String key) {
        Object value = call(Map.of("cmd", "seen", "node", node, "key", key)).get("value");
        return Optional.ofNullable(value).map(Object::toString);
    }

    /** Every DATA message it received, in order. */
    @SuppressWarnings("unchecked")
    List<Received> received() {
        List<Received> received = new ArrayList<>();
        for (Map<String, Object> item : (List<Map<String, Object>>) call(Map.of("cmd", "received")).get("received")) {
            Object hex = item.get("hex");
            received.add(new Received(((Number) item.get("size")).intValue(), (String) item.get("sha256"),
                    Optional.ofNullable(hex).map(h -> HexFormat.of().parseHex((String) h))));
        }
        return received;
    }

    /** How many times its disconnect callback ran (a peer dropped after failed pings). */
    int disconnects() {
        return ((Number) call(Map.of("cmd", "disconnects")).get("count")).intValue();
    }

    /** Whether its tick thread still runs (it ends for good when one gossip fails). */
    boolean tickAlive() {
        return Boolean.TRUE.equals(call(Map.of("cmd", "tick_alive")).get("alive"));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process with SIGKILL and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Python node " + nodeId + " (pid " + process.pid() + ") did not die within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    Map<String, Object> call(Map<String, ?> command) {
        return call(command, COMMAND_TIMEOUT);
    }

    /** Sends one command and waits for its answer; a refusal ({@code ok: false}) throws. */
    synchronized Map<String, Object> call(Map<String, ?> command, Duration timeout) {
        String what = String.valueOf(command.get("cmd"));
        try {
            commands.write((JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        } catch (IOException e) {
            throw new IllegalStateException("Python node " + nodeId + " cannot take the command " + what
                    + " (" + e.getMessage() + ")" + exitStatus() + logTail(), e);
        }
        Map<String, Object> answer = nextAnswer(what, timeout);
        if (!Boolean.TRUE.equals(answer.get("ok"))) {
            throw new PythonCommandException("Python node " + nodeId + " failed " + what + ": " + answer.get("error"));
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> nextAnswer(String what, Duration timeout) {
        String line;
        try {
            line = answers.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Python node " + nodeId, e);
        }
        if (line == null) {
            throw new IllegalStateException("Python node " + nodeId + " did not answer " + what + " within " + timeout + logTail());
        }
        if (line == EXITED) {
            answers.offer(EXITED);
            throw new IllegalStateException("Python node " + nodeId + " is gone (while " + what + ")" + exitStatus() + logTail());
        }
        return JSON.readValue(line, Map.class);
    }

    private void readAnswers() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                answers.offer(line);
            }
        } catch (IOException e) {
            // The process is gone: the waiting side is told below.
        } finally {
            answers.offer(EXITED);
        }
    }

    private String exitStatus() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? ", exit code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The end of the node's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return "\n  last lines of " + log + ":\n    " + String.join("\n    ", tail);
        } catch (IOException | RuntimeException e) {
            return "\n  (no log at " + log + ")";
        }
    }

    @Override
    public String toString() {
        return "Python node " + nodeId + (port == 0 ? "" : " at 127.0.0.1:" + port);
    }

    /** The driver answered a command with {@code ok: false}. */
    static final class PythonCommandException extends RuntimeException {
        PythonCommandException(String message) {
            super(message);
        }
    }
}
