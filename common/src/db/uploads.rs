//! Uploads: one presigned URL and its lifecycle (`pending` → `verifying` → `ready` | `failed` |
//! `expired`). State changes are conditional updates on the current state, so a retried or
//! duplicated job can never move an upload backwards.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::domain::{BucketId, FailureReason, OrgId, ProjectId, TeamId, TenantId, UploadId, UploadStatus};

/// An upload row (with its tenant's slug).
#[derive(Debug, Clone)]
pub struct Upload {
    /// Id.
    pub id: UploadId,
    /// Owning project.
    pub project_id: ProjectId,
    /// Tenant, if any.
    pub tenant_id: Option<TenantId>,
    /// The tenant's slug.
    pub tenant_slug: Option<String>,
    /// Bucket the object goes to.
    pub bucket_id: BucketId,
    /// Final object key (written only by the worker, never signed for PUT).
    pub object_key: String,
    /// The key the presigned PUT writes (`None` for uploads from before staging keys).
    pub staging_key: Option<String>,
    /// Client filename.
    pub filename: String,
    /// Declared (and signed) content type.
    pub content_type: String,
    /// Declared (and signed) size.
    pub size: i64,
    /// Client metadata.
    pub metadata: serde_json::Value,
    /// The named route it was presigned under.
    pub route: Option<String>,
    /// S3 multipart upload id, for a multipart upload.
    pub multipart_id: Option<String>,
    /// Bytes per part (every part but the last), for a multipart upload.
    pub part_size: Option<i64>,
    /// Number of parts, for a multipart upload.
    pub part_count: Option<i32>,
    /// Where a URL import fetches its bytes from.
    pub source_url: Option<String>,
    /// Words for the failure (why an import could not be fetched).
    pub failure_detail: Option<String>,
    /// Lifecycle state.
    pub status: UploadStatus,
    /// Why it failed.
    pub failure_reason: Option<FailureReason>,
    /// SHA-256 of the create request, for idempotent replays.
    pub idempotency_fingerprint: Option<Vec<u8>>,
    /// When the presigned URL stops working.
    pub expires_at: DateTime<Utc>,
    /// When complete was first called.
    pub completed_at: Option<DateTime<Utc>>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last state change.
    pub updated_at: DateTime<Utc>,
}

impl Upload {
    /// The key the client's bytes go to: the staging key (or, for an upload from before staging
    /// keys, the object key itself).
    pub fn put_key(&self) -> &str {
        self.staging_key.as_deref().unwrap_or(&self.object_key)
    }

    /// `(S3 upload id, part size, part count)` of a multipart upload.
    pub fn multipart_layout(&self) -> Option<(&str, i64, i32)> {
        Some((self.multipart_id.as_deref()?, self.part_size?, self.part_count?))
    }
}

/// Fields of a new upload (owned, so rows can be queued for a batched insert).
#[derive(Debug, Clone)]
pub struct NewUpload {
    /// Id (already used in the object key).
    pub id: UploadId,
    /// Owning project.
    pub project: ProjectId,
    /// Tenant.
    pub tenant: Option<TenantId>,
    /// Bucket.
    pub bucket: BucketId,
    /// Final object key.
    pub object_key: String,
    /// Staging key: the only key the presigned PUT may write.
    pub staging_key: String,
    /// Client filename.
    pub filename: String,
    /// Normalized content type.
    pub content_type: String,
    /// Exact size.
    pub size: i64,
    /// Client metadata.
    pub metadata: serde_json::Value,
    /// The named route it is presigned under.
    pub route: Option<String>,
    /// Client idempotency key.
    pub idempotency_key: Option<String>,
    /// SHA-256 of the request's fields (with an idempotency key).
    pub idempotency_fingerprint: Option<Vec<u8>>,
    /// URL expiry.
    pub expires_at: DateTime<Utc>,
    /// The S3 multipart upload behind a multipart upload (never batched: see [`insert_batch`]).
    pub multipart: Option<Multipart>,
    /// For a URL import: where the worker fetches the bytes (size is 0 until then; never
    /// batched).
    pub source_url: Option<String>,
}

