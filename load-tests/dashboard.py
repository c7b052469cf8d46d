"""Dashboard page times with 10 000 uploads in a project (load-tests/dashboard.sh).

Seeds the project with uploads and files straight into Postgres (UUIDv7 ids, as the API makes
them), signs up the first user (who adopts the organization), then requests every main page
ROUNDS times over one kept-alive connection and reports p50/p95/max per page, with the API's
own `GET /v1/files?limit=50` on the same data as the reference. Statements per page are the
`xact_commit` delta of the database over 20 more requests (each statement outside a
transaction commits once): a page with an N+1 would show ~50 per request. Postgres 15 flushes a
backend's counters only after it has been idle for 10 s, so the counts are read after 11 s of
quiet on each side.

  dashboard.py <api> <database url> <project id> <bucket id> <api key> <rows> <rounds>
"""

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid

api, db, project, bucket, key = sys.argv[1:6]
rows, rounds = int(sys.argv[6]), int(sys.argv[7])


def uuid7(ms):
    r = random.getrandbits(74)
    value = (ms << 80) | (0x7 << 76) | ((r >> 62) << 64) | (0b10 << 62) | (r & ((1 << 62) - 1))
    return str(uuid.UUID(int=value))


def psql(sql, *args):
    return subprocess.run(["psql", db, "-qtAc", sql, *args], check=True, capture_output=True, text=True).stdout.strip()


def seed():
    now = int(time.time() * 1000) - rows * 1000
    up_lines, file_lines = [], []
    kinds = [("image/jpeg", "jpg"), ("image/png", "png"), ("video/mp4", "mp4"), ("application/pdf", "pdf")]
    tenant = psql(f"INSERT INTO tenants (id, project_id, slug, name) VALUES (gen_random_uuid(), '{project}', 'acme-customer', 'A customer') RETURNING id")
    for i in range(rows):
        up = uuid7(now + i * 1000)
        ctype, ext = kinds[i % len(kinds)]
        status = "failed" if i % 50 == 7 else ("pending" if i % 97 == 3 else "ready")
        reason = "type_mismatch" if status == "failed" else ""
        name = f"photo-{i:05d}.{ext}"
        key_ = f"seed/{up}/{name}"
        t = tenant if i % 5 == 0 else ""
        ts = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime((now + i * 1000) / 1000))
        up_lines.append("\t".join([up, project, t or "\\N", bucket, key_, name, ctype, str(1000 + i), status,
                                   reason or "\\N", ts + "+00", ts + "+00"]))
        if status == "ready":
            file_lines.append("\t".join([uuid7(now + i * 1000 + 1), project, t or "\\N", up, bucket, key_, name,
                                         str(1000 + i), ctype, "640", "480", ts + "+00"]))
    for table, cols, lines in [
        ("uploads", "id, project_id, tenant_id, bucket_id, object_key, filename, content_type, size, status, failure_reason, expires_at, created_at", up_lines),
        ("files", "id, project_id, tenant_id, upload_id, bucket_id, object_key, filename, size, content_type, width, height, created_at", file_lines),
    ]:
        subprocess.run(["psql", db, "-qc", f"\\copy {table} ({cols}) FROM STDIN"], input="\n".join(lines) + "\n",
                       check=True, text=True, capture_output=True)
    psql("ANALYZE uploads; ANALYZE files;")


seed()
host = urllib.parse.urlparse(api).netloc
conn = http.client.HTTPConnection(host)


def call(method, path, body=None, headers=None):
    global conn
    h = {"origin": api, **(headers or {})}
    if body is not None:
        h["content-type"] = "application/json"
        body = json.dumps(body)
    try:
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
    except (http.client.RemoteDisconnected, ConnectionError):
        # The server closed an idle kept-alive connection (after the quiet periods).
        conn.close()
        conn = http.client.HTTPConnection(host)
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
    data = r.read()
    return r.status, r.getheaders(), data


status, headers, _ = call("POST", "/v1/auth/signup", {"email": "bench@example.com", "password": "a long bench passphrase"})
assert status == 201, status
cookie = [v for k, v in headers if k.lower() == "set-cookie"][0].split(";")[0]
org = psql("SELECT slug FROM organizations LIMIT 1")
team = psql("SELECT slug FROM teams LIMIT 1")
newest = psql(f"SELECT id FROM uploads WHERE project_id = '{project}' ORDER BY id DESC OFFSET 5000 LIMIT 1")
a_file = psql(f"SELECT id FROM files WHERE project_id = '{project}' ORDER BY id DESC LIMIT 1")

pages = [
    ("organization", f"/orgs/{org}"),
    ("team", f"/orgs/{org}/teams/{team}"),
    ("files, first page", f"/projects/{project}/files"),
    ("files, page 101 (keyset)", f"/projects/{project}/files?before={newest}"),
    ("files, filename search", f"/projects/{project}/files?q=photo-0999"),
    ("files, status=failed", f"/projects/{project}/files?status=failed"),
    ("files, tenant + type", f"/projects/{project}/files?tenant=acme-customer&type=image%2F"),
    ("file", f"/projects/{project}/files/{a_file}"),
    ("API keys", f"/projects/{project}/keys"),
    ("usage (30 days)", f"/projects/{project}/usage"),
    ("settings", f"/projects/{project}/settings"),
    ("webhooks", f"/projects/{project}/webhooks"),
    ("members", f"/orgs/{org}/members"),
    ("audit log", f"/orgs/{org}/audit"),
]


def xacts():
    return int(psql("SELECT sum(xact_commit) FROM pg_stat_database WHERE datname = current_database()"))


def measure(path, headers):
    for _ in range(5):
        call("GET", path, headers=headers)
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        status, _, body = call("GET", path, headers=headers)
        times.append((time.perf_counter() - t) * 1000)
        assert status == 200, (path, status, body[:300])
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "max": times[-1],
        "bytes": len(body),
    }


QUIET, COUNTED = 11, 20


def statements(path, headers):
    time.sleep(QUIET)
    x0 = xacts()
    for _ in range(COUNTED):
        call("GET", path, headers=headers)
    time.sleep(QUIET)
    # The xacts() read itself commits once.
    return (xacts() - x0 - 1) / COUNTED


out = {"rows": rows, "rounds": rounds, "pages": {}}
api_headers = {"authorization": f"Bearer {key}"}
out["reference"] = measure("/v1/files?limit=50", api_headers)
for name, path in pages:
    out["pages"][name] = measure(path, {"cookie": cookie})
out["reference"]["statements"] = statements("/v1/files?limit=50", api_headers)
for name, path in pages:
    out["pages"][name]["statements"] = statements(path, {"cookie": cookie})
json.dump(out, sys.stdout)
