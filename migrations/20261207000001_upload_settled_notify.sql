-- Every upload that reaches a terminal state (or whose file is deleted) says so on the
-- `carcosa_upload_settled` channel, inside the transaction that made the change: Postgres
-- delivers a NOTIFY if and only if its transaction commits. The API's WebSocket hub uses it as a
-- fallback for the Redis event, which is published by whichever process made the change *after*
-- the commit and is lost if that process dies in between (the chaos soak caught a worker killed
-- between its commit and its publish: a follower on another API process never learnt the upload
-- was ready). Payload: `<upload id> <sequence number>` (50 terminal, 60 file deleted; see
-- `carcosa_common::events`).
CREATE FUNCTION carcosa_upload_settled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('carcosa_upload_settled',
                      NEW.id::text || ' ' || CASE WHEN NEW.deleted_file_id IS NULL THEN '50' ELSE '60' END);
    RETURN NULL;
END
$$;

CREATE TRIGGER uploads_settled
    AFTER UPDATE OF status, deleted_file_id ON uploads
    FOR EACH ROW
    WHEN (NEW.status IN ('ready', 'failed', 'expired')
          AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_file_id IS DISTINCT FROM NEW.deleted_file_id))
    EXECUTE FUNCTION carcosa_upload_settled();
