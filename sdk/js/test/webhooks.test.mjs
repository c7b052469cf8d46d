// Webhooks as a developer meets them with `carcosa dev`: an endpoint on localhost (dev allows
// loopback, so no tunnel is needed), a real upload, a signed delivery that `verifyWebhook()` and
// the independent `standardwebhooks` package both accept, and multipart uploads of bytes from a
// server through the SDK.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { Webhook } from "standardwebhooks";

import { Carcosa, CarcosaError, verifyWebhook } from "../dist/index.js";
import { createUploader } from "../dist/browser.js";
import { createRouteHandler, toNodeHandler } from "../dist/server.js";
import { fixture, startCarcosa } from "./carcosa.mjs";

const PNG = fixture("tests/fixtures/icon_rgba_128x128.png");

let server;
let carcosa;
let receiver;
const received = [];

before(async () => {
  server = await startCarcosa();
  carcosa = new Carcosa({ url: server.url, apiKey: server.key });
  receiver = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});

after(async () => {
  receiver?.close();
  await server?.stop();
});

async function waitFor(check, what) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("an upload's webhook reaches a localhost receiver and verifies", async () => {
  const url = `http://127.0.0.1:${receiver.address().port}/hooks`;
  const endpoint = await carcosa.webhooks.create({ url, events: ["upload.ready"] });
  assert.match(endpoint.secret, /^whsec_/);
  const upload = await carcosa.uploadBytes(PNG, { filename: "icon.png", contentType: "image/png", metadata: { from: "sdk" } });
  assert.equal(upload.status, "ready");
  await waitFor(() => received.length >= 1, "the delivery");
  const got = received[0];
  const event = await verifyWebhook(got.body, got.headers, endpoint.secret);
  assert.equal(event.type, "upload.ready");
  assert.equal(event.data.upload_id, upload.id);
  assert.equal(event.data.file_id, upload.file_id);
  assert.deepEqual(event.data.file.metadata, { from: "sdk" });
  assert.equal(event.id, got.headers["webhook-id"]);
  // An independent implementation agrees.
  const independent = new Webhook(endpoint.secret).verify(got.body.toString(), got.headers);
  assert.equal(independent.type, "upload.ready");
  // A tampered body, a wrong secret and an old timestamp are refused with stable codes.
  const tampered = Buffer.from(got.body.toString().replace("upload.ready", "upload.failed"));
  await assert.rejects(verifyWebhook(tampered, got.headers, endpoint.secret), (e) => e instanceof CarcosaError && e.code === "invalid_signature");
  const other = (await carcosa.webhooks.rotateSecret(endpoint.id)).secret;
  await assert.rejects(verifyWebhook(got.body, got.headers, other), (e) => e.code === "invalid_signature");
  await assert.rejects(
    verifyWebhook(got.body, got.headers, endpoint.secret, { now: Number(got.headers["webhook-timestamp"]) + 301 }),
    (e) => e.code === "timestamp_out_of_range",
  );
  await assert.rejects(verifyWebhook(got.body, {}, endpoint.secret), (e) => e.code === "missing_headers");
  // During the rotation's grace period a delivery verifies with either secret.
  await carcosa.webhooks.test(endpoint.id);
  await waitFor(() => received.length >= 2, "the test delivery");
  const test2 = received[1];
  assert.equal((await verifyWebhook(test2.body, test2.headers, other)).type, "webhook.test");
  assert.equal((await verifyWebhook(test2.body, test2.headers, endpoint.secret)).type, "webhook.test");
  // The log shows both deliveries, delivered.
  const page = await carcosa.webhooks.deliveries(endpoint.id);
  assert.equal(page.data.length, 2);
  await waitFor(() => true, "");
  const detail = await carcosa.webhooks.delivery(endpoint.id, page.data[1].id);
  assert.equal(detail.attempts_log[0].status_code, 200);
});

