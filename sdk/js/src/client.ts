/** The server client: typed methods over Carcosa's HTTP API for Node ≥ 18 (or any runtime with
 * `fetch`). It holds an API key, so it runs on your server — never ship the key to a browser; the
 * browser talks to your backend through {@link createRouteHandler} instead. */

import { CarcosaError, errorFromResponse } from "./errors.js";
import { toRules, type RouterDefinition } from "./router.js";
import type {
  ApiKey,
  AuditPage,
  Bucket,
  CompletedPart,
  CreatedApiKey,
  Download,
  File,
  FilePage,
  MintRequest,
  Org,
  PartUrls,
  Project,
  ProjectSummary,
  RealtimeToken,
  SettingsPatch,
  Team,
  Tenant,
  TokenRequest,
  TransformUrl,
  SyncReport,
  Upload,
  UploadedParts,
  UploadRoute,
  Usage,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookWithSecret,
} from "./types.js";

/** Options of {@link Carcosa}. */
export interface CarcosaOptions {
  /** Base URL of the Carcosa API, e.g. `https://media.example.com` (default `CARCOSA_URL`). */
  url?: string;
  /** A project API key, `ck_…` (default `CARCOSA_KEY`). */
  apiKey?: string;
  /** Retries of a request answered `429` or `503`, honouring `Retry-After` (default 3). */
  maxRetries?: number;
  /** Longest wait between retries in milliseconds (default 30 000). */
  maxRetryDelayMs?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** Extra headers on every request (e.g. a session `cookie` for the management API). */
  headers?: Record<string, string>;
}

/** What to upload: the request of `POST /v1/uploads` in camelCase. */
export interface CreateUpload {
  filename: string;
  contentType: string;
  size: number;
  tenant?: string;
  metadata?: Record<string, unknown>;
  expiresIn?: number;
  /** Makes retries of this presign safe: the same key returns the same upload. */
  idempotencyKey?: string;
  /** A named upload route (pushed with {@link Carcosa.syncRoutes}). */
  route?: string;
  /** `true`: a resumable multipart upload; `false`: a single PUT (below 5 GiB). Default: the
   * project decides (multipart at or above its `multipart_threshold_bytes`, 64 MiB unless changed). */
  multipart?: boolean;
}

/** Options of {@link Carcosa.uploadBytes}. */
export interface UploadBytesOptions extends Omit<CreateUpload, "size"> {
  /** Wait for `ready`/`failed` after completing (default true). */
  wait?: boolean;
  /** Longest wait for a terminal state in milliseconds (default 60 000). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

type Query = Record<string, string | number | undefined>;

function env(name: string): string | undefined {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return g.process?.env?.[name];
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CarcosaError({ status: 0, code: "aborted", message: "aborted" }));
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new CarcosaError({ status: 0, code: "aborted", message: "aborted" }));
      },
      { once: true },
    );
  });
}

/** Delay before retry `attempt` (0-based): `Retry-After` when the server sent one, else
 * exponential backoff from 500 ms with full jitter. */
export function retryDelayMs(response: Response | undefined, attempt: number, max: number): number {
  const header = response?.headers.get("retry-after");
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.min(max, Math.max(0, seconds * 1000));
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.min(max, Math.max(0, date - Date.now()));
  }
  return Math.min(max, Math.random() * 500 * 2 ** attempt);
}

const TERMINAL = new Set(["ready", "failed", "expired"]);

/** A typed client of one Carcosa server with one API key. */
export class Carcosa {
  /** Pushes the routes declared in code to the server: first a dry run, then (unless
   * `dryRun`) the change. Needs `projects:write`; `project` defaults to the key's own.
   * Returns what differed. */
  async syncRoutes(
    router: RouterDefinition,
    options: { project?: string; dryRun?: boolean } = {},
  ): Promise<SyncReport> {
    return this.projects.syncRoutes(router, options);
  }

  readonly url: string;
  readonly #apiKey: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #maxRetries: number;
  readonly #maxDelay: number;
  readonly #headers: Record<string, string>;

  constructor(options: CarcosaOptions = {}) {
    const url = options.url ?? env("CARCOSA_URL");
    if (!url) throw new TypeError("Carcosa: give `url` (or set CARCOSA_URL)");
    this.url = url.replace(/\/+$/, "");
    this.#apiKey = options.apiKey ?? env("CARCOSA_KEY");
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#maxRetries = options.maxRetries ?? 3;
    this.#maxDelay = options.maxRetryDelayMs ?? 30_000;
    this.#headers = options.headers ?? {};
  }

