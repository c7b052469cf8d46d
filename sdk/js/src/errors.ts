/** Errors the SDK throws. Every answer of the API that is not a success becomes a
 * {@link CarcosaError} carrying the server's stable `code` and its message. */

/** An error answered by Carcosa (or by the SDK before a request was possible). */
export class CarcosaError extends Error {
  /** HTTP status (0 when no answer arrived: network error, abort). */
  readonly status: number;
  /** Stable snake_case code from the server (`upload_too_large`, `not_found`, …) or from the
   * SDK (`network_error`, `aborted`, `upload_failed`, `put_failed`, `invalid_response`). */
  readonly code: string;
  /** The offending field of a `validation_failed`, when the server named one. */
  readonly field: string | undefined;
  /** The request id (`x-request-id`) for support, when there was an answer. */
  readonly requestId: string | undefined;
  /** The whole error object the server sent. */
  readonly details: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    field?: string | undefined;
    requestId?: string | undefined;
    details?: Record<string, unknown>;
  }) {
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
export async function errorFromResponse(response: Response): Promise<CarcosaError> {
  const requestId = response.headers.get("x-request-id") ?? undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
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
export function isRetryable(error: unknown): boolean {
  return error instanceof CarcosaError && (error.status === 429 || error.status === 503 || error.status === 0);
}
