/** Named upload routes, declared in your code:
 *
 * ```ts
 * export const uploadRouter = createRouter({
 *   avatar: { contentTypes: ["image/*"], maxFileSize: "4MiB", maxFiles: 1, presets: ["thumb"] },
 *   attachments: { contentTypes: ["application/pdf"], maxFileSize: "20MiB", maxFiles: 10, tenantRequired: true },
 * });
 * export type UploadRouter = typeof uploadRouter;
 * ```
 *
 * The request handler enforces each route's rules before it asks Carcosa for an upload (with the
 * project's own rules enforced again by Carcosa), and the React hooks are typed by route name:
 * `useUpload<UploadRouter>({ route: "avatar" })`. */

/** A size: bytes, or a string like `"4MiB"`, `"500KB"`, `"2GB"`. */
export type Size = number | `${number}${"B" | "KB" | "KiB" | "MB" | "MiB" | "GB" | "GiB"}`;

/** A subset of JSON Schema for a route's metadata: an object of typed properties. */
export interface MetadataSchema {
  type: "object";
  properties: Record<string, PropertySchema>;
  required?: string[];
  additionalProperties?: boolean;
}

/** One property of a metadata schema. */
export type PropertySchema =
  | { type: "string"; minLength?: number; maxLength?: number; enum?: string[] }
  | { type: "integer" | "number"; minimum?: number; maximum?: number }
  | { type: "boolean" };

/** One named route. */
export interface RouteDefinition {
  /** Accepted types, exact or `type/*` (e.g. `["image/*"]`). */
  contentTypes: string[];
  /** Largest file. */
  maxFileSize: Size;
  /** Files per request (default 1). */
  maxFiles?: number;
  /** Presets made for each file (must exist in the project). */
  presets?: string[];
  /** Whether each upload must belong to a tenant (your `authorize` returns it). */
  tenantRequired?: boolean;
  /** Schema the upload's metadata must satisfy. */
  metadata?: MetadataSchema;
}

/** A set of named routes. */
export type RouterDefinition = Record<string, RouteDefinition>;

/** Declares your upload routes (returns them unchanged, typed). */
export function createRouter<const R extends RouterDefinition>(routes: R): R {
  for (const [name, route] of Object.entries(routes)) {
    if (!/^[a-z][a-z0-9_-]{0,62}$/.test(name)) {
      throw new TypeError(`route name ${JSON.stringify(name)}: lowercase letters, digits, '-' or '_'`);
    }
    parseSize(route.maxFileSize);
    if (route.contentTypes.length === 0) throw new TypeError(`route ${name}: contentTypes is empty`);
  }
  return routes;
}

/** A route as Carcosa's API stores it (`PUT /v1/projects/{project}/upload-routes`). */
export interface RouteRules {
  content_types: string[];
  max_file_size: number;
  max_files: number;
  presets?: string[] | null;
  tenant_required: boolean;
  metadata?: MetadataSchema | null;
}

/** The API form of one route definition. */
export function toRules(route: RouteDefinition): RouteRules {
  return {
    content_types: route.contentTypes,
    max_file_size: parseSize(route.maxFileSize),
    max_files: route.maxFiles ?? 1,
    ...(route.presets ? { presets: route.presets } : {}),
    tenant_required: route.tenantRequired ?? false,
    ...(route.metadata ? { metadata: route.metadata } : {}),
  };
}

/** The route names of a router type. */
export type RouteName<R extends RouterDefinition> = Extract<keyof R, string>;

const UNITS: Record<string, number> = {
  B: 1,
  KB: 1000,
  KiB: 1024,
  MB: 1000 ** 2,
  MiB: 1024 ** 2,
  GB: 1000 ** 3,
  GiB: 1024 ** 3,
};

/** Bytes of a {@link Size}. */
export function parseSize(size: Size): number {
  if (typeof size === "number") {
    if (!Number.isInteger(size) || size <= 0) throw new TypeError(`size ${size}: a positive whole number of bytes`);
    return size;
  }
  const m = /^(\d+(?:\.\d+)?)(B|KB|KiB|MB|MiB|GB|GiB)$/.exec(size);
  if (!m) throw new TypeError(`size ${JSON.stringify(size)}: write it like "4MiB" or "500KB"`);
  return Math.floor(Number(m[1]) * UNITS[m[2]!]!);
}

/** Whether `type` is accepted by `patterns` (`image/*` matches `image/png`). */
export function typeAccepted(type: string, patterns: string[]): boolean {
  const t = type.toLowerCase();
  return patterns.some((p) => {
    const q = p.toLowerCase();
    return q === "*/*" || q === t || (q.endsWith("/*") && t.startsWith(q.slice(0, -1)));
  });
}

/** Checks metadata against a schema; returns the first problem as `{ field, message }`. */
export function checkMetadata(
  schema: MetadataSchema | undefined,
  metadata: Record<string, unknown> | undefined,
): { field: string; message: string } | undefined {
  if (!schema) return undefined;
  const value = metadata ?? {};
  for (const name of schema.required ?? []) {
    if (!(name in value)) return { field: `metadata.${name}`, message: `metadata.${name} is required` };
  }
  for (const [name, v] of Object.entries(value)) {
    const prop = schema.properties[name];
    const field = `metadata.${name}`;
    if (!prop) {
      if (schema.additionalProperties === false) return { field, message: `${field} is not allowed` };
      continue;
    }
    switch (prop.type) {
      case "string":
        if (typeof v !== "string") return { field, message: `${field} must be a string` };
        if (prop.minLength !== undefined && v.length < prop.minLength)
          return { field, message: `${field} must be at least ${prop.minLength} characters` };
        if (prop.maxLength !== undefined && v.length > prop.maxLength)
          return { field, message: `${field} must be at most ${prop.maxLength} characters` };
        if (prop.enum && !prop.enum.includes(v)) return { field, message: `${field} must be one of ${prop.enum.join(", ")}` };
        break;
      case "integer":
      case "number":
        if (typeof v !== "number" || !Number.isFinite(v) || (prop.type === "integer" && !Number.isInteger(v)))
          return { field, message: `${field} must be ${prop.type === "integer" ? "an integer" : "a number"}` };
        if (prop.minimum !== undefined && v < prop.minimum) return { field, message: `${field} must be at least ${prop.minimum}` };
        if (prop.maximum !== undefined && v > prop.maximum) return { field, message: `${field} must be at most ${prop.maximum}` };
        break;
      case "boolean":
        if (typeof v !== "boolean") return { field, message: `${field} must be true or false` };
        break;
    }
  }
  return undefined;
}