/// The S3 side of a multipart upload: its id and the part layout fixed at presign time.
#[derive(Debug, Clone)]
pub struct Multipart {
    /// S3 upload id.
    pub id: String,
    /// Bytes per part, every part but the last.
    pub part_size: i64,
    /// Number of parts.
    pub part_count: i32,
}

/// Inserts an upload. Returns false when the idempotency key was already used in the project.
pub async fn insert(db: impl PgExecutor<'_>, u: &NewUpload) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"INSERT INTO uploads (id, project_id, tenant_id, bucket_id, object_key, staging_key, filename,
               content_type, size, metadata, idempotency_key, idempotency_fingerprint, expires_at, route,
               multipart_id, part_size, part_count, source_url)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
           ON CONFLICT (project_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING"#,
        u.id.0,
        u.project.0,
        u.tenant.map(|t| t.0),
        u.bucket.0,
        u.object_key,
        u.staging_key,
        u.filename,
        u.content_type,
        u.size,
        u.metadata,
        u.idempotency_key,
        u.idempotency_fingerprint,
        u.expires_at,
        u.route,
        u.multipart.as_ref().map(|m| m.id.as_str()),
        u.multipart.as_ref().map(|m| m.part_size),
        u.multipart.as_ref().map(|m| m.part_count),
        u.source_url,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Inserts many uploads (without idempotency keys) in one statement: one round trip and one
/// commit for the whole batch. Any failing row fails the statement; callers retry row by row.
/// Multipart uploads are inserted one by one with [`insert`] (their `multipart` is not written
/// here).
pub async fn insert_batch(db: impl PgExecutor<'_>, rows: &[NewUpload]) -> sqlx::Result<u64> {
    let ids: Vec<Uuid> = rows.iter().map(|u| u.id.0).collect();
    let projects: Vec<Uuid> = rows.iter().map(|u| u.project.0).collect();
    let tenants: Vec<Option<Uuid>> = rows.iter().map(|u| u.tenant.map(|t| t.0)).collect();
    let buckets: Vec<Uuid> = rows.iter().map(|u| u.bucket.0).collect();
    let keys: Vec<&str> = rows.iter().map(|u| u.object_key.as_str()).collect();
    let staging: Vec<&str> = rows.iter().map(|u| u.staging_key.as_str()).collect();
    let filenames: Vec<&str> = rows.iter().map(|u| u.filename.as_str()).collect();
    let types: Vec<&str> = rows.iter().map(|u| u.content_type.as_str()).collect();
    let sizes: Vec<i64> = rows.iter().map(|u| u.size).collect();
    let metadata: Vec<serde_json::Value> = rows.iter().map(|u| u.metadata.clone()).collect();
    let expiries: Vec<DateTime<Utc>> = rows.iter().map(|u| u.expires_at).collect();
    let routes: Vec<Option<&str>> = rows.iter().map(|u| u.route.as_deref()).collect();
    let done = sqlx::query!(
        r#"INSERT INTO uploads (id, project_id, tenant_id, bucket_id, object_key, filename, content_type,
               size, metadata, expires_at, staging_key, route)
           SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[],
                                $7::text[], $8::int8[], $9::jsonb[], $10::timestamptz[], $11::text[],
                                $12::text[])"#,
        &ids,
        &projects,
        &tenants as &[Option<Uuid>],
        &buckets,
        &keys as &[&str],
        &filenames as &[&str],
        &types as &[&str],
        &sizes,
        &metadata,
        &expiries,
        &staging as &[&str],
        &routes as &[Option<&str>],
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

macro_rules! select_upload {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            Upload,
            r#"SELECT u.id AS "id: UploadId", u.project_id AS "project_id: ProjectId",
                      u.tenant_id AS "tenant_id: TenantId", t.slug AS "tenant_slug?",
                      u.bucket_id AS "bucket_id: BucketId", u.object_key, u.staging_key, u.filename,
                      u.content_type,
                      u.size, u.metadata, u.route, u.multipart_id, u.part_size, u.part_count,
                      u.source_url, u.failure_detail, u.status AS "status: UploadStatus",
                      u.failure_reason AS "failure_reason: FailureReason", u.idempotency_fingerprint,
                      u.expires_at, u.completed_at, u.created_at, u.updated_at
               FROM uploads u LEFT JOIN tenants t ON t.id = u.tenant_id "# + $tail
            $(, $arg)*
        )
    };
}

