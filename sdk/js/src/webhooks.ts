/** Verifying Carcosa's webhook deliveries in your backend (Standard Webhooks).
 *
 * ```ts
 * // Express, with the raw body (the signature covers the exact bytes):
 * app.post("/hooks/carcosa", express.raw({ type: "application/json" }), async (req, res) => {
 *   try {
 *     const event = await verifyWebhook(req.body, req.headers, process.env.CARCOSA_WEBHOOK_SECRET!);
 *     if (await alreadySeen(event.id)) return res.sendStatus(200);   // at least once: dedupe
 *     await handle(event);                                             // event.type, event.data
 *     res.sendStatus(200);
 *   } catch {
 *     res.sendStatus(400);
 *   }
 * });
 * ```
 *
 * Uses the Web Crypto API (Node ≥ 18, Deno, Bun, Cloudflare Workers, browsers). */

import { CarcosaError } from "./errors.js";

/** A verified delivery. */
export interface WebhookEvent<T = Record<string, unknown>> {
  /** `webhook-id`: the same on every retry and replay of a delivery — dedupe on it. */
  id: string;
  /** `upload.ready`, `upload.failed`, `upload.expired`, `file.deleted` or `webhook.test`. */
  type: string;
  /** When the event happened (ISO 8601). */
  timestamp: string;
  data: T;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, in seconds (default 300, the spec's). */
  toleranceSecs?: number;
  /** "Now", for tests (Unix seconds). */
  now?: number;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const value = bag[name] ?? bag[Object.keys(bag).find((k) => k.toLowerCase() === name) ?? ""];
  return Array.isArray(value) ? value[0] : value;
}

function fail(code: string, message: string): never {
  throw new CarcosaError({ status: 400, code, message });
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Constant-time comparison of two strings of the same alphabet. */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Checks a delivery's `webhook-signature` against `secret` (or any of several, while you rotate)
 * and its `webhook-timestamp` against the clock, then parses it. Throws a {@link CarcosaError}
 * (`invalid_signature`, `timestamp_out_of_range`, `missing_headers`, `invalid_payload`). */
export async function verifyWebhook<T = Record<string, unknown>>(
  payload: string | Uint8Array,
  headers: HeaderBag,
  secret: string | string[],
  options: VerifyOptions = {},
): Promise<WebhookEvent<T>> {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) fail("missing_headers", "webhook-id, webhook-timestamp and webhook-signature are required");
  const ts = Number(timestamp);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > (options.toleranceSecs ?? 300)) {
    fail("timestamp_out_of_range", "the delivery's timestamp is too far from now (replayed, or a wrong clock)");
  }
  const body = typeof payload === "string" ? new TextEncoder().encode(payload) : payload;
  const signed = new Uint8Array([...new TextEncoder().encode(`${id}.${ts}.`), ...body]);
  const offered = signatures
    .split(" ")
    .map((s) => s.split(","))
    .filter(([version, sig]) => version === "v1" && sig)
    .map(([, sig]) => sig!);
  let ok = false;
  for (const s of Array.isArray(secret) ? secret : [secret]) {
    const key = await crypto.subtle.importKey(
      "raw",
      fromBase64(s.startsWith("whsec_") ? s.slice(6) : s) as BufferSource,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const expected = toBase64(new Uint8Array(await crypto.subtle.sign("HMAC", key, signed as BufferSource)));
    if (offered.some((sig) => same(sig, expected))) ok = true;
  }
  if (!ok) fail("invalid_signature", "no signature matches the secret");
  let parsed: { type?: unknown; timestamp?: unknown; data?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder().decode(body)) as typeof parsed;
  } catch {
    fail("invalid_payload", "the body is not JSON");
  }
  return { id: id!, type: String(parsed.type), timestamp: String(parsed.timestamp), data: parsed.data as T };
}
