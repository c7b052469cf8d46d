-- Hardening (#10).
--
-- Staging keys: a presigned PUT only ever targets `…/{upload}/_incoming/{name}`; the worker
-- verifies the staging object, copies it to `object_key` and deletes it. Uploads presigned before
-- this migration have no staging key and are verified in place, as before.
-- `staging_swept_at`: when the sweep deleted whatever a client could still have PUT to the
-- staging key (once the URL expired), so no URL a client held can leave an orphan object.
ALTER TABLE uploads
    ADD COLUMN staging_key text,
    ADD COLUMN staging_swept_at timestamptz,
    -- SHA-256 of the create request's fields: an idempotent replay must match it exactly.
    ADD COLUMN idempotency_fingerprint bytea;

CREATE INDEX uploads_staging_unswept_idx ON uploads (expires_at)
    WHERE staging_key IS NOT NULL AND staging_swept_at IS NULL;

-- Renders that failed, remembered for a while so a failing URL is answered from here instead of
-- being rendered again on every request.
CREATE TABLE transform_failures (
    file_id    uuid NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    transform  text NOT NULL,
    reason     text NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (file_id, transform)
);
CREATE INDEX transform_failures_failed_at_idx ON transform_failures (failed_at);
