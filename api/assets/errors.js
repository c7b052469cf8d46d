/** Errors the SDK throws. Every answer of the API that is not a success becomes a
 * {@link CarcosaError} carrying the server's stable `code` and its message. */
/** An error answered by Carcosa (or by the SDK before a request was possible). */
export class CarcosaError extends Error {
    /** HTTP status (0 when no answer arrived: network error, abort). */
    status;
    /** Stable snake_case code from the server (`upload_too_large`, `not_found`, …) or from the
     * SDK (`network_error`, `aborted`, `upload_failed`, `put_failed`, `invalid_response`). */
    code;
    /** The offending field of a `validation_failed`, when the server named one. */
    field;
    /** The request id (`x-request-id`) for support, when there was an answer. */
    requestId;
    /** The whole error object the server sent. */
    details;
    constructor(init) {
        super(init.message);
        this.name = "CarcosaError";
        this.status = init.status;
        this.code = init.code;
        this.field = init.field;
        this.requestId = init.requestId;
        this.details = init.details ?? {};
    }
}
/** Builds a {@link CarcosaError} from a non-2xx response. */
export async function errorFromResponse(response) {
    const requestId = response.headers.get("x-request-id") ?? undefined;
    let body;
    try {
        body = await response.json();
    }
    catch {
        body = undefined;
    }
    const error = body?.error;
    if (error && typeof error.code === "string") {
        return new CarcosaError({
            status: response.status,
            code: error.code,
            message: typeof error.message === "string" ? error.message : response.statusText,
            field: typeof error.field === "string" ? error.field : undefined,
            requestId,
            details: error,
        });
    }
    return new CarcosaError({
        status: response.status,
        code: "invalid_response",
        message: `HTTP ${response.status} ${response.statusText} without a Carcosa error body`,
        requestId,
    });
}
/** True for errors worth retrying: rate limits, temporary unavailability, lost connections. */
export function isRetryable(error) {
    return error instanceof CarcosaError && (error.status === 429 || error.status === 503 || error.status === 0);
}
