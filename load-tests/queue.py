#!/usr/bin/env python3
"""Queue benchmark: Carcosa's apalis queue vs graphile-worker on the same Postgres.

Run through load-tests/queue.sh (it builds and installs what this needs). For each worker
count K and each round, for each system (alternating, so noise hits both alike):

  burn-down  K worker processes (CONCURRENCY jobs each) start on an empty queue of a fresh
             database; JOBS no-op jobs are then committed in one transaction; the clock runs
             from that commit to the last job's start. Reported: jobs/s, the backlog wait
             (enqueue→start, which here is mostly time spent queued), and CPU per 1,000 jobs —
             worker processes and Postgres (all its processes) measured from /proc.
  pickup     (K = PICKUP_WORKERS only) workers idle, a producer enqueues one job per
             transaction at PICKUP_RATE/s for PICKUP_SECS; enqueue→start p50/p99 is the
             latency a caller sees when the queue is not backed up.

Both systems run a job whose payload holds its enqueue time (µs); the handler logs its start
time; the same code computes every figure from those logs.
"""

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
JOBS = int(os.environ.get("JOBS", "50000"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "8"))
WORKERS = [int(k) for k in os.environ.get("WORKERS", "1 2 4").split()]
ROUNDS = int(os.environ.get("ROUNDS", "2"))
PICKUP_WORKERS = int(os.environ.get("PICKUP_WORKERS", "2"))
PICKUP_RATE = float(os.environ.get("PICKUP_RATE", "200"))
PICKUP_SECS = float(os.environ.get("PICKUP_SECS", "10"))
TICK = os.sysconf("SC_CLK_TCK")

SYSTEMS = {
    "carcosa": {
        "cmd": [str(ROOT / "target/release/carcosa-queue")],
        "db": "bench_queue_carcosa",
        "remaining": "SELECT count(*) FROM apalis.jobs WHERE job_type = 'bench_noop' AND status <> 'Done'",
    },
    "graphile-worker": {
        "cmd": ["node", str(HERE / "queue/graphile.mjs")],
        "db": "bench_queue_graphile",
        "remaining": "SELECT count(*) FROM graphile_worker._private_jobs",
    },
}


# ONLY=carcosa runs one side (for tuning runs; the report then has no ratio).
if os.environ.get("ONLY"):
    SYSTEMS = {k: v for k, v in SYSTEMS.items() if k == os.environ["ONLY"]}


