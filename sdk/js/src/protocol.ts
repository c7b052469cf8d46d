/** The small JSON protocol between the browser uploader and your backend's Carcosa route. */

/** A file the browser wants to upload. */
export interface HandlerFile {
  name: string;
  size: number;
  type: string;
}

/** Requests the browser sends to your endpoint (always `POST`, JSON). */
export type HandlerRequest =
  | { action: "presign"; files: HandlerFile[]; route?: string; metadata?: Record<string, unknown> }
  | { action: "complete"; id: string }
  | { action: "status"; id: string }
  /** Presigned URLs for parts `from` … `from + count − 1` of a multipart upload. */
  | { action: "parts"; id: string; from: number; count: number }
  /** Picks a multipart upload up again (after a reload): what the bucket holds, a fresh token. */
  | { action: "resume"; id: string }
  /** Abandons a pending upload (a multipart upload's parts are freed). */
  | { action: "abort"; id: string }
  | ImageRequest;

/** Asks for signed transform URLs of an image (for `<CarcosaImage>`). */
export interface ImageRequest {
  action: "image";
  fileId: string;
  /** Widths for `srcset` (CSS pixels; default 320, 640, 960, 1280, 1920). */
  widths?: number[];
  /** Fixed height (with `fit`). */
  height?: number;
  fit?: "cover" | "contain" | "fill" | "inside";
  /** `auto` (from `Accept`; default), `webp`, `avif`, `jpeg`, `png`. */
  format?: "auto" | "webp" | "avif" | "jpeg" | "png";
  quality?: number;
}

/** Signed URLs for one image. */
export interface ImageUrls {
  /** The widest URL (for `src`). */
  src: string;
  /** `url 320w, url 640w, …`. */
  srcSet: string;
  /** Each width with its URL. */
  candidates: { width: number; url: string }[];
}

/** One presigned upload as your endpoint returns it. */
export interface HandlerPresigned {
  /** Carcosa's upload id. */
  id: string;
  name: string;
  /** The request to send the bytes with (single-PUT uploads). */
  upload?: { method: string; url: string; headers: Record<string, string> };
  /** How a multipart upload is cut (large files): ask for part URLs with the `parts` action. */
  multipart?: { part_size: number; part_count: number };
  /** WebSocket URL (with a realtime token scoped to this upload). */
  socket_url: string;
  /** That token, to follow this upload over a socket another upload opened. */
  realtime_token: string;
  expires_at: string;
}

/** A presigned part of a multipart upload. */
export interface HandlerPart {
  part_number: number;
  /** Exact length (signed). */
  size: number;
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** The answer to `resume`: the upload as at presign (fresh token), and the parts already held. */
export interface HandlerResumed extends HandlerPresigned {
  /** `pending` if it can go on; anything else means start over. */
  status: string;
  uploaded: { part_number: number; size: number }[];
}
