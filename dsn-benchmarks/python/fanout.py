#!/usr/bin/python3
"""Fan-out benchmark of the Python reference node (distributed-state-network 0.6.7).

The Python counterpart of ``java -jar dsn-benchmarks/target/dsn-benchmarks.jar fanout``:
one writer and N-1 readers on 127.0.0.1; the writer calls ``update_data`` as fast as it can
for a fixed time and the readers count deliveries. It only imports and drives the reference
(its source is not part of this project and nothing of it is copied here).

Run it from the repository root (/work/main) with Debian's Python:

    apt-get install -y -q python3-flask python3-requests python3-cryptography python3-ecdsa
    PYTHONPATH=../shared/python-reference/src /usr/bin/python3 dsn-benchmarks/python/fanout.py --nodes 10 --seconds 10

Options: --nodes N (default 10, at least 2), --seconds S (measured time, default 10),
--warmup W (writes before measuring, default 2).

How it measures:
- All N nodes run in this one process (as the reference's own test suite runs them), each with
  its Flask server on a port the OS handed out as free, all sharing one generated AES key and
  one temporary credential directory (removed at the end).
- The writer starts first; the N-1 readers join through it, one after the other. The script
  waits (at most 60 s) until every node has every other node both among its peers and in its
  address book, and fails with a message if they do not.
- The writer first stores a 64-byte payload (as the Java scenario does), then writes the key
  ``seq`` with "<sequence number> <time.monotonic_ns()>" in a loop: --warmup seconds unmeasured,
  half a second of quiet, then --seconds measured.
- A delivery is a reader accepting a new state of the writer. The reference's update callback
  (``set_update_cb``) takes no arguments and also fires for the readers' gossip among
  themselves, so each reader's callback looks at the writer's state it now holds and counts it
  when its sequence number is higher than the last one that reader counted. Deliveries are
  counted while the measured window is open; staleness is the time from the write to that
  callback (one process, one monotonic clock).
- ``update_data`` in the reference sends the new state to every peer in turn and returns only
  when each has answered (or failed, after its retries), so writes/s is bounded by N-1
  sequential HTTP round trips per write; the time one call takes is reported too.
- CPU is the whole process's CPU time over the window (``time.process_time``), in cores.

Its output: a short table, then one JSON line starting with {"scenario":"python-fanout", with
the same key names as the Java scenario where they mean the same thing ("seconds" is the
measured time, as in the Java report). The reference logs every received UPDATE at INFO on
stderr; this script raises its loggers to WARNING. ``update_data`` prints a failed send to
stdout itself; such lines, if any, come before the table.
"""

import argparse
import json
import logging
import os
import socket
import sys
import tempfile
import threading
import time

try:
    from distributed_state_network import DSNodeConfig, DSNodeServer
except ImportError as e:  # pragma: no cover
    sys.exit(f"cannot import distributed_state_network ({e}); run with "
             "PYTHONPATH=../shared/python-reference/src from /work/main")

WRITER = "writer"
PAYLOAD_BYTES = 64
MESH_TIMEOUT_S = 60.0
LISTEN_TIMEOUT_S = 15.0
QUIET_AFTER_WARMUP_S = 0.5


def quiet_logging():
    # handler.py calls logging.basicConfig(level=INFO) at import; keep only warnings and errors.
    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)


def free_ports(count):
    """Ports the OS reports free, all held open together so that they are distinct."""
    socks = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def await_listening(port, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class Window:
    """The measured interval, as read by the readers' callback threads."""

    def __init__(self):
        self.start = float("inf")
        self.end = float("inf")

    def contains(self, now):
        return self.start <= now <= self.end


class Deliveries:
    """Counts, per reader, the writer's states it accepted that are newer than the last counted."""

    def __init__(self, window):
        self.window = window
        self.lock = threading.Lock()
        self.count = 0
        self.total = 0
        self.staleness_ns = []

    def callback_for(self, reader):
        last_seen = [-1]

        def on_update():
            now = time.monotonic_ns()
            state = reader.node.node_states.get(WRITER)
            value = state.state_data.get("seq") if state is not None else None
            if value is None:
                return
            seq_text, written_at = value.split(" ", 1)
            seq = int(seq_text)
            with self.lock:
                if seq <= last_seen[0]:
                    return
                last_seen[0] = seq
                self.total += 1
                if self.window.contains(now):
                    self.count += 1
                    self.staleness_ns.append(now - int(written_at))

        return on_update


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values))) - 1))
    return sorted_values[index]


