//! Projects: the unit API keys, uploads and files belong to, with their upload rules.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::{BucketId, OrgId, ProjectId, Quotas, TeamId, UploadRules};

/// A project with its owning ids and upload rules.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Project {
    /// Id.
    pub id: ProjectId,
    /// Owning team.
    pub team_id: TeamId,
    /// The team's organization.
    pub organization_id: OrgId,
    /// Bucket its objects go to.
    pub bucket_id: BucketId,
    /// Unique within the team.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Largest accepted upload.
    pub max_upload_bytes: i64,
    /// Allowed content types (exact or `type/*`).
    pub allowed_content_types: Vec<String>,
    /// Upload URL lifetime override.
    pub upload_url_ttl_secs: Option<i32>,
    /// Uploads of at least this many bytes are presigned as multipart.
    pub multipart_threshold_bytes: i64,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

impl Project {
    /// The project's upload rules.
    pub fn rules(&self) -> UploadRules {
        UploadRules {
            max_upload_bytes: self.max_upload_bytes,
            allowed_content_types: self.allowed_content_types.clone(),
        }
    }
}

/// Fields for a new project.
#[derive(Debug, Clone)]
pub struct NewProject<'a> {
    /// Owning team.
    pub team: TeamId,
    /// Bucket for its objects.
    pub bucket: BucketId,
    /// URL-safe name.
    pub slug: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Upload rules.
    pub rules: UploadRules,
    /// Upload URL lifetime override.
    pub upload_url_ttl_secs: Option<i32>,
}

/// Inserts a project.
pub async fn create(db: impl PgExecutor<'_>, p: &NewProject<'_>) -> sqlx::Result<ProjectId> {
    let id = ProjectId::new();
    sqlx::query!(
        r#"INSERT INTO projects (id, team_id, bucket_id, slug, name, max_upload_bytes,
               allowed_content_types, upload_url_ttl_secs)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"#,
        id.0,
        p.team.0,
        p.bucket.0,
        p.slug,
        p.name,
        p.rules.max_upload_bytes,
        &p.rules.allowed_content_types,
        p.upload_url_ttl_secs,
    )
    .execute(db)
    .await?;
    Ok(id)
}

macro_rules! select_project {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            Project,
            r#"SELECT p.id AS "id: ProjectId", p.team_id AS "team_id: TeamId",
                      t.organization_id AS "organization_id: OrgId", p.bucket_id AS "bucket_id: BucketId",
                      p.slug, p.name, p.max_upload_bytes, p.allowed_content_types, p.upload_url_ttl_secs,
                      p.multipart_threshold_bytes, p.created_at
               FROM projects p JOIN teams t ON t.id = p.team_id "# + $tail
            $(, $arg)*
        )
    };
}

/// A project by id.
pub async fn get(db: impl PgExecutor<'_>, id: ProjectId) -> sqlx::Result<Option<Project>> {
    select_project!("WHERE p.id = $1", id.0).fetch_optional(db).await
}

/// A project by slug within a team.
pub async fn find(db: impl PgExecutor<'_>, team: TeamId, slug: &str) -> sqlx::Result<Option<Project>> {
    select_project!("WHERE p.team_id = $1 AND p.slug = $2", team.0, slug)
        .fetch_optional(db)
        .await
}

/// A team's projects.
pub async fn list(db: impl PgExecutor<'_>, team: TeamId) -> sqlx::Result<Vec<Project>> {
    select_project!("WHERE p.team_id = $1 ORDER BY p.slug", team.0)
        .fetch_all(db)
        .await
}

