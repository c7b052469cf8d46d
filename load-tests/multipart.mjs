// The multipart benchmark's Node side (driven by load-tests/multipart.sh).
//
//   node multipart.mjs sdk <api> <key> <file>
//       One upload through the SDK's multipart path (Carcosa.uploadBytes: part URLs in batches,
//       4 parts in flight, straight to the bucket). Prints JSON {upload_ms, ready_ms, cpu_ms}.
//   node multipart.mjs resume <api> <key> <file> <kill_at>
//       The browser uploader (createUploader, the code path of the React components) through the
//       app's endpoint (createRouteHandler on node:http), in a child process that is killed
//       (SIGKILL, like a closed tab) once `kill_at` of the bytes are in the bucket; then a new
//       child picks the same file again. Prints JSON {first_ms, resume_ms, rest_ms, parts_before,
//       parts_after, part_count}: resume_ms is from the new child's start() to its first
//       progress event marked `resumed` (what a user waits after picking the file again).
//   node multipart.mjs child <endpoint> <file> <store> <kill_at>   (internal)

import { spawn } from "node:child_process";
import { openAsBlob, readFileSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

import { Carcosa } from "../sdk/js/dist/index.js";
import { createUploader } from "../sdk/js/dist/browser.js";
import { createRouteHandler, toNodeHandler } from "../sdk/js/dist/server.js";

const { WebSocket } = createRequire(new URL("../sdk/js/package.json", import.meta.url))("ws");

const [mode, ...args] = process.argv.slice(2);

async function file(path) {
  const blob = await openAsBlob(path, { type: "video/mp4" });
  return new File([blob], basename(path), { type: "video/mp4", lastModified: 1_700_000_000_000 });
}

if (mode === "sdk") {
  const [api, key, path] = args;
  const carcosa = new Carcosa({ url: api, apiKey: key });
  const body = await file(path);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const done = await carcosa.uploadBytes(body, { filename: body.name, contentType: "video/mp4", wait: false });
  const upload_ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const ready = await carcosa.uploads.wait(done.id, { timeoutMs: 600_000 });
  if (ready.status !== "ready") throw new Error(`upload ended ${ready.status} ${ready.failure_reason}`);
  const ready_ms = performance.now() - t0;
  await carcosa.files.delete(ready.file_id);
  console.log(JSON.stringify({ upload_ms, ready_ms, cpu_ms: (cpu.user + cpu.system) / 1000 }));
} else if (mode === "resume") {
  const [api, key, path, killAt] = args;
  const carcosa = new Carcosa({ url: api, apiKey: key });
  const handler = toNodeHandler(createRouteHandler({ carcosa }));
  const server = createServer((req, res) => void handler(req, res));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}/api/carcosa`;
  const store = `${path}.resume.json`;
  writeFileSync(store, "{}");
  const run = (kill) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "child", endpoint, path, store, String(kill)], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      const lines = [];
      child.stdout.on("data", (d) => lines.push(...String(d).trim().split("\n").filter(Boolean).map((l) => JSON.parse(l))));
      child.on("exit", () => resolve(lines));
      child.on("error", reject);
    });
  const first = await run(killAt);
  const second = await run(2);
  server.close();
  const half = first.find((l) => l.event === "killed");
  const resumed = second.find((l) => l.event === "resumed");
  const ready = second.find((l) => l.event === "ready");
  if (!half || !resumed || !ready) throw new Error(`unexpected run: ${JSON.stringify({ first, second })}`);
  console.log(
    JSON.stringify({
      first_ms: half.ms,
      resume_ms: resumed.ms,
      rest_ms: ready.ms,
      resumed_at_bytes: resumed.loaded,
      parts_before: half.parts,
      parts_after: ready.parts,
      part_count: ready.part_count,
    }),
  );
  const state = await carcosa.uploads.get(ready.upload_id);
  await carcosa.files.delete(state.file_id);
} else if (mode === "child") {
  const [endpoint, path, storePath, killAt] = args;
  const store = {
    read: () => (existsSync(storePath) ? JSON.parse(readFileSync(storePath, "utf8")) : {}),
    getItem(k) {
      return this.read()[k] ?? null;
    },
    setItem(k, v) {
      writeFileSync(storePath, JSON.stringify({ ...this.read(), [k]: v }));
    },
    removeItem(k) {
      const all = this.read();
      delete all[k];
      writeFileSync(storePath, JSON.stringify(all));
    },
  };
  // Count the part PUTs this process makes (the uploader sends them with the global fetch).
  let parts = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    if (init?.method === "PUT" && String(input).includes("partNumber=") && response.ok) parts++;
    return response;
  };
  const uploader = createUploader({ endpoint, WebSocket, resume: store, statusTimeoutMs: 600_000 });
  const body = await file(path);
  const t0 = performance.now();
  let said = false;
  const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
  const handle = uploader.upload(body, {
    onChange: (s) => {
      if (s.resumed && !said) {
        said = true;
        out({ event: "resumed", ms: performance.now() - t0, loaded: s.loaded });
      }
      if (s.phase === "uploading" && s.loaded / s.size >= Number(killAt)) {
        out({ event: "killed", ms: performance.now() - t0, parts });
        process.kill(process.pid, "SIGKILL");
      }
    },
  });
  const result = await handle.done;
  out({ event: "ready", ms: performance.now() - t0, parts, upload_id: result.uploadId, part_count: Math.ceil(body.size / (8 << 20)) });
  process.exit(0);
}
