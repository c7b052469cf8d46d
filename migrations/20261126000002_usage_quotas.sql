-- Usage roll-ups and per-project quotas.
--
-- Quotas are nullable columns on projects (NULL = unlimited). They are read on every presign
-- through the API key cache, which the projects trigger already invalidates.
ALTER TABLE projects
    ADD COLUMN quota_max_stored_bytes      bigint CHECK (quota_max_stored_bytes > 0),
    ADD COLUMN quota_max_files             bigint CHECK (quota_max_files > 0),
    ADD COLUMN quota_max_transforms_month  bigint CHECK (quota_max_transforms_month > 0);

-- What a project stores right now, kept by a trigger on files so that every path that adds or
-- removes a file row (verification, DELETE /v1/files, a tenant or project cascade, an operator in
-- psql) keeps it exact. A presign reads one row by primary key instead of summing files.
CREATE TABLE project_storage (
    project_id  uuid PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    files       bigint NOT NULL DEFAULT 0,
    bytes       bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION carcosa_project_storage() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO project_storage AS s (project_id, files, bytes)
        VALUES (NEW.project_id, 1, NEW.size)
        ON CONFLICT (project_id) DO UPDATE SET files = s.files + 1, bytes = s.bytes + NEW.size;
    ELSE
        -- A project being deleted takes its project_storage row with it; updating a row that
        -- is already gone is simply a no-op.
        UPDATE project_storage SET files = files - 1, bytes = bytes - OLD.size
        WHERE project_id = OLD.project_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER files_project_storage AFTER INSERT OR DELETE ON files
    FOR EACH ROW EXECUTE FUNCTION carcosa_project_storage();

INSERT INTO project_storage (project_id, files, bytes)
SELECT project_id, count(*), coalesce(sum(size), 0) FROM files GROUP BY project_id
ON CONFLICT (project_id) DO UPDATE SET files = EXCLUDED.files, bytes = EXCLUDED.bytes;

-- The usage endpoint and the transform quota read a project's not-yet-folded events.
DROP INDEX usage_events_at_idx;
CREATE INDEX usage_events_project_at_idx ON usage_events (project_id, at);
