//! Usage accounting. Raw events are written where the thing happens (in the same transaction);
//! the `rollup_usage` job folds them into `usage_daily` and deletes them in one transaction, so
//! each event is counted exactly once however often (or however concurrently) the roll-up runs.
//! Readers add the not-yet-folded events to the daily rows, so numbers are live, not as old as
//! the last roll-up.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgExecutor;

use crate::domain::{ProjectId, TenantId};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageKind {
    /// An upload was verified and became a file (`bytes`: its size).
    UploadVerified,
    /// A file was deleted (`bytes`: the size freed).
    FileDeleted,
    /// A preset variant was made at upload time (`bytes`: the variant's size).
    VariantProduced,
    /// An on-demand transform was made (`bytes`: the output's size). Counts against
    /// the monthly transform quota.
    TransformProduced,
    /// A download URL was issued.
    DownloadIssued,
    /// An on-demand transform was rendered and failed (`bytes`: 0). Counts against the monthly
    /// transform quota like a made one: the render cost the same.
    TransformFailed,
}

impl UsageKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UploadVerified => "upload_verified",
            Self::FileDeleted => "file_deleted",
            Self::VariantProduced => "variant_produced",
            Self::TransformProduced => "transform_produced",
            Self::DownloadIssued => "download_issued",
            Self::TransformFailed => "transform_failed",
        }
    }
}

/// Records one event of `bytes`.
pub async fn record(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    tenant: Option<TenantId>,
    kind: UsageKind,
    bytes: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO usage_events (project_id, tenant_id, kind, bytes) VALUES ($1, $2, $3, $4)",
        project.0,
        tenant.map(|t| t.0),
        kind.as_str(),
        bytes
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Folds up to `batch` of the oldest events into `usage_daily` (UTC days) and deletes them, in
/// one statement; returns how many were folded. Rows locked by a concurrent roll-up are
/// skipped, so two roll-ups share the work instead of counting it twice.
pub async fn fold(db: impl PgExecutor<'_>, batch: i64) -> sqlx::Result<u64> {
    let folded = sqlx::query_scalar!(
        r#"WITH picked AS (
               SELECT id FROM usage_events ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
           ), gone AS (
               DELETE FROM usage_events e USING picked WHERE e.id = picked.id
               RETURNING e.project_id, e.tenant_id, e.kind, e.bytes, e.count,
                         (e.at AT TIME ZONE 'UTC')::date AS day
           ), agg AS (
               SELECT project_id, tenant_id, day,
                      sum(count) FILTER (WHERE kind = 'upload_verified') AS uploads_count,
                      sum(bytes) FILTER (WHERE kind = 'upload_verified') AS uploads_bytes,
                      sum(count) FILTER (WHERE kind = 'file_deleted') AS deleted_count,
                      sum(bytes) FILTER (WHERE kind = 'file_deleted') AS deleted_bytes,
                      sum(count) FILTER (WHERE kind IN ('variant_produced', 'transform_produced')) AS variants_count,
                      sum(bytes) FILTER (WHERE kind IN ('variant_produced', 'transform_produced')) AS variants_bytes,
                      sum(count) FILTER (WHERE kind IN ('transform_produced', 'transform_failed')) AS transforms_count,
                      sum(count) FILTER (WHERE kind = 'download_issued') AS downloads_count,
                      count(*) AS events
               FROM gone GROUP BY project_id, tenant_id, day
           ), up AS (
               INSERT INTO usage_daily AS d (project_id, tenant_id, day, uploads_count, uploads_bytes,
                                             deleted_count, deleted_bytes, variants_count, variants_bytes,
                                             transforms_count, downloads_count)
               SELECT project_id, tenant_id, day, coalesce(uploads_count, 0), coalesce(uploads_bytes, 0),
                      coalesce(deleted_count, 0), coalesce(deleted_bytes, 0), coalesce(variants_count, 0),
                      coalesce(variants_bytes, 0), coalesce(transforms_count, 0), coalesce(downloads_count, 0)
               FROM agg
               ON CONFLICT ON CONSTRAINT usage_daily_key DO UPDATE SET
                   uploads_count = d.uploads_count + EXCLUDED.uploads_count,
                   uploads_bytes = d.uploads_bytes + EXCLUDED.uploads_bytes,
                   deleted_count = d.deleted_count + EXCLUDED.deleted_count,
                   deleted_bytes = d.deleted_bytes + EXCLUDED.deleted_bytes,
                   variants_count = d.variants_count + EXCLUDED.variants_count,
                   variants_bytes = d.variants_bytes + EXCLUDED.variants_bytes,
                   transforms_count = d.transforms_count + EXCLUDED.transforms_count,
                   downloads_count = d.downloads_count + EXCLUDED.downloads_count
           )
           SELECT coalesce(sum(events), 0)::bigint AS "n!" FROM agg"#,
        batch
    )
    .fetch_one(db)
    .await?;
    Ok(folded as u64)
}

/// One day's counters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayUsage {
    /// UTC day.
    pub day: NaiveDate,
    /// Uploads verified.
    pub uploads_count: i64,
    /// Their bytes.
    pub uploads_bytes: i64,
    /// Files deleted.
    pub deleted_count: i64,
    /// Bytes freed.
    pub deleted_bytes: i64,
    /// Variants made (presets and on-demand transforms).
    pub variants_count: i64,
    /// Their bytes.
    pub variants_bytes: i64,
    /// On-demand transforms rendered: made (also counted in variants) or failed.
    pub transforms_count: i64,
    /// Download URLs issued.
    pub downloads_count: i64,
}

