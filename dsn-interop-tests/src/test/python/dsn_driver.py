"""Runs ONE node of the Python reference (distributed-state-network 0.6.7) for the interop tests.

Our own small driver, not part of the reference: it imports the reference (PYTHONPATH must hold
its src directory) and drives it through its public API, DSNodeServer and DSNodeServer.node.

Protocol, one JSON object per line, UTF-8, both ways:
- At start the driver imports the reference and writes {"event": "loaded"}; nothing runs yet,
  so a test can prepare a process and start the node later (a restart then leaves the port
  closed only for as long as the node itself takes to start).
- Every command read from stdin gets exactly one answer line: {"ok": true, ...} or
  {"ok": false, "error": "..."}.
- End of stdin (the test's JVM is gone) ends the process at once.

Commands ({"cmd": name, ...}):
  start        node_id, port (0: a free port is picked here), aes_key, credential_dir,
               bootstrap_nodes [{address, port}] -> port, peers. Answers once the reference's
               DSNodeServer.start returned (its bootstrap attempt is over) and the port accepts
               connections.
  peers        -> peers (DSNode.peers(): every node with a state, itself included)
  states       -> states {node id: state dict} of every node it holds a state of
  read         node, key -> value (null when the key or the node is unknown)
  update       key, value: DSNode.update_data (blocks until every peer was sent the state)
  update_many  entries {key: value}: one signed state with all of them, sent once (all keys but
               the last are put into the own state's dict, the last goes through update_data,
               which re-signs and sends the whole state)
  send         node, hex -> reply (DSNode.send_to_node)
  send_update  node: DSNode.send_update, the UPDATE its tick gossips (fails unless the peer
               answers 200 or 204) -> answer_size
  seen         node, key -> value: the newest value of that key among the states the node
               held each time its update callback ran, kept after the node was dropped
  received     -> received [{size, sha256, hex (only up to 4096 bytes)}], every DATA in order
  disconnects  -> count of disconnect callbacks (a peer dropped after failed pings)
  tick_alive   -> alive: whether a network_tick thread is still running (the reference's
               tick thread ends for good when one gossip fails)
  stop         DSNodeServer.stop(), answer, then exit
Python's own prints and logs go to stderr, never into the answers.
"""

import hashlib
import json
import logging
import os
import socket
import sys
import threading
import time

# The protocol owns the real stdout; anything the reference prints goes to stderr.
_protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
sys.stdout = sys.stderr

from distributed_state_network import DSNodeConfig, DSNodeServer  # noqa: E402

for _handler in logging.getLogger().handlers:
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

_lock = threading.Lock()
_received = []
_disconnects = [0]
_seen = {}
_server = None


def answer(obj):
    _protocol_out.write((json.dumps(obj) + "\n").encode("utf-8"))


def on_receive(data):
    with _lock:
        _received.append(bytes(data))


def on_update():
    states = dict(_server.node.node_states) if _server is not None else {}
    with _lock:
        for node_id, pkt in states.items():
            _seen[node_id] = pkt.state_data


def on_disconnect():
    with _lock:
        _disconnects[0] += 1


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("0.0.0.0", 0))
        return s.getsockname()[1]


def cmd_start(c):
    global _server
    if _server is not None:
        raise RuntimeError("the node was started already")
    port = c.get("port") or free_port()
    config = DSNodeConfig.from_dict({
        "node_id": c["node_id"],
        "port": port,
        "aes_key": c["aes_key"],
        "credential_dir": c["credential_dir"],
        "network_ip": "127.0.0.1",
        "bootstrap_nodes": c.get("bootstrap_nodes", []),
    })
    _server = DSNodeServer.start(config, disconnect_callback=on_disconnect, update_callback=on_update)
    _server.set_receive_cb(on_receive)
    deadline = time.monotonic() + 10
    while True:
        if not _server.thread.is_alive():
            raise RuntimeError(f"the node's HTTP server did not start on port {port} (port in use?)")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the node's HTTP server does not accept connections on port {port}")
            time.sleep(0.02)
    return {"port": port, "peers": list(_server.node.peers())}


def node():
    if _server is None:
        raise RuntimeError("the node is not started")
    return _server.node


def cmd_states(c):
    states = dict(node().node_states)
    return {"states": {node_id: dict(pkt.state_data) for node_id, pkt in states.items()}}


def cmd_read(c):
    pkt = dict(node().node_states).get(c["node"])
    return {"value": None if pkt is None else pkt.state_data.get(c["key"])}


def cmd_update(c):
    node().update_data(c["key"], c["value"])
    return {}


def cmd_update_many(c):
    entries = list(c["entries"].items())
    if not entries:
        raise ValueError("no entries")
    n = node()
    own = n.node_states[n.config.node_id].state_data
    for key, value in entries[:-1]:
        own[key] = value
    n.update_data(*entries[-1])
    return {}


def cmd_send(c):
    return {"reply": node().send_to_node(c["node"], bytes.fromhex(c["hex"]))}


def cmd_send_update(c):
    return {"answer_size": len(node().send_update(c["node"]))}


def cmd_seen(c):
    with _lock:
        state = _seen.get(c["node"])
    return {"value": None if state is None else state.get(c["key"])}


def cmd_received(c):
    with _lock:
        received = list(_received)
    return {"received": [{"size": len(d), "sha256": hashlib.sha256(d).hexdigest(),
                          "hex": d.hex() if len(d) <= 4096 else None} for d in received]}


def cmd_disconnects(c):
    with _lock:
        return {"count": _disconnects[0]}


def cmd_tick_alive(c):
    return {"alive": any("network_tick" in t.name and t.is_alive() for t in threading.enumerate())}


COMMANDS = {
    "start": cmd_start,
    "peers": lambda c: {"peers": list(node().peers())},
    "states": cmd_states,
    "read": cmd_read,
    "update": cmd_update,
    "update_many": cmd_update_many,
    "send": cmd_send,
    "send_update": cmd_send_update,
    "seen": cmd_seen,
    "received": cmd_received,
    "disconnects": cmd_disconnects,
    "tick_alive": cmd_tick_alive,
}


def main():
    answer({"event": "loaded"})
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8").strip()
        if not line:
            continue
        try:
            c = json.loads(line)
            name = c.get("cmd")
            if name == "stop":
                if _server is not None:
                    _server.stop()
                answer({"ok": True})
                break
            handler = COMMANDS.get(name)
            if handler is None:
                raise ValueError(f"unknown command {name!r}")
            result = handler(c)
            result["ok"] = True
            answer(result)
        except Exception as e:  # every failure is an answer, never a dead driver
            logging.getLogger("dsn_driver").exception("command failed: %s", line[:200])
            answer({"ok": False, "error": f"{type(e).__name__}: {e}"})
    # End of stdin or stop: leave without waiting for the reference's daemon threads.
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
