//! Customer buckets. Credentials are stored sealed; [`BucketRow::open_access`] is the only place
//! they are opened, in memory, to build a client.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::crypto::{OpenError, Sealer};
use crate::domain::{BucketId, OrgId, TeamId};
use crate::storage::BucketAccess;

/// Associated-data labels for the two sealed columns.
pub const ACCESS_KEY_FIELD: &str = "access_key";
/// See [`ACCESS_KEY_FIELD`].
pub const SECRET_KEY_FIELD: &str = "secret_key";

/// A bucket row, credentials still sealed.
#[derive(Clone)]
pub struct BucketRow {
    /// Id (also the associated data of its sealed credentials).
    pub id: BucketId,
    /// Owning organization.
    pub organization_id: OrgId,
    /// Owning team.
    pub owner_team_id: TeamId,
    /// Unique within the organization.
    pub name: String,
    /// `s3`, `r2`, `minio`, `embedded` or `other`.
    pub provider: String,
    /// Custom endpoint.
    pub endpoint: Option<String>,
    /// Signing region.
    pub region: String,
    /// The provider-side bucket name.
    pub bucket_name: String,
    /// Path-style addressing.
    pub force_path_style: bool,
    /// Sealed access key id.
    pub access_key_sealed: Vec<u8>,
    /// Sealed secret key.
    pub secret_key_sealed: Vec<u8>,
    /// `unvalidated`, `active` or `invalid`.
    pub status: String,
    /// Last successful probe.
    pub validated_at: Option<DateTime<Utc>>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Bumped whenever credentials or addressing change (invalidates cached clients).
    pub updated_at: DateTime<Utc>,
}

impl std::fmt::Debug for BucketRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BucketRow")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("endpoint", &self.endpoint)
            .field("bucket_name", &self.bucket_name)
            .finish_non_exhaustive()
    }
}

impl BucketRow {
    /// Opens the sealed credentials into a [`BucketAccess`].
    pub fn open_access(&self, sealer: &Sealer) -> Result<BucketAccess, OpenError> {
        Ok(BucketAccess {
            endpoint: self.endpoint.clone(),
            region: self.region.clone(),
            bucket_name: self.bucket_name.clone(),
            force_path_style: self.force_path_style,
            access_key: sealer.open_credential(self.id.0, ACCESS_KEY_FIELD, &self.access_key_sealed)?,
            secret_key: sealer.open_credential(self.id.0, SECRET_KEY_FIELD, &self.secret_key_sealed)?,
        })
    }

    /// The listing view (no credentials at all).
    pub fn summary(&self) -> BucketSummary {
        BucketSummary {
            id: self.id,
            name: self.name.clone(),
            provider: self.provider.clone(),
            endpoint: self.endpoint.clone(),
            region: self.region.clone(),
            bucket_name: self.bucket_name.clone(),
            force_path_style: self.force_path_style,
            status: self.status.clone(),
            validated_at: self.validated_at,
        }
    }
}

/// What listings show about a bucket.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BucketSummary {
    /// Id.
    pub id: BucketId,
    /// Name within the organization.
    pub name: String,
    /// Provider label.
    pub provider: String,
    /// Custom endpoint.
    pub endpoint: Option<String>,
    /// Signing region.
    pub region: String,
    /// Provider-side bucket name.
    pub bucket_name: String,
    /// Path-style addressing.
    pub force_path_style: bool,
    /// Validation status.
    pub status: String,
    /// Last successful probe.
    pub validated_at: Option<DateTime<Utc>>,
}

/// Insert a bucket row whose credentials the caller already sealed under `row.id`.
pub async fn insert(db: impl PgExecutor<'_>, row: &BucketRow) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO buckets (id, organization_id, owner_team_id, name, provider, endpoint, region,
               bucket_name, force_path_style, access_key_sealed, secret_key_sealed, status, validated_at,
               created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"#,
        row.id.0,
        row.organization_id.0,
        row.owner_team_id.0,
        row.name,
        row.provider,
        row.endpoint,
        row.region,
        row.bucket_name,
        row.force_path_style,
        row.access_key_sealed,
        row.secret_key_sealed,
        row.status,
        row.validated_at,
        row.created_at,
        row.updated_at,
    )
    .execute(db)
    .await?;
    Ok(())
}

macro_rules! select_bucket {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            BucketRow,
            r#"SELECT id AS "id: BucketId", organization_id AS "organization_id: OrgId",
                      owner_team_id AS "owner_team_id: TeamId", name, provider, endpoint, region,
                      bucket_name, force_path_style, access_key_sealed, secret_key_sealed, status,
                      validated_at, created_at, updated_at
               FROM buckets "# + $tail
            $(, $arg)*
        )
    };
}

