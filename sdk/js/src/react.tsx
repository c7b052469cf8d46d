/** React bindings: `useUpload()`, `<UploadButton>`, `<UploadDropzone>`, `<UploadList>` and
 * `<CarcosaImage>`. Unstyled (hooks for your CSS are `data-carcosa` and `data-phase` attributes;
 * `@carcosa/sdk/styles.css` is a small optional stylesheet), keyboard-usable, labelled, with
 * progress announced through an `aria-live` region. Route names are typed from your router:
 * `useUpload<UploadRouter>({ endpoint, route: "avatar" })`. */

import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from "react";

import {
  createUploader,
  failureMessage,
  type UploadHandle,
  type UploadResult,
  type UploadState,
  type UploadableFile,
  type Uploader,
} from "./browser.js";
import { CarcosaError } from "./errors.js";
import type { ImageRequest, ImageUrls } from "./protocol.js";
import type { RouteName, RouterDefinition } from "./router.js";

export { failureMessage };
export type { UploadResult, UploadState };

/** Options of {@link useUpload}. */
export interface UseUploadOptions<R extends RouterDefinition = RouterDefinition> {
  /** Your backend's Carcosa route, e.g. `/api/carcosa`. */
  endpoint: string;
  /** A named route of your router. */
  route?: RouteName<R>;
  /** Metadata sent with each file (your backend's `authorize` may add to it). */
  metadata?: Record<string, unknown>;
  /** Uploads at once (default 3). */
  concurrency?: number;
  /** Extra headers for your endpoint (e.g. CSRF). */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Called once per file that reached `ready`. */
  onUploadComplete?: (result: UploadResult) => void;
  /** Called once per file that failed (not when aborted). */
  onUploadError?: (error: CarcosaError, state: UploadState) => void;
  /** Called when every file of one `upload()` call has settled. */
  onAllSettled?: (results: PromiseSettledResult<UploadResult>[]) => void;
}

/** Uploads with state: `upload(files)`, the list of uploads with their progress, abort and retry. */
export function useUpload<R extends RouterDefinition = RouterDefinition>(options: UseUploadOptions<R>) {
  const { endpoint, concurrency, headers } = options;
  const uploader: Uploader = useMemo(
    () => createUploader({ endpoint, ...(concurrency ? { concurrency } : {}), ...(headers ? { headers } : {}) }),
    // Headers may be a fresh object each render; the endpoint and concurrency define the uploader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [endpoint, concurrency],
  );
  const latest = useRef(options);
  latest.current = options;
  const handles = useRef(new Map<string, UploadHandle>());
  const [uploads, setUploads] = useState<UploadState[]>([]);

  const onChange = useCallback((state: UploadState) => {
    setUploads((list) => {
      const i = list.findIndex((u) => u.key === state.key);
      if (i === -1) return [...list, state];
      const next = list.slice();
      next[i] = state;
      return next;
    });
  }, []);

  const track = useCallback((handle: UploadHandle) => {
    handles.current.set(handle.key, handle);
    return handle.done.then(
      (result) => {
        latest.current.onUploadComplete?.(result);
        return result;
      },
      (error: CarcosaError) => {
        if (error.code !== "aborted") latest.current.onUploadError?.(error, handle.state());
        throw error;
      },
    );
  }, []);

  const upload = useCallback(
    async (files: Iterable<UploadableFile> | ArrayLike<UploadableFile>) => {
      const o = latest.current;
      const list = Array.from(files as ArrayLike<UploadableFile>);
      const pending = list.map((file) =>
        track(
          uploader.upload(file, {
            ...(o.route === undefined ? {} : { route: o.route }),
            ...(o.metadata === undefined ? {} : { metadata: o.metadata }),
            onChange,
          }),
        ),
      );
      const results = await Promise.allSettled(pending);
      latest.current.onAllSettled?.(results);
      return results;
    },
    [uploader, onChange, track],
  );

  const abort = useCallback((key?: string) => {
    for (const [k, h] of handles.current) if (key === undefined || k === key) h.abort();
  }, []);

  const retry = useCallback(
    (key: string) => {
      const h = handles.current.get(key);
      if (h) void track(h.retry()).catch(() => undefined);
    },
    [track],
  );

  const reset = useCallback(() => {
    setUploads((list) => list.filter((u) => !["ready", "failed", "aborted"].includes(u.phase)));
  }, []);

  const isUploading = uploads.some((u) => !["ready", "failed", "aborted"].includes(u.phase));
  return { upload, uploads, isUploading, abort, retry, reset, uploader };
}

