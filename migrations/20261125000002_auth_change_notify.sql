-- API processes cache API-key lookups (key + project rules + bucket version) in memory. Any change
-- to the rows behind a cached entry notifies them to drop their caches, whoever made the change
-- (the CLI, another replica, an operator in psql). Statement-level: one notification per
-- statement, however many rows it touched. Inserts need no notification (caches never hold
-- negative entries).
CREATE FUNCTION carcosa_notify_auth_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('carcosa_auth_changed', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

-- Not on last_used_at: the API itself bumps it, and that must not flush every cache.
CREATE TRIGGER api_keys_auth_changed
    AFTER UPDATE OF project_id, prefix, secret_hash, permissions, expires_at, revoked_at OR DELETE OR TRUNCATE
    ON api_keys FOR EACH STATEMENT EXECUTE FUNCTION carcosa_notify_auth_change();
CREATE TRIGGER projects_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON projects
    FOR EACH STATEMENT EXECUTE FUNCTION carcosa_notify_auth_change();
CREATE TRIGGER buckets_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON buckets
    FOR EACH STATEMENT EXECUTE FUNCTION carcosa_notify_auth_change();
CREATE TRIGGER teams_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON teams
    FOR EACH STATEMENT EXECUTE FUNCTION carcosa_notify_auth_change();
