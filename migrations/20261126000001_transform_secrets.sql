-- Per-project secret that signs on-demand transform URLs (HMAC-SHA256). 32 random bytes from two
-- v4 UUIDs (244 random bits; gen_random_uuid is built in since PostgreSQL 13, pgcrypto is not
-- needed). Existing projects get their own secret when the column is added; rotate with
-- `carcosa admin project rotate-transform-secret`.
ALTER TABLE projects
    ADD COLUMN transform_secret bytea NOT NULL
        DEFAULT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex');
