// One round of the SDK arm of load-tests/sdk-upload.sh: N uploads of the same photo through the
// SDK as an app uses it — the browser uploader (createUploader, concurrency C) talking to the
// app's endpoint (createRouteHandler behind node:http, on loopback) and following each upload over
// Carcosa's WebSocket. Prints one JSON line: wall time and each upload's presign→ready time.
//
//   CARCOSA_URL=… CARCOSA_KEY=… node load-tests/sdk-upload.mjs <photo> <n> <concurrency>

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";

import { Carcosa } from "../sdk/js/dist/index.js";
import { createUploader } from "../sdk/js/dist/browser.js";
import { createRouteHandler, toNodeHandler } from "../sdk/js/dist/server.js";

// `ws` (Node has no WebSocket client before 22) from the SDK's own dev dependencies.
const { WebSocket } = createRequire(new URL("../sdk/js/package.json", import.meta.url))("ws");

const [photoPath, nArg, cArg] = process.argv.slice(2);
const n = Number(nArg);
const concurrency = Number(cArg);
const bytes = readFileSync(photoPath);

const carcosa = new Carcosa({ url: process.env.CARCOSA_URL, apiKey: process.env.CARCOSA_KEY });
const handler = toNodeHandler(createRouteHandler({ carcosa }));
const app = createServer((req, res) => void handler(req, res));
await new Promise((resolve) => app.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${app.address().port}/api/carcosa`;

const uploader = createUploader({ endpoint, concurrency, WebSocket });
const started = new Map();
const times = [];
let failed = 0;
const t0 = performance.now();
const handles = Array.from({ length: n }, (_, i) =>
  uploader.upload(new File([bytes], `p${i}.jpg`, { type: "image/jpeg" }), {
    onChange: (s) => {
      // From the moment the upload gets a slot (presign), as the curl arm measures.
      if (s.phase === "presigning") started.set(s.key, performance.now());
      if (s.phase === "ready") times.push(performance.now() - started.get(s.key));
    },
  }),
);
for (const h of handles) {
  try {
    await h.done;
  } catch (e) {
    failed++;
    console.error(`upload failed: ${e.code}: ${e.message}`);
  }
}
const wall = performance.now() - t0;
app.close();
console.log(JSON.stringify({ wall_ms: wall, times_ms: times, failed }));
