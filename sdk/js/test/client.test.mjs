// The SDK against a real `carcosa dev`: real presigns, real PUTs to the embedded S3 endpoint,
// real verification by the worker, real WebSocket events.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WebSocket } from "ws";

import { Carcosa, CarcosaError, retryDelayMs } from "../dist/index.js";
import { createUploader } from "../dist/browser.js";
import { createRouteHandler, createRouter } from "../dist/server.js";
import { fixture, startCarcosa } from "./carcosa.mjs";

const JPEG = fixture("tests/fixtures/progressive_android_685x999.jpg");
const PNG = fixture("tests/fixtures/icon_rgba_128x128.png");

let carcosa;
let server;

const router = createRouter({
  avatar: { contentTypes: ["image/*"], maxFileSize: "4MiB", maxFiles: 1, presets: ["thumb"] },
  tagged: {
    contentTypes: ["image/png"],
    maxFileSize: 1_000_000,
    maxFiles: 2,
    metadata: { type: "object", properties: { caption: { type: "string", maxLength: 20 } }, required: ["caption"] },
  },
});

before(async () => {
  server = await startCarcosa();
  carcosa = new Carcosa({ url: server.url, apiKey: server.key });
  await carcosa.syncRoutes(router);
});

after(async () => {
  await server?.stop();
});

