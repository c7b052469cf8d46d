-- Accounts and the management plane (issue #11): passwords and sessions, viewer roles,
-- invitations, soft deletes, per-project rate-limit overrides, and the audit log's full shape.

ALTER TABLE users
    ADD COLUMN password_hash       text,
    ADD COLUMN password_changed_at timestamptz;

ALTER TABLE organization_members DROP CONSTRAINT organization_members_role_check;
ALTER TABLE organization_members ADD CONSTRAINT organization_members_role_check
    CHECK (role IN ('owner', 'admin', 'member', 'viewer'));
ALTER TABLE team_members DROP CONSTRAINT team_members_role_check;
ALTER TABLE team_members ADD CONSTRAINT team_members_role_check
    CHECK (role IN ('admin', 'member', 'viewer'));

-- A signed-in browser. The cookie holds a random 256-bit token; only its SHA-256 is stored, so
-- a copy of this table signs nobody in. A session ends at `expires_at` (absolute), after
-- `auth.session_idle_secs` without use (`last_seen_at`), or when revoked.
CREATE TABLE sessions (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash    bytea NOT NULL CHECK (length(token_hash) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    ip            inet,
    user_agent    text,
    CONSTRAINT sessions_token_key UNIQUE (token_hash)
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC);

-- Single-use invitations to an organization (and optionally one of its teams). Only the token's
-- hash is stored; the token is shown once to whoever invites.
CREATE TABLE invitations (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
    role            text NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
    team_id         uuid REFERENCES teams (id) ON DELETE CASCADE,
    team_role       text CHECK (team_role IN ('admin', 'member', 'viewer')),
    token_hash      bytea NOT NULL CHECK (length(token_hash) = 32),
    invited_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    accepted_at     timestamptz,
    accepted_by     uuid REFERENCES users (id) ON DELETE SET NULL,
    revoked_at      timestamptz,
    CONSTRAINT invitations_token_key UNIQUE (token_hash),
    CONSTRAINT invitations_team_role_ck CHECK ((team_id IS NULL) = (team_role IS NULL))
);
CREATE INDEX invitations_org_idx ON invitations (organization_id, created_at DESC);

-- Projects and tenants hold files, so they are deleted softly: the row stays (files, usage and
-- the audit trail keep pointing at it), its keys are revoked, and it disappears from listings.
ALTER TABLE projects ADD COLUMN deleted_at timestamptz;
ALTER TABLE tenants ADD COLUMN deleted_at timestamptz;

-- Per-project rate-limit overrides: tier name (read, standard, write, expensive, delete, admin)
-- → requests per hour. Tiers not named keep the configured defaults.
ALTER TABLE projects ADD COLUMN rate_limits jsonb NOT NULL DEFAULT '{}'::jsonb
    CHECK (jsonb_typeof(rate_limits) = 'object');

-- The audit log outlives what it talks about: no foreign keys (a deleted organization's or
-- project's trail stays readable to whoever keeps the database), and no row is ever changed.
-- Rows are removed only by the retention prune, which says so with `carcosa.audit_prune`.
ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_organization_id_fkey;
ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_project_id_fkey;
ALTER TABLE audit_logs ALTER COLUMN organization_id DROP NOT NULL;
ALTER TABLE audit_logs
    ADD COLUMN team_id        uuid,
    ADD COLUMN actor_label    text NOT NULL DEFAULT '',
    ADD COLUMN target_name    text,
    ADD COLUMN outcome        text NOT NULL DEFAULT 'success'
                              CHECK (outcome IN ('success', 'denied', 'error')),
    ADD COLUMN user_agent     text,
    ADD COLUMN request_id     text,
    ADD COLUMN diff           jsonb,
    ADD COLUMN schema_version smallint NOT NULL DEFAULT 1;
DROP INDEX audit_logs_org_at_idx;
CREATE INDEX audit_logs_org_page_idx ON audit_logs (organization_id, at DESC, id DESC);
CREATE INDEX audit_logs_at_idx ON audit_logs (at);

CREATE FUNCTION carcosa_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('carcosa.audit_prune', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_logs is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION carcosa_audit_append_only();

