// The example app: an Express server that
//   * mounts Carcosa's request handler at /api/carcosa (it holds the API key; the browser never
//     sees it), with two named upload routes and a toy `authorize`,
//   * serves a React page (bundled at start-up with esbuild, nothing from a CDN) with an upload
//     dropzone, an avatar button and a gallery of thumbnails.
//
// Run `carcosa dev` (scripts/dev.sh) first, then `npm install && npm start` here. It finds the
// dev server's URL and demo key in ../../.carcosa, or takes CARCOSA_URL and CARCOSA_KEY.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";
import express from "express";
import { Carcosa } from "@carcosa/sdk";
import { createRouteHandler, toNodeHandler } from "@carcosa/sdk/server";

import { uploadRouter } from "./src/routes.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function devDefaults() {
  const dir = process.env.CARCOSA_DATA_DIR ?? join(here, "../../.carcosa");
  const keyFile = join(dir, "demo-api-key");
  return existsSync(keyFile) ? readFileSync(keyFile, "utf8").trim() : undefined;
}

const url = process.env.CARCOSA_URL ?? "http://127.0.0.1:8080";
const apiKey = process.env.CARCOSA_KEY ?? devDefaults();
if (!apiKey) {
  console.error("No API key: start `carcosa dev` (scripts/dev.sh) first, or set CARCOSA_KEY.");
  process.exit(1);
}

const carcosa = new Carcosa({ url, apiKey });
// The routes live in code (src/routes.mjs); push them so Carcosa enforces them too and makes each
// route's presets. This replaces the project's whole set: one app, one project.
const pushed = await carcosa.syncRoutes(uploadRouter);
const changes = ["added", "changed", "removed"].filter((k) => pushed[k].length).map((k) => `${k} ${pushed[k].join(", ")}`);
console.log(`Upload routes: ${changes.length ? changes.join("; ") : "up to date"}`);
const handler = createRouteHandler({
  carcosa,
  router: uploadRouter,
  // A real app looks up its signed-in user here and returns their tenant and who uploaded.
  authorize: ({ request }) => ({ metadata: { uploadedFrom: request.headers.get("user-agent")?.slice(0, 80) ?? "" } }),
});

// One bundle for the page: the app and the SDK's React components, with one copy of React.
const bundle = await esbuild.build({
  entryPoints: [join(here, "src/main.jsx")],
  bundle: true,
  write: false,
  format: "esm",
  minify: true,
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  alias: { react: dirname(require.resolve("react/package.json")), "react-dom": dirname(require.resolve("react-dom/package.json")) },
});
const js = bundle.outputFiles[0].text;
const css = readFileSync(require.resolve("@carcosa/sdk/styles.css"), "utf8") + readFileSync(join(here, "src/app.css"), "utf8");
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carcosa upload example</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<div id="root"></div>
<script type="module" src="/app.js"></script>
</body>
</html>`;

const app = express();
app.disable("x-powered-by");
app.post("/api/carcosa", toNodeHandler(handler));
app.get("/", (_req, res) => res.type("html").send(html));
app.get("/app.js", (_req, res) => res.type("js").send(js));
app.get("/app.css", (_req, res) => res.type("css").send(css));

const port = Number(process.env.PORT ?? 3000);
const listener = app.listen(port, "127.0.0.1", () => {
  const address = listener.address();
  console.log(`Example app on http://127.0.0.1:${address.port} (Carcosa at ${url})`);
});
