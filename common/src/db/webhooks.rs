//! Webhook endpoints, the event outbox, deliveries and their attempts (see the migration
//! `webhooks.sql` for how events are written).

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::domain::{DeliveryId, FileId, ProjectId, UploadId, WebhookId};

/// An endpoint as its owners see it (never its secret).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Endpoint {
    /// Id.
    pub id: WebhookId,
    /// The project.
    pub project_id: ProjectId,
    /// Where deliveries are POSTed.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// Subscribed event types.
    pub events: Vec<String>,
    /// Whether deliveries are made.
    pub enabled: bool,
    /// Why Carcosa switched it off (`410 Gone`, failing for days).
    pub disabled_reason: Option<String>,
    /// When it was switched off.
    pub disabled_at: Option<DateTime<Utc>>,
    /// First failed delivery since the last success.
    pub failing_since: Option<DateTime<Utc>>,
    /// Until when the previous secret still signs deliveries (after a rotation).
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

macro_rules! select_endpoint {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            Endpoint,
            r#"SELECT id AS "id: WebhookId", project_id AS "project_id: ProjectId", url, description, events,
                      enabled, disabled_reason, disabled_at, failing_since, previous_secret_expires_at,
                      created_at, updated_at
               FROM webhook_endpoints "# + $tail
            $(, $arg)*
        )
    };
}

/// A new endpoint.
#[derive(Debug)]
pub struct NewEndpoint<'a> {
    /// Id.
    pub id: WebhookId,
    /// Project.
    pub project: ProjectId,
    /// URL (checked by the caller).
    pub url: &'a str,
    /// Description.
    pub description: &'a str,
    /// Event types.
    pub events: &'a [String],
    /// Enabled.
    pub enabled: bool,
    /// The sealed `whsec_` secret.
    pub secret_sealed: &'a [u8],
}

/// Inserts an endpoint.
pub async fn insert(db: impl PgExecutor<'_>, e: &NewEndpoint<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO webhook_endpoints (id, project_id, url, description, events, enabled, secret_sealed)
           VALUES ($1, $2, $3, $4, $5, $6, $7)"#,
        e.id.0,
        e.project.0,
        e.url,
        e.description,
        e.events,
        e.enabled,
        e.secret_sealed
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A project's endpoints, oldest first.
pub async fn list(db: impl PgExecutor<'_>, project: ProjectId) -> sqlx::Result<Vec<Endpoint>> {
    select_endpoint!("WHERE project_id = $1 ORDER BY created_at, id", project.0)
        .fetch_all(db)
        .await
}

/// How many endpoints a project has.
pub async fn count(db: impl PgExecutor<'_>, project: ProjectId) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM webhook_endpoints WHERE project_id = $1"#,
        project.0
    )
    .fetch_one(db)
    .await
}

/// One endpoint of the project.
pub async fn get(db: impl PgExecutor<'_>, project: ProjectId, id: WebhookId) -> sqlx::Result<Option<Endpoint>> {
    select_endpoint!("WHERE project_id = $1 AND id = $2", project.0, id.0)
        .fetch_optional(db)
        .await
}

/// One endpoint of the project, locked for a change.
pub async fn get_for_update(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    id: WebhookId,
) -> sqlx::Result<Option<Endpoint>> {
    select_endpoint!("WHERE project_id = $1 AND id = $2 FOR UPDATE", project.0, id.0)
        .fetch_optional(db)
        .await
}

