// The dashboard end to end in a real headless Chromium (Debian's, driven by playwright-core;
// nothing downloaded) against a real `carcosa dev`: sign up, connect a bucket (the embedded S3,
// checked for real), create a project and a key, upload a photo through the dropzone and watch it
// reach `ready` with its thumbnail, revoke the key, find the revocation in the audit log — and a
// second person from another organization who sees none of it. No page loads anything from
// another origin, no page breaks its Content-Security-Policy, and every main page is readable at
// 360 px. Screenshots of the main pages go to target/dashboard-screenshots/ (test artifacts); with
// CARCOSA_UPDATE_SCREENSHOTS=1 also to docs/screenshots/ (the README's).

import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";

import { repo, startCarcosa } from "./carcosa.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PHOTO = join(repo, "../shared/corpus/real/exif_orient6_landscape.jpg");
const SHOTS = join(repo, "target/dashboard-screenshots");
const PASSWORD = "correct horse battery staple";

let carcosa;
let browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `no browser at ${CHROMIUM} (apt-get install chromium)`);
  // Open sign-up so the second person can make an organization of their own.
  carcosa = await startCarcosa({ env: { CARCOSA_AUTH__SIGNUP: "open" } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await carcosa?.stop();
});

/** A fresh browser profile whose requests, script errors and policy violations are recorded. */
async function person(viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const origins = new Set();
  const problems = [];
  page.on("request", (r) => origins.add(new URL(r.url()).origin));
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  page.on("dialog", (d) => d.accept());
  return { context, page, origins, problems };
}

async function shot(page, name) {
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.CARCOSA_UPDATE_SCREENSHOTS === "1") {
    mkdirSync(join(repo, "docs/screenshots"), { recursive: true });
    copyFileSync(file, join(repo, "docs/screenshots", `${name}.png`));
  }
}