def psql(db, sql):
    out = subprocess.run(
        ["psql", f"{PG}/{db}", "-qtAc", sql], check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def fresh_db(system):
    s = SYSTEMS[system]
    psql("postgres", f"DROP DATABASE IF EXISTS {s['db']} WITH (FORCE)")
    psql("postgres", f"CREATE DATABASE {s['db']}")
    subprocess.run(s["cmd"] + ["setup", f"{PG}/{s['db']}"], check=True)


def cpu_ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def postgres_pids():
    pids = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if (p / "comm").read_text().strip().startswith("postgres"):
                    pids.append(int(p.name))
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                pass
    return pids


def snapshot(worker_pids):
    return (
        {pid: cpu_ticks(pid) for pid in worker_pids},
        {pid: cpu_ticks(pid) for pid in postgres_pids()},
    )


def cpu_seconds(before, after):
    return sum(t - before.get(pid, 0) for pid, t in after.items()) / TICK


def start_workers(system, k, tmp):
    s = SYSTEMS[system]
    procs, outs = [], []
    for i in range(k):
        out = Path(tmp) / f"{system}-{k}-{i}.log"
        p = subprocess.Popen(
            s["cmd"] + ["work", f"{PG}/{s['db']}", str(CONCURRENCY), str(out)],
            stdout=subprocess.PIPE,
            text=True,
        )
        procs.append(p)
        outs.append(out)
    for p in procs:
        line = p.stdout.readline()
        if line.strip() != "ready":
            raise SystemExit(f"{system} worker did not start: {line!r}")
    time.sleep(1.5)  # connected and listening
    return procs, outs


def stop_workers(procs, outs):
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        p.wait(timeout=60)
    rows = []
    for out in outs:
        for line in out.read_text().splitlines():
            enq, started = line.split()
            rows.append((int(enq), int(started)))
    return rows


def wait_drained(system, timeout=900):
    s = SYSTEMS[system]
    deadline = time.time() + timeout
    while int(psql(s["db"], s["remaining"])) > 0:
        if time.time() > deadline:
            raise SystemExit(f"{system}: queue did not drain in {timeout} s")
        time.sleep(0.2)


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def burn_down(system, k, tmp):
    fresh_db(system)
    procs, outs = start_workers(system, k, tmp)
    pids = [p.pid for p in procs]
    before_w, before_pg = snapshot(pids)
    enq = subprocess.run(
        SYSTEMS[system]["cmd"] + ["enqueue", f"{PG}/{SYSTEMS[system]['db']}", str(JOBS)],
        check=True, capture_output=True, text=True,
    )
    committed = int(enq.stdout.strip().splitlines()[-1])
    wait_drained(system)
    after_w, after_pg = snapshot(pids)
    rows = stop_workers(procs, outs)
    if len(rows) != JOBS:
        raise SystemExit(f"{system}: {len(rows)} job starts logged, expected {JOBS}")
    last = max(started for _, started in rows)
    secs = (last - committed) / 1e6
    waits = [(started - max(enq_t, committed)) / 1e3 for enq_t, started in rows]
    worker_cpu = cpu_seconds(before_w, after_w)
    pg_cpu = cpu_seconds(before_pg, after_pg)
    return {
        "jobs_per_s": JOBS / secs,
        "drain_s": secs,
        "wait_p50_ms": pct(waits, 0.5),
        "wait_p99_ms": pct(waits, 0.99),
        "worker_cpu_ms_per_1k": worker_cpu * 1e6 / JOBS,
        "pg_cpu_ms_per_1k": pg_cpu * 1e6 / JOBS,
    }


def pickup(system, tmp):
    fresh_db(system)
    procs, outs = start_workers(system, PICKUP_WORKERS, tmp)
    subprocess.run(
        SYSTEMS[system]["cmd"]
        + ["trickle", f"{PG}/{SYSTEMS[system]['db']}", str(PICKUP_RATE), str(PICKUP_SECS)],
        check=True,
    )
    wait_drained(system)
    rows = stop_workers(procs, outs)
    lat = [(started - enq) / 1e3 for enq, started in rows]
    return {"jobs": len(rows), "p50_ms": pct(lat, 0.5), "p99_ms": pct(lat, 0.99), "max_ms": max(lat)}


def med(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    results = {name: {k: [] for k in WORKERS} for name in SYSTEMS}
    pickups = {name: [] for name in SYSTEMS}
    with tempfile.TemporaryDirectory() as tmp:
        for rnd in range(ROUNDS):
            order = list(SYSTEMS) if rnd % 2 == 0 else list(reversed(SYSTEMS))
            for k in WORKERS:
                for name in order:
                    r = burn_down(name, k, tmp)
                    results[name][k].append(r)
                    print(f"round {rnd + 1} K={k} {name}: {r['jobs_per_s']:.0f} jobs/s, "
                          f"cpu/1k worker {r['worker_cpu_ms_per_1k']:.0f} ms + pg {r['pg_cpu_ms_per_1k']:.0f} ms",
                          flush=True)
            for name in order:
                p = pickup(name, tmp)
                pickups[name].append(p)
                print(f"round {rnd + 1} pickup {name}: p50 {p['p50_ms']:.1f} ms p99 {p['p99_ms']:.1f} ms", flush=True)

    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    cpu = os.cpu_count()
    lines = [
        f"# Queue: Carcosa (apalis-postgres) vs graphile-worker — {today}",
        "",
        f"`load-tests/queue.sh` on this machine ({cpu} cores, shared and noisy), one Postgres for both, "
        f"each system on its own fresh database. {JOBS:,} no-op jobs per burn-down, {CONCURRENCY} concurrent "
        f"jobs per worker process, {ROUNDS} round(s) alternating the order; figures are medians over rounds.",
        "",
        "Carcosa runs `carcosa_worker::jobs::backend` — the settings `carcosa work` gives its queues of short "
        "jobs, `complete_upload` and `delete_objects` (LISTEN/NOTIFY with "
        "waiting notifications coalesced into one fetch, heartbeat poll 5 s, fetch batch = "
        f"16 × concurrency = {16 * CONCURRENCY} unless `worker.fetch_batch` is set; queues of long jobs "
        "fetch 4 × concurrency). graphile-worker 0.17.3 runs its defaults except "
        "`concurrentJobs` and `maxPoolSize` (max(10, concurrency+2), its documented advice) and a logger "
        "that drops per-job INFO lines (Carcosa logs jobs at debug).",
        "",
        "## Burn-down",
        "",
        "| workers | system | jobs/s | drain s | backlog wait p50 / p99 ms | CPU per 1k jobs: workers + Postgres (ms) |",
        "|---|---|---|---|---|---|",
    ]
    ratios = {}
    for k in WORKERS:
        for name in SYSTEMS:
            runs = results[name][k]
            lines.append(
                f"| {k} | {name} | {med(runs, 'jobs_per_s'):.0f} | {med(runs, 'drain_s'):.1f} | "
                f"{med(runs, 'wait_p50_ms'):.0f} / {med(runs, 'wait_p99_ms'):.0f} | "
                f"{med(runs, 'worker_cpu_ms_per_1k'):.0f} + {med(runs, 'pg_cpu_ms_per_1k'):.0f} |"
            )
        if len(SYSTEMS) == 2:
            ratios[k] = med(results["carcosa"][k], "jobs_per_s") / med(results["graphile-worker"][k], "jobs_per_s")
    if ratios:
        lines += ["", "Throughput ratio Carcosa / graphile-worker (medians): "
                  + ", ".join(f"K={k}: **{ratios[k]:.2f}×**" for k in WORKERS) + ".", ""]
    base = {name: med(results[name][WORKERS[0]], "jobs_per_s") for name in SYSTEMS}
    lines += ["Scaling (throughput relative to K=" + str(WORKERS[0]) + "): "
              + "; ".join(f"{name}: " + ", ".join(f"K={k} {med(results[name][k], 'jobs_per_s') / base[name]:.2f}×"
                                                   for k in WORKERS) for name in SYSTEMS) + ".", ""]
    lines += [
        "## Pickup latency (queue not backed up)",
        "",
        f"{PICKUP_WORKERS} idle worker processes; one job per transaction at {PICKUP_RATE:.0f}/s for {PICKUP_SECS:.0f} s.",
        "",
        "| system | jobs | enqueue→start p50 ms | p99 ms | max ms |",
        "|---|---|---|---|---|",
    ]
    for name in SYSTEMS:
        runs = pickups[name]
        lines.append(f"| {name} | {runs[0]['jobs']} | {med(runs, 'p50_ms'):.1f} | {med(runs, 'p99_ms'):.1f} | {med(runs, 'max_ms'):.1f} |")
    lines += ["", "## Raw runs", "", "```json", json.dumps({"burn_down": results, "pickup": pickups}, indent=1), "```", ""]
    out = Path(os.environ.get("REPORT", HERE / f"reports/queue-{today}.md"))
    out.write_text("\n".join(lines))
    print("\n".join(lines[: lines.index("## Raw runs")]))
    print(f"report: {out}")


if __name__ == "__main__":
    sys.exit(main())