def mesh_complete(servers, ids):
    for s in servers:
        if not ids <= set(s.node.peers()) or not ids <= set(s.node.address_book.keys()):
            return False
    return True


def missing_links(servers, ids):
    lines = []
    for s in servers:
        missing = sorted(ids - set(s.node.peers()) | (ids - set(s.node.address_book.keys())))
        if missing:
            lines.append(f"  {s.node_id()} does not know {', '.join(missing)}")
    return "\n".join(lines)


def write_for(writer, seconds, first_seq, latencies):
    deadline = time.monotonic() + seconds
    seq = first_seq
    while time.monotonic() < deadline:
        t0 = time.monotonic_ns()
        writer.update_data("seq", f"{seq} {t0}")
        if latencies is not None:
            latencies.append(time.monotonic_ns() - t0)
        seq += 1
    return seq


def start_watchdog(budget_s):
    def expire():
        sys.stderr.write(f"python-fanout: still running after {budget_s:.0f} s, giving up\n")
        sys.stderr.flush()
        os._exit(2)

    t = threading.Timer(budget_s, expire)
    t.daemon = True
    t.start()


def stop_all(servers):
    # Mark every node as shutting down first, so that no tick pings a node already stopped.
    for s in servers:
        s.node.shutting_down = True
    for s in servers:
        try:
            s.stop()
        except Exception as e:  # pragma: no cover
            sys.stderr.write(f"stopping {s.node_id()}: {e}\n")