/// Stores an endpoint's editable fields. Enabling it clears why it was switched off.
pub async fn save(db: impl PgExecutor<'_>, e: &Endpoint) -> sqlx::Result<()> {
    sqlx::query!(
        r#"UPDATE webhook_endpoints
           SET url = $2, description = $3, events = $4, enabled = $5, updated_at = now(),
               disabled_reason = CASE WHEN $5 THEN NULL ELSE disabled_reason END,
               disabled_at = CASE WHEN $5 THEN NULL ELSE disabled_at END,
               failing_since = CASE WHEN $5 AND NOT enabled THEN NULL ELSE failing_since END
           WHERE id = $1"#,
        e.id.0,
        e.url,
        e.description,
        &e.events,
        e.enabled
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes an endpoint (its deliveries go with it). True if it existed.
pub async fn delete(db: impl PgExecutor<'_>, project: ProjectId, id: WebhookId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "DELETE FROM webhook_endpoints WHERE project_id = $1 AND id = $2",
        project.0,
        id.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes `new_sealed` the secret; the old one keeps signing until `grace_until`.
pub async fn rotate_secret(
    db: impl PgExecutor<'_>,
    id: WebhookId,
    new_sealed: &[u8],
    grace_until: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"UPDATE webhook_endpoints
           SET previous_secret_sealed = secret_sealed, previous_secret_expires_at = $3,
               secret_sealed = $2, updated_at = now()
           WHERE id = $1"#,
        id.0,
        new_sealed,
        grace_until
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Every endpoint's sealed secrets (for re-sealing under a new credentials key).
pub async fn all_sealed(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<(WebhookId, Vec<u8>, Option<Vec<u8>>)>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id: WebhookId", secret_sealed, previous_secret_sealed FROM webhook_endpoints ORDER BY id"#
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.secret_sealed, r.previous_secret_sealed))
        .collect())
}

/// Replaces one endpoint's sealed secrets.
pub async fn reseal(
    db: impl PgExecutor<'_>,
    id: WebhookId,
    current: &[u8],
    previous: Option<&[u8]>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE webhook_endpoints SET secret_sealed = $2, previous_secret_sealed = $3 WHERE id = $1",
        id.0,
        current,
        previous
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Switches an endpoint off with a reason its owners will see.
pub async fn disable(db: impl PgExecutor<'_>, id: WebhookId, reason: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = now(), updated_at = now()
           WHERE id = $1 AND enabled"#,
        id.0,
        reason
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a failed delivery; returns since when the endpoint has been failing.
pub async fn mark_failing(db: impl PgExecutor<'_>, id: WebhookId) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        r#"UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now())
           WHERE id = $1 RETURNING failing_since"#,
        id.0
    )
    .fetch_optional(db)
    .await
    .map(Option::flatten)
}

/// Records a successful delivery.
pub async fn mark_healthy(db: impl PgExecutor<'_>, id: WebhookId) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL",
        id.0
    )
    .execute(db)
    .await?;
    Ok(())
}

/// An event waiting to be turned into deliveries.
#[derive(Debug, Clone)]
pub struct OutboxEvent {
    /// Id.
    pub id: Uuid,
    /// Project.
    pub project_id: ProjectId,
    /// `upload.ready`, `file.deleted`, …
    pub r#type: String,
    /// The upload it is about.
    pub upload_id: Option<UploadId>,
    /// The file it is about.
    pub file_id: Option<FileId>,
    /// What the trigger captured.
    pub data: serde_json::Value,
    /// When it happened.
    pub created_at: DateTime<Utc>,
}

/// Claims up to `limit` undispatched events, oldest first (other workers skip them until the
/// transaction ends).
pub async fn claim_events(db: impl PgExecutor<'_>, limit: i64) -> sqlx::Result<Vec<OutboxEvent>> {
    sqlx::query_as!(
        OutboxEvent,
        r#"SELECT id, project_id AS "project_id: ProjectId", type AS "type", upload_id AS "upload_id: UploadId",
                  file_id AS "file_id: FileId", data, created_at
           FROM webhook_events WHERE dispatched_at IS NULL
           ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED"#,
        limit
    )
    .fetch_all(db)
    .await
}

/// Marks events dispatched.
pub async fn mark_dispatched(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE webhook_events SET dispatched_at = now() WHERE id = ANY($1)",
        ids
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes dispatched events older than `days`.
pub async fn prune_events(db: impl PgExecutor<'_>, days: i32) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "DELETE FROM webhook_events WHERE dispatched_at < now() - make_interval(days => $1)",
        days
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes finished deliveries (and their attempts) older than `days`; returns how many.
pub async fn prune_deliveries(db: impl PgExecutor<'_>, days: i32) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        r#"DELETE FROM webhook_deliveries
           WHERE status IN ('delivered', 'failed') AND created_at < now() - make_interval(days => $1)"#,
        days
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// The enabled endpoints of `project` subscribed to `event_type`.
pub async fn subscribers(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    event_type: &str,
) -> sqlx::Result<Vec<WebhookId>> {
    sqlx::query_scalar!(
        r#"SELECT id AS "id: WebhookId" FROM webhook_endpoints
           WHERE project_id = $1 AND enabled AND $2 = ANY(events)"#,
        project.0,
        event_type
    )
    .fetch_all(db)
    .await
}

/// Records a delivery of an event to an endpoint; false if that pair already has one.
pub async fn insert_delivery(
    db: impl PgExecutor<'_>,
    id: DeliveryId,
    endpoint: WebhookId,
    project: ProjectId,
    event: Option<Uuid>,
    event_type: &str,
    payload: &serde_json::Value,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"INSERT INTO webhook_deliveries (id, endpoint_id, project_id, event_id, type, payload, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())
           ON CONFLICT (event_id, endpoint_id) DO NOTHING"#,
        id.0,
        endpoint.0,
        project.0,
        event,
        event_type,
        payload
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What an attempt needs: the delivery, its endpoint and the endpoint's sealed secrets.
#[derive(Debug, Clone)]
pub struct AttemptRow {
    /// Delivery.
    pub id: DeliveryId,
    /// Endpoint.
    pub endpoint_id: WebhookId,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// Current series.
    pub series: i32,
    /// Attempts made in it.
    pub series_attempts: i32,
    /// The body to send.
    pub payload: serde_json::Value,
    /// Endpoint URL.
    pub url: String,
    /// Whether the endpoint is on.
    pub enabled: bool,
    /// Current secret (sealed).
    pub secret_sealed: Vec<u8>,
    /// Previous secret (sealed), while it still signs.
    pub previous_secret_sealed: Option<Vec<u8>>,
}

/// A delivery with what its next attempt needs.
pub async fn for_attempt(db: impl PgExecutor<'_>, id: DeliveryId) -> sqlx::Result<Option<AttemptRow>> {
    sqlx::query_as!(
        AttemptRow,
        r#"SELECT d.id AS "id: DeliveryId", d.endpoint_id AS "endpoint_id: WebhookId", d.status, d.series,
                  d.series_attempts, d.payload, e.url, e.enabled, e.secret_sealed,
                  CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret_sealed END AS previous_secret_sealed
           FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
           WHERE d.id = $1"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// One attempt's outcome.
#[derive(Debug, Clone)]
pub struct AttemptOutcome {
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The answer's status, if one came.
    pub status_code: Option<i32>,
    /// How long it took.
    pub latency_ms: i32,
    /// The first 1 KiB of the answer.
    pub response_excerpt: Option<String>,
    /// What went wrong, in words.
    pub error: Option<String>,
}

/// Records attempt `attempt` of `series`, and the delivery's new state (`pending` with the next
/// attempt's time, `delivered` or `failed`). False when that attempt was already recorded (a
/// duplicate run) or the series was replaced by a replay: the caller then schedules nothing.
pub async fn record_attempt(
    db: &mut sqlx::PgConnection,
    id: DeliveryId,
    series: i32,
    attempt: i32,
    outcome: &AttemptOutcome,
    status: &str,
    next_attempt_at: Option<DateTime<Utc>>,
) -> sqlx::Result<bool> {
    let moved = sqlx::query!(
        r#"UPDATE webhook_deliveries
           SET series_attempts = $3, attempts = attempts + 1, status = $4, next_attempt_at = $5,
               last_status = $6, last_error = $7,
               delivered_at = CASE WHEN $4 = 'delivered' THEN now() ELSE delivered_at END
           WHERE id = $1 AND series = $2 AND series_attempts = $3 - 1 AND status = 'pending'"#,
        id.0,
        series,
        attempt,
        status,
        next_attempt_at,
        outcome.status_code,
        outcome.error
    )
    .execute(&mut *db)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!(
        r#"INSERT INTO webhook_attempts (delivery_id, attempt, started_at, status_code, latency_ms, response_excerpt, error)
           VALUES ($1, (SELECT attempts FROM webhook_deliveries WHERE id = $1), $2, $3, $4, $5, $6)"#,
        id.0,
        outcome.started_at,
        outcome.status_code,
        outcome.latency_ms,
        outcome.response_excerpt,
        outcome.error
    )
    .execute(&mut *db)
    .await?;
    Ok(true)
}

/// Ends a delivery whose endpoint is gone or off.
pub async fn abandon(db: impl PgExecutor<'_>, id: DeliveryId, series: i32, why: &str) -> sqlx::Result<()> {
    sqlx::query!(
        r#"UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = $3
           WHERE id = $1 AND series = $2 AND status = 'pending'"#,
        id.0,
        series,
        why
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A delivery as its owners see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Delivery {
    /// Id; the `webhook-id` header is `msg_` and this id without dashes.
    pub id: DeliveryId,
    /// The endpoint.
    pub endpoint_id: WebhookId,
    /// Event type.
    pub r#type: String,
    /// `pending` (being delivered or waiting for a retry), `delivered` or `failed` (given up).
    pub status: String,
    /// Attempts so far (every series).
    pub attempts: i32,
    /// When the next attempt is due.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Status of the last answer.
    pub last_status: Option<i32>,
    /// What went wrong last.
    pub last_error: Option<String>,
    /// The body sent.
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// When a 2xx came back.
    pub delivered_at: Option<DateTime<Utc>>,
}

/// An endpoint's deliveries, newest first, after `before` (a delivery id), optionally of one
/// status.
pub async fn list_deliveries(
    db: impl PgExecutor<'_>,
    endpoint: WebhookId,
    status: Option<&str>,
    before: Option<DeliveryId>,
    limit: i64,
) -> sqlx::Result<Vec<Delivery>> {
    sqlx::query_as!(
        Delivery,
        r#"SELECT id AS "id: DeliveryId", endpoint_id AS "endpoint_id: WebhookId", type AS "type", status,
                  attempts, next_attempt_at, last_status, last_error, payload, created_at, delivered_at
           FROM webhook_deliveries
           WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2)
             AND ($3::uuid IS NULL OR id < $3)
           ORDER BY id DESC LIMIT $4"#,
        endpoint.0,
        status,
        before.map(|b| b.0),
        limit
    )
    .fetch_all(db)
    .await
}

/// One delivery of an endpoint.
pub async fn get_delivery(
    db: impl PgExecutor<'_>,
    endpoint: WebhookId,
    id: DeliveryId,
) -> sqlx::Result<Option<Delivery>> {
    sqlx::query_as!(
        Delivery,
        r#"SELECT id AS "id: DeliveryId", endpoint_id AS "endpoint_id: WebhookId", type AS "type", status,
                  attempts, next_attempt_at, last_status, last_error, payload, created_at, delivered_at
           FROM webhook_deliveries WHERE endpoint_id = $1 AND id = $2"#,
        endpoint.0,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// One attempt as its owners see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Attempt {
    /// 1, 2, … over every series.
    pub attempt: i32,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The answer's status (none: no answer came).
    pub status_code: Option<i32>,
    /// Milliseconds until the answer (or the failure).
    pub latency_ms: i32,
    /// The first 1 KiB of the answer.
    pub response_excerpt: Option<String>,
    /// What went wrong, in words.
    pub error: Option<String>,
}

/// A delivery's attempts, first first.
pub async fn attempts(db: impl PgExecutor<'_>, id: DeliveryId) -> sqlx::Result<Vec<Attempt>> {
    sqlx::query_as!(
        Attempt,
        r#"SELECT attempt, started_at, status_code, latency_ms, response_excerpt, error
           FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id"#,
        id.0
    )
    .fetch_all(db)
    .await
}

/// Starts a new series of attempts for a delivery (a replay); returns the series number.
pub async fn restart(db: impl PgExecutor<'_>, endpoint: WebhookId, id: DeliveryId) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        r#"UPDATE webhook_deliveries
           SET series = series + 1, series_attempts = 0, status = 'pending', next_attempt_at = now()
           WHERE endpoint_id = $1 AND id = $2 RETURNING series"#,
        endpoint.0,
        id.0
    )
    .fetch_optional(db)
    .await
}