/// Replaces a project's upload rules.
pub async fn set_rules(db: impl PgExecutor<'_>, id: ProjectId, rules: &UploadRules) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE projects SET max_upload_bytes = $2, allowed_content_types = $3 WHERE id = $1",
        id.0,
        rules.max_upload_bytes,
        &rules.allowed_content_types
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A project's transform policy document (`{}` means the defaults).
pub async fn transform_policy(db: impl PgExecutor<'_>, id: ProjectId) -> sqlx::Result<Option<serde_json::Value>> {
    sqlx::query_scalar!("SELECT transform_policy FROM projects WHERE id = $1", id.0)
        .fetch_optional(db)
        .await
}

/// Replaces a project's transform policy (validated by the caller).
pub async fn set_transform_policy(
    db: impl PgExecutor<'_>,
    id: ProjectId,
    policy: &serde_json::Value,
) -> sqlx::Result<bool> {
    let done = sqlx::query!("UPDATE projects SET transform_policy = $2 WHERE id = $1", id.0, policy)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives a project a new URL-signing secret; every signed transform URL issued before stops
/// working.
pub async fn rotate_transform_secret(db: impl PgExecutor<'_>, id: ProjectId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE projects
           SET transform_secret = decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
           WHERE id = $1"#,
        id.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A project's quotas.
pub async fn quotas(db: impl PgExecutor<'_>, id: ProjectId) -> sqlx::Result<Option<Quotas>> {
    sqlx::query_as!(
        Quotas,
        r#"SELECT quota_max_stored_bytes AS max_stored_bytes, quota_max_files AS max_files,
                  quota_max_transforms_month AS max_transforms_per_month
           FROM projects WHERE id = $1"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// Replaces a project's quotas (`None`: unlimited). API caches pick the change up through the
/// projects trigger.
pub async fn set_quotas(db: impl PgExecutor<'_>, id: ProjectId, q: &Quotas) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE projects SET quota_max_stored_bytes = $2, quota_max_files = $3, quota_max_transforms_month = $4
           WHERE id = $1"#,
        id.0,
        q.max_stored_bytes,
        q.max_files,
        q.max_transforms_per_month
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Everything about a project its owners can change, as one document (the audit diff is taken
/// between two of these).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Settings {
    /// Display name.
    pub name: String,
    /// Largest accepted upload.
    pub max_upload_bytes: i64,
    /// Allowed content types.
    pub allowed_content_types: Vec<String>,
    /// Upload URL lifetime override.
    pub upload_url_ttl_secs: Option<i32>,
    /// Uploads of at least this many bytes are presigned as multipart (5 MiB to 5 GiB).
    pub multipart_threshold_bytes: i64,
    /// Stored-bytes quota.
    pub max_stored_bytes: Option<i64>,
    /// File-count quota.
    pub max_files: Option<i64>,
    /// Monthly transform quota.
    pub max_transforms_per_month: Option<i64>,
    /// Rate-limit overrides, tier → per hour.
    pub rate_limits: serde_json::Value,
    /// Presets, image limits, public presets.
    pub transform_policy: serde_json::Value,
}

/// A live project's settings, locked for an update.
pub async fn settings_for_update(db: impl PgExecutor<'_>, id: ProjectId) -> sqlx::Result<Option<Settings>> {
    sqlx::query_as!(
        Settings,
        r#"SELECT name, max_upload_bytes, allowed_content_types, upload_url_ttl_secs, multipart_threshold_bytes,
                  quota_max_stored_bytes AS max_stored_bytes, quota_max_files AS max_files,
                  quota_max_transforms_month AS max_transforms_per_month, rate_limits, transform_policy
           FROM projects WHERE id = $1 AND deleted_at IS NULL FOR UPDATE"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// Stores a project's settings (validated by the caller).
pub async fn save_settings(db: impl PgExecutor<'_>, id: ProjectId, s: &Settings) -> sqlx::Result<()> {
    sqlx::query!(
        r#"UPDATE projects SET name = $2, max_upload_bytes = $3, allowed_content_types = $4, upload_url_ttl_secs = $5,
               quota_max_stored_bytes = $6, quota_max_files = $7, quota_max_transforms_month = $8,
               rate_limits = $9, transform_policy = $10, multipart_threshold_bytes = $11
           WHERE id = $1"#,
        id.0,
        s.name,
        s.max_upload_bytes,
        &s.allowed_content_types,
        s.upload_url_ttl_secs,
        s.max_stored_bytes,
        s.max_files,
        s.max_transforms_per_month,
        s.rate_limits,
        s.transform_policy,
        s.multipart_threshold_bytes
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A team's live projects.
pub async fn list_live(db: impl PgExecutor<'_>, team: TeamId) -> sqlx::Result<Vec<Project>> {
    select_project!("WHERE p.team_id = $1 AND p.deleted_at IS NULL ORDER BY p.slug", team.0)
        .fetch_all(db)
        .await
}

/// An organization's live projects, every team's, in one query (the dashboard's overview).
pub async fn list_live_in_org(db: impl PgExecutor<'_>, org: OrgId) -> sqlx::Result<Vec<Project>> {
    select_project!(
        "WHERE t.organization_id = $1 AND p.deleted_at IS NULL ORDER BY p.name, p.slug",
        org.0
    )
    .fetch_all(db)
    .await
}

/// Where a project sits, named: its team's and organization's slugs and names (the dashboard's
/// navigation).
#[derive(Debug, Clone)]
pub struct Placement {
    /// The project's name.
    pub name: String,
    /// The project's slug.
    pub slug: String,
    /// Its team's slug.
    pub team_slug: String,
    /// Its team's name.
    pub team_name: String,
    /// Its bucket's endpoint (`None` for AWS), for the page's upload policy.
    pub bucket_endpoint: Option<String>,
    /// Its bucket's name at the provider.
    pub bucket_name: String,
    /// Its bucket's region.
    pub bucket_region: String,
    /// Path-style addressing.
    pub bucket_path_style: bool,
    /// The project's transform secret (signs the pages' thumbnail and preview URLs).
    pub transform_secret: Vec<u8>,
    /// Largest accepted upload.
    pub max_upload_bytes: i64,
    /// Allowed content types.
    pub allowed_content_types: Vec<String>,
}

/// A live project's placement.
pub async fn placement(db: impl PgExecutor<'_>, id: ProjectId) -> sqlx::Result<Option<Placement>> {
    sqlx::query_as!(
        Placement,
        r#"SELECT p.name, p.slug, t.slug AS team_slug, t.name AS team_name,
                  b.endpoint AS bucket_endpoint, b.bucket_name, b.region AS bucket_region,
                  b.force_path_style AS bucket_path_style, p.transform_secret, p.max_upload_bytes,
                  p.allowed_content_types
           FROM projects p JOIN teams t ON t.id = p.team_id JOIN buckets b ON b.id = p.bucket_id
           WHERE p.id = $1 AND p.deleted_at IS NULL"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// What a presign needs about a project, read by project id (the dashboard's uploads, which
/// come with a session rather than a key; [`super::api_keys::find_for_auth`] reads the same
/// with a key).
#[derive(Debug, Clone)]
pub struct UploadScope {
    /// The project.
    pub project_id: ProjectId,
    /// Its team.
    pub team_id: TeamId,
    /// The team's organization.
    pub organization_id: OrgId,
    /// Its bucket.
    pub bucket_id: BucketId,
    /// Upload size cap.
    pub max_upload_bytes: i64,
    /// Allowed content types.
    pub allowed_content_types: Vec<String>,
    /// Upload URL lifetime override.
    pub upload_url_ttl_secs: Option<i32>,
    /// Uploads of at least this many bytes are multipart.
    pub multipart_threshold_bytes: i64,
    /// The bucket row's version.
    pub bucket_updated_at: DateTime<Utc>,
    /// Stored-bytes quota.
    pub quota_max_stored_bytes: Option<i64>,
    /// File-count quota.
    pub quota_max_files: Option<i64>,
    /// Monthly transform quota.
    pub quota_max_transforms_month: Option<i64>,
    /// Whether the project's team may still write to its bucket.
    pub bucket_writable: bool,
}

/// A live project's [`UploadScope`].
pub async fn upload_scope(db: impl PgExecutor<'_>, id: ProjectId) -> sqlx::Result<Option<UploadScope>> {
    sqlx::query_as!(
        UploadScope,
        r#"SELECT p.id AS "project_id: ProjectId", p.team_id AS "team_id: TeamId",
                  t.organization_id AS "organization_id: OrgId", p.bucket_id AS "bucket_id: BucketId",
                  p.max_upload_bytes, p.allowed_content_types, p.upload_url_ttl_secs,
                  p.multipart_threshold_bytes, b.updated_at AS bucket_updated_at, p.quota_max_stored_bytes,
                  p.quota_max_files, p.quota_max_transforms_month,
                  (b.owner_team_id = p.team_id OR EXISTS (
                      SELECT 1 FROM bucket_team_access a
                      WHERE a.bucket_id = b.id AND a.team_id = p.team_id AND a.access IN ('READ_WRITE', 'ADMIN')
                  )) AS "bucket_writable!"
           FROM projects p
           JOIN teams t ON t.id = p.team_id
           JOIN buckets b ON b.id = p.bucket_id
           WHERE p.id = $1 AND p.deleted_at IS NULL"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// Uploads of a project still in flight (pending with a live URL, verifying or processing).
pub async fn uploads_in_flight(db: impl PgExecutor<'_>, id: ProjectId) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM uploads WHERE project_id = $1
           AND (status IN ('verifying', 'processing') OR (status = 'pending' AND expires_at > now()))"#,
        id.0
    )
    .fetch_one(db)
    .await
}

/// Soft-deletes a project and revokes its keys; its files and usage stay. False if it was
/// already deleted.
pub async fn soft_delete(db: &mut sqlx::PgConnection, id: ProjectId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE projects SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL",
        id.0
    )
    .execute(&mut *db)
    .await?;
    sqlx::query!(
        "UPDATE api_keys SET revoked_at = now() WHERE project_id = $1 AND revoked_at IS NULL",
        id.0
    )
    .execute(&mut *db)
    .await?;
    Ok(done.rows_affected() == 1)
}