def run(args):
    quiet_logging()
    aes_key = DSNodeServer.generate_key()
    ports = free_ports(args.nodes)
    ids = {WRITER} | {f"reader-{i}" for i in range(1, args.nodes)}
    window = Window()
    deliveries = Deliveries(window)
    servers = []

    with tempfile.TemporaryDirectory(prefix="dsn-py-fanout-") as tmp:
        cred_dir = os.path.join(tmp, "credentials")

        def config(node_id, port, bootstrap):
            return DSNodeConfig.from_dict({
                "node_id": node_id, "port": port, "network_ip": "127.0.0.1",
                "aes_key": aes_key, "credential_dir": cred_dir,
                "bootstrap_nodes": bootstrap})

        try:
            t_join = time.monotonic()
            writer = DSNodeServer.start(config(WRITER, ports[0], []))
            servers.append(writer)
            if not await_listening(ports[0], LISTEN_TIMEOUT_S):
                raise RuntimeError(f"the writer did not listen on port {ports[0]} "
                                   f"within {LISTEN_TIMEOUT_S:.0f} s")
            for i in range(1, args.nodes):
                reader = DSNodeServer.start(config(
                    f"reader-{i}", ports[i], [{"address": "127.0.0.1", "port": ports[0]}]))
                servers.append(reader)
                reader.set_update_cb(deliveries.callback_for(reader))
                if not await_listening(ports[i], LISTEN_TIMEOUT_S):
                    raise RuntimeError(f"reader-{i} did not listen on port {ports[i]} "
                                       f"within {LISTEN_TIMEOUT_S:.0f} s")

            deadline = time.monotonic() + MESH_TIMEOUT_S
            while not mesh_complete(servers, ids):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the {args.nodes} nodes did not all see each other within "
                                       f"{MESH_TIMEOUT_S:.0f} s:\n{missing_links(servers, ids)}")
                time.sleep(0.1)
            join_seconds = time.monotonic() - t_join

            writer.update_data("payload", "x" * PAYLOAD_BYTES)
            seq = write_for(writer, args.warmup, 0, None)
            time.sleep(QUIET_AFTER_WARMUP_S)  # let the warm-up's last states arrive

            latencies = []
            cpu_before = time.process_time()
            window.start = time.monotonic_ns()
            start = window.start
            writes = write_for(writer, args.seconds, seq, latencies) - seq
            window.end = time.monotonic_ns()
            end = window.end
            cpu_after = time.process_time()

            seconds = (end - start) / 1e9
            readers_known = len([k for k in writer.node.node_states if k != WRITER])
            mesh_at_end = mesh_complete(servers, ids)
        finally:
            stop_all(servers)

    with deliveries.lock:
        delivered = deliveries.count
        stale = sorted(deliveries.staleness_ns)
    lat = sorted(latencies)
    ms = 1e-6
    figures = {
        "nodes": args.nodes,
        "seconds": round(seconds, 3),
        "writes": writes,
        "writesPerSecond": round(writes / seconds, 3),
        "deliveries": delivered,
        "deliveriesPerSecond": round(delivered / seconds, 3),
        "deliveriesPerWrite": round(delivered / writes, 3) if writes else 0.0,
        "stalenessSamples": len(stale),
        "stalenessP50Ms": round(percentile(stale, 50) * ms, 3),
        "stalenessP99Ms": round(percentile(stale, 99) * ms, 3),
        "stalenessMaxMs": round(stale[-1] * ms, 3) if stale else float("nan"),
        "updateDataMeanMs": round(sum(lat) / len(lat) * ms, 3) if lat else float("nan"),
        "updateDataP99Ms": round(percentile(lat, 99) * ms, 3),
        "cpuCores": round((cpu_after - cpu_before) / seconds, 3),
        "joinSeconds": round(join_seconds, 3),
        "readersKnownToWriterAtEnd": readers_known,
        "meshCompleteAtEnd": mesh_at_end,
    }
    descriptions = {
        "nodes": "nodes (1 writer + readers, one process)",
        "seconds": "measured time (s)",
        "writes": "writes (update_data calls returned)",
        "writesPerSecond": "writes per second",
        "deliveries": "deliveries (new writer states the readers accepted)",
        "deliveriesPerSecond": "deliveries per second",
        "deliveriesPerWrite": "deliveries per write",
        "stalenessSamples": "staleness samples",
        "stalenessP50Ms": "staleness p50 (ms)",
        "stalenessP99Ms": "staleness p99 (ms)",
        "stalenessMaxMs": "staleness max (ms)",
        "updateDataMeanMs": "one update_data call, mean (ms)",
        "updateDataP99Ms": "one update_data call, p99 (ms)",
        "cpuCores": f"CPU used by the process (cores, of {os.cpu_count()})",
        "joinSeconds": "time until every node knew every node (s)",
        "readersKnownToWriterAtEnd": "readers the writer still had at the end",
        "meshCompleteAtEnd": "every node still knew every node at the end",
    }
    width = max(len(d) for d in descriptions.values())
    print()
    print("DSN benchmark: python-fanout (reference distributed-state-network 0.6.7)")
    print("-" * (width + 20))
    for key, value in figures.items():
        print(f"{descriptions[key]:<{width}}  {value}")
    print("-" * (width + 20))
    print(f"writes/s: {figures['writesPerSecond']}   deliveries/s: {figures['deliveriesPerSecond']}")
    line = {"scenario": "python-fanout"}
    line.update({k: (None if isinstance(v, float) and v != v else v) for k, v in figures.items()})
    print(json.dumps(line, separators=(",", ":")))
    sys.stdout.flush()
    return 0


def main():
    parser = argparse.ArgumentParser(description="Fan-out benchmark of the Python reference node.")
    parser.add_argument("--nodes", type=int, default=10, help="nodes, 1 writer + readers (default 10)")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds (default 2)")
    args = parser.parse_args()
    if args.nodes < 2:
        parser.error("--nodes must be at least 2")
    if args.seconds <= 0 or args.warmup < 0:
        parser.error("--seconds must be positive and --warmup not negative")

    # Bound the whole run: joining, the mesh wait, warm-up, measuring, stopping.
    start_watchdog(LISTEN_TIMEOUT_S * args.nodes + MESH_TIMEOUT_S + args.warmup + args.seconds + 60)
    try:
        code = run(args)
    except RuntimeError as e:
        sys.stderr.write(f"python-fanout: {e}\n")
        code = 1
    except Exception:
        import traceback
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # Flask's server threads of the reference are daemon threads; leave without waiting on them.
    os._exit(code)


if __name__ == "__main__":
    main()
