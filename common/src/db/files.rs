//! Files: verified objects. Every read and delete is scoped by project.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::domain::{BucketId, FailureReason, FileId, ProjectId, TenantId, UploadId, UploadStatus};

/// A file row (with its tenant's slug).
#[derive(Debug, Clone)]
pub struct File {
    /// Id.
    pub id: FileId,
    /// Owning project.
    pub project_id: ProjectId,
    /// Tenant.
    pub tenant_id: Option<TenantId>,
    /// Tenant slug.
    pub tenant_slug: Option<String>,
    /// The upload it came from.
    pub upload_id: UploadId,
    /// Bucket.
    pub bucket_id: BucketId,
    /// Object key.
    pub object_key: String,
    /// Client filename.
    pub filename: String,
    /// Verified size.
    pub size: i64,
    /// Verified content type.
    pub content_type: String,
    /// ETag reported by the store.
    pub etag: Option<String>,
    /// Pixel width (images, once known).
    pub width: Option<i32>,
    /// Pixel height.
    pub height: Option<i32>,
    /// Client metadata.
    pub metadata: serde_json::Value,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Its upload's state: `processing` while presets are made, `ready`, or `failed` when the
    /// image pipeline refused it (the original is kept).
    pub status: UploadStatus,
    /// Why the image was refused.
    pub failure_reason: Option<FailureReason>,
}

/// Fields of a new file.
#[derive(Debug)]
pub struct NewFile<'a> {
    /// Owning project.
    pub project: ProjectId,
    /// Tenant.
    pub tenant: Option<TenantId>,
    /// Source upload (unique: one file per upload).
    pub upload: UploadId,
    /// Bucket.
    pub bucket: BucketId,
    /// Object key.
    pub object_key: &'a str,
    /// Filename.
    pub filename: &'a str,
    /// Size.
    pub size: i64,
    /// Content type.
    pub content_type: &'a str,
    /// ETag.
    pub etag: Option<&'a str>,
    /// Client metadata.
    pub metadata: &'a serde_json::Value,
}

/// Records a file; a second call for the same upload is a no-op returning the existing id.
pub async fn insert(db: impl PgExecutor<'_>, f: &NewFile<'_>) -> sqlx::Result<FileId> {
    sqlx::query_scalar!(
        r#"WITH ins AS (
               INSERT INTO files (id, project_id, tenant_id, upload_id, bucket_id, object_key, filename, size,
                                  content_type, etag, metadata)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
               ON CONFLICT (upload_id) DO NOTHING
               RETURNING id)
           SELECT id AS "id!: FileId" FROM ins
           UNION ALL
           SELECT id FROM files WHERE upload_id = $4
           LIMIT 1"#,
        FileId::new().0,
        f.project.0,
        f.tenant.map(|t| t.0),
        f.upload.0,
        f.bucket.0,
        f.object_key,
        f.filename,
        f.size,
        f.content_type,
        f.etag,
        f.metadata,
    )
    .fetch_one(db)
    .await
}

macro_rules! select_file {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            File,
            r#"SELECT f.id AS "id: FileId", f.project_id AS "project_id: ProjectId",
                      f.tenant_id AS "tenant_id: TenantId", t.slug AS "tenant_slug?",
                      f.upload_id AS "upload_id: UploadId", f.bucket_id AS "bucket_id: BucketId",
                      f.object_key, f.filename, f.size, f.content_type, f.etag, f.width, f.height,
                      f.metadata, f.created_at, u.status AS "status: UploadStatus",
                      u.failure_reason AS "failure_reason: FailureReason"
               FROM files f JOIN uploads u ON u.id = f.upload_id
               LEFT JOIN tenants t ON t.id = f.tenant_id "# + $tail
            $(, $arg)*
        )
    };
}

/// A file, scoped to the project.
pub async fn get(db: impl PgExecutor<'_>, project: ProjectId, id: FileId) -> sqlx::Result<Option<File>> {
    select_file!("WHERE f.project_id = $1 AND f.id = $2", project.0, id.0)
        .fetch_optional(db)
        .await
}

/// The file made from an upload, scoped to the project.
pub async fn get_by_upload(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    upload: UploadId,
) -> sqlx::Result<Option<File>> {
    select_file!("WHERE f.project_id = $1 AND f.upload_id = $2", project.0, upload.0)
        .fetch_optional(db)
        .await
}