  /** Sends one request; JSON in and out; retries `429`/`503`; throws {@link CarcosaError}. */
  async request<T>(
    method: string,
    path: string,
    init: { body?: unknown; query?: Query; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<T> {
    const url = new URL(this.url + path);
    for (const [k, v] of Object.entries(init.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = { accept: "application/json", ...this.#headers, ...init.headers };
    if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.#fetch(url, {
          method,
          headers,
          body: init.body === undefined ? null : JSON.stringify(init.body),
          signal: init.signal ?? null,
        });
      } catch (cause) {
        if (init.signal?.aborted) throw new CarcosaError({ status: 0, code: "aborted", message: "aborted" });
        throw new CarcosaError({
          status: 0,
          code: "network_error",
          message: `cannot reach Carcosa at ${this.url}: ${(cause as Error).message}`,
        });
      }
      if (response.ok) {
        if (response.status === 204) return undefined as T;
        const type = response.headers.get("content-type") ?? "";
        return (type.includes("json") ? await response.json() : await response.text()) as T;
      }
      if ((response.status === 429 || response.status === 503) && attempt < this.#maxRetries) {
        const delay = retryDelayMs(response, attempt, this.#maxDelay);
        await response.body?.cancel();
        await sleep(delay, init.signal);
        continue;
      }
      throw await errorFromResponse(response);
    }
  }

  /** Uploads: presign, complete, follow. */
  readonly uploads = {
    /** `POST /v1/uploads`: checks the project's rules and returns the presigned `PUT`. */
    create: (req: CreateUpload, signal?: AbortSignal): Promise<Upload> =>
      this.request<Upload>("POST", "/v1/uploads", {
        body: {
          filename: req.filename,
          content_type: req.contentType,
          size: req.size,
          ...(req.tenant === undefined ? {} : { tenant: req.tenant }),
          ...(req.metadata === undefined ? {} : { metadata: req.metadata }),
          ...(req.expiresIn === undefined ? {} : { expires_in: req.expiresIn }),
          ...(req.route === undefined ? {} : { route: req.route }),
          ...(req.multipart === undefined ? {} : { multipart: req.multipart }),
        },
        headers: req.idempotencyKey ? { "idempotency-key": req.idempotencyKey } : {},
        ...(signal ? { signal } : {}),
      }),
    /** `GET /v1/uploads/{id}`. */
    get: (id: string, signal?: AbortSignal): Promise<Upload> =>
      this.request<Upload>("GET", `/v1/uploads/${encodeURIComponent(id)}`, signal ? { signal } : {}),
    /** `POST /v1/uploads/{id}/complete`: call after the `PUT` (or every part) succeeded. For a
     * multipart upload, `parts` (with the ETags the bucket answered) are checked against what the
     * bucket holds; without them the bucket's own list is used. */
    complete: (id: string, signal?: AbortSignal, parts?: CompletedPart[]): Promise<Upload> =>
      this.request<Upload>("POST", `/v1/uploads/${encodeURIComponent(id)}/complete`, {
        ...(parts ? { body: { parts } } : {}),
        ...(signal ? { signal } : {}),
      }),
    /** `GET /v1/uploads/{id}/parts`: presigned part URLs of a multipart upload (at most 1000). */
    parts: (id: string, from = 1, count = 100, signal?: AbortSignal): Promise<PartUrls> =>
      this.request<PartUrls>("GET", `/v1/uploads/${encodeURIComponent(id)}/parts`, {
        query: { from, count },
        ...(signal ? { signal } : {}),
      }),
    /** `GET /v1/uploads/{id}/parts/uploaded`: the parts the bucket already holds (to resume). */
    uploadedParts: (id: string, signal?: AbortSignal): Promise<UploadedParts> =>
      this.request<UploadedParts>("GET", `/v1/uploads/${encodeURIComponent(id)}/parts/uploaded`, signal ? { signal } : {}),
    /** `POST /v1/uploads/from-url`: a worker fetches the URL into the bucket (behind Carcosa's
     * SSRF guard) and verifies it; follow it like any upload (`wait`, the socket, webhooks). */
    fromUrl: (
      req: { url: string; filename?: string; tenant?: string; route?: string; metadata?: Record<string, unknown> },
      signal?: AbortSignal,
    ): Promise<Upload> =>
      this.request<Upload>("POST", "/v1/uploads/from-url", { body: req, ...(signal ? { signal } : {}) }),
    /** `DELETE /v1/uploads/{id}`: abandons a pending upload (a multipart upload's parts are freed). */
    abort: (id: string, signal?: AbortSignal): Promise<Upload> =>
      this.request<Upload>("DELETE", `/v1/uploads/${encodeURIComponent(id)}`, signal ? { signal } : {}),
    /** Polls until the upload is `ready`, `failed` or `expired`. */
    wait: async (id: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Upload> => {
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      let delay = 100;
      for (;;) {
        const upload = await this.uploads.get(id, options.signal);
        if (TERMINAL.has(upload.status)) return upload;
        if (Date.now() > deadline) {
          throw new CarcosaError({ status: 0, code: "timeout", message: `upload ${id} is still ${upload.status}` });
        }
        await sleep(delay, options.signal);
        delay = Math.min(delay * 2, 2000);
      }
    },
  };

  /** Presigns, PUTs the bytes, completes and (by default) waits for the result. For uploads from
   * your server; browsers use {@link createUploader}. */
  async uploadBytes(bytes: Uint8Array | Blob, options: UploadBytesOptions): Promise<Upload> {
    const body = bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart]);
    const upload = await this.uploads.create({ ...options, size: body.size }, options.signal);
    if (upload.multipart) {
      await this.#sendParts(upload.id, body, upload.multipart.part_size, options.signal);
      const completed = await this.uploads.complete(upload.id, options.signal);
      if (options.wait === false) return completed;
      return this.uploads.wait(upload.id, {
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    }
    const put = upload.upload;
    if (!put) throw new CarcosaError({ status: 0, code: "invalid_response", message: "no presigned request" });
    let response: Response;
    try {
      response = await this.#fetch(put.url, {
        method: put.method,
        headers: put.headers,
        body,
        signal: options.signal ?? null,
      });
    } catch (cause) {
      throw new CarcosaError({ status: 0, code: "put_failed", message: `PUT to the bucket failed: ${(cause as Error).message}` });
    }
    if (!response.ok) {
      const text = await response.text();
      throw new CarcosaError({
        status: response.status,
        code: "put_failed",
        message: `the bucket refused the PUT (${response.status}): ${text.slice(0, 300)}`,
      });
    }
    const completed = await this.uploads.complete(upload.id, options.signal);
    if (options.wait === false) return completed;
    return this.uploads.wait(upload.id, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** Sends every part of a multipart upload, four at a time, each retried up to three times
   * (with a fresh URL). */
  async #sendParts(id: string, body: Blob, partSize: number, signal?: AbortSignal): Promise<void> {
    const urls = new Map<number, PartUrls["parts"][number]>();
    const count = Math.ceil(body.size / partSize) || 1;
    for (let from = 1; from <= count; from += 1000) {
      const batch = await this.uploads.parts(id, from, Math.min(1000, count - from + 1), signal);
      for (const p of batch.parts) urls.set(p.part_number, p);
    }
    let next = 1;
    const worker = async () => {
      while (next <= count) {
        const n = next++;
        const chunk = body.slice((n - 1) * partSize, Math.min(n * partSize, body.size));
        for (let attempt = 1; ; attempt++) {
          const part = attempt === 1 ? urls.get(n)! : (await this.uploads.parts(id, n, 1, signal)).parts[0]!;
          const headers = Object.fromEntries(Object.entries(part.headers).filter(([k]) => k.toLowerCase() !== "content-length"));
          let failure: string;
          try {
            const response = await this.#fetch(part.url, { method: part.method, headers, body: chunk, signal: signal ?? null });
            if (response.ok) break;
            failure = `the bucket refused part ${n} (${response.status})`;
          } catch (cause) {
            if (signal?.aborted) throw new CarcosaError({ status: 0, code: "aborted", message: "aborted" });
            failure = `part ${n} failed: ${(cause as Error).message}`;
          }
          if (attempt >= 3) throw new CarcosaError({ status: 0, code: "put_failed", message: failure });
          await sleep(250 * 2 ** attempt, signal);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, count) }, worker));
  }

  /** Files. */
  readonly files = {
    /** `GET /v1/files`: one page. */
    list: (q: { limit?: number; cursor?: string; tenant?: string } = {}): Promise<FilePage> =>
      this.request<FilePage>("GET", "/v1/files", { query: q }),
    /** Every file, page by page. */
    iterate: async function* (this: Carcosa, q: { tenant?: string; pageSize?: number } = {}): AsyncGenerator<File> {
      let cursor: string | undefined;
      do {
        const page = await this.files.list({ limit: q.pageSize ?? 100, cursor, tenant: q.tenant });
        yield* page.data;
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
    }.bind(this) as (q?: { tenant?: string; pageSize?: number }) => AsyncGenerator<File>,
    /** `GET /v1/files/{id}` (with variants). */
    get: (id: string): Promise<File> => this.request<File>("GET", `/v1/files/${encodeURIComponent(id)}`),
    /** `DELETE /v1/files/{id}`. */
    delete: (id: string): Promise<void> => this.request<void>("DELETE", `/v1/files/${encodeURIComponent(id)}`),
    /** `GET /v1/files/{id}/download`: a short-lived presigned URL. */
    downloadUrl: (id: string): Promise<Download> =>
      this.request<Download>("GET", `/v1/files/${encodeURIComponent(id)}/download`),
  };

  /** Transforms. */
  readonly transforms = {
    /** `POST /v1/files/{id}/transform-url`: a signed URL for a preset or for parameters. */
    url: (fileId: string, spec: MintRequest): Promise<TransformUrl> =>
      this.request<TransformUrl>("POST", `/v1/files/${encodeURIComponent(fileId)}/transform-url`, { body: spec }),
  };

  /** Realtime. */
  readonly realtime = {
    /** `POST /v1/realtime/token`: a token a browser may use on `GET /v1/ws`. */
    token: (req: TokenRequest = {}): Promise<RealtimeToken> =>
      this.request<RealtimeToken>("POST", "/v1/realtime/token", { body: req }),
    /** The WebSocket URL for a token. */
    socketUrl: (token: string): string => {
      const u = new URL(this.url + "/v1/ws");
      u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
      u.searchParams.set("token", token);
      return u.toString();
    },
  };

  /** Usage and quotas. */
  readonly usage = {
    /** `GET /v1/usage`. */
    get: (q: { from?: string; to?: string; tenant?: string } = {}): Promise<Usage> =>
      this.request<Usage>("GET", "/v1/usage", { query: q }),
  };

  /** The management API (needs a key with the right permissions, or a session cookie in
   * `headers`). Organizations and teams take ids or slugs. */
  readonly orgs = {
    get: (org: string): Promise<Org> => this.request<Org>("GET", `/v1/orgs/${encodeURIComponent(org)}`),
    teams: (org: string): Promise<{ data: Team[] }> =>
      this.request<{ data: Team[] }>("GET", `/v1/orgs/${encodeURIComponent(org)}/teams`),
    projects: (org: string, team: string): Promise<{ data: ProjectSummary[] }> =>
      this.request<{ data: ProjectSummary[] }>(
        "GET",
        `/v1/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(team)}/projects`,
      ),
    buckets: (org: string, team: string): Promise<{ data: Bucket[] }> =>
      this.request<{ data: Bucket[] }>(
        "GET",
        `/v1/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(team)}/buckets`,
      ),
    auditLogs: (org: string, q: { action?: string; cursor?: string; limit?: number } = {}): Promise<AuditPage> =>
      this.request<AuditPage>("GET", `/v1/orgs/${encodeURIComponent(org)}/audit-logs`, { query: q }),
  };

  /** Projects (id or slug). */
  readonly projects = {
    get: (project: string): Promise<Project> =>
      this.request<Project>("GET", `/v1/projects/${encodeURIComponent(project)}`),
    update: (project: string, patch: SettingsPatch): Promise<Project> =>
      this.request<Project>("PATCH", `/v1/projects/${encodeURIComponent(project)}`, { body: patch }),
    tenants: (project: string): Promise<{ data: Tenant[] }> =>
      this.request<{ data: Tenant[] }>("GET", `/v1/projects/${encodeURIComponent(project)}/tenants`),
    createTenant: (project: string, slug: string, name = ""): Promise<Tenant> =>
      this.request<Tenant>("POST", `/v1/projects/${encodeURIComponent(project)}/tenants`, { body: { slug, name } }),
    apiKeys: (project: string): Promise<{ data: ApiKey[] }> =>
      this.request<{ data: ApiKey[] }>("GET", `/v1/projects/${encodeURIComponent(project)}/api-keys`),
    createApiKey: (
      project: string,
      req: { name: string; permissions: string[]; expires_at?: string },
    ): Promise<CreatedApiKey> =>
      this.request<CreatedApiKey>("POST", `/v1/projects/${encodeURIComponent(project)}/api-keys`, { body: req }),
    /** The project's named upload routes. */
    routes: (project = "current"): Promise<{ data: UploadRoute[] }> =>
      this.request<{ data: UploadRoute[] }>("GET", `/v1/projects/${encodeURIComponent(project)}/upload-routes`),
    /** Makes the project's upload routes exactly `router` (see {@link Carcosa.syncRoutes}). */
    syncRoutes: (router: RouterDefinition, options: { project?: string; dryRun?: boolean } = {}): Promise<SyncReport> =>
      this.request<SyncReport>("PUT", `/v1/projects/${encodeURIComponent(options.project ?? "current")}/upload-routes`, {
        body: {
          routes: Object.fromEntries(Object.entries(router).map(([name, route]) => [name, toRules(route)])),
          dry_run: options.dryRun ?? false,
        },
      }),
    revokeApiKey: (project: string, id: string): Promise<void> =>
      this.request<void>(
        "DELETE",
        `/v1/projects/${encodeURIComponent(project)}/api-keys/${encodeURIComponent(id)}`,
      ),
  };

  /** Webhook endpoints of a project (`current`: the key's own), their deliveries and replays.
   * Verify deliveries in your backend with {@link verifyWebhook}. */
  readonly webhooks = {
    list: (project = "current"): Promise<{ data: WebhookEndpoint[] }> =>
      this.request<{ data: WebhookEndpoint[] }>("GET", `/v1/projects/${encodeURIComponent(project)}/webhooks`),
    /** Creates an endpoint; the answer's `secret` (`whsec_…`) is shown once. */
    create: (
      req: { url: string; events: string[]; description?: string; enabled?: boolean },
      project = "current",
    ): Promise<WebhookWithSecret> =>
      this.request<WebhookWithSecret>("POST", `/v1/projects/${encodeURIComponent(project)}/webhooks`, { body: req }),
    update: (
      id: string,
      patch: { url?: string; events?: string[]; description?: string; enabled?: boolean },
      project = "current",
    ): Promise<WebhookEndpoint> =>
      this.request<WebhookEndpoint>("PATCH", this.#webhook(project, id), { body: patch }),
    delete: (id: string, project = "current"): Promise<void> =>
      this.request<void>("DELETE", this.#webhook(project, id)),
    /** A new secret; the old one keeps signing for the server's grace period. */
    rotateSecret: (id: string, project = "current"): Promise<WebhookWithSecret> =>
      this.request<WebhookWithSecret>("POST", `${this.#webhook(project, id)}/rotate-secret`),
    /** Queues a `webhook.test` delivery. */
    test: (id: string, project = "current"): Promise<{ delivery_id: string }> =>
      this.request<{ delivery_id: string }>("POST", `${this.#webhook(project, id)}/test`),
    deliveries: (
      id: string,
      q: { status?: "pending" | "delivered" | "failed"; limit?: number; cursor?: string } = {},
      project = "current",
    ): Promise<WebhookDeliveryPage> =>
      this.request<WebhookDeliveryPage>("GET", `${this.#webhook(project, id)}/deliveries`, { query: q }),
    delivery: (id: string, delivery: string, project = "current"): Promise<WebhookDelivery> =>
      this.request<WebhookDelivery>("GET", `${this.#webhook(project, id)}/deliveries/${encodeURIComponent(delivery)}`),
    /** Sends a delivery again (same `webhook-id`). */
    replay: (id: string, delivery: string, project = "current"): Promise<{ delivery_id: string }> =>
      this.request<{ delivery_id: string }>(
        "POST",
        `${this.#webhook(project, id)}/deliveries/${encodeURIComponent(delivery)}/replay`,
      ),
  };

  #webhook(project: string, id: string): string {
    return `/v1/projects/${encodeURIComponent(project)}/webhooks/${encodeURIComponent(id)}`;
  }
}