describe("server client", () => {
  test("uploads bytes and reads the file back", async () => {
    const upload = await carcosa.uploadBytes(JPEG, {
      filename: "photo.jpg",
      contentType: "image/jpeg",
      metadata: { album: "tests" },
    });
    assert.equal(upload.status, "ready");
    assert.ok(upload.file_id);
    const file = await carcosa.files.get(upload.file_id);
    assert.equal(file.filename, "photo.jpg");
    assert.equal(file.size, JPEG.length);
    assert.deepEqual(file.metadata, { album: "tests" });
    const download = await carcosa.files.downloadUrl(upload.file_id);
    const bytes = Buffer.from(await (await fetch(download.url)).arrayBuffer());
    assert.ok(bytes.equals(JPEG), "downloaded bytes equal the upload");
    const listed = [];
    for await (const f of carcosa.files.iterate({ pageSize: 1 })) listed.push(f.id);
    assert.ok(listed.includes(upload.file_id));
  });

  test("signed transform URLs serve an image", async () => {
    const upload = await carcosa.uploadBytes(JPEG, { filename: "t.jpg", contentType: "image/jpeg" });
    const minted = await carcosa.transforms.url(upload.file_id, { w: 120, format: "webp" });
    const response = await fetch(minted.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/webp");
  });

  test("errors carry the server's code, status and field", async () => {
    await assert.rejects(
      carcosa.uploads.create({ filename: "a.exe", contentType: "application/x-msdownload", size: 10 }),
      (e) => e instanceof CarcosaError && e.status === 415 && e.code === "content_type_not_allowed",
    );
    await assert.rejects(
      carcosa.uploads.create({ filename: "", contentType: "image/png", size: 10 }),
      (e) => e instanceof CarcosaError && e.status === 400 && e.code === "invalid_filename",
    );
    await assert.rejects(
      carcosa.files.get("0190d1a2-0000-7000-8000-000000000000"),
      (e) => e instanceof CarcosaError && e.status === 404 && e.code === "not_found",
    );
    const stranger = new Carcosa({ url: server.url, apiKey: "ck_nope_nope" });
    await assert.rejects(stranger.files.list(), (e) => e.status === 401 && e.code === "unauthorized");
  });

  test("usage and a realtime token", async () => {
    const usage = await carcosa.usage.get();
    assert.ok(usage.totals.uploads >= 1);
    const token = await carcosa.realtime.token({ ttl_secs: 60 });
    assert.equal(token.scope, "project");
    assert.match(carcosa.realtime.socketUrl(token.token), /^ws:\/\/127\.0\.0\.1:\d+\/v1\/ws\?token=/);
  });

  test("429 and 503 are retried, honouring Retry-After", async () => {
    const answers = [
      new Response(JSON.stringify({ error: { code: "rate_limited", message: "slow down" } }), {
        status: 429,
        headers: { "retry-after": "0" },
      }),
      new Response(JSON.stringify({ error: { code: "unavailable", message: "later" } }), {
        status: 503,
        headers: { "retry-after": "0" },
      }),
    ];
    let calls = 0;
    // Two refusals, then the real server.
    const flaky = new Carcosa({
      url: server.url,
      apiKey: server.key,
      fetch: (url, init) => (calls++ < answers.length ? Promise.resolve(answers[calls - 1]) : fetch(url, init)),
    });
    const page = await flaky.files.list({ limit: 1 });
    assert.equal(calls, 3);
    assert.ok(Array.isArray(page.data));
    const giveUp = new Carcosa({
      url: server.url,
      apiKey: server.key,
      maxRetries: 1,
      fetch: () =>
        Promise.resolve(
          new Response(JSON.stringify({ error: { code: "rate_limited", message: "slow down" } }), {
            status: 429,
            headers: { "retry-after": "0" },
          }),
        ),
    });
    await assert.rejects(giveUp.files.list(), (e) => e.code === "rate_limited" && e.status === 429);
    assert.equal(retryDelayMs(new Response(null, { headers: { "retry-after": "7" } }), 0, 30_000), 7000);
    assert.equal(retryDelayMs(new Response(null, { headers: { "retry-after": "700" } }), 0, 30_000), 30_000);
  });
});

describe("named routes", () => {
  test("syncRoutes shows the difference, then applies it", async () => {
    const more = createRouter({ ...router, docs: { contentTypes: ["application/pdf"], maxFileSize: "20MiB", maxFiles: 10 } });
    const dry = await carcosa.syncRoutes(more, { dryRun: true });
    assert.deepEqual(dry.added, ["docs"]);
    assert.deepEqual(dry.unchanged, ["avatar", "tagged"]);
    assert.equal(dry.applied, false);
    assert.equal((await carcosa.projects.routes()).data.length, 2);
    const back = await carcosa.syncRoutes(router);
    assert.deepEqual(back.added, []);
    assert.equal(back.applied, true);
    const listed = (await carcosa.projects.routes("demo")).data;
    assert.deepEqual(
      listed.map((r) => [r.name, r.max_file_size, r.presets]),
      [
        ["avatar", 4 * 1024 * 1024, ["thumb"]],
        ["tagged", 1_000_000, null],
      ],
    );
  });

  test("the server enforces a route even for a client that skips the handler", async () => {
    await assert.rejects(
      carcosa.uploads.create({ filename: "a.png", contentType: "image/png", size: 10, route: "tagged", metadata: {} }),
      (e) => e.status === 400 && e.code === "invalid_metadata" && e.field === "metadata.caption",
    );
    await assert.rejects(
      carcosa.uploads.create({ filename: "a.png", contentType: "image/png", size: 10, route: "ghost" }),
      (e) => e.status === 400 && e.code === "unknown_route" && /syncRoutes/.test(e.message),
    );
    const upload = await carcosa.uploadBytes(JPEG, { filename: "a.jpg", contentType: "image/jpeg", route: "avatar" });
    assert.equal(upload.route, "avatar");
    const file = await carcosa.files.get(upload.file_id);
    assert.deepEqual(
      file.variants.map((v) => v.transform),
      ["w256-h256-cover-q80.webp"],
      "only the route's preset is made",
    );
  });
});

describe("uploader through the route handler", () => {
  function uploaderWith(options = {}) {
    const handler = createRouteHandler({ carcosa, router, ...options });
    // The browser's fetch to "/api/carcosa" goes straight into the handler.
    const local = (url, init) => handler(new Request(new URL(url, "http://app.local"), init));
    return createUploader({ endpoint: "/api/carcosa", fetch: local, WebSocket, concurrency: 2 });
  }

  test("a file reaches ready with progress, following the WebSocket", async () => {
    const uploader = uploaderWith();
    const phases = [];
    const handle = uploader.upload(new File([JPEG], "me.jpg", { type: "image/jpeg" }), {
      route: "avatar",
      onChange: (s) => phases.push(s.phase),
    });
    const result = await handle.done;
    assert.ok(result.fileId);
    assert.equal(handle.state().phase, "ready");
    assert.equal(handle.state().progress, 1);
    for (const p of ["presigning", "uploading", "verifying", "ready"]) assert.ok(phases.includes(p), `${p} in ${phases}`);
    const upload = await carcosa.uploads.get(result.uploadId);
    assert.equal(upload.route, "avatar");
  });

  test("several files in parallel under the concurrency limit", async () => {
    const uploader = uploaderWith();
    let active = 0;
    let most = 0;
    const files = Array.from({ length: 5 }, (_, i) => new File([PNG], `p${i}.png`, { type: "image/png" }));
    const handles = files.map((f) =>
      uploader.upload(f, {
        onChange: (s) => {
          if (s.phase === "presigning") active++;
          if (["ready", "failed", "aborted"].includes(s.phase)) active--;
          most = Math.max(most, active);
        },
      }),
    );
    const results = await Promise.all(handles.map((h) => h.done));
    assert.equal(results.length, 5);
    assert.equal(new Set(results.map((r) => r.fileId)).size, 5);
    assert.ok(most <= 2, `at most 2 at once, saw ${most}`);
  });

  test("route rules, metadata schema and authorize are enforced with clear codes", async () => {
    const uploader = uploaderWith();
    const tooBig = new File([new Uint8Array(5 * 1024 * 1024)], "big.png", { type: "image/png" });
    await assert.rejects(uploader.upload(tooBig, { route: "avatar" }).done, (e) => e.code === "upload_too_large" && e.status === 413);
    const pdf = new File(["%PDF-1.4"], "a.pdf", { type: "application/pdf" });
    await assert.rejects(uploader.upload(pdf, { route: "avatar" }).done, (e) => e.code === "content_type_not_allowed");
    const png = new File([PNG], "a.png", { type: "image/png" });
    await assert.rejects(uploader.upload(png, { route: "nope" }).done, (e) => e.code === "unknown_route");
    await assert.rejects(uploader.upload(png, { route: "tagged" }).done, (e) => e.code === "invalid_metadata" && e.field === "metadata.caption");
    await assert.rejects(
      uploader.upload(png, { route: "tagged", metadata: { caption: "x".repeat(30) } }).done,
      (e) => e.code === "invalid_metadata",
    );
    const ok = await uploader.upload(png, { route: "tagged", metadata: { caption: "hello" } }).done;
    assert.ok(ok.fileId);
    const refused = uploaderWith({ authorize: () => false });
    await assert.rejects(refused.upload(png).done, (e) => e.code === "forbidden" && e.status === 403);
  });

  test("a file the worker refuses ends failed with the reason", async () => {
    const uploader = uploaderWith();
    // PNG bytes declared as JPEG: the worker sniffs the content and refuses it.
    const liar = new File([PNG], "liar.jpg", { type: "image/jpeg" });
    await assert.rejects(uploader.upload(liar).done, (e) => e.code === "type_mismatch" && /not the type/.test(e.message));
  });

  test("abort stops an upload and retry finishes it", async () => {
    const uploader = uploaderWith();
    const handle = uploader.upload(new File([JPEG], "slow.jpg", { type: "image/jpeg" }));
    handle.abort();
    await assert.rejects(handle.done, (e) => e.code === "aborted");
    assert.equal(handle.state().phase, "aborted");
    const again = handle.retry();
    assert.equal(again.key, handle.key);
    const result = await again.done;
    assert.ok(result.fileId);
  });

  test("complete and status refuse uploads of another tenant", async () => {
    await carcosa.request("POST", "/v1/projects/demo/tenants", { body: { slug: "alice" } }).catch((e) => {
      if (e.code !== "already_exists") throw e;
    });
    const alice = createRouteHandler({ carcosa, authorize: () => ({ tenant: "alice" }) });
    const bob = createRouteHandler({ carcosa, authorize: () => ({}) });
    const post = (h, body) =>
      h(new Request("http://app.local/api/carcosa", { method: "POST", body: JSON.stringify(body) }));
    const presigned = await (await post(alice, { action: "presign", files: [{ name: "a.png", size: PNG.length, type: "image/png" }] })).json();
    const id = presigned.uploads[0].id;
    const denied = await post(bob, { action: "status", id });
    assert.equal(denied.status, 404);
    assert.equal((await denied.json()).error.code, "not_found");
    const mine = await post(alice, { action: "status", id });
    assert.equal((await mine.json()).status, "pending");
    const bad = await post(alice, { action: "explode" });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, "invalid_request");
    const notJson = await alice(new Request("http://app.local/api/carcosa", { method: "POST", body: "{" }));
    assert.equal(notJson.status, 400);
    assert.equal((await notJson.json()).error.code, "invalid_json");
    const get = await alice(new Request("http://app.local/api/carcosa"));
    assert.equal(get.status, 405);
  });

  test("image URLs for srcset", async () => {
    const uploader = uploaderWith();
    const { fileId } = await uploader.upload(new File([JPEG], "i.jpg", { type: "image/jpeg" })).done;
    const urls = await uploader.imageUrls({ fileId, widths: [200, 100] });
    assert.deepEqual(
      urls.candidates.map((c) => c.width),
      [100, 200],
    );
    assert.match(urls.srcSet, / 100w, .* 200w$/);
    const img = await fetch(urls.src, { headers: { accept: "image/webp" } });
    assert.equal(img.status, 200);
  });
});
