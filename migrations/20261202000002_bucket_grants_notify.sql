-- Whether a project may upload depends on its team's grant on the project's bucket, and API
-- processes cache that with the key lookup: a grant change must flush their caches like any
-- other change behind a cached entry, so a revoked grant stops new uploads at once.
CREATE TRIGGER bucket_team_access_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bucket_team_access
    FOR EACH STATEMENT EXECUTE FUNCTION carcosa_notify_auth_change();