/// A page of files, newest first, after the cursor `before` (an id from the previous page).
pub async fn list(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    tenant: Option<TenantId>,
    before: Option<FileId>,
    limit: i64,
) -> sqlx::Result<Vec<File>> {
    select_file!(
        "WHERE f.project_id = $1
           AND ($2::uuid IS NULL OR f.tenant_id = $2)
           AND ($3::uuid IS NULL OR f.id < $3)
         ORDER BY f.id DESC LIMIT $4",
        project.0,
        tenant.map(|t| t.0),
        before.map(|b| b.0),
        limit
    )
    .fetch_all(db)
    .await
}

/// Deletes a file row, scoped to the project; returns it so its objects can be removed.
pub async fn delete(db: impl PgExecutor<'_>, project: ProjectId, id: FileId) -> sqlx::Result<Option<DeletedFile>> {
    // The upload remembers the deleted file (its current state is then `file.deleted`).
    sqlx::query_as!(
        DeletedFile,
        r#"WITH gone AS (
               DELETE FROM files WHERE project_id = $1 AND id = $2
               RETURNING id, bucket_id, object_key, tenant_id, size, upload_id
           ), marked AS (
               UPDATE uploads u SET deleted_file_id = gone.id, updated_at = now() FROM gone WHERE u.id = gone.upload_id
           )
           SELECT bucket_id AS "bucket_id!: BucketId", object_key AS "object_key!", tenant_id AS "tenant_id: TenantId",
                  size AS "size!", upload_id AS "upload_id!: UploadId"
           FROM gone"#,
        project.0,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// What a delete removed, so its objects and usage can follow.
#[derive(Debug, Clone)]
pub struct DeletedFile {
    /// Bucket holding the object.
    pub bucket_id: BucketId,
    /// Object key.
    pub object_key: String,
    /// Tenant.
    pub tenant_id: Option<TenantId>,
    /// Bytes freed.
    pub size: i64,
    /// The upload it came from.
    pub upload_id: UploadId,
}

/// Records the displayed (EXIF-oriented) pixel size of an image file.
pub async fn set_dimensions(db: impl PgExecutor<'_>, id: FileId, width: i32, height: i32) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE files SET width = $2, height = $3 WHERE id = $1",
        id.0,
        width,
        height
    )
    .execute(db)
    .await?;
    Ok(())
}

/// What the variant job needs about a file.
#[derive(Debug, Clone)]
pub struct VariantSource {
    /// File id.
    pub id: FileId,
    /// Its upload.
    pub upload_id: UploadId,
    /// Its project.
    pub project_id: ProjectId,
    /// Its tenant.
    pub tenant_id: Option<TenantId>,
    /// Upload state (the variant job only acts on `processing`).
    pub upload_status: UploadStatus,
    /// Bucket.
    pub bucket_id: BucketId,
    /// Original's key.
    pub object_key: String,
    /// Original's size.
    pub size: i64,
    /// The project's transform policy document.
    pub transform_policy: serde_json::Value,
    /// The presets its upload route asks for (`None`: the route has no list, or there is no
    /// route: every preset of the project).
    pub route_presets: Option<Vec<String>>,
}

/// Loads a file with its upload state, its project's transform policy and its route's presets
/// (workers only).
pub async fn get_variant_source(db: impl PgExecutor<'_>, id: FileId) -> sqlx::Result<Option<VariantSource>> {
    sqlx::query_as!(
        VariantSource,
        r#"SELECT f.id AS "id: FileId", f.upload_id AS "upload_id: UploadId",
                  f.project_id AS "project_id: ProjectId", f.tenant_id AS "tenant_id: TenantId",
                  u.status AS "upload_status: UploadStatus",
                  f.bucket_id AS "bucket_id: BucketId", f.object_key, f.size, p.transform_policy,
                  r.presets AS "route_presets?"
           FROM files f
           JOIN uploads u ON u.id = f.upload_id
           JOIN projects p ON p.id = f.project_id
           LEFT JOIN upload_routes r ON r.project_id = u.project_id AND r.name = u.route
           WHERE f.id = $1"#,
        id.0
    )
    .fetch_optional(db)
    .await
}