/// A bucket by id.
pub async fn get(db: impl PgExecutor<'_>, id: BucketId) -> sqlx::Result<Option<BucketRow>> {
    select_bucket!("WHERE id = $1", id.0).fetch_optional(db).await
}

/// A bucket by name within an organization.
pub async fn find(db: impl PgExecutor<'_>, org: OrgId, name: &str) -> sqlx::Result<Option<BucketRow>> {
    select_bucket!("WHERE organization_id = $1 AND name = $2", org.0, name)
        .fetch_optional(db)
        .await
}

/// An organization's buckets.
pub async fn list(db: impl PgExecutor<'_>, org: OrgId) -> sqlx::Result<Vec<BucketRow>> {
    select_bucket!("WHERE organization_id = $1 ORDER BY name", org.0)
        .fetch_all(db)
        .await
}

/// The bucket `r` names in `org` if `team` may put a project's objects in it: the team owns it,
/// or holds a `READ_WRITE` or `ADMIN` grant on it.
pub async fn writable_by(
    db: impl PgExecutor<'_>,
    org: OrgId,
    team: crate::domain::TeamId,
    r: crate::db::members::Ref<'_>,
) -> sqlx::Result<Option<BucketId>> {
    sqlx::query_scalar!(
        r#"SELECT b.id AS "id: BucketId" FROM buckets b
           LEFT JOIN bucket_team_access a ON a.bucket_id = b.id AND a.team_id = $2
           WHERE b.organization_id = $1 AND (b.id = $3 OR b.name = $4)
             AND (b.owner_team_id = $2 OR a.access IN ('READ_WRITE', 'ADMIN'))"#,
        org.0,
        team.0,
        r.id,
        r.slug
    )
    .fetch_optional(db)
    .await
}

/// What a team may do with a bucket: own it, or hold one of the three grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Grant {
    /// Read existing files (projects may not use it for uploads).
    ReadOnly,
    /// Read and write: projects of the team may upload into it.
    ReadWrite,
    /// Read, write, and manage: rotate credentials, share it further.
    Admin,
    /// The owning team (everything).
    Owner,
}

impl Grant {
    /// The column value in `bucket_team_access` (`Owner` is never stored).
    pub fn column(self) -> &'static str {
        match self {
            Grant::ReadOnly => "READ_ONLY",
            Grant::ReadWrite => "READ_WRITE",
            Grant::Admin | Grant::Owner => "ADMIN",
        }
    }

    fn from_column(s: &str) -> Self {
        match s {
            "READ_WRITE" => Grant::ReadWrite,
            "ADMIN" => Grant::Admin,
            _ => Grant::ReadOnly,
        }
    }

    /// The API's name for it (`read-only`, `read-write`, `admin`, `owner`).
    pub fn as_str(self) -> &'static str {
        match self {
            Grant::ReadOnly => "read-only",
            Grant::ReadWrite => "read-write",
            Grant::Admin => "admin",
            Grant::Owner => "owner",
        }
    }

    /// Whether projects may upload into the bucket.
    pub fn writes(self) -> bool {
        matches!(self, Grant::ReadWrite | Grant::Admin | Grant::Owner)
    }

    /// Whether the team may rotate credentials and manage grants.
    pub fn manages(self) -> bool {
        matches!(self, Grant::Admin | Grant::Owner)
    }
}

/// A grant as listings show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamGrant {
    /// The team.
    pub team_id: TeamId,
    /// Its slug.
    pub team_slug: String,
    /// What it may do.
    pub access: Grant,
}

/// The bucket `r` names in `org`, with what `team` may do with it (`None` if nothing).
pub async fn for_team(
    db: &mut sqlx::PgConnection,
    org: OrgId,
    team: TeamId,
    r: crate::db::members::Ref<'_>,
) -> sqlx::Result<Option<(BucketRow, Grant)>> {
    let found = sqlx::query!(
        r#"SELECT b.id AS "id: BucketId", b.owner_team_id = $2 AS "owned!", a.access AS "access?"
           FROM buckets b LEFT JOIN bucket_team_access a ON a.bucket_id = b.id AND a.team_id = $2
           WHERE b.organization_id = $1 AND (b.id = $3 OR b.name = $4)
             AND (b.owner_team_id = $2 OR a.access IS NOT NULL)"#,
        org.0,
        team.0,
        r.id,
        r.slug
    )
    .fetch_optional(&mut *db)
    .await?;
    let Some(found) = found else { return Ok(None) };
    let grant = if found.owned {
        Grant::Owner
    } else {
        Grant::from_column(found.access.as_deref().unwrap_or(""))
    };
    Ok(get(&mut *db, found.id).await?.map(|row| (row, grant)))
}