async function signUp(page, { name, email, organization }) {
  await page.goto(`${carcosa.url}/sign-up`);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  if (organization) await page.getByLabel("Organization name").fill(organization);
  await Promise.all([page.waitForURL(/\/orgs\//), page.getByRole("button", { name: "Create account" }).click()]);
}

test("sign up, connect a bucket, make a project and a key, upload through the dropzone, revoke, audit", async () => {
  const { page, origins, problems, context } = await person();

  // The sign-in page works from the keyboard: the first Tab lands on the skip link, visibly.
  await page.goto(`${carcosa.url}/sign-in`);
  await shot(page, "sign-in");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => ({
    text: document.activeElement?.textContent,
    outline: getComputedStyle(document.activeElement).outlineStyle,
  }));
  assert.equal(focused.text, "Skip to content");
  assert.notEqual(focused.outline, "none", "focus is visible");

  // The first account owns the demo organization.
  await signUp(page, { name: "Ada", email: "ada@example.com" });
  assert.match(page.url(), /\/orgs\/demo$/);
  await page.getByRole("heading", { name: "Demo" }).waitFor();
  await shot(page, "organization");

  // Connect a bucket: the embedded S3 of `carcosa dev`, checked for real, CORS for this origin.
  await page.getByRole("link", { name: "Main" }).first().click();
  await page.getByRole("link", { name: /Connect another bucket/ }).click();
  const accessKey = readFileSync(join(carcosa.dataDir, "s3-access-key"), "utf8").trim();
  const secretKey = readFileSync(join(carcosa.dataDir, "s3-secret-key"), "utf8").trim();
  const bucketName = carcosa.bucket;
  await page.getByLabel("Name in Carcosa").fill("media");
  await page.getByLabel("Provider").selectOption("minio");
  await page.getByLabel(/^Endpoint/).fill(carcosa.s3);
  await page.getByLabel("Region").fill("us-east-1");
  await page.getByLabel("Bucket name").fill(bucketName);
  await page.getByLabel(/Path-style/).check();
  await page.getByLabel("Access key id").fill(accessKey);
  await page.getByLabel("Secret access key").fill("wrong secret");
  await page.getByLabel(/Origins your users upload from/).fill(carcosa.url);
  await page.getByRole("button", { name: "Check and connect" }).click();
  // A wrong secret: the form says why, in the API's words, and stores nothing.
  await page.locator("[role=alert][data-code=bucket_check_failed]").waitFor();
  await page.getByLabel("Access key id").fill(accessKey);
  await page.getByLabel("Secret access key").fill(secretKey);
  await page.getByRole("button", { name: "Check and connect" }).click();
  await page.getByText("Connected.").waitFor();
  assert.equal(await page.locator("[data-check=probe].ok").count(), 1);
  assert.equal(await page.locator("[data-check=cors]").count(), 1);
  assert.ok(!(await page.content()).includes(secretKey), "a secret is never shown back");
  await shot(page, "bucket");

  // A project on it, from the team page.
  await page.getByRole("link", { name: "Main", exact: true }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("Photos");
  await page.getByLabel("Bucket", { exact: true }).selectOption({ label: `media (${bucketName})` });
  await Promise.all([page.waitForURL(/\/files$/), page.getByRole("button", { name: "Create project" }).click()]);
  const filesUrl = page.url();
  const projectUrl = filesUrl.replace(/\/files$/, "");
  await page.getByText("No uploads yet").waitFor();

  // A key: the secret shown once, with a copy button.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "API keys" }).click();
  await page.getByLabel("Name", { exact: true }).fill("web server");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = await page.locator("[data-secret]").inputValue();
  assert.match(secret, /^ck_/);
  await shot(page, "api-keys");
  const whoami = await fetch(`${carcosa.url}/v1/files`, { headers: { authorization: `Bearer ${secret}` } });
  assert.equal(whoami.status, 200, "the new key works");

  // Upload through the dropzone: progress, then ready, then the thumbnail in the table.
  await page.goto(filesUrl);
  await page.locator("[data-dropzone-input]").setInputFiles(PHOTO);
  const item = page.locator("[data-progress-list] li").first();
  await item.locator("progress").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-progress-list] li")?.dataset.phase === "ready", null, {
    timeout: 60_000,
  });
  const row = page.locator("tr[data-status=ready]").first();
  await row.waitFor({ timeout: 30_000 });
  const thumb = row.locator("td.thumb img");
  await thumb.waitFor();
  await page.waitForFunction(
    () => {
      const img = document.querySelector("tr[data-status=ready] td.thumb img");
      return img && img.complete && img.naturalWidth > 0;
    },
    null,
    { timeout: 30_000 },
  );
  await shot(page, "files");

  // The file's page: preview, variants, download.
  await row.getByRole("link").click();
  await page.getByRole("link", { name: "Download original" }).waitFor();
  await shot(page, "file");

  // Settings: a preset previewed live (htmx, under the page's strict policy) from the photo.
  await page.goto(`${projectUrl}/settings`);
  await page.getByLabel("Preset name").fill("card");
  await page.getByRole("textbox", { name: /^Transform/ }).fill("w=240&h=160&fit=cover&format=webp");
  await page.waitForFunction(
    () => {
      const img = document.querySelector("#preset-preview img");
      return img && img.complete && img.naturalWidth === 240;
    },
    null,
    { timeout: 30_000 },
  );
  await page.getByRole("button", { name: "Add preset" }).click();
  await page.getByText("Saved.").waitFor();
  await shot(page, "settings");

  // Usage: the day's upload is in the charts.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Usage" }).click();
  assert.equal(await page.locator("svg.chart").count(), 4);
  await shot(page, "usage");

  // Webhooks: an endpoint (its secret once), a test event, the delivery in the log.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Webhooks" }).click();
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  await page.getByLabel("URL").fill(`http://127.0.0.1:${receiver.address().port}/hooks`);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  assert.match(await page.locator("[data-secret]").inputValue(), /^whsec_/);
  await page.locator("table a").first().click();
  await page.getByRole("button", { name: "Send a test event" }).click();
  await page.waitForFunction(
    async () => {
      const r = await fetch(location.pathname, { credentials: "same-origin" });
      return (await r.text()).includes("data-status=\"delivered\"");
    },
    null,
    { timeout: 30_000, polling: 500 },
  );
  await page.reload();
  await shot(page, "webhook");
  receiver.close();

  // Members: an invitation link, shown once.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Email").fill("grace@example.com");
  await page.getByRole("button", { name: "Invite" }).click();
  assert.match(await page.locator("[data-invite-link]").inputValue(), /\/sign-up\?invitation=/);
  await shot(page, "members");

  // Revoke the key (the page asks first), and the key stops working.
  await page.goto(`${projectUrl}/keys`);
  await page.getByRole("button", { name: /Revoke/ }).click();
  await page.getByText(/revoked \d{4}-/).waitFor();
  const after = await fetch(`${carcosa.url}/v1/files`, { headers: { authorization: `Bearer ${secret}` } });
  assert.equal(after.status, 401, "a revoked key is refused");

  // The audit log shows who revoked it.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel(/^Action/).fill("api_key.");
  await page.getByRole("button", { name: "Filter" }).click();
  const revoked = page.locator("tr[data-action='api_key.revoked']");
  await revoked.waitFor();
  assert.match(await revoked.innerText(), /ada@example\.com/);
  await shot(page, "audit-log");

  // Account page.
  await page.getByRole("link", { name: "ada@example.com" }).click();
  await page.getByText("This session").waitFor();
  await shot(page, "account");

  // Readable at 360 px: nothing wider than the screen but the tables' own scroll boxes.
  await page.setViewportSize({ width: 360, height: 740 });
  for (const url of [filesUrl, `${projectUrl}/keys`, `${carcosa.url}/orgs/demo`]) {
    await page.goto(url);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > 361 && !e.parentElement.closest(".table-wrap"))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`),
    );
    if (width > 360) await page.screenshot({ path: join(SHOTS, "too-wide.png"), fullPage: true });
    assert.ok(width <= 360, `${url} is ${width}px wide at 360: ${wide.join(", ")}`);
  }
  await page.goto(filesUrl);
  await shot(page, "files-360px");

  // Everything came from Carcosa and the bucket; nothing broke the page's policy.
  assert.deepEqual(
    [...origins].filter((o) => o !== carcosa.url && o !== new URL(carcosa.s3).origin),
    [],
  );
  assert.deepEqual(problems, []);

  // Someone from another organization sees none of it.
  const eve = await person();
  await signUp(eve.page, { name: "Eve", email: "eve@example.com", organization: "Other Co" });
  assert.match(eve.page.url(), /\/orgs\/other-co$/);
  assert.equal(await eve.page.locator(".orgs li").count(), 1, "only her own organization");
  for (const url of [filesUrl, projectUrl, `${carcosa.url}/orgs/demo`, `${carcosa.url}/orgs/demo/audit`]) {
    const response = await eve.page.goto(url);
    assert.equal(response.status(), 404, url);
    assert.ok(!(await eve.page.content()).includes("Photos"), `${url} shows nothing of it`);
  }
  await eve.context.close();
  await context.close();
});
