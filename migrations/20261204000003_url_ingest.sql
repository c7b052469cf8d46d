-- URL imports: an upload whose bytes a worker fetches from `source_url` (behind the outbound
-- guard) instead of a client PUT. Its size and type are unknown until the fetch: such an upload
-- is `pending` with size 0 until the worker has stored the bytes and recorded what arrived.
ALTER TABLE uploads ADD COLUMN source_url text CHECK (length(source_url) <= 2048);
-- Words for a failure code that needs them (why an import could not be fetched).
ALTER TABLE uploads ADD COLUMN failure_detail text;
ALTER TABLE uploads DROP CONSTRAINT uploads_size_check;
ALTER TABLE uploads ADD CONSTRAINT uploads_size_check
    CHECK (size > 0 OR (size = 0 AND source_url IS NOT NULL AND status IN ('pending', 'failed', 'expired')));