/// The buckets a team owns or holds a grant on, by name.
pub async fn list_for_team(
    db: impl PgExecutor<'_>,
    org: OrgId,
    team: TeamId,
) -> sqlx::Result<Vec<(BucketSummary, Grant)>> {
    let rows = sqlx::query!(
        r#"SELECT b.id AS "id: BucketId", b.name, b.provider, b.endpoint, b.region, b.bucket_name,
                  b.force_path_style, b.status, b.validated_at,
                  b.owner_team_id = $2 AS "owned!", a.access AS "access?"
           FROM buckets b LEFT JOIN bucket_team_access a ON a.bucket_id = b.id AND a.team_id = $2
           WHERE b.organization_id = $1 AND (b.owner_team_id = $2 OR a.access IS NOT NULL)
           ORDER BY b.name"#,
        org.0,
        team.0
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let grant = if r.owned {
                Grant::Owner
            } else {
                Grant::from_column(r.access.as_deref().unwrap_or(""))
            };
            let summary = BucketSummary {
                id: r.id,
                name: r.name,
                provider: r.provider,
                endpoint: r.endpoint,
                region: r.region,
                bucket_name: r.bucket_name,
                force_path_style: r.force_path_style,
                status: r.status,
                validated_at: r.validated_at,
            };
            (summary, grant)
        })
        .collect())
}

/// The teams a bucket is shared with.
pub async fn grants(db: impl PgExecutor<'_>, bucket: BucketId) -> sqlx::Result<Vec<TeamGrant>> {
    let rows = sqlx::query!(
        r#"SELECT a.team_id AS "team_id: TeamId", t.slug, a.access
           FROM bucket_team_access a JOIN teams t ON t.id = a.team_id
           WHERE a.bucket_id = $1 ORDER BY t.slug"#,
        bucket.0
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TeamGrant {
            team_id: r.team_id,
            team_slug: r.slug,
            access: Grant::from_column(&r.access),
        })
        .collect())
}

/// Gives (or changes) a team's grant; returns the previous one.
pub async fn put_grant(
    db: impl PgExecutor<'_>,
    bucket: BucketId,
    team: TeamId,
    grant: Grant,
) -> sqlx::Result<Option<Grant>> {
    let before = sqlx::query_scalar!(
        r#"WITH old AS (SELECT access FROM bucket_team_access WHERE bucket_id = $1 AND team_id = $2),
                upsert AS (INSERT INTO bucket_team_access (bucket_id, team_id, access) VALUES ($1, $2, $3)
                           ON CONFLICT (bucket_id, team_id) DO UPDATE SET access = EXCLUDED.access)
           SELECT access FROM old"#,
        bucket.0,
        team.0,
        grant.column()
    )
    .fetch_optional(db)
    .await?;
    Ok(before.map(|a| Grant::from_column(&a)))
}

/// Takes a team's grant away; returns what it was.
pub async fn remove_grant(db: impl PgExecutor<'_>, bucket: BucketId, team: TeamId) -> sqlx::Result<Option<Grant>> {
    let gone = sqlx::query_scalar!(
        "DELETE FROM bucket_team_access WHERE bucket_id = $1 AND team_id = $2 RETURNING access",
        bucket.0,
        team.0
    )
    .fetch_optional(db)
    .await?;
    Ok(gone.map(|a| Grant::from_column(&a)))
}

/// Swaps a bucket's sealed credentials in one statement (bumping the row version, so every
/// process's cached client is rebuilt on its next use).
pub async fn set_credentials(
    db: impl PgExecutor<'_>,
    id: BucketId,
    access_key_sealed: &[u8],
    secret_key_sealed: &[u8],
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"UPDATE buckets SET access_key_sealed = $2, secret_key_sealed = $3, status = 'active',
               validated_at = now(), updated_at = now()
           WHERE id = $1"#,
        id.0,
        access_key_sealed,
        secret_key_sealed
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every bucket's id.
pub async fn all_ids(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<BucketId>> {
    sqlx::query_scalar!(r#"SELECT id AS "id: BucketId" FROM buckets ORDER BY id"#)
        .fetch_all(db)
        .await
}

/// Every bucket's id and sealed credentials (for re-sealing under a new key).
pub async fn all_sealed(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<(BucketId, Vec<u8>, Vec<u8>)>> {
    let rows =
        sqlx::query!(r#"SELECT id AS "id: BucketId", access_key_sealed, secret_key_sealed FROM buckets ORDER BY id"#)
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.access_key_sealed, r.secret_key_sealed))
        .collect())
}

/// Replaces one bucket's sealed credentials if they are still `old_access` (a concurrent
/// rotation wins); the row version is left alone, the plaintext did not change.
pub async fn reseal(
    db: impl PgExecutor<'_>,
    id: BucketId,
    old_access: &[u8],
    access: &[u8],
    secret: &[u8],
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE buckets SET access_key_sealed = $3, secret_key_sealed = $4 WHERE id = $1 AND access_key_sealed = $2",
        id.0,
        old_access,
        access,
        secret
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
