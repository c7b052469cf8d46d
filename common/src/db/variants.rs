//! Variants: derived images of a file (presets at upload, on-demand transforms later), one row
//! per (file, canonical transform).

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::domain::{BucketId, FailureReason, FileId, ProjectId, UploadStatus};

/// A stored variant.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Canonical transform (e.g. `w256-h256-cover-q80.webp`).
    pub transform: String,
    /// Object key.
    pub object_key: String,
    /// Encoding (`webp`, `jpg`, `png`).
    pub format: String,
    /// Bytes.
    pub size: i64,
    /// Pixel width.
    pub width: Option<i32>,
    /// Pixel height.
    pub height: Option<i32>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// Fields of a new variant.
#[derive(Debug)]
pub struct NewVariant<'a> {
    /// The file it derives from.
    pub file: FileId,
    /// Canonical transform.
    pub transform: &'a str,
    /// Object key.
    pub object_key: &'a str,
    /// Encoding.
    pub format: &'a str,
    /// Bytes.
    pub size: i64,
    /// Pixel width.
    pub width: i32,
    /// Pixel height.
    pub height: i32,
}

/// Records a variant; producing the same one again (a retried job) overwrites the row. True
/// if the row is new (what usage counts).
pub async fn upsert(db: impl PgExecutor<'_>, v: &NewVariant<'_>) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"INSERT INTO variants (id, file_id, transform, object_key, format, size, width, height)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (file_id, transform) DO UPDATE
           SET object_key = EXCLUDED.object_key, format = EXCLUDED.format, size = EXCLUDED.size,
               width = EXCLUDED.width, height = EXCLUDED.height
           RETURNING (xmax = 0) AS "inserted!""#,
        uuid::Uuid::now_v7(),
        v.file.0,
        v.transform,
        v.object_key,
        v.format,
        v.size,
        v.width,
        v.height
    )
    .fetch_one(db)
    .await
}

/// A file's variants, by transform.
pub async fn list(db: impl PgExecutor<'_>, file: FileId) -> sqlx::Result<Vec<Variant>> {
    sqlx::query_as!(
        Variant,
        r#"SELECT transform, object_key, format, size, width, height, created_at
           FROM variants WHERE file_id = $1 ORDER BY transform"#,
        file.0
    )
    .fetch_all(db)
    .await
}

/// Everything `GET /v1/transform/…` needs about a file, in one query: the project's secret and
/// policy, the bucket's version (for the cached S3 client) and the requested variant, if stored.
#[derive(Debug, Clone)]
pub struct TransformTarget {
    /// The file.
    pub file_id: FileId,
    /// Its verified content type.
    pub content_type: String,
    /// Its project.
    pub project_id: ProjectId,
    /// The project's monthly transform quota.
    pub quota_max_transforms_month: Option<i64>,
    /// Its upload's state (`processing` while preset variants are made).
    pub upload_status: UploadStatus,
    /// The project's URL-signing secret.
    pub transform_secret: Vec<u8>,
    /// The project's transform policy document.
    pub transform_policy: serde_json::Value,
    /// The file's bucket.
    pub bucket_id: BucketId,
    /// The bucket row's version.
    pub bucket_updated_at: DateTime<Utc>,
    /// The stored variant's key, when it exists.
    pub variant_key: Option<String>,
    /// Its size.
    pub variant_size: Option<i64>,
    /// A recent failed render of this transform, still remembered.
    pub recent_failure: Option<FailureReason>,
}

/// Looks up a file and one of its variants by canonical transform, with any failure of that
/// transform remembered for less than `failure_memory_secs`.
pub async fn transform_target(
    db: impl PgExecutor<'_>,
    file: FileId,
    transform: &str,
    failure_memory_secs: u64,
) -> sqlx::Result<Option<TransformTarget>> {
    sqlx::query_as!(
        TransformTarget,
        r#"SELECT f.id AS "file_id: FileId", f.content_type, f.project_id AS "project_id: ProjectId",
                  p.quota_max_transforms_month, u.status AS "upload_status: UploadStatus",
                  p.transform_secret, p.transform_policy,
                  f.bucket_id AS "bucket_id: BucketId", b.updated_at AS bucket_updated_at,
                  v.object_key AS "variant_key?", v.size AS "variant_size?",
                  tf.reason AS "recent_failure?: FailureReason"
           FROM files f
           JOIN uploads u ON u.id = f.upload_id
           JOIN projects p ON p.id = f.project_id
           JOIN buckets b ON b.id = f.bucket_id
           LEFT JOIN variants v ON v.file_id = f.id AND v.transform = $2
           LEFT JOIN transform_failures tf ON tf.file_id = f.id AND tf.transform = $2
                AND tf.failed_at > now() - make_interval(secs => $3)
           WHERE f.id = $1"#,
        file.0,
        transform,
        failure_memory_secs as f64
    )
    .fetch_optional(db)
    .await
}

/// Remembers that rendering `transform` of `file` failed with `reason` (replacing an older
/// failure), so requests for it are answered without rendering again for a while.
pub async fn remember_failure(
    db: impl PgExecutor<'_>,
    file: FileId,
    transform: &str,
    reason: FailureReason,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO transform_failures (file_id, transform, reason) VALUES ($1, $2, $3)
           ON CONFLICT (file_id, transform) DO UPDATE SET reason = EXCLUDED.reason, failed_at = now()"#,
        file.0,
        transform,
        reason.as_str()
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets failures older than `secs` (the sweep); returns how many.
pub async fn forget_failures_older_than(db: impl PgExecutor<'_>, secs: u64) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "DELETE FROM transform_failures WHERE failed_at < now() - make_interval(secs => $1)",
        secs as f64
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Whether a variant is stored.
pub async fn exists(db: impl PgExecutor<'_>, file: FileId, transform: &str) -> sqlx::Result<bool> {
    let found = sqlx::query_scalar!(
        "SELECT EXISTS (SELECT 1 FROM variants WHERE file_id = $1 AND transform = $2)",
        file.0,
        transform
    )
    .fetch_one(db)
    .await?;
    Ok(found.unwrap_or(false))
}

/// Takes a transaction-scoped advisory lock on one (file, transform), so that concurrent
/// producers of the same variant — on any worker — run one after the other and the second finds
/// the first's result.
pub async fn lock_for_production(db: impl PgExecutor<'_>, file: FileId, transform: &str) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 7301))")
        .bind(format!("{file}/{transform}"))
        .execute(db)
        .await?;
    Ok(())
}

/// Announces a transform's outcome to waiting API processes (delivered when the surrounding
/// transaction commits).
pub async fn notify_transform_done(db: impl PgExecutor<'_>, done: &crate::jobs::TransformDone) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(crate::jobs::TRANSFORM_DONE_CHANNEL)
        .bind(done.payload())
        .execute(db)
        .await?;
    Ok(())
}
