/** The request handler your backend mounts for the browser uploader and `<CarcosaImage>`. It
 * holds the API key; the browser only ever talks to it. It is a web-standard
 * `(Request) => Promise<Response>` (Next.js route handlers, Hono, Bun, Deno) and, through
 * {@link toNodeHandler}, a Node/Express handler.
 *
 * ```ts
 * // app/api/carcosa/route.ts (Next.js)
 * const handler = createRouteHandler({
 *   carcosa: new Carcosa(),               // CARCOSA_URL, CARCOSA_KEY
 *   router: uploadRouter,
 *   authorize: async ({ request }) => {  // who is this? which tenant?
 *     const user = await currentUser(request);
 *     if (!user) return false;            // 403
 *     return { tenant: user.teamSlug, metadata: { userId: user.id } };
 *   },
 * });
 * export { handler as POST };
 * ``` */

import { Carcosa, type CarcosaOptions } from "./client.js";
import { CarcosaError } from "./errors.js";
import type { HandlerPart, HandlerPresigned, HandlerRequest, HandlerResumed, ImageUrls } from "./protocol.js";
import type { Upload } from "./types.js";
import { checkMetadata, parseSize, typeAccepted, type RouterDefinition } from "./router.js";

export { Carcosa, CarcosaError };
export { verifyWebhook, type WebhookEvent, type VerifyOptions } from "./webhooks.js";
export * from "./router.js";
export type * from "./protocol.js";

/** What `authorize` learns about a request. */
export interface AuthorizeContext {
  request: Request;
  action: HandlerRequest["action"];
  /** The named route (presign). */
  route?: string | undefined;
  /** The files (presign). */
  files?: { name: string; size: number; type: string }[];
  /** The upload (complete, status) or file (image) the request is about. */
  id?: string;
}

/** `authorize`'s answer: `false` refuses (403); otherwise the tenant the upload belongs to and
 * metadata to store with it (merged over what the browser sent, so the browser cannot forge it). */
export type Authorization = false | { tenant?: string; metadata?: Record<string, unknown> };

/** Options of {@link createRouteHandler}. */
export interface RouteHandlerOptions {
  /** A client (holding the API key), or its options. */
  carcosa: Carcosa | CarcosaOptions;
  /** Your named routes; without one, uploads follow only the project's rules. */
  router?: RouterDefinition;
  /** Decides whether a request may go ahead (default: everyone may). */
  authorize?: (ctx: AuthorizeContext) => Authorization | Promise<Authorization>;
  /** Largest request body (default 64 KiB). */
  maxBodyBytes?: number;
  /** Files per presign request when no route says otherwise (default 20). */
  maxFiles?: number;
  /** Realtime token lifetime in seconds (default 900). */
  realtimeTtlSecs?: number;
}

const DEFAULT_WIDTHS = [320, 640, 960, 1280, 1920];

function fail(status: number, code: string, message: string, field?: string): Response {
  return Response.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });
}

