"""On-demand transform latency through the HTTP API, cache miss and hit, with libvips in-process
(pyvips) on the same sources and specs in the same run as the pixel-work floor.

Run by load-tests/transforms.sh, which starts `carcosa serve` and `carcosa work` (release) against
a fresh database and the S3 test server. For each source image:

* upload it (presign -> PUT -> complete -> ready);
* miss: GET a freshly minted signed URL for each spec never requested before (the API enqueues a
  `transform` job, a worker downloads the original, renders, stores the variant and NOTIFYs, the
  API streams the variant from the bucket);
* hit: GET each of those URLs again, sequentially, then from several threads at once;
* peer: pyvips `thumbnail_buffer` + save with the same width/format/quality, in this process.

Reports medians and percentiles, CPU time of the API and worker processes during the misses, and
the ratio of the miss latency to pyvips' time for the same work.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

import pyvips

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from thumbs import webp_without_metadata  # noqa: E402  (libvips 8.14 ignores `strip` for WebP)

SOURCES = [
    "photo_canon_4608x3456.jpg",
    "photo_nexus6p_4032x3024.jpg",
    "photo_iphone5_3264x2448.jpg",
    "photo_flickr_2725x2225.jpg",
    "progressive_android_685x999.jpg",
    "png_rgba_2048x1536.png",
]
# (w, format, q): none of these is a default preset, so every first request is a miss.
SPECS = [(160, "webp", 80), (400, "webp", 80), (800, "webp", 80), (400, "jpeg", 80), (400, "webp", 75), (400, "avif", 60)]
CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "real")


class Api:
    def __init__(self, url, key):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        self.key = key
        self.local = threading.local()

    def conn(self):
        c = getattr(self.local, "conn", None)
        if c is None:
            c = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        return c

    def call(self, method, path, body=None, auth=True, headers=None):
        h = dict(headers or {})
        if auth:
            h["Authorization"] = f"Bearer {self.key}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        c = self.conn()
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        payload = r.read()
        return r.status, dict(r.getheaders()), payload


def put(url, headers, data):
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    path = u.path + ("?" + u.query if u.query else "")
    h = {k: v for k, v in headers.items() if k.lower() != "content-length"}
    c.request("PUT", path, body=data, headers=h)
    r = c.getresponse()
    r.read()
    assert r.status == 200, f"PUT {r.status}"


def upload(api, name):
    data = open(os.path.join(CORPUS, name), "rb").read()
    ctype = "image/png" if name.endswith(".png") else "image/jpeg"
    s, _, b = api.call("POST", "/v1/uploads", {"filename": name, "content_type": ctype, "size": len(data)})
    assert s == 201, b
    up = json.loads(b)
    put(up["upload"]["url"], up["upload"]["headers"], data)
    s, _, b = api.call("POST", f"/v1/uploads/{up['id']}/complete")
    assert s == 202, b
    while True:
        s, _, b = api.call("GET", f"/v1/uploads/{up['id']}")
        state = json.loads(b)
        if state["status"] in ("ready", "failed"):
            assert state["status"] == "ready", state
            return state["file_id"], data
        time.sleep(0.02)


def cpu_ms(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def pct(values, p):
    v = sorted(values)
    return v[min(int(len(v) * p), len(v) - 1)]


def vips_once(data, w, fmt, q):
    img = pyvips.Image.thumbnail_buffer(data, w, height=10_000_000, size="down")
    if fmt == "webp":
        return img.webpsave_buffer(Q=q, strip=True)
    if fmt == "avif":
        return img.heifsave_buffer(Q=q, compression="av1", effort=1, strip=True)  # libaom cpu-used 8 ~ ravif speed 8
    return img.jpegsave_buffer(Q=q, strip=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--api", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--serve-pid", type=int, required=True)
    ap.add_argument("--work-pid", type=int, required=True)
    ap.add_argument("--hits", type=int, default=20, help="sequential hits per URL")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    api = Api(args.api, args.key)
    pyvips.cache_set_max(0)

    files = [(name, *upload(api, name)) for name in SOURCES]
    print(f"uploaded {len(files)} sources", file=sys.stderr)

    rows, urls = [], []
    cpu_before = cpu_ms(args.serve_pid), cpu_ms(args.work_pid)
    for name, fid, data in files:
        for w, fmt, q in SPECS:
            s, _, b = api.call("POST", f"/v1/files/{fid}/transform-url", {"w": w, "format": fmt, "q": q})
            assert s == 200, b
            path = json.loads(b)["path"]
            t = time.perf_counter()
            s, h, body = api.call("GET", path, auth=False)
            miss = (time.perf_counter() - t) * 1e3
            assert s == 200, (s, body[:200])
            urls.append(path)
            rows.append({"source": name, "spec": f"w{w} {fmt} q{q}", "miss_ms": miss, "bytes": len(body), "data": data,
                         "w": w, "fmt": fmt, "q": q, "path": path})
    cpu_after = cpu_ms(args.serve_pid), cpu_ms(args.work_pid)
    misses = len(rows)
    print(f"{misses} misses done", file=sys.stderr)

    for r in rows:
        lat = []
        for _ in range(args.hits):
            t = time.perf_counter()
            s, _, body = api.call("GET", r["path"], auth=False)
            lat.append((time.perf_counter() - t) * 1e3)
            assert s == 200
        r["hit_ms"] = statistics.median(lat)
        r["hits"] = lat
        # The peer: the same pixel work in-process, median of 3.
        times = []
        for _ in range(3):
            t = time.perf_counter()
            out = vips_once(r["data"], r["w"], r["fmt"], r["q"])
            times.append((time.perf_counter() - t) * 1e3)
        r["vips_ms"] = statistics.median(times)
        r["vips_bytes"] = webp_without_metadata(out) if r["fmt"] == "webp" else len(out)
    print("sequential hits done", file=sys.stderr)

    # Concurrent hits: closed loop from several threads.
    stop = time.perf_counter() + args.seconds
    counts, lats = [0] * args.threads, [[] for _ in range(args.threads)]
    serve_cpu0 = cpu_ms(args.serve_pid)

    def worker(i):
        n = 0
        while time.perf_counter() < stop:
            path = urls[(i + n) % len(urls)]
            t = time.perf_counter()
            s, _, _ = api.call("GET", path, auth=False)
            lats[i].append((time.perf_counter() - t) * 1e3)
            assert s == 200
            n += 1
        counts[i] = n

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    total = sum(counts)
    conc_lat = [x for l in lats for x in l]
    serve_cpu = cpu_ms(args.serve_pid) - serve_cpu0

    all_hits = [x for r in rows for x in r["hits"]]
    miss = [r["miss_ms"] for r in rows]
    ratio = [r["miss_ms"] / r["vips_ms"] for r in rows]
    big = [r for r in rows if r["source"].startswith("photo_")]
    sh = lambda c: subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
    out = []
    p = out.append
    p("# On-demand transform latency through the HTTP API (cache miss and hit) vs pyvips in-process\n")
    p(f"- date (UTC): {sh('date -u +%Y-%m-%dT%H:%MZ')}; commit {sh('git rev-parse --short HEAD')}; "
      f"machine: {sh('nproc')} cores; load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
    p("- carcosa: `carcosa serve` + `carcosa work` (release builds, default config: transform pool of one job per core), "
      "SeaweedFS as the bucket, PostgreSQL 15; client: Python http.client, keep-alive, same machine")
    p("- miss = one GET of a never-requested signed URL: enqueue `transform` -> worker LISTEN wake-up -> download original "
      "-> decode/resize/encode -> PUT variant -> row + NOTIFY -> API streams the variant from the bucket")
    p("- hit = GET of a stored variant: one Postgres query (file, project secret, variant), HMAC check, bucket GET, stream")
    p(f"- peer: pyvips {pyvips.__version__} (libvips {pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}) "
      "`thumbnail_buffer` + `webpsave_buffer`/`jpegsave_buffer`/`heifsave_buffer` (AV1 via libheif, effort 1 ~ speed 8; strip) on the same bytes and spec, in the client process, "
      "median of 3; this is the pixel work alone, with no queue, storage or HTTP; its WebP sizes exclude the EXIF/XMP/ICC "
      "chunks libvips 8.14 keeps despite `strip` (Carcosa writes none)\n")
    p("| source | spec | miss ms | hit ms (median of %d) | pyvips ms | miss / pyvips | carcosa bytes | pyvips bytes |" % args.hits)
    p("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        p(f"| {r['source']} | {r['spec']} | {r['miss_ms']:.1f} | {r['hit_ms']:.2f} | {r['vips_ms']:.1f} | "
          f"{r['miss_ms'] / r['vips_ms']:.2f} | {r['bytes']} | {r['vips_bytes']} |")
    p("")
    p(f"**Miss:** {misses} requests, p50 {pct(miss, .5):.1f} ms, p95 {pct(miss, .95):.1f} ms, max {max(miss):.1f} ms; "
      f"on the 6-16 MP photos p50 {pct([r['miss_ms'] for r in big], .5):.1f} ms. "
      f"Median miss/pyvips ratio {statistics.median(ratio):.2f} "
      f"(photos {statistics.median([r['miss_ms'] / r['vips_ms'] for r in big]):.2f}).")
    p(f"CPU during the misses: API {(cpu_after[0] - cpu_before[0]) / misses:.1f} ms/request, "
      f"worker {(cpu_after[1] - cpu_before[1]) / misses:.1f} ms/request (includes its S3 client and the PNG/JPEG download).")
    p(f"\n**Hit, sequential:** {len(all_hits)} requests, p50 {pct(all_hits, .5):.2f} ms, p95 {pct(all_hits, .95):.2f} ms, "
      f"p99 {pct(all_hits, .99):.2f} ms.")
    p(f"\n**Hit, {args.threads} threads closed loop for {args.seconds:.0f} s:** {total / elapsed:.0f} req/s, "
      f"p50 {pct(conc_lat, .5):.2f} ms, p99 {pct(conc_lat, .99):.2f} ms, API CPU {serve_cpu / max(total, 1):.3f} ms/request "
      "(the Python client shares the 2 cores and is the bottleneck of this figure).")
    text = "\n".join(out) + "\n"
    open(args.out, "w").write(text)
    print(text)


if __name__ == "__main__":
    main()
