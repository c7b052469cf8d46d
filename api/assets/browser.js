/** The browser uploader. It never sees an API key: it asks *your* backend (a route served by
 * {@link createRouteHandler}) for a presigned upload, PUTs the bytes straight to the bucket with
 * byte progress, asks your backend to complete it, then follows the upload's live status over
 * Carcosa's WebSocket until it is `ready` or `failed`. Several files go in parallel under a
 * concurrency limit; each can be aborted and retried.
 *
 * Large files (at or above the project's multipart threshold, 64 MiB unless changed) go up as
 * a resumable multipart upload: parts in parallel straight to the bucket, a failed part retried
 * with a fresh URL, and — after a reload, a crash or a dropped connection — the same file picks
 * up where it stopped: the upload's id is kept in `localStorage` under a fingerprint of the file
 * (endpoint, route, name, size, type, modification time), and only the parts the bucket lacks are
 * sent again. */
import { CarcosaError } from "./errors.js";
const RESUME_PREFIX = "carcosa:resume:";
/** The key a file's multipart upload is remembered under: the same file, picked again for the
 * same endpoint and route, finds it. */
function fingerprint(endpoint, file, type, route) {
    const modified = file.lastModified ?? "";
    return `${RESUME_PREFIX}${JSON.stringify([endpoint, route ?? "", file.name, file.size, type, modified])}`;
}
function defaultResumeStore() {
    try {
        const store = globalThis.localStorage;
        return store ?? undefined;
    }
    catch {
        // Storage can be switched off (privacy settings, sandboxed frames): then nothing resumes.
        return undefined;
    }
}
function recall(store, key) {
    try {
        const saved = JSON.parse(store.getItem(key) ?? "null");
        return typeof saved?.id === "string" ? saved.id : undefined;
    }
    catch {
        return undefined;
    }
}
function remember(store, key, id) {
    try {
        store.setItem(key, JSON.stringify({ id, at: Date.now() }));
    }
    catch {
        /* quota or privacy mode: the upload still works, it just cannot resume */
    }
}
function forget(store, key) {
    try {
        store?.removeItem(key);
    }
    catch {
        /* as above */
    }
}
let counter = 0;
const nextKey = () => `u${Date.now().toString(36)}${(counter++).toString(36)}`;
/** A small FIFO semaphore. */
class Limiter {
    max;
    #active = 0;
    #waiting = [];
    constructor(max) {
        this.max = max;
    }
    async acquire() {
        if (this.#active >= this.max)
            await new Promise((resolve) => this.#waiting.push(resolve));
        this.#active++;
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            this.#active--;
            this.#waiting.shift()?.();
        };
    }
}
function put(presigned, file, onProgress, signal) {
    if (typeof XMLHttpRequest !== "undefined") {
        return new Promise((resolve, reject) => {
            const xhr = new XMLHttpRequest();
            xhr.open(presigned.method, presigned.url);
            for (const [k, v] of Object.entries(presigned.headers)) {
                // Browsers set these themselves and refuse to have them set.
                if (k.toLowerCase() !== "content-length" && k.toLowerCase() !== "host")
                    xhr.setRequestHeader(k, v);
            }
            xhr.upload.onprogress = (e) => onProgress(e.loaded);
            xhr.onload = () => {
                if (xhr.status >= 200 && xhr.status < 300) {
                    onProgress(file.size);
                    resolve();
                }
                else {
                    reject(putError(xhr.status, xhr.responseText));
                }
            };
            xhr.onerror = () => reject(new CarcosaError({
                status: 0,
                code: "put_failed",
                message: "the upload to the bucket failed before an answer arrived — often the bucket's CORS rules do not allow this site (see the bucket check in Carcosa)",
            }));
            xhr.onabort = () => reject(new CarcosaError({ status: 0, code: "aborted", message: "upload aborted" }));
            signal.addEventListener("abort", () => xhr.abort(), { once: true });
            xhr.send(file);
        });
    }
    const headers = Object.fromEntries(Object.entries(presigned.headers).filter(([k]) => k.toLowerCase() !== "content-length"));
    return fetch(presigned.url, { method: presigned.method, headers, body: file, signal }).then(async (response) => {
        if (!response.ok)
            throw putError(response.status, await response.text());
        onProgress(file.size);
    }, (cause) => {
        if (signal.aborted)
            throw new CarcosaError({ status: 0, code: "aborted", message: "upload aborted" });
        throw new CarcosaError({ status: 0, code: "put_failed", message: `the upload to the bucket failed: ${cause.message}` });
    });
}
function putError(status, body) {
    const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
    return new CarcosaError({
        status,
        code: "put_failed",
        message: `the bucket refused the upload (${status}${code ? ` ${code}` : ""})`,
    });
}
/** One WebSocket per uploader, shared by its uploads: each upload subscribes with its own
 * upload-scoped token, and its events are routed to it by upload id. The socket closes a few
 * seconds after its last upload finished; if it drops, the uploads it carried fall back to polling. */
class LiveSocket {
    Socket;
    #socket;
    #open = false;
    #queue = [];
    #listeners = new Map();
    #linger;
    constructor(Socket) {
        this.Socket = Socket;
    }
    /** Follows `uploadId`; returns a function that stops following it. */
    watch(socketUrl, token, uploadId, onEvent, onDrop) {
        if (!this.Socket) {
            onDrop();
            return () => undefined;
        }
        clearTimeout(this.#linger);
        this.#listeners.set(uploadId, { onEvent, onDrop });
        const subscribe = JSON.stringify({ op: "subscribe", channel: `upload:${uploadId}`, ...(token ? { token } : {}) });
        if (!this.#socket)
            this.#connect(socketUrl);
        if (this.#open)
            this.#socket?.send(subscribe);
        else
            this.#queue.push(subscribe);
        return () => {
            if (!this.#listeners.delete(uploadId))
                return;
            if (this.#open)
                this.#socket?.send(JSON.stringify({ op: "unsubscribe", channel: `upload:${uploadId}` }));
            if (this.#listeners.size === 0) {
                clearTimeout(this.#linger);
                this.#linger = setTimeout(() => this.#socket?.close(), 5000);
            }
        };
    }
    #connect(url) {
        let socket;
        try {
            socket = new this.Socket(url);
        }
        catch {
            this.#dropAll();
            return;
        }
        this.#socket = socket;
        this.#open = false;
        socket.onopen = () => {
            this.#open = true;
            for (const m of this.#queue.splice(0))
                socket.send(m);
        };
        socket.onmessage = (message) => {
            let data;
            try {
                data = JSON.parse(String(message.data));
            }
            catch {
                return;
            }
            const listener = data.upload_id ? this.#listeners.get(data.upload_id) : undefined;
            if (listener && typeof data.type === "string" && data.type.startsWith("upload."))
                listener.onEvent(data);
            // A refused subscription (expired token, …): that upload polls instead.
            if (data.type === "error" && typeof data.channel === "string" && data.channel.startsWith("upload:")) {
                this.#listeners.get(data.channel.slice(7))?.onDrop();
            }
        };
        // Errors are followed by close; without a handler, Node's `ws` would throw.
        socket.onerror = () => undefined;
        socket.onclose = () => {
            if (this.#socket === socket) {
                this.#socket = undefined;
                this.#open = false;
                this.#queue = [];
                this.#dropAll();
            }
        };
    }
    #dropAll() {
        const listeners = [...this.#listeners.values()];
        this.#listeners.clear();
        for (const l of listeners)
            l.onDrop();
    }
}
/** Follows one upload until a terminal event: over the shared socket, or by polling your endpoint
 * when the socket cannot carry it. */
function follow(live, presigned, onEvent, poll, signal, timeoutMs) {
    return new Promise((resolve, reject) => {
        let settled = false;
        let pollTimer;
        let polling = false;
        const finish = (fn) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(deadline);
            clearTimeout(pollTimer);
            stop();
            fn();
        };
        const deadline = setTimeout(() => finish(() => reject(new CarcosaError({ status: 0, code: "timeout", message: "the upload did not finish in time" }))), timeoutMs);
        signal.addEventListener("abort", () => finish(() => reject(new CarcosaError({ status: 0, code: "aborted", message: "upload aborted" }))), { once: true });
        const handle = (event) => {
            if (settled)
                return;
            onEvent(event);
            if (event.type === "upload.ready" || event.type === "upload.failed" || event.type === "upload.expired") {
                finish(() => resolve(event));
            }
        };
        let delay = 250;
        const startPolling = () => {
            if (polling || settled)
                return;
            polling = true;
            const tick = async () => {
                if (settled)
                    return;
                try {
                    const event = await poll();
                    if (event)
                        handle(event);
                }
                catch {
                    /* keep trying until the deadline */
                }
                delay = Math.min(delay * 2, 3000);
                if (!settled)
                    pollTimer = setTimeout(tick, delay);
            };
            void tick();
        };
        const stop = live.watch(presigned.socket_url, presigned.realtime_token, presigned.id, handle, startPolling);
    });
}
/** Creates an uploader bound to your backend endpoint. */
export function createUploader(options) {
    const limiter = new Limiter(Math.max(1, options.concurrency ?? 3));
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const Socket = options.WebSocket ?? globalThis.WebSocket;
    const timeoutMs = options.statusTimeoutMs ?? 120_000;
    const live = new LiveSocket(Socket);
    const partConcurrency = Math.max(1, options.partConcurrency ?? 4);
    const resumeStore = options.resume === false ? undefined : (options.resume ?? defaultResumeStore());
    /** Sends the parts of a multipart upload the bucket does not hold yet, `partConcurrency` at a
     * time; each part is tried up to three times, with a fresh URL after a failure. */
    async function sendParts(one, file, held, onBytes, signal) {
        const { part_size: partSize, part_count: count } = one.multipart;
        const have = new Set(held.map((p) => p.part_number));
        const todo = [];
        for (let n = 1; n <= count; n++)
            if (!have.has(n))
                todo.push(n);
        let doneBytes = held.reduce((sum, p) => sum + p.size, 0);
        const inFlight = new Map();
        const report = () => onBytes(doneBytes + [...inFlight.values()].reduce((a, b) => a + b, 0));
        const urls = new Map();
        let fetching;
        const urlFor = async (n, fresh) => {
            if (fresh)
                urls.delete(n);
            while (!urls.has(n)) {
                if (fetching) {
                    await fetching;
                    continue;
                }
                fetching = call({ action: "parts", id: one.id, from: n, count: Math.min(100, count - n + 1) }, signal).then((batch) => {
                    for (const p of batch.parts)
                        urls.set(p.part_number, p);
                });
                try {
                    await fetching;
                }
                finally {
                    fetching = undefined;
                }
            }
            return urls.get(n);
        };
        const worker = async () => {
            for (let n = todo.shift(); n !== undefined; n = todo.shift()) {
                const chunk = file.slice((n - 1) * partSize, Math.min(n * partSize, file.size));
                for (let attempt = 1;; attempt++) {
                    const part = await urlFor(n, attempt > 1);
                    try {
                        await put(part, chunk, (loaded) => {
                            inFlight.set(n, loaded);
                            report();
                        }, signal);
                        inFlight.delete(n);
                        doneBytes += chunk.size;
                        report();
                        break;
                    }
                    catch (error) {
                        inFlight.delete(n);
                        report();
                        if (signal.aborted || attempt >= 3)
                            throw error;
                        await new Promise((resolve) => setTimeout(resolve, 400 * 2 ** attempt));
                    }
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(partConcurrency, Math.max(1, todo.length)) }, worker));
    }
    async function call(body, signal) {
        const extra = typeof options.headers === "function" ? options.headers() : (options.headers ?? {});
        let response;
        try {
            response = await doFetch(options.endpoint, {
                method: "POST",
                headers: { "content-type": "application/json", accept: "application/json", ...extra },
                body: JSON.stringify(body),
                credentials: "same-origin",
                signal: signal ?? null,
            });
        }
        catch (cause) {
            if (signal?.aborted)
                throw new CarcosaError({ status: 0, code: "aborted", message: "upload aborted" });
            throw new CarcosaError({ status: 0, code: "network_error", message: `cannot reach ${options.endpoint}: ${cause.message}` });
        }
        const text = await response.text();
        let json;
        try {
            json = text ? JSON.parse(text) : undefined;
        }
        catch {
            json = undefined;
        }
        if (!response.ok) {
            const error = json?.error;
            throw new CarcosaError({
                status: response.status,
                code: error?.code ?? "endpoint_error",
                message: error?.message ?? `${options.endpoint} answered ${response.status}`,
                field: error?.field,
            });
        }
        return json;
    }
    function start(file, opts, key = nextKey()) {
        const controller = new AbortController();
        const state = { key, name: file.name, size: file.size, loaded: 0, progress: 0, phase: "queued" };
        const emit = (patch) => {
            Object.assign(state, patch);
            opts.onChange?.({ ...state });
        };
        emit({});
        let current;
        const done = (async () => {
            const release = await limiter.acquire();
            try {
                if (controller.signal.aborted)
                    throw new CarcosaError({ status: 0, code: "aborted", message: "upload aborted" });
                emit({ phase: "presigning" });
                const files = [{ name: file.name, size: file.size, type: file.type || "application/octet-stream" }];
                const print = fingerprint(options.endpoint, file, files[0].type, opts.route);
                let one;
                let held = [];
                const savedId = resumeStore ? recall(resumeStore, print) : undefined;
                if (savedId) {
                    try {
                        const resumed = await call({ action: "resume", id: savedId }, controller.signal);
                        if (resumed.status === "pending" && resumed.multipart) {
                            one = resumed;
                            held = resumed.uploaded;
                        }
                    }
                    catch (error) {
                        if (controller.signal.aborted)
                            throw error;
                    }
                    if (!one)
                        forget(resumeStore, print);
                }
                if (!one) {
                    const presigned = await call({
                        action: "presign",
                        files,
                        ...(opts.route === undefined ? {} : { route: opts.route }),
                        ...(opts.metadata === undefined ? {} : { metadata: opts.metadata }),
                    }, controller.signal);
                    one = presigned.uploads[0];
                    if (!one)
                        throw new CarcosaError({ status: 0, code: "invalid_response", message: "no upload in the answer" });
                    if (one.multipart && resumeStore)
                        remember(resumeStore, print, one.id);
                }
                current = one;
                const heldBytes = held.reduce((sum, p) => sum + p.size, 0);
                const onBytes = (loaded) => emit({ loaded, progress: file.size ? 0.9 * (loaded / file.size) : 0.9 });
                emit({ phase: "uploading", uploadId: one.id, ...(held.length ? { resumed: true, loaded: heldBytes } : {}) });
                if (one.multipart) {
                    await sendParts(one, file, held, onBytes, controller.signal);
                }
                else if (one.upload) {
                    await put(one.upload, file, onBytes, controller.signal);
                }
                else {
                    throw new CarcosaError({ status: 0, code: "invalid_response", message: "no upload request in the answer" });
                }
                emit({ phase: "verifying", loaded: file.size, progress: 0.9 });
                await call({ action: "complete", id: one.id }, controller.signal);
                if (resumeStore)
                    forget(resumeStore, print);
                const final = await follow(live, one, (event) => {
                    if (event.type === "upload.processing" && event.total) {
                        emit({
                            phase: "processing",
                            step: { done: event.done ?? 0, total: event.total },
                            progress: 0.9 + 0.1 * ((event.done ?? 0) / event.total),
                        });
                    }
                    else if (event.type === "upload.verifying") {
                        emit({ phase: "verifying" });
                    }
                }, async () => {
                    const status = await call({ action: "status", id: one.id }, controller.signal);
                    if (status.status === "ready" && status.file_id)
                        return { type: "upload.ready", file_id: status.file_id, variants: [] };
                    if (status.status === "failed")
                        return { type: "upload.failed", reason: status.failure_reason ?? "failed" };
                    if (status.status === "expired")
                        return { type: "upload.expired" };
                    return undefined;
                }, controller.signal, timeoutMs);
                if (final.type !== "upload.ready" || !final.file_id) {
                    const reason = String(final.reason ?? (final.type === "upload.expired" ? "expired" : "failed"));
                    throw new CarcosaError({ status: 0, code: reason, message: failureMessage(reason) });
                }
                emit({ phase: "ready", fileId: final.file_id, progress: 1 });
                return {
                    uploadId: one.id,
                    fileId: final.file_id,
                    name: file.name,
                    size: file.size,
                    contentType: files[0].type,
                    variants: final.variants ?? [],
                };
            }
            catch (error) {
                const e = error instanceof CarcosaError
                    ? error
                    : new CarcosaError({ status: 0, code: "upload_failed", message: error.message });
                emit({ phase: e.code === "aborted" ? "aborted" : "failed", error: { code: e.code, message: e.message } });
                // Cancelled by the user: the bucket frees the parts, and the file starts afresh next
                // time. A failure keeps the record, so a retry resumes.
                if (e.code === "aborted" && current?.multipart) {
                    if (resumeStore)
                        forget(resumeStore, fingerprint(options.endpoint, file, file.type || "application/octet-stream", opts.route));
                    void call({ action: "abort", id: current.id }).catch(() => undefined);
                }
                throw e;
            }
            finally {
                release();
            }
        })();
        // A rejection nobody awaited is still reported through onChange; keep it from being unhandled.
        done.catch(() => undefined);
        return {
            key,
            state: () => ({ ...state }),
            done,
            abort: () => controller.abort(),
            retry: () => start(file, opts, key),
        };
    }
    return {
        /** Uploads one file. */
        upload: (file, opts = {}) => start(file, opts),
        /** Uploads several files (at most `concurrency` at once); resolves when all settled. */
        uploadAll: async (files, opts = {}) => {
            const handles = [...files].map((f) => start(f, opts));
            return Promise.allSettled(handles.map((h) => h.done));
        },
        /** Signed transform URLs for an image, from your endpoint (see `<CarcosaImage>`). */
        imageUrls: (req) => call({ action: "image", ...req }),
    };
}
/** Words for the failure codes an upload can end with. */
export function failureMessage(code) {
    const words = {
        object_missing: "the file never reached the bucket",
        size_mismatch: "the bytes that arrived are not the size that was announced",
        type_mismatch: "the file's content is not the type it claims to be",
        too_large: "the file is larger than this project accepts",
        quota_exceeded: "the project's storage quota is used up",
        verification_error: "the file could not be verified; try again",
        image_too_large: "the image has too many pixels",
        corrupt_image: "the image is damaged and cannot be read",
        unsupported_image: "this kind of image is not supported",
        processing_timeout: "processing the image took too long",
        encode_failed: "a preview of the image could not be made",
        variant_error: "a preview of the image could not be made",
        aborted: "the upload was cancelled",
        parts_missing: "some parts of the file never reached the bucket",
        expired: "the upload took too long and expired; try again",
        failed: "the upload failed",
    };
    return words[code] ?? `the upload failed (${code})`;
}