/// Daily counters from `from` to `to` (inclusive, UTC days) — folded rows plus events not yet
/// folded — for the whole project or one tenant. Days without activity are absent.
pub async fn daily(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    tenant: Option<TenantId>,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<DayUsage>> {
    sqlx::query_as!(
        DayUsage,
        r#"WITH bounds AS (
               SELECT ($3::date)::timestamp AT TIME ZONE 'UTC' AS lo,
                      ($4::date + 1)::timestamp AT TIME ZONE 'UTC' AS hi
           ), parts AS (
               SELECT day, uploads_count, uploads_bytes, deleted_count, deleted_bytes,
                      variants_count, variants_bytes, transforms_count, downloads_count
               FROM usage_daily
               WHERE project_id = $1 AND ($2::uuid IS NULL OR tenant_id = $2) AND day BETWEEN $3 AND $4
               UNION ALL
               SELECT (at AT TIME ZONE 'UTC')::date,
                      coalesce(sum(count) FILTER (WHERE kind = 'upload_verified'), 0),
                      coalesce(sum(bytes) FILTER (WHERE kind = 'upload_verified'), 0),
                      coalesce(sum(count) FILTER (WHERE kind = 'file_deleted'), 0),
                      coalesce(sum(bytes) FILTER (WHERE kind = 'file_deleted'), 0),
                      coalesce(sum(count) FILTER (WHERE kind IN ('variant_produced', 'transform_produced')), 0),
                      coalesce(sum(bytes) FILTER (WHERE kind IN ('variant_produced', 'transform_produced')), 0),
                      coalesce(sum(count) FILTER (WHERE kind IN ('transform_produced', 'transform_failed')), 0),
                      coalesce(sum(count) FILTER (WHERE kind = 'download_issued'), 0)
               FROM usage_events, bounds
               WHERE project_id = $1 AND ($2::uuid IS NULL OR tenant_id = $2) AND at >= lo AND at < hi
               GROUP BY 1
           )
           SELECT day AS "day!",
                  sum(uploads_count)::bigint AS "uploads_count!", sum(uploads_bytes)::bigint AS "uploads_bytes!",
                  sum(deleted_count)::bigint AS "deleted_count!", sum(deleted_bytes)::bigint AS "deleted_bytes!",
                  sum(variants_count)::bigint AS "variants_count!", sum(variants_bytes)::bigint AS "variants_bytes!",
                  sum(transforms_count)::bigint AS "transforms_count!", sum(downloads_count)::bigint AS "downloads_count!"
           FROM parts GROUP BY day ORDER BY day"#,
        project.0,
        tenant.map(|t| t.0),
        from,
        to
    )
    .fetch_all(db)
    .await
}

/// What is stored now: `(files, bytes)` of the whole project (from the trigger-kept totals) or
/// of one tenant (summed from its files).
pub async fn stored(db: impl PgExecutor<'_>, project: ProjectId, tenant: Option<TenantId>) -> sqlx::Result<(i64, i64)> {
    let row = match tenant {
        None => sqlx::query_as!(
            Stored,
            r#"SELECT files AS "files!", bytes AS "bytes!" FROM project_storage WHERE project_id = $1"#,
            project.0
        )
        .fetch_optional(db)
        .await?
        .unwrap_or_default(),
        Some(tenant) => {
            sqlx::query_as!(
                Stored,
                r#"SELECT count(*) AS "files!", coalesce(sum(size), 0)::bigint AS "bytes!"
               FROM files WHERE project_id = $1 AND tenant_id = $2"#,
                project.0,
                tenant.0
            )
            .fetch_one(db)
            .await?
        }
    };
    Ok((row.files, row.bytes))
}

#[derive(Debug, Default)]
struct Stored {
    files: i64,
    bytes: i64,
}

/// The project's `(files, bytes)`, with its totals row locked until the transaction ends (the
/// upsert takes the row lock, creating the row if the project has no files yet): a
/// verification that checks a quota holds it while it adds the file, so concurrent verifications
/// of one project are checked one after the other and cannot both slip under the cap.
pub async fn lock_stored(tx: &mut sqlx::PgConnection, project: ProjectId) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query_as!(
        Stored,
        r#"INSERT INTO project_storage AS s (project_id) VALUES ($1)
           ON CONFLICT (project_id) DO UPDATE SET files = s.files
           RETURNING files, bytes"#,
        project.0
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok((row.files, row.bytes))
}

/// On-demand transforms the project has rendered (made or failed) since `since` (folded and not).
pub async fn transforms_since(db: impl PgExecutor<'_>, project: ProjectId, since: DateTime<Utc>) -> sqlx::Result<i64> {
    let n = sqlx::query_scalar!(
        r#"SELECT (coalesce((SELECT sum(transforms_count) FROM usage_daily
                             WHERE project_id = $1 AND day >= ($2::timestamptz AT TIME ZONE 'UTC')::date), 0)
                 + coalesce((SELECT sum(count) FROM usage_events
                             WHERE project_id = $1 AND kind IN ('transform_produced', 'transform_failed')
                               AND at >= $2), 0))::bigint
                  AS "n!""#,
        project.0,
        since
    )
    .fetch_one(db)
    .await?;
    Ok(n)
}

/// The first instant of the current UTC month: when monthly quotas reset.
pub fn month_start(now: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::Datelike as _;
    now.date_naive()
        .with_day(1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(now, |d| d.and_utc())
}
