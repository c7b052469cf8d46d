/** `@carcosa/sdk`: the server client and the types of Carcosa's API.
 *
 * * `@carcosa/sdk` — {@link Carcosa}, the typed server client (holds an API key: server only).
 * * `@carcosa/sdk/server` — `createRouteHandler`, the endpoint the browser talks to, and `createRouter`.
 * * `@carcosa/sdk/browser` — `createUploader`, uploads with byte progress and live status.
 * * `@carcosa/sdk/react` — `useUpload`, `<UploadButton>`, `<UploadDropzone>`, `<CarcosaImage>`.
 */

export { Carcosa, retryDelayMs, type CarcosaOptions, type CreateUpload, type UploadBytesOptions } from "./client.js";
export { CarcosaError, isRetryable } from "./errors.js";
export { verifyWebhook, type WebhookEvent, type VerifyOptions } from "./webhooks.js";
export { createRouter, parseSize, typeAccepted, checkMetadata, toRules } from "./router.js";
export type { RouteDefinition, RouterDefinition, RouteName, RouteRules, MetadataSchema, PropertySchema, Size } from "./router.js";
export type * from "./types.js";
