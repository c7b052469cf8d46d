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
  /** The request to send the bytes with. */
  upload: { method: string; url: string; headers: Record<string, string> };
  /** WebSocket URL (with a realtime token scoped to this upload). */
  socket_url: string;
  /** That token, to follow this upload over a socket another upload opened. */
  realtime_token: string;
  expires_at: string;
}
