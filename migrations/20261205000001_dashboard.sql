-- The dashboard pages a project's uploads newest first by id (UUIDv7, so time order) and
-- filters them; this index serves the keyset page without a sort.
CREATE INDEX uploads_project_page_idx ON uploads (project_id, id DESC);
