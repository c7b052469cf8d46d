//! The dashboard's listing of a project's uploads, each with the file it became (if it did):
//! filtered by tenant, status, type, filename and date, newest first, keyset-paged on the upload
//! id (UUIDv7, so creation order) — one indexed query per page, whatever the project's size.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::domain::{FailureReason, FileId, ProjectId, UploadId, UploadStatus};

/// What to show.
#[derive(Debug, Default, Clone)]
pub struct Filter<'a> {
    /// Only this tenant's (slug).
    pub tenant: Option<&'a str>,
    /// Only uploads in this state.
    pub status: Option<UploadStatus>,
    /// Only content types starting with this (`image/`).
    pub type_prefix: Option<&'a str>,
    /// Only filenames containing this (any case).
    pub search: Option<&'a str>,
    /// Created at or after.
    pub from: Option<DateTime<Utc>>,
    /// Created before.
    pub to: Option<DateTime<Utc>>,
    /// The page after this upload.
    pub before: Option<UploadId>,
}

/// One upload in the listing.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The upload.
    pub id: UploadId,
    /// Client filename.
    pub filename: String,
    /// Declared content type.
    pub content_type: String,
    /// Declared size.
    pub size: i64,
    /// Where it is.
    pub status: UploadStatus,
    /// Why it failed.
    pub failure_reason: Option<FailureReason>,
    /// More words on the failure, when there are some.
    pub failure_detail: Option<String>,
    /// When it was presigned.
    pub created_at: DateTime<Utc>,
    /// Its tenant's slug.
    pub tenant_slug: Option<String>,
    /// The file it became (absent until verified, and after the file is deleted).
    pub file_id: Option<FileId>,
    /// Image width, once known.
    pub width: Option<i32>,
    /// Image height.
    pub height: Option<i32>,
}

/// The listing's columns: an upload with its tenant's slug and the file it became.
macro_rules! select_listed {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            Listed,
            r#"SELECT u.id AS "id: UploadId", u.filename, u.content_type, u.size,
                      u.status AS "status: UploadStatus", u.failure_reason AS "failure_reason: FailureReason",
                      u.failure_detail, u.created_at, t.slug AS "tenant_slug?",
                      f.id AS "file_id?: FileId", f.width AS "width?", f.height AS "height?"
               FROM uploads u
               LEFT JOIN tenants t ON t.id = u.tenant_id
               LEFT JOIN files f ON f.upload_id = u.id "# + $tail
            $(, $arg)*
        )
    };
}

/// `s` with LIKE's wildcards taken literally.
fn literal(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// A page of `project`'s uploads matching `f`, newest first.
pub async fn uploads(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    f: &Filter<'_>,
    limit: i64,
) -> sqlx::Result<Vec<Listed>> {
    select_listed!(
        "WHERE u.project_id = $1
           AND ($2::text IS NULL OR t.slug = $2)
           AND ($3::text IS NULL OR u.status = $3)
           AND ($4::text IS NULL OR u.content_type LIKE $4 || '%')
           AND ($5::text IS NULL OR u.filename ILIKE '%' || $5 || '%')
           AND ($6::timestamptz IS NULL OR u.created_at >= $6)
           AND ($7::timestamptz IS NULL OR u.created_at < $7)
           AND ($8::uuid IS NULL OR u.id < $8)
         ORDER BY u.id DESC
         LIMIT $9",
        project.0,
        f.tenant,
        f.status.map(UploadStatus::as_str),
        f.type_prefix.map(literal),
        f.search.map(literal),
        f.from,
        f.to,
        f.before.map(|b| b.0),
        limit
    )
    .fetch_all(db)
    .await
}

/// One upload of `project` as the listing shows it (the file page, a live row).
pub async fn upload(db: impl PgExecutor<'_>, project: ProjectId, id: UploadId) -> sqlx::Result<Option<Listed>> {
    select_listed!("WHERE u.project_id = $1 AND u.id = $2", project.0, id.0)
        .fetch_optional(db)
        .await
}

/// The transform secret of `project` (signs the dashboard's thumbnail URLs).
pub async fn transform_secret(db: impl PgExecutor<'_>, project: ProjectId) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar!("SELECT transform_secret FROM projects WHERE id = $1", project.0)
        .fetch_optional(db)
        .await
}
