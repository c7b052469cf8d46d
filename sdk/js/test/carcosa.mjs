// Starts a real `carcosa dev` (API, worker, embedded S3) on free loopback ports with its own data
// directory and its own database, and stops it (dropping the database) afterwards.
//
//   CARCOSA_BIN               the binary (default ../../target/debug/carcosa)
//   CARCOSA_TEST_DATABASE_URL a server the tests may create databases in
//                             (default postgres://postgres@127.0.0.1:5432/postgres)

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../../..");

function databaseUrl(name) {
  const base = new URL(process.env.CARCOSA_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  const admin = base.toString();
  base.pathname = `/${name}`;
  return { admin, url: base.toString() };
}

/** Starts `carcosa dev`; resolves with `{ url, key, s3, dataDir, stop() }`. */
export async function startCarcosa({ env = {} } = {}) {
  const bin = process.env.CARCOSA_BIN ?? join(repo, "target/debug/carcosa");
  const dataDir = mkdtempSync(join(tmpdir(), "carcosa-sdk-"));
  const dbName = `carcosa_sdk_${process.pid}_${Date.now().toString(36)}`;
  const db = databaseUrl(dbName);
  const child = spawn(
    bin,
    ["dev", "--data-dir", dataDir, "--bind", "127.0.0.1:0", "--s3-bind", "127.0.0.1:0"],
    {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        RUST_LOG: process.env.RUST_LOG ?? "warn",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => {
    err += d;
    if (process.env.CARCOSA_TEST_VERBOSE) process.stderr.write(d);
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const started = await Promise.race([
    (async () => {
      for (let i = 0; i < 600; i++) {
        const api = /API\s+(http:\/\/\S+)/.exec(out)?.[1];
        const s3 = /Embedded S3\s+(http:\/\/\S+)/.exec(out)?.[1];
        const key = /API key\s+(ck_\S+)/.exec(out)?.[1];
        const bucket = /\(bucket (\S+),/.exec(out)?.[1];
        if (api && key && s3) return { api, key, s3, bucket };
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`carcosa dev did not start in 60 s\nstdout:\n${out}\nstderr:\n${err}`);
    })(),
    exited.then((code) => {
      throw new Error(`carcosa dev exited (${code})\nstdout:\n${out}\nstderr:\n${err}`);
    }),
  ]);
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${started.api}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: started.api,
    key: started.key,
    s3: started.s3,
    bucket: started.bucket,
    dataDir,
    dbUrl: db.url,
    logs: () => err,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      try {
        execFileSync("psql", [db.admin, "-qc", `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`], { stdio: "ignore" });
      } catch {
        // Leaving a scratch database behind is not a test failure.
      }
    },
  };
}

/** A fixture from the shared corpus (or the repo's own test fixtures). */
export function fixture(relative) {
  return readFileSync(resolve(repo, relative));
}
