-- Resumable multipart uploads. A multipart upload is an upload like any other (same row, same
-- lifecycle, same staging key), plus the S3 multipart upload id and the part layout fixed at
-- presign time: every part but the last is exactly `part_size` bytes, and each part URL signs its
-- exact length, so the declared size is enforced part by part.
ALTER TABLE uploads
    ADD COLUMN multipart_id text,
    ADD COLUMN part_size bigint,
    ADD COLUMN part_count integer,
    ADD CONSTRAINT uploads_multipart_shape CHECK (
        (multipart_id IS NULL) = (part_size IS NULL)
        AND (part_size IS NULL) = (part_count IS NULL)
        AND (part_count IS NULL OR part_count BETWEEN 1 AND 10000)
        AND (part_size IS NULL OR part_size >= 5242880)
    );

-- Quotas count the bytes of multipart uploads still in flight; this finds them per project.
CREATE INDEX uploads_multipart_in_flight ON uploads (project_id)
    WHERE multipart_id IS NOT NULL AND status = 'pending';

-- Uploads at or above this size are presigned as multipart (5 MiB to 5 GiB; default 64 MiB).
-- A project's upload limit may now reach S3's object limit of 5 TiB (multipart only).
ALTER TABLE projects
    ADD COLUMN multipart_threshold_bytes bigint NOT NULL DEFAULT 67108864
        CHECK (multipart_threshold_bytes BETWEEN 5242880 AND 5368709120);
