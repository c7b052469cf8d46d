//! API keys. The request path reads one row per call ([`find_for_auth`]), joined with everything
//! a presign needs about the project, so authenticating costs one query.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::{ApiKeyId, BucketId, OrgId, ProjectId, TeamId};

/// The key row plus its project's scope and upload rules.
#[derive(Debug, Clone)]
pub struct AuthRow {
    /// Key id.
    pub id: ApiKeyId,
    /// The key's label (audit entries name it).
    pub name: String,
    /// The project's rate-limit overrides (tier → per hour).
    pub rate_limits: serde_json::Value,
    /// Whether the project's team may still write to its bucket (owner, or a read-write or
    /// admin grant); when a grant is revoked, presigns stop.
    pub bucket_writable: bool,
    /// SHA-256 of the token.
    pub secret_hash: Vec<u8>,
    /// Permission names.
    pub permissions: Vec<String>,
    /// Expiry, if any.
    pub expires_at: Option<DateTime<Utc>>,
    /// Revocation time, if revoked.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Last successful use.
    pub last_used_at: Option<DateTime<Utc>>,
    /// The key's project.
    pub project_id: ProjectId,
    /// The project's team.
    pub team_id: TeamId,
    /// The team's organization.
    pub organization_id: OrgId,
    /// The project's bucket.
    pub bucket_id: BucketId,
    /// Upload size cap.
    pub max_upload_bytes: i64,
    /// Allowed content types.
    pub allowed_content_types: Vec<String>,
    /// Upload URL lifetime override.
    pub upload_url_ttl_secs: Option<i32>,
    /// Uploads of at least this many bytes are multipart.
    pub multipart_threshold_bytes: i64,
    /// The bucket row's version, to validate cached clients.
    pub bucket_updated_at: DateTime<Utc>,
    /// Stored-bytes quota.
    pub quota_max_stored_bytes: Option<i64>,
    /// File-count quota.
    pub quota_max_files: Option<i64>,
    /// Monthly transform quota.
    pub quota_max_transforms_month: Option<i64>,
}

/// Finds a key by its public prefix, with its project's scope.
pub async fn find_for_auth(db: impl PgExecutor<'_>, prefix: &str) -> sqlx::Result<Option<AuthRow>> {
    sqlx::query_as!(
        AuthRow,
        r#"SELECT k.id AS "id: ApiKeyId", k.name, p.rate_limits, k.secret_hash, k.permissions, k.expires_at, k.revoked_at,
                  k.last_used_at, p.id AS "project_id: ProjectId", p.team_id AS "team_id: TeamId",
                  t.organization_id AS "organization_id: OrgId", p.bucket_id AS "bucket_id: BucketId",
                  p.max_upload_bytes, p.allowed_content_types, p.upload_url_ttl_secs,
                  p.multipart_threshold_bytes, b.updated_at AS bucket_updated_at, p.quota_max_stored_bytes, p.quota_max_files,
                  p.quota_max_transforms_month,
                  (b.owner_team_id = p.team_id OR EXISTS (
                      SELECT 1 FROM bucket_team_access a
                      WHERE a.bucket_id = b.id AND a.team_id = p.team_id AND a.access IN ('READ_WRITE', 'ADMIN')
                  )) AS "bucket_writable!"
           FROM api_keys k
           JOIN projects p ON p.id = k.project_id
           JOIN teams t ON t.id = p.team_id
           JOIN buckets b ON b.id = p.bucket_id
           WHERE k.prefix = $1"#,
        prefix
    )
    .fetch_optional(db)
    .await
}

/// Whether a key may still be used, checked by id (realtime tokens carry the id of the key
/// that minted them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStanding {
    /// Usable (until `expires_at`, if set).
    Valid {
        /// Expiry, if any.
        expires_at: Option<DateTime<Utc>>,
    },
    /// Revoked, or deleted (with its project).
    Revoked,
    /// Past its expiry.
    Expired,
}

/// The standing of key `id` in `project`.
pub async fn standing(db: impl PgExecutor<'_>, project: ProjectId, id: ApiKeyId) -> sqlx::Result<KeyStanding> {
    let row = sqlx::query!(
        "SELECT expires_at, revoked_at, expires_at <= now() AS expired FROM api_keys WHERE id = $1 AND project_id = $2",
        id.0,
        project.0
    )
    .fetch_optional(db)
    .await?;
    Ok(match row {
        None => KeyStanding::Revoked,
        Some(r) if r.revoked_at.is_some() => KeyStanding::Revoked,
        Some(r) if r.expired == Some(true) => KeyStanding::Expired,
        Some(r) => KeyStanding::Valid {
            expires_at: r.expires_at,
        },
    })
}