async function readJson(request: Request, max: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) throw new CarcosaError({ status: 413, code: "payload_too_large", message: `the request is over ${max} bytes` });
  const text = await request.text();
  if (text.length > max) throw new CarcosaError({ status: 413, code: "payload_too_large", message: `the request is over ${max} bytes` });
  try {
    return JSON.parse(text);
  } catch {
    throw new CarcosaError({ status: 400, code: "invalid_json", message: "the body is not JSON" });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function asString(v: unknown, field: string): string {
  if (typeof v !== "string" || v.length === 0 || v.length > 200) {
    throw new CarcosaError({ status: 400, code: "invalid_request", message: `${field} must be a non-empty string`, field });
  }
  return v;
}

/** Builds the handler. */
export function createRouteHandler(options: RouteHandlerOptions): (request: Request) => Promise<Response> {
  const carcosa = options.carcosa instanceof Carcosa ? options.carcosa : new Carcosa(options.carcosa);
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const authorize = options.authorize ?? (() => ({}));
  const ttl = options.realtimeTtlSecs ?? 900;

  async function allowed(ctx: AuthorizeContext): Promise<Exclude<Authorization, false>> {
    const verdict = await authorize(ctx);
    if (verdict === false) throw new CarcosaError({ status: 403, code: "forbidden", message: "you may not do this" });
    return verdict;
  }

  /** The upload, if it belongs to the caller's tenant (404 otherwise, as Carcosa does). */
  async function owned(id: string, auth: Exclude<Authorization, false>) {
    const upload = await carcosa.uploads.get(id);
    if ((auth.tenant ?? null) !== (upload.tenant ?? null)) {
      throw new CarcosaError({ status: 404, code: "not_found", message: "upload not found" });
    }
    return upload;
  }

  async function presign(request: Request, body: Record<string, unknown>): Promise<Response> {
    const routeName = body.route === undefined ? undefined : asString(body.route, "route");
    const route = routeName === undefined ? undefined : options.router?.[routeName];
    if (routeName !== undefined && !route) {
      return fail(400, "unknown_route", `there is no upload route named ${JSON.stringify(routeName)}`, "route");
    }
    if (!Array.isArray(body.files) || body.files.length === 0) {
      return fail(400, "invalid_request", "files must be a non-empty list", "files");
    }
    const max = route?.maxFiles ?? (route ? 1 : (options.maxFiles ?? 20));
    if (body.files.length > max) {
      return fail(400, "too_many_files", `at most ${max} file${max === 1 ? "" : "s"} at once`, "files");
    }
    const files = body.files.map((f, i) => {
      if (!isObject(f) || typeof f.size !== "number" || !Number.isSafeInteger(f.size) || f.size < 0) {
        throw new CarcosaError({ status: 400, code: "invalid_request", message: `files[${i}] needs name, size and type`, field: "files" });
      }
      return { name: asString(f.name, `files[${i}].name`), size: f.size, type: asString(f.type, `files[${i}].type`) };
    });
    if (route) {
      const limit = parseSize(route.maxFileSize);
      for (const f of files) {
        if (f.size > limit) return fail(413, "upload_too_large", `${f.name} is ${f.size} bytes; ${routeName} accepts at most ${limit}`);
        if (!typeAccepted(f.type, route.contentTypes)) {
          return fail(415, "content_type_not_allowed", `${f.name} is ${f.type}; ${routeName} accepts ${route.contentTypes.join(", ")}`);
        }
      }
    }
    const fromBrowser = isObject(body.metadata) ? body.metadata : undefined;
    if (body.metadata !== undefined && !fromBrowser) return fail(400, "invalid_metadata", "metadata must be an object", "metadata");
    const auth = await allowed({ request, action: "presign", route: routeName, files });
    if (route?.tenantRequired && !auth.tenant) {
      return fail(400, "tenant_required", `${routeName} uploads need a tenant; return one from authorize()`);
    }
    const metadata = { ...fromBrowser, ...auth.metadata };
    const problem = checkMetadata(route?.metadata, metadata);
    if (problem) return fail(400, "invalid_metadata", problem.message, problem.field);
    const uploads: HandlerPresigned[] = [];
    for (const f of files) {
      const upload = await carcosa.uploads.create({
        filename: f.name,
        contentType: f.type,
        size: f.size,
        metadata,
        ...(auth.tenant ? { tenant: auth.tenant } : {}),
        // Carcosa enforces the route again (pushed with syncRoutes) and makes its presets.
        ...(routeName ? { route: routeName } : {}),
      });
      uploads.push(await presigned(upload, f.name));
    }
    return Response.json({ uploads });
  }

  /** What the browser needs about one upload: how to send it and a token to follow it. */
  async function presigned(upload: Upload, name: string): Promise<HandlerPresigned> {
    const token = await carcosa.realtime.token({ upload: upload.id, ttl_secs: ttl });
    const put = upload.upload;
    return {
      id: upload.id,
      name,
      ...(put ? { upload: { method: put.method, url: put.url, headers: put.headers as Record<string, string> } } : {}),
      ...(upload.multipart
        ? { multipart: { part_size: upload.multipart.part_size, part_count: upload.multipart.part_count } }
        : {}),
      socket_url: carcosa.realtime.socketUrl(token.token),
      realtime_token: token.token,
      expires_at: upload.expires_at,
    };
  }

  function partNumber(v: unknown, field: string, max: number): number {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > max) {
      throw new CarcosaError({ status: 400, code: "invalid_request", message: `${field} must be a whole number from 1 to ${max}`, field });
    }
    return v;
  }

  async function image(request: Request, body: Record<string, unknown>): Promise<Response> {
    const fileId = asString(body.fileId, "fileId");
    await allowed({ request, action: "image", id: fileId });
    const widths = Array.isArray(body.widths) ? body.widths : DEFAULT_WIDTHS;
    if (widths.length === 0 || widths.length > 12 || !widths.every((w) => Number.isInteger(w) && w > 0 && w <= 8192)) {
      return fail(400, "invalid_request", "widths: 1 to 12 whole numbers of pixels", "widths");
    }
    const spec = {
      ...(typeof body.height === "number" ? { h: body.height } : {}),
      ...(typeof body.fit === "string" ? { fit: body.fit } : {}),
      format: typeof body.format === "string" ? body.format : "auto",
      ...(typeof body.quality === "number" ? { q: body.quality } : {}),
    };
    const sorted = [...new Set(widths as number[])].sort((a, b) => a - b);
    const candidates = await Promise.all(
      sorted.map(async (width) => ({ width, url: (await carcosa.transforms.url(fileId, { ...spec, w: width })).url })),
    );
    const urls: ImageUrls = {
      src: candidates[candidates.length - 1]!.url,
      srcSet: candidates.map((c) => `${c.url} ${c.width}w`).join(", "),
      candidates,
    };
    return Response.json(urls, { headers: { "cache-control": "private, max-age=300" } });
  }

  return async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return fail(405, "method_not_allowed", "use POST");
    try {
      const body = await readJson(request, maxBody);
      if (!isObject(body) || typeof body.action !== "string") {
        return fail(400, "invalid_request", "the body must be an object with an action", "action");
      }
      switch (body.action) {
        case "presign":
          return await presign(request, body);
        case "complete": {
          const id = asString(body.id, "id");
          const auth = await allowed({ request, action: "complete", id });
          await owned(id, auth);
          const upload = await carcosa.uploads.complete(id);
          return Response.json({ id: upload.id, status: upload.status });
        }
        case "status": {
          const id = asString(body.id, "id");
          const auth = await allowed({ request, action: "status", id });
          const upload = await owned(id, auth);
          return Response.json({
            id: upload.id,
            status: upload.status,
            ...(upload.file_id ? { file_id: upload.file_id } : {}),
            ...(upload.failure_reason ? { failure_reason: upload.failure_reason } : {}),
          });
        }
        case "parts": {
          const id = asString(body.id, "id");
          const auth = await allowed({ request, action: "parts", id });
          await owned(id, auth);
          const from = partNumber(body.from, "from", 10_000);
          const count = partNumber(body.count, "count", 1000);
          const batch = await carcosa.uploads.parts(id, from, count);
          const parts: HandlerPart[] = batch.parts.map((p) => ({
            part_number: p.part_number,
            size: p.size,
            method: p.method,
            url: p.url,
            headers: p.headers as Record<string, string>,
          }));
          return Response.json({ parts });
        }
        case "resume": {
          const id = asString(body.id, "id");
          const auth = await allowed({ request, action: "resume", id });
          const upload = await owned(id, auth);
          if (upload.status !== "pending" || !upload.multipart) {
            return Response.json({ id, status: upload.status, uploaded: [] });
          }
          const held = await carcosa.uploads.uploadedParts(id);
          const resumed: HandlerResumed = {
            ...(await presigned(upload, upload.filename)),
            status: upload.status,
            uploaded: held.parts.map((p) => ({ part_number: p.part_number, size: p.size })),
          };
          return Response.json(resumed);
        }
        case "abort": {
          const id = asString(body.id, "id");
          const auth = await allowed({ request, action: "abort", id });
          await owned(id, auth);
          const upload = await carcosa.uploads.abort(id);
          return Response.json({ id: upload.id, status: upload.status });
        }
        case "image":
          return await image(request, body);
        default:
          return fail(400, "invalid_request", `unknown action ${JSON.stringify(body.action)}`, "action");
      }
    } catch (error) {
      if (error instanceof CarcosaError && error.status >= 400 && error.status < 500) {
        // Carcosa's own refusals (and the handler's) reach the browser with their code and words.
        return fail(error.status, error.code, error.message, error.field);
      }
      const e = error as Error;
      console.error("carcosa route handler:", e);
      return fail(502, "upstream_error", "the upload service could not be reached; try again");
    }
  };
}

