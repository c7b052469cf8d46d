-- Carcosa's whole data model (DESIGN.md "Data model"). Later migrations add columns; they do not
-- redesign. Ids are UUIDs minted by the application (v7, so they sort by creation time and keep
-- btree inserts local). apalis keeps its own tables in the `apalis` schema.

CREATE TABLE users (
    id          uuid PRIMARY KEY,
    email       text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
    name        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE organizations (
    id          uuid PRIMARY KEY,
    slug        text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organizations_slug_key UNIQUE (slug)
);

CREATE TABLE organization_members (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user_idx ON organization_members (user_id);

CREATE TABLE teams (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug            text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name            text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT teams_org_slug_key UNIQUE (organization_id, slug)
);

CREATE TABLE team_members (
    team_id     uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('admin', 'member')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

-- A customer's bucket. Credentials are sealed (XChaCha20-Poly1305, bucket id as associated data);
-- the key id used to seal them is stored inside each sealed blob.
CREATE TABLE buckets (
    id                uuid PRIMARY KEY,
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    owner_team_id     uuid NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,
    name              text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    provider          text NOT NULL CHECK (provider IN ('s3', 'r2', 'minio', 'embedded', 'other')),
    endpoint          text,
    region            text NOT NULL,
    bucket_name       text NOT NULL,
    force_path_style  boolean NOT NULL DEFAULT false,
    access_key_sealed bytea NOT NULL,
    secret_key_sealed bytea NOT NULL,
    status            text NOT NULL DEFAULT 'unvalidated'
                      CHECK (status IN ('unvalidated', 'active', 'invalid')),
    validated_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT buckets_org_name_key UNIQUE (organization_id, name)
);
CREATE INDEX buckets_owner_team_idx ON buckets (owner_team_id);

CREATE TABLE bucket_team_access (
    bucket_id   uuid NOT NULL REFERENCES buckets (id) ON DELETE CASCADE,
    team_id     uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    access      text NOT NULL CHECK (access IN ('READ_ONLY', 'READ_WRITE', 'ADMIN')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bucket_id, team_id)
);
CREATE INDEX bucket_team_access_team_idx ON bucket_team_access (team_id);

-- Upload rules live in columns (they are read on every presign); the transform policy is a
-- document the image pipeline owns.
CREATE TABLE projects (
    id                    uuid PRIMARY KEY,
    team_id               uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    bucket_id             uuid NOT NULL REFERENCES buckets (id) ON DELETE RESTRICT,
    slug                  text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name                  text NOT NULL,
    max_upload_bytes      bigint NOT NULL DEFAULT 20971520 CHECK (max_upload_bytes > 0),
    allowed_content_types text[] NOT NULL DEFAULT ARRAY['image/*'],
    upload_url_ttl_secs   integer CHECK (upload_url_ttl_secs BETWEEN 60 AND 604800),
    transform_policy      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT projects_team_slug_key UNIQUE (team_id, slug)
);
CREATE INDEX projects_bucket_idx ON projects (bucket_id);

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    slug        text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tenants_project_slug_key UNIQUE (project_id, slug)
);

-- `prefix` is the public half of the key (shown in lists, used to find the row); only a hash of
-- the secret half is stored.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    project_id   uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name         text NOT NULL,
    prefix       text NOT NULL,
    secret_hash  bytea NOT NULL CHECK (length(secret_hash) = 32),
    permissions  text[] NOT NULL CHECK (cardinality(permissions) > 0),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT api_keys_prefix_key UNIQUE (prefix)
);
CREATE INDEX api_keys_project_idx ON api_keys (project_id);

CREATE TABLE uploads (
    id               uuid PRIMARY KEY,
    project_id       uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    tenant_id        uuid REFERENCES tenants (id) ON DELETE CASCADE,
    bucket_id        uuid NOT NULL REFERENCES buckets (id) ON DELETE RESTRICT,
    object_key       text NOT NULL,
    filename         text NOT NULL,
    content_type     text NOT NULL,
    size             bigint NOT NULL CHECK (size > 0),
    metadata         jsonb NOT NULL DEFAULT '{}'::jsonb,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'verifying', 'processing', 'ready', 'failed', 'expired')),
    failure_reason   text,
    idempotency_key  text,
    expires_at       timestamptz NOT NULL,
    completed_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uploads_failure_reason_ck CHECK ((status = 'failed') = (failure_reason IS NOT NULL)),
    CONSTRAINT uploads_object_key_key UNIQUE (object_key)
);
CREATE INDEX uploads_project_created_idx ON uploads (project_id, created_at DESC);
CREATE UNIQUE INDEX uploads_idempotency_idx ON uploads (project_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- The expiry sweep only ever looks at pending rows past their expiry.
CREATE INDEX uploads_pending_expiry_idx ON uploads (expires_at) WHERE status = 'pending';

CREATE TABLE files (
    id            uuid PRIMARY KEY,
    project_id    uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    tenant_id     uuid REFERENCES tenants (id) ON DELETE CASCADE,
    upload_id     uuid NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    bucket_id     uuid NOT NULL REFERENCES buckets (id) ON DELETE RESTRICT,
    object_key    text NOT NULL,
    filename      text NOT NULL,
    size          bigint NOT NULL CHECK (size >= 0),
    content_type  text NOT NULL,
    etag          text,
    width         integer,
    height        integer,
    sha256        bytea,
    metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT files_upload_key UNIQUE (upload_id)
);
-- Cursor pagination, newest first: ids are UUIDv7, so id order is creation order and the cursor
-- is simply the last id seen.
CREATE INDEX files_project_page_idx ON files (project_id, id DESC);
CREATE INDEX files_tenant_page_idx ON files (project_id, tenant_id, id DESC)
    WHERE tenant_id IS NOT NULL;

CREATE TABLE variants (
    id          uuid PRIMARY KEY,
    file_id     uuid NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    transform   text NOT NULL,
    object_key  text NOT NULL,
    format      text NOT NULL,
    size        bigint NOT NULL CHECK (size >= 0),
    width       integer,
    height      integer,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT variants_file_transform_key UNIQUE (file_id, transform)
);

-- Raw usage events, folded into usage_daily by the roll-up job and then pruned.
CREATE TABLE usage_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    tenant_id   uuid REFERENCES tenants (id) ON DELETE CASCADE,
    kind        text NOT NULL,
    bytes       bigint NOT NULL DEFAULT 0,
    count       integer NOT NULL DEFAULT 1,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX usage_events_at_idx ON usage_events (at);

CREATE TABLE usage_daily (
    project_id        uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    tenant_id         uuid REFERENCES tenants (id) ON DELETE CASCADE,
    day               date NOT NULL,
    uploads_count     bigint NOT NULL DEFAULT 0,
    uploads_bytes     bigint NOT NULL DEFAULT 0,
    deleted_count     bigint NOT NULL DEFAULT 0,
    deleted_bytes     bigint NOT NULL DEFAULT 0,
    variants_count    bigint NOT NULL DEFAULT 0,
    variants_bytes    bigint NOT NULL DEFAULT 0,
    transforms_count  bigint NOT NULL DEFAULT 0,
    downloads_count   bigint NOT NULL DEFAULT 0,
    CONSTRAINT usage_daily_key UNIQUE NULLS NOT DISTINCT (project_id, tenant_id, day)
);

CREATE TABLE audit_logs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id      uuid REFERENCES projects (id) ON DELETE SET NULL,
    actor_type      text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'cli')),
    actor_id        text NOT NULL,
    action          text NOT NULL,
    target_type     text NOT NULL,
    target_id       text NOT NULL,
    ip              inet,
    metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_org_at_idx ON audit_logs (organization_id, at DESC);
CREATE INDEX audit_logs_project_at_idx ON audit_logs (project_id, at DESC) WHERE project_id IS NOT NULL;

CREATE TABLE webhooks (
    id              uuid PRIMARY KEY,
    project_id      uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    url             text NOT NULL,
    events          text[] NOT NULL,
    secret_sealed   bytea NOT NULL,
    enabled         boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_project_idx ON webhooks (project_id);

CREATE TABLE webhook_deliveries (
    id              uuid PRIMARY KEY,
    webhook_id      uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_type      text NOT NULL,
    payload         jsonb NOT NULL,
    status          text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    response_status integer,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, created_at DESC);
