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
#[derive(Debug, Clone, Serialize)]
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