/** Minimal shapes of Node's `IncomingMessage`/`ServerResponse` (Express's req/res are these). */
interface NodeRequest extends AsyncIterable<Uint8Array> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Express's parsed body, when a JSON body parser ran first. */
  body?: unknown;
}
interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string): void;
  end(body?: string): void;
}

/** Adapts a web handler to Node's `http` / Express `(req, res)`. */
export function toNodeHandler(handler: (request: Request) => Promise<Response>) {
  return async (req: NodeRequest, res: NodeResponse): Promise<void> => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === "string") headers.set(k, v);
      else if (Array.isArray(v)) headers.set(k, v.join(", "));
    }
    let body: string;
    if (req.body !== undefined) {
      body = typeof req.body === "string" ? req.body : JSON.stringify(req.body);
    } else {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += chunk.length;
        if (size > 1024 * 1024) break;
        chunks.push(chunk);
      }
      body = Buffer.concat(chunks).toString("utf8");
    }
    headers.delete("content-length");
    const request = new Request(`http://localhost${req.url ?? "/"}`, {
      method: req.method ?? "GET",
      headers,
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body }),
    });
    const response = await handler(request);
    res.statusCode = response.status;
    response.headers.forEach((value, key) => res.setHeader(key, value));
    res.end(await response.text());
  };
}