test("uploadBytes sends a large buffer as a multipart upload", async () => {
  await carcosa.projects.update("current", {
    multipart_threshold_bytes: 5 * 1024 * 1024,
    max_upload_bytes: 64 * 1024 * 1024,
    allowed_content_types: ["image/*", "video/*"],
  });
  const bytes = Buffer.alloc(17 * 1024 * 1024 + 5, 7);
  Buffer.from("000000186674797069736f6d0000020069736f6d", "hex").copy(bytes, 0);
  let upload;
  for (let i = 0; i < 20; i++) {
    upload = await carcosa.uploads.create({ filename: "clip.mp4", contentType: "video/mp4", size: bytes.length });
    if (upload.multipart) break;
    await carcosa.uploads.abort(upload.id);
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(upload.multipart?.part_count, 3, "the new threshold applies");
  await carcosa.uploads.abort(upload.id);
  const done = await carcosa.uploadBytes(bytes, { filename: "clip.mp4", contentType: "video/mp4" });
  assert.equal(done.status, "ready");
  const file = await carcosa.files.get(done.file_id);
  assert.equal(file.size, bytes.length);
  const back = Buffer.from(await (await fetch((await carcosa.files.downloadUrl(done.file_id)).url)).arrayBuffer());
  assert.ok(back.equals(bytes));
});

test("a URL on the developer's machine imports in dev; a metadata address is refused", async () => {
  const files = createServer((req, res) => {
    if (req.url === "/cat.png") res.writeHead(200, { "content-type": "image/png" }).end(PNG);
    else res.writeHead(404).end();
  });
  await new Promise((resolve) => files.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${files.address().port}/cat.png`;
    const upload = await carcosa.uploads.fromUrl({ url, metadata: { imported: true } });
    assert.equal(upload.source_url, url);
    const done = await carcosa.uploads.wait(upload.id);
    assert.equal(done.status, "ready");
    assert.equal(done.filename, "cat.png");
    const missing = await carcosa.uploads.wait((await carcosa.uploads.fromUrl({ url: url.replace("cat", "dog") })).id);
    assert.equal(missing.failure_reason, "fetch_failed");
    assert.match(missing.failure_detail, /404/);
    await assert.rejects(
      carcosa.uploads.fromUrl({ url: "http://169.254.169.254/latest/meta-data/" }),
      (e) => e instanceof CarcosaError && e.status === 400 && e.code === "url_refused",
    );
  } finally {
    files.close();
  }
});

test("the browser uploader retries a part the bucket refused, and finishes", async () => {
  // The project cuts anything from 5 MiB into parts (set by the multipart test above).
  const handler = toNodeHandler(createRouteHandler({ carcosa }));
  const app = createServer((req, res) => void handler(req, res));
  await new Promise((resolve) => app.listen(0, "127.0.0.1", resolve));
  const realFetch = globalThis.fetch;
  const puts = [];
  let failedOnce = false;
  globalThis.fetch = async (input, init) => {
    const url = String(input);
    if (init?.method === "PUT" && url.includes("partNumber=")) {
      const n = new URL(url).searchParams.get("partNumber");
      puts.push(n);
      if (n === "2" && !failedOnce) {
        failedOnce = true;
        return new Response("<Error><Code>InternalError</Code></Error>", { status: 500 });
      }
    }
    return realFetch(input, init);
  };
  try {
    const bytes = Buffer.alloc(12 * 1024 * 1024, 3);
    Buffer.from("000000186674797069736f6d0000020069736f6d", "hex").copy(bytes, 0);
    const file = new File([bytes], "retry.mp4", { type: "video/mp4", lastModified: Date.now() });
    const uploader = createUploader({ endpoint: `http://127.0.0.1:${app.address().port}/`, resume: false });
    const result = await uploader.upload(file).done;
    assert.ok(result.fileId);
    assert.deepEqual(puts.filter((n) => n === "2").length, 2, `part 2 was sent again: ${puts}`);
    assert.equal((await carcosa.files.get(result.fileId)).size, bytes.length);
  } finally {
    globalThis.fetch = realFetch;
    app.close();
  }
});