/// An upload, scoped to the project.
pub async fn get(db: impl PgExecutor<'_>, project: ProjectId, id: UploadId) -> sqlx::Result<Option<Upload>> {
    select_upload!("WHERE u.project_id = $1 AND u.id = $2", project.0, id.0)
        .fetch_optional(db)
        .await
}

/// A pending upload, scoped to the project, locked until the transaction ends (so two
/// completions of one multipart upload run one after the other). `None` when it is not pending.
pub async fn lock_pending(db: impl PgExecutor<'_>, project: ProjectId, id: UploadId) -> sqlx::Result<Option<Upload>> {
    select_upload!(
        "WHERE u.project_id = $1 AND u.id = $2 AND u.status = 'pending' FOR UPDATE OF u",
        project.0,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// Bytes of the project's multipart uploads still pending (counted against its storage quota
/// at presign, so parallel large uploads cannot overshoot it).
pub async fn multipart_bytes_in_flight(db: impl PgExecutor<'_>, project: ProjectId) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT coalesce(sum(size), 0)::int8 AS "bytes!" FROM uploads
           WHERE project_id = $1 AND multipart_id IS NOT NULL AND status = 'pending'
             AND expires_at > now()"#,
        project.0
    )
    .fetch_one(db)
    .await
}

/// `pending` → `failed` with `reason` (a client abort, or a multipart upload whose parts did not
/// add up), scoped to the project. Returns what the caller must clean up, if this call made the
/// change.
pub async fn fail_pending(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    id: UploadId,
    reason: FailureReason,
) -> sqlx::Result<Option<SweptUpload>> {
    sqlx::query_as!(
        SweptUpload,
        r#"UPDATE uploads SET status = 'failed', failure_reason = $3, updated_at = now()
           WHERE project_id = $1 AND id = $2 AND status = 'pending'
           RETURNING id AS "id: UploadId", bucket_id AS "bucket_id: BucketId",
                     coalesce(staging_key, object_key) AS "key!", multipart_id"#,
        project.0,
        id.0,
        reason.as_str()
    )
    .fetch_optional(db)
    .await
}

/// What fetching a URL import needs.
#[derive(Debug, Clone)]
pub struct IngestRow {
    /// Upload.
    pub id: UploadId,
    /// Project.
    pub project_id: ProjectId,
    /// Bucket.
    pub bucket_id: BucketId,
    /// Where the bytes go.
    pub staging_key: Option<String>,
    /// Where they come from.
    pub source_url: Option<String>,
    /// Current state.
    pub status: UploadStatus,
    /// Project's allowed types (now).
    pub allowed_content_types: Vec<String>,
}

/// Loads a URL import for its fetch (workers only).
pub async fn get_for_ingest(db: impl PgExecutor<'_>, id: UploadId) -> sqlx::Result<Option<IngestRow>> {
    sqlx::query_as!(
        IngestRow,
        r#"SELECT u.id AS "id: UploadId", u.project_id AS "project_id: ProjectId", u.bucket_id AS "bucket_id: BucketId",
                  u.staging_key, u.source_url, u.status AS "status: UploadStatus", p.allowed_content_types
           FROM uploads u JOIN projects p ON p.id = u.project_id
           WHERE u.id = $1"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// Records what a URL import fetched and moves it `pending` → `verifying`. True if this call
/// made the change (the caller queues verification in the same transaction).
pub async fn record_fetched(
    db: impl PgExecutor<'_>,
    id: UploadId,
    size: i64,
    content_type: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE uploads SET size = $2, content_type = $3, status = 'verifying', completed_at = now(),
               updated_at = now()
           WHERE id = $1 AND status = 'pending' AND source_url IS NOT NULL"#,
        id.0,
        size,
        content_type
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// `pending` → `failed` for a URL import, with the reason and words for it. True if this call
/// made the change.
pub async fn fail_import(
    db: impl PgExecutor<'_>,
    id: UploadId,
    reason: FailureReason,
    detail: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE uploads SET status = 'failed', failure_reason = $2, failure_detail = $3, updated_at = now()
           WHERE id = $1 AND status = 'pending' AND source_url IS NOT NULL"#,
        id.0,
        reason.as_str(),
        detail
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Of the given S3 multipart upload ids, the ones a pending upload still owns.
pub async fn live_multipart_ids(db: impl PgExecutor<'_>, ids: &[String]) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        r#"SELECT multipart_id AS "id!" FROM uploads
           WHERE multipart_id = ANY($1) AND status = 'pending'"#,
        ids
    )
    .fetch_all(db)
    .await
}

/// The upload a project created with `key`.
pub async fn find_by_idempotency_key(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    key: &str,
) -> sqlx::Result<Option<Upload>> {
    select_upload!("WHERE u.project_id = $1 AND u.idempotency_key = $2", project.0, key)
        .fetch_optional(db)
        .await
}

/// `pending` → `verifying`, scoped to the project. True if this call made the change.
pub async fn begin_verifying(db: impl PgExecutor<'_>, project: ProjectId, id: UploadId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE uploads SET status = 'verifying', completed_at = now(), updated_at = now()
           WHERE project_id = $1 AND id = $2 AND status = 'pending'"#,
        project.0,
        id.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// `pending` → `verifying` for a single-PUT upload, scoped to the project. True if this call
/// made the change. A multipart upload is moved by [`begin_verifying`] only after its parts were
/// completed in the bucket.
pub async fn begin_verifying_single(db: impl PgExecutor<'_>, project: ProjectId, id: UploadId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE uploads SET status = 'verifying', completed_at = now(), updated_at = now()
           WHERE project_id = $1 AND id = $2 AND status = 'pending' AND multipart_id IS NULL"#,
        project.0,
        id.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Everything the verification job needs about an upload.
#[derive(Debug, Clone)]
pub struct VerifyRow {
    /// Upload id.
    pub id: UploadId,
    /// Project.
    pub project_id: ProjectId,
    /// Project's team.
    pub team_id: TeamId,
    /// Team's organization.
    pub organization_id: OrgId,
    /// Tenant.
    pub tenant_id: Option<TenantId>,
    /// Bucket.
    pub bucket_id: BucketId,
    /// Final object key.
    pub object_key: String,
    /// Where the client PUT the bytes (`None`: an upload from before staging keys, verified in
    /// place).
    pub staging_key: Option<String>,
    /// Client filename.
    pub filename: String,
    /// Signed content type.
    pub content_type: String,
    /// Signed size.
    pub size: i64,
    /// Client metadata.
    pub metadata: serde_json::Value,
    /// Current state.
    pub status: UploadStatus,
    /// Project's size cap (now, not at presign time).
    pub max_upload_bytes: i64,
    /// Project's allowed types (now).
    pub allowed_content_types: Vec<String>,
    /// Project's stored-bytes quota (now).
    pub quota_max_stored_bytes: Option<i64>,
    /// Project's file-count quota (now).
    pub quota_max_files: Option<i64>,
}

/// Loads an upload for verification (workers only; not project-scoped by design, the job
/// carries an id the API wrote).
pub async fn get_for_verification(db: impl PgExecutor<'_>, id: UploadId) -> sqlx::Result<Option<VerifyRow>> {
    sqlx::query_as!(
        VerifyRow,
        r#"SELECT u.id AS "id: UploadId", u.project_id AS "project_id: ProjectId", p.team_id AS "team_id: TeamId",
                  t.organization_id AS "organization_id: OrgId", u.tenant_id AS "tenant_id: TenantId",
                  u.bucket_id AS "bucket_id: BucketId", u.object_key, u.staging_key, u.filename,
                  u.content_type, u.size, u.metadata, u.status AS "status: UploadStatus",
                  p.max_upload_bytes, p.allowed_content_types,
                  p.quota_max_stored_bytes, p.quota_max_files
           FROM uploads u
           JOIN projects p ON p.id = u.project_id
           JOIN teams t ON t.id = p.team_id
           WHERE u.id = $1"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// `verifying`/`processing` → `failed` with a reason. True if this call made the change.
pub async fn mark_failed(db: impl PgExecutor<'_>, id: UploadId, reason: FailureReason) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE uploads SET status = 'failed', failure_reason = $2, updated_at = now()
           WHERE id = $1 AND status IN ('verifying', 'processing')"#,
        id.0,
        reason.as_str()
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// `verifying` → `processing` (variants are being made). True if this call made the change.
pub async fn mark_processing(db: impl PgExecutor<'_>, id: UploadId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE uploads SET status = 'processing', updated_at = now() WHERE id = $1 AND status = 'verifying'",
        id.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// `verifying`/`processing` → `ready`. True if this call made the change.
pub async fn mark_ready(db: impl PgExecutor<'_>, id: UploadId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE uploads SET status = 'ready', updated_at = now()
           WHERE id = $1 AND status IN ('verifying', 'processing')"#,
        id.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An upload the sweep just expired, or whose staging key it just released.
#[derive(Debug, Clone)]
pub struct SweptUpload {
    /// Id.
    pub id: UploadId,
    /// Bucket holding any stray object.
    pub bucket_id: BucketId,
    /// Key of any stray object: the staging key (or, for an upload from before staging keys,
    /// the object key).
    pub key: String,
    /// The S3 multipart upload to abort, for a multipart upload.
    pub multipart_id: Option<String>,
}

/// Expires up to `limit` pending uploads whose URL expired more than `grace_secs` ago, and marks
/// their staging keys swept (the caller deletes `key`). Rows are claimed with `SKIP LOCKED` and
/// flipped in one statement, so concurrent sweeps never expire the same upload twice.
pub async fn expire_due(db: impl PgExecutor<'_>, grace_secs: i64, limit: i64) -> sqlx::Result<Vec<SweptUpload>> {
    sqlx::query_as!(
        SweptUpload,
        r#"UPDATE uploads SET status = 'expired', updated_at = now(), staging_swept_at = now()
           WHERE id IN (SELECT id FROM uploads
                        WHERE status = 'pending' AND expires_at < now() - make_interval(secs => $1)
                        ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
             AND status = 'pending'
           RETURNING id AS "id: UploadId", bucket_id AS "bucket_id: BucketId",
                     coalesce(staging_key, object_key) AS "key!", multipart_id"#,
        grace_secs as f64,
        limit
    )
    .fetch_all(db)
    .await
}

/// Claims up to `limit` finished uploads (ready, failed or expired) whose URL expired more than
/// `grace_secs` ago and whose staging key was not swept yet, and marks it swept: the caller
/// deletes the returned keys. A client can PUT to its URL until it expires — after the upload
/// was verified, refused or its file deleted — so this is the one place that removes what such
/// a PUT left, exactly once per upload.
pub async fn release_staging_due(
    db: impl PgExecutor<'_>,
    grace_secs: i64,
    limit: i64,
) -> sqlx::Result<Vec<SweptUpload>> {
    sqlx::query_as!(
        SweptUpload,
        r#"UPDATE uploads SET staging_swept_at = now()
           WHERE id IN (SELECT id FROM uploads
                        WHERE staging_key IS NOT NULL AND staging_swept_at IS NULL
                          AND expires_at < now() - make_interval(secs => $1)
                          AND status IN ('ready', 'failed', 'expired')
                        ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
             AND staging_swept_at IS NULL
           RETURNING id AS "id: UploadId", bucket_id AS "bucket_id: BucketId", staging_key AS "key!",
                     NULL::text AS multipart_id"#,
        grace_secs as f64,
        limit
    )
    .fetch_all(db)
    .await
}