/** Words for a phase, for people. */
export function describe(state: UploadState): string {
  const pct = Math.round(state.progress * 100);
  switch (state.phase) {
    case "queued":
      return `${state.name}: waiting`;
    case "presigning":
      return `${state.name}: starting`;
    case "uploading":
      return state.resumed ? `${state.name}: resumed, uploading, ${pct}%` : `${state.name}: uploading, ${pct}%`;
    case "verifying":
      return `${state.name}: checking the file`;
    case "processing":
      return state.step
        ? `${state.name}: making previews, ${state.step.done} of ${state.step.total}`
        : `${state.name}: making previews`;
    case "ready":
      return `${state.name}: done`;
    case "aborted":
      return `${state.name}: cancelled`;
    case "failed":
      return `${state.name}: failed — ${state.error?.message ?? "unknown error"}`;
  }
}

/** The list of uploads with progress bars, errors, cancel and retry. */
export function UploadList(props: {
  uploads: UploadState[];
  onAbort?: (key: string) => void;
  onRetry?: (key: string) => void;
  className?: string;
}) {
  if (props.uploads.length === 0) return null;
  return (
    <ul data-carcosa="list" className={props.className}>
      {props.uploads.map((u) => (
        <li key={u.key} data-carcosa="item" data-phase={u.phase} data-resumed={u.resumed ? "true" : undefined}>
          <span data-carcosa="name">{u.name}</span>
          <progress
            data-carcosa="progress"
            max={100}
            value={Math.round(u.progress * 100)}
            aria-label={`${u.name} progress`}
          />
          <span data-carcosa="status" role={u.phase === "failed" ? "alert" : undefined}>
            {describe(u)}
          </span>
          {!["ready", "failed", "aborted"].includes(u.phase) && props.onAbort ? (
            <button type="button" data-carcosa="abort" onClick={() => props.onAbort?.(u.key)} aria-label={`Cancel ${u.name}`}>
              Cancel
            </button>
          ) : null}
          {(u.phase === "failed" || u.phase === "aborted") && props.onRetry ? (
            <button type="button" data-carcosa="retry" onClick={() => props.onRetry?.(u.key)} aria-label={`Retry ${u.name}`}>
              Retry
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Props shared by the button and the dropzone. */
export interface UploadWidgetProps<R extends RouterDefinition = RouterDefinition> extends UseUploadOptions<R> {
  /** `accept` of the file input (e.g. `image/*`). */
  accept?: string;
  /** Allow several files (default true). */
  multiple?: boolean;
  /** Disable the control. */
  disabled?: boolean;
  className?: string;
  /** Shown on the control. */
  children?: ReactNode;
  /** Show the list of uploads under the control (default true). */
  showList?: boolean;
}

function LiveRegion({ uploads }: { uploads: UploadState[] }) {
  // One polite summary: progress ticks are not read out one by one, phase changes are.
  const summary = uploads.map((u) => (u.phase === "uploading" ? `${u.name}: uploading` : describe(u))).join(". ");
  return (
    <div aria-live="polite" role="status" data-carcosa="live" style={VISUALLY_HIDDEN}>
      {summary}
    </div>
  );
}

const VISUALLY_HIDDEN = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0, 0, 0, 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;

/** The hidden file input the button and the dropzone open; it is cleared after each choice so
 * the same file can be chosen again. */
function FilePicker(p: {
  input: RefObject<HTMLInputElement | null>;
  id?: string;
  props: Pick<UploadWidgetProps, "accept" | "multiple" | "disabled">;
  onFiles: (files: FileList) => void;
}) {
  return (
    <input
      ref={p.input}
      id={p.id}
      type="file"
      hidden
      accept={p.props.accept}
      multiple={p.props.multiple ?? true}
      disabled={p.props.disabled}
      onChange={(e) => {
        const files = e.currentTarget.files;
        if (files) p.onFiles(files);
        e.currentTarget.value = "";
      }}
    />
  );
}

/** A button that opens the file picker and uploads what is chosen. */
export function UploadButton<R extends RouterDefinition = RouterDefinition>(props: UploadWidgetProps<R>) {
  const { upload, uploads, isUploading, abort, retry } = useUpload<R>(props);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <div data-carcosa="upload-button" className={props.className}>
      <FilePicker
        input={input}
        id={id}
        props={props}
        onFiles={(files) => {
          if (files.length > 0) void upload(files);
        }}
      />
      <button
        type="button"
        data-carcosa="button"
        disabled={props.disabled}
        aria-busy={isUploading}
        onClick={() => input.current?.click()}
      >
        {props.children ?? (isUploading ? "Uploading…" : "Choose files")}
      </button>
      <LiveRegion uploads={uploads} />
      {props.showList === false ? null : <UploadList uploads={uploads} onAbort={abort} onRetry={retry} />}
    </div>
  );
}

/** A drop area: drag and drop, paste (Ctrl/Cmd+V while focused), or Enter/Space to pick files. */
export function UploadDropzone<R extends RouterDefinition = RouterDefinition>(
  props: UploadWidgetProps<R> & { label?: string },
) {
  const { upload, uploads, abort, retry } = useUpload<R>(props);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const label = props.label ?? "Drop files here, paste, or press Enter to choose";
  const take = (files: FileList | null | undefined) => {
    if (!files || files.length === 0 || props.disabled) return;
    const list = Array.from(files);
    void upload(props.multiple === false ? list.slice(0, 1) : list);
  };
  return (
    <div data-carcosa="dropzone-wrap" className={props.className}>
      <div
        data-carcosa="dropzone"
        data-over={over || undefined}
        role="button"
        tabIndex={props.disabled ? -1 : 0}
        aria-disabled={props.disabled || undefined}
        aria-label={label}
        onClick={() => input.current?.click()}
        onKeyDown={(e: KeyboardEvent) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            input.current?.click();
          }
        }}
        onDragOver={(e: DragEvent) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e: DragEvent) => {
          e.preventDefault();
          setOver(false);
          take(e.dataTransfer.files);
        }}
        onPaste={(e: ClipboardEvent) => take(e.clipboardData.files)}
      >
        {props.children ?? label}
      </div>
      <FilePicker input={input} props={props} onFiles={take} />
      <LiveRegion uploads={uploads} />
      {props.showList === false ? null : <UploadList uploads={uploads} onAbort={abort} onRetry={retry} />}
    </div>
  );
}

/** Props of {@link CarcosaImage}. */
export interface CarcosaImageProps extends Omit<ImageRequest, "action" | "fileId"> {
  /** Your backend's Carcosa route. */
  endpoint: string;
  fileId: string;
  /** Required: describe the image (or `""` for decoration). */
  alt: string;
  /** `sizes` for the browser's choice among the widths (default `100vw`). */
  sizes?: string;
  className?: string;
  /** Intrinsic size hints (avoid layout shift). */
  width?: number;
  /** Loading strategy (default `lazy`). */
  loading?: "lazy" | "eager";
}

/** An image served through signed transform URLs, with `srcset` for every width. The URLs come
 * from your backend (`action: "image"`), which signs them with the API key. */
export function CarcosaImage(props: CarcosaImageProps) {
  const { endpoint, fileId, widths, height, fit, format, quality } = props;
  const [urls, setUrls] = useState<ImageUrls | undefined>();
  const [error, setError] = useState<string | undefined>();
  const key = JSON.stringify([endpoint, fileId, widths, height, fit, format, quality]);
  useEffect(() => {
    let live = true;
    setUrls(undefined);
    setError(undefined);
    const uploader = createUploader({ endpoint });
    uploader
      .imageUrls({
        fileId,
        ...(widths ? { widths } : {}),
        ...(height ? { height } : {}),
        ...(fit ? { fit } : {}),
        ...(format ? { format } : {}),
        ...(quality ? { quality } : {}),
      })
      .then(
        (u) => live && setUrls(u),
        (e: CarcosaError) => live && setError(e.message),
      );
    return () => {
      live = false;
    };
    // `key` captures every input.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (error) {
    return (
      <span data-carcosa="image-error" role="img" aria-label={props.alt} className={props.className}>
        {error}
      </span>
    );
  }
  if (!urls) {
    return <span data-carcosa="image-loading" aria-busy="true" className={props.className} />;
  }
  return (
    <img
      data-carcosa="image"
      src={urls.src}
      srcSet={urls.srcSet}
      sizes={props.sizes ?? "100vw"}
      alt={props.alt}
      width={props.width}
      height={props.height}
      loading={props.loading ?? "lazy"}
      decoding="async"
      className={props.className}
    />
  );
}
