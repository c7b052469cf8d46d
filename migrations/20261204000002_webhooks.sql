-- Webhooks: per-project endpoints, a transactional outbox of events, and every delivery with
-- every attempt.
--
-- Events are written by triggers in the transaction that changes the upload or deletes the file,
-- so an event exists exactly when its change committed (never lost, never invented). Workers
-- turn each event into one delivery per subscribed endpoint (claiming events with SKIP LOCKED, in
-- the transaction that writes the deliveries and queues their jobs), and deliver at least once.

-- The data model's first sketch (`webhooks`, `webhook_deliveries`) was never used by any code
-- and holds no rows; it is replaced by the tables below.
DROP TABLE webhook_deliveries;
DROP TABLE webhooks;

CREATE TABLE webhook_endpoints (
    id uuid PRIMARY KEY,
    project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    events text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 20),
    enabled boolean NOT NULL DEFAULT true,
    -- `whsec_…`, sealed with the credentials key (as bucket secrets are).
    secret_sealed bytea NOT NULL,
    -- The secret before the last rotation: deliveries carry its signature too until it expires.
    previous_secret_sealed bytea,
    previous_secret_expires_at timestamptz,
    -- Why Carcosa switched it off (410 Gone, failing for days); cleared when re-enabled.
    disabled_reason text,
    disabled_at timestamptz,
    -- First failed delivery since the last success.
    failing_since timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_project ON webhook_endpoints (project_id);

CREATE TABLE webhook_events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL,
    type text NOT NULL,
    upload_id uuid,
    file_id uuid,
    -- What the trigger knew (the rest is read when the event is dispatched).
    data jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    dispatched_at timestamptz
);
CREATE INDEX webhook_events_undispatched ON webhook_events (created_at) WHERE dispatched_at IS NULL;

CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY,
    endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    project_id uuid NOT NULL,
    event_id uuid,
    type text NOT NULL,
    payload jsonb NOT NULL,
    -- pending: being delivered or waiting for a retry; delivered; failed: given up.
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    -- Attempts in all, shown to people.
    attempts integer NOT NULL DEFAULT 0,
    -- A replay starts a new series of attempts on the retry schedule; a job of an older series,
    -- or a duplicate of an attempt already recorded, changes nothing.
    series integer NOT NULL DEFAULT 1,
    series_attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_status integer,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz,
    -- One delivery per event and endpoint, however often the event is dispatched.
    UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
    id bigserial PRIMARY KEY,
    delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    started_at timestamptz NOT NULL,
    -- NULL when no answer came (refused, timeout, blocked by the outbound guard).
    status_code integer,
    latency_ms integer NOT NULL,
    -- The first 1 KiB of the answer.
    response_excerpt text,
    error text
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt);

-- upload.ready / upload.failed / upload.expired, in the transaction that moved the upload.
CREATE FUNCTION carcosa_webhook_upload_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('ready', 'failed', 'expired')
       AND EXISTS (SELECT 1 FROM webhook_endpoints e
                   WHERE e.project_id = NEW.project_id AND e.enabled) THEN
        INSERT INTO webhook_events (project_id, type, upload_id)
        VALUES (NEW.project_id, 'upload.' || NEW.status, NEW.id);
        PERFORM pg_notify('carcosa_webhook_events', '');
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER uploads_webhook_event AFTER UPDATE OF status ON uploads
    FOR EACH ROW EXECUTE FUNCTION carcosa_webhook_upload_event();

-- file.deleted, with what the deleted row held (it is gone by the time the event is sent).
CREATE FUNCTION carcosa_webhook_file_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.project_id = OLD.project_id AND e.enabled) THEN
        INSERT INTO webhook_events (project_id, type, upload_id, file_id, data)
        VALUES (OLD.project_id, 'file.deleted', OLD.upload_id, OLD.id,
                jsonb_build_object('file', jsonb_build_object(
                    'id', OLD.id, 'upload_id', OLD.upload_id, 'tenant_id', OLD.tenant_id,
                    'filename', OLD.filename, 'content_type', OLD.content_type, 'size', OLD.size,
                    'object_key', OLD.object_key, 'metadata', OLD.metadata)));
        PERFORM pg_notify('carcosa_webhook_events', '');
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER files_webhook_event AFTER DELETE ON files
    FOR EACH ROW EXECUTE FUNCTION carcosa_webhook_file_event();
