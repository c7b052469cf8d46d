-- Named upload routes (`avatar`, `attachments`, …): rules a project's uploads can be presigned
-- under, declared in the app's code with the SDK and pushed here (`carcosa routes push`,
-- `syncRoutes()`), editable through the management API. A route narrows the project's own rules
-- (types, size) and adds its own: files per request, presets made, tenant required, a metadata
-- schema (a JSON Schema subset, checked at presign).
CREATE TABLE upload_routes (
    project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
    content_types text[] NOT NULL CHECK (cardinality(content_types) BETWEEN 1 AND 50),
    max_file_size bigint NOT NULL CHECK (max_file_size > 0),
    max_files integer NOT NULL DEFAULT 1 CHECK (max_files BETWEEN 1 AND 100),
    -- NULL: every preset of the project; '{}': none.
    presets text[] CHECK (presets IS NULL OR cardinality(presets) <= 50),
    tenant_required boolean NOT NULL DEFAULT false,
    metadata_schema jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, name)
);

-- The route an upload was presigned under (no foreign key: a route may be removed while its
-- uploads are in flight; they then get the project's presets).
ALTER TABLE uploads ADD COLUMN route text;