/// Which of `ids` can no longer be used: revoked, expired or deleted.
pub async fn unusable_among(db: impl PgExecutor<'_>, ids: &[ApiKeyId]) -> sqlx::Result<Vec<ApiKeyId>> {
    let ids: Vec<uuid::Uuid> = ids.iter().map(|k| k.0).collect();
    sqlx::query_scalar!(
        r#"SELECT w.id AS "id!: ApiKeyId" FROM unnest($1::uuid[]) AS w(id)
           LEFT JOIN api_keys k ON k.id = w.id
           WHERE k.id IS NULL OR k.revoked_at IS NOT NULL OR k.expires_at <= now()"#,
        &ids
    )
    .fetch_all(db)
    .await
}

/// Records a use; skipped by the caller when the stored time is recent.
pub async fn touch(db: impl PgExecutor<'_>, id: ApiKeyId) -> sqlx::Result<()> {
    sqlx::query!("UPDATE api_keys SET last_used_at = now() WHERE id = $1", id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// A key as listings show it (never the secret or its hash).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApiKeySummary {
    /// Id.
    pub id: ApiKeyId,
    /// Owning project.
    pub project_id: ProjectId,
    /// Label.
    pub name: String,
    /// Public prefix (`ck_…`).
    pub prefix: String,
    /// Permission names.
    pub permissions: Vec<String>,
    /// Expiry.
    pub expires_at: Option<DateTime<Utc>>,
    /// Revocation time.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Last use.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// Fields of a new key; the caller minted the token.
#[derive(Debug)]
pub struct NewKey<'a> {
    /// Owning project.
    pub project: ProjectId,
    /// Label.
    pub name: &'a str,
    /// Public prefix.
    pub prefix: &'a str,
    /// SHA-256 of the token.
    pub secret_hash: &'a [u8],
    /// Permission names (already validated).
    pub permissions: &'a [String],
    /// Optional expiry.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Inserts a key.
pub async fn insert(db: impl PgExecutor<'_>, k: &NewKey<'_>) -> sqlx::Result<ApiKeySummary> {
    sqlx::query_as!(
        ApiKeySummary,
        r#"INSERT INTO api_keys (id, project_id, name, prefix, secret_hash, permissions, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           RETURNING id AS "id: ApiKeyId", project_id AS "project_id: ProjectId", name, prefix,
                     permissions, expires_at, revoked_at, last_used_at, created_at"#,
        ApiKeyId::new().0,
        k.project.0,
        k.name,
        k.prefix,
        k.secret_hash,
        k.permissions,
        k.expires_at,
    )
    .fetch_one(db)
    .await
}

/// A project's keys, newest first.
pub async fn list(db: impl PgExecutor<'_>, project: ProjectId) -> sqlx::Result<Vec<ApiKeySummary>> {
    sqlx::query_as!(
        ApiKeySummary,
        r#"SELECT id AS "id: ApiKeyId", project_id AS "project_id: ProjectId", name, prefix, permissions,
                  expires_at, revoked_at, last_used_at, created_at
           FROM api_keys WHERE project_id = $1 ORDER BY id DESC"#,
        project.0
    )
    .fetch_all(db)
    .await
}

/// Revokes a key by prefix; false if no such unrevoked key.
pub async fn revoke(db: impl PgExecutor<'_>, prefix: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE api_keys SET revoked_at = now() WHERE prefix = $1 AND revoked_at IS NULL",
        prefix
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Revokes key `id` of `project`; returns its label (`name (prefix)`), or `None` if there is no
/// such unrevoked key in the project.
pub async fn revoke_in_project(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    id: ApiKeyId,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND project_id = $2 AND revoked_at IS NULL
           RETURNING name || ' (' || prefix || ')' AS "label!""#,
        id.0,
        project.0
    )
    .fetch_optional(db)
    .await
}

/// Where the key with `prefix` lives: its id, project, team and organization.
pub async fn locate(
    db: impl PgExecutor<'_>,
    prefix: &str,
) -> sqlx::Result<Option<(ApiKeyId, ProjectId, TeamId, OrgId)>> {
    let row = sqlx::query!(
        r#"SELECT k.id AS "id: ApiKeyId", k.project_id AS "project_id: ProjectId", p.team_id AS "team_id: TeamId",
                  t.organization_id AS "org_id: OrgId"
           FROM api_keys k JOIN projects p ON p.id = k.project_id JOIN teams t ON t.id = p.team_id
           WHERE k.prefix = $1"#,
        prefix
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.id, r.project_id, r.team_id, r.org_id)))
}
