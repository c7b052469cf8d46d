"""The webhook benchmark's driver (run by load-tests/webhooks.sh).

A local receiver (http.server, one thread per request) records every delivery: its webhook-id,
when it arrived, and the event's own timestamp. Events are injected into Carcosa's outbox
(`webhook_events`, what the upload and file triggers write) with psql, so the figures measure the
delivery pipeline — dispatch, the deliver_webhook queue, signing, the POST — not the upload
pipeline in front of it.

  burst    N events committed at once: deliveries/s until the last one arrived;
  steady   R events/s for S seconds (open loop): event → delivery latency p50/p99;
  outage   the receiver is down for a minute while events arrive, then up: every event must be
           delivered, and each webhook-id seen exactly once (retries at 5 s, then 5 min).

Prints one JSON object.
"""

import json
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

database_url, project, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
burst_n, steady_rate, steady_secs, outage_n, outage_secs = (int(a) for a in sys.argv[4:9])

lock = threading.Lock()
got = []  # (webhook-id, arrival unix seconds, event timestamp unix seconds, phase)
down = threading.Event()  # while set, connections (new and kept-alive) are dropped unanswered


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        if down.is_set():
            # A receiver that is down: the request is never answered and the connection dies.
            self.close_connection = True
            self.connection.close()
            return
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        now = time.time()
        event = json.loads(body)
        ts = datetime.fromisoformat(event["timestamp"].replace("Z", "+00:00")).timestamp()
        with lock:
            got.append((self.headers["webhook-id"], now, ts, event["data"].get("phase")))
        self.send_response(204)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class Receiver:
    def __init__(self):
        self.server = None

    def up(self):
        down.clear()
        ThreadingHTTPServer.allow_reuse_address = True
        ThreadingHTTPServer.daemon_threads = True
        ThreadingHTTPServer.request_queue_size = 1024
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self):
        down.set()
        self.server.shutdown()
        self.server.server_close()


def inject(n, phase):
    sql = (
        "INSERT INTO webhook_events (project_id, type, data) "
        f"SELECT '{project}', 'upload.ready', jsonb_build_object('phase', '{phase}', 'seq', g) "
        f"FROM generate_series(1, {n}) g; NOTIFY carcosa_webhook_events;"
    )
    subprocess.run(["psql", database_url, "-qc", sql], check=True, stdout=subprocess.DEVNULL)


def received(phase):
    with lock:
        return [g for g in got if g[3] == phase]


def wait_for(phase, n, limit):
    deadline = time.time() + limit
    while len(received(phase)) < n and time.time() < deadline:
        time.sleep(0.05)
    return received(phase)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


receiver = Receiver()
receiver.up()
out = {}

# Burst.
t0 = time.time()
inject(burst_n, "burst")
rows = wait_for("burst", burst_n, 600)
last = max(r[1] for r in rows)
lat = [(r[1] - r[2]) * 1000 for r in rows]
out["burst"] = {
    "events": burst_n,
    "delivered": len({r[0] for r in rows}),
    "seconds": last - t0,
    "per_sec": len(rows) / (last - t0),
    "latency_p50_ms": pct(lat, 50),
    "latency_p99_ms": pct(lat, 99),
}

# Steady, open loop: a batch every 100 ms.
per_tick = max(1, steady_rate // 10)
start = time.time()
ticks = steady_secs * 10
for i in range(ticks):
    inject(per_tick, "steady")
    pause = start + (i + 1) * 0.1 - time.time()
    if pause > 0:
        time.sleep(pause)
rows = wait_for("steady", per_tick * ticks, 120)
lat = [(r[1] - r[2]) * 1000 for r in rows]
out["steady"] = {
    "events": per_tick * ticks,
    "offered_per_sec": per_tick * ticks / steady_secs,
    "delivered": len({r[0] for r in rows}),
    "latency_p50_ms": pct(lat, 50),
    "latency_p99_ms": pct(lat, 99),
    "latency_max_ms": max(lat),
}

# Outage.
receiver.down()
down_at = time.time()
for _ in range(10):
    inject(outage_n // 10, "outage")
    time.sleep(1)
time.sleep(max(0, outage_secs - (time.time() - down_at)))
receiver.up()
up_at = time.time()
rows = wait_for("outage", outage_n, 900)
ids = [r[0] for r in rows]
out["outage"] = {
    "events": outage_n,
    "receiver_down_secs": up_at - down_at,
    "delivered_distinct": len(set(ids)),
    "duplicates": len(ids) - len(set(ids)),
    "all_delivered_secs_after_up": (max(r[1] for r in rows) - up_at) if rows else None,
}
time.sleep(2)
ids = [r[0] for r in received("outage")]
out["outage"]["duplicates_after_settling"] = len(ids) - len(set(ids))
attempts = subprocess.run(
    ["psql", database_url, "-tAc",
     "SELECT attempts || ':' || count(*) FROM webhook_deliveries "
     "WHERE payload->'data'->>'phase' = 'outage' GROUP BY attempts ORDER BY attempts"],
    check=True, capture_output=True, text=True).stdout.split()
out["outage"]["attempts"] = {a.split(":")[0]: int(a.split(":")[1]) for a in attempts}
print(json.dumps(out))
