//! Setup steps without an audit trail — probing and sealing a bucket, minting a key — for
//! `carcosa dev`'s first run and the tests' fixtures. The rules are shared with
//! `crate::manage`, which the API and the admin CLI call and which records every change.

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use sqlx::PgPool;

use crate::crypto::Sealer;
use crate::db::api_keys::ApiKeySummary;
use crate::db::buckets::{self, ACCESS_KEY_FIELD, BucketRow, SECRET_KEY_FIELD};
use crate::domain::{BucketId, OrgId, PermissionSet, ProjectId, TeamId};
use crate::storage::{BucketAccess, Storage, StorageError};

/// A bucket to add.
#[derive(Debug, Clone)]
pub struct NewBucket {
    /// Owning organization.
    pub org: OrgId,
    /// Owning team.
    pub owner_team: TeamId,
    /// Carcosa-side name, unique in the organization.
    pub name: String,
    /// Provider label (`s3`, `r2`, `minio`, `embedded`, `other`).
    pub provider: String,
    /// Where and how to reach it.
    pub access: BucketAccess,
}

/// Why a management operation failed, with a message meant for the operator.
#[derive(Debug, thiserror::Error)]
pub enum ProvisionError {
    /// The bucket probe failed; the message says which part was wrong.
    #[error("{0}")]
    BucketCheck(String),
    /// A name is already taken.
    #[error("{0} already exists")]
    AlreadyExists(String),
    /// Input that cannot be stored.
    #[error("{0}")]
    Invalid(String),
    /// Database failure.
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

/// Proves the bucket works (write, read, delete a probe object), then stores it with sealed
/// credentials. Nothing is written to the database when the probe fails.
pub async fn add_bucket(db: &PgPool, sealer: &Sealer, new: NewBucket) -> Result<BucketRow, ProvisionError> {
    let name = new.name.clone();
    let row = checked_row(sealer, new).await?;
    buckets::insert(db, &row)
        .await
        .map_err(|e| unique_violation(e, &format!("bucket {name:?}")))?;
    Ok(row)
}

/// Probes a bucket and builds its row with freshly sealed credentials (not stored yet).
pub async fn checked_row(sealer: &Sealer, new: NewBucket) -> Result<BucketRow, ProvisionError> {
    if !matches!(new.provider.as_str(), "s3" | "r2" | "minio" | "embedded" | "other") {
        return Err(ProvisionError::Invalid(format!(
            "provider {:?} must be one of s3, r2, minio, embedded, other",
            new.provider
        )));
    }
    probe(&new.access).await?;
    let id = BucketId::new();
    let now = Utc::now();
    let row = BucketRow {
        id,
        organization_id: new.org,
        owner_team_id: new.owner_team,
        name: new.name.clone(),
        provider: new.provider,
        endpoint: new.access.endpoint.clone(),
        region: new.access.region.clone(),
        bucket_name: new.access.bucket_name.clone(),
        force_path_style: new.access.force_path_style,
        access_key_sealed: sealer.seal_credential(id.0, ACCESS_KEY_FIELD, &new.access.access_key),
        secret_key_sealed: sealer.seal_credential(id.0, SECRET_KEY_FIELD, &new.access.secret_key),
        status: "active".into(),
        validated_at: Some(now),
        created_at: now,
        updated_at: now,
    };
    Ok(row)
}

/// Probes `access` the way [`add_bucket`] does, with the same operator-facing explanation.
pub async fn probe(access: &BucketAccess) -> Result<(), ProvisionError> {
    Storage::new(access).probe().await.map_err(|e| explain_probe(access, e))
}

fn explain_probe(access: &BucketAccess, err: StorageError) -> ProvisionError {
    let endpoint = access.endpoint.as_deref().unwrap_or("AWS S3");
    let bucket = &access.bucket_name;
    ProvisionError::BucketCheck(match err {
        StorageError::Denied { code } => format!(
            "{endpoint} refused the credentials for bucket {bucket:?} ({code}): check the access key and secret key"
        ),
        StorageError::NoSuchBucket => {
            format!("bucket {bucket:?} does not exist at {endpoint} (create it first, or check the name and region)")
        }
        StorageError::Unreachable(_) => {
            format!(
                "could not reach {endpoint}: {} (check the endpoint URL and that the server is up)",
                err.detail()
            )
        }
        other => format!(
            "bucket {bucket:?} at {endpoint} failed the write/read/delete check: {}",
            other.detail()
        ),
    })
}

/// Maps a unique-constraint violation to [`ProvisionError::AlreadyExists`].
pub fn unique_violation(err: sqlx::Error, what: &str) -> ProvisionError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => ProvisionError::AlreadyExists(what.to_owned()),
        sqlx::Error::Database(db) if db.is_check_violation() => ProvisionError::Invalid(format!(
            "{what} is not valid (names are lowercase letters, digits and '-')"
        )),
        _ => ProvisionError::Database(err),
    }
}

/// A key as created: the summary to store/show, and the token to show exactly once.
#[derive(Debug)]
pub struct CreatedKey {
    /// What listings show.
    pub summary: ApiKeySummary,
    /// The secret token.
    pub token: SecretString,
}

/// Mints an API key for a project with [`crate::manage::keys::mint`]'s rules and no audit row:
/// `carcosa dev`'s demo key and the tests' fixtures (people and the CLI go through
/// `manage::keys::create_key`).
pub async fn create_api_key(
    db: &PgPool,
    project: ProjectId,
    name: &str,
    permissions: &PermissionSet,
    expires_at: Option<DateTime<Utc>>,
) -> Result<CreatedKey, ProvisionError> {
    crate::manage::keys::mint(db, project, name, permissions, expires_at)
        .await
        .map_err(|e| match e {
            crate::manage::ManageError::Database(e) => ProvisionError::Database(e),
            other => ProvisionError::Invalid(other.to_string()),
        })
}
