//! Buckets over the management plane: connect one (probed for real before anything is stored,
//! and its CORS checked against the origins browsers will upload from), share it with other
//! teams of the organization, take a grant back, and rotate its credentials. Also the operator's
//! re-seal of every bucket under a new credentials key.

use secrecy::SecretString;
use serde::Serialize;
use sqlx::PgPool;

use super::{Acting, ManageError, check_slug};
use crate::audit::Event;
use crate::crypto::Sealer;
use crate::db::buckets::{self, ACCESS_KEY_FIELD, BucketRow, Grant, SECRET_KEY_FIELD};
use crate::db::members::Ref;
use crate::db::{audit, members};
use crate::domain::{OrgId, TeamId};
use crate::provision::{self, NewBucket, ProvisionError};
use crate::storage::multipart::LifecycleReport;
use crate::storage::{BucketAccess, Storage, cors};

/// What a bucket check found.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Checks {
    /// The probe (HEAD the bucket, write, read back and delete an object) passed.
    pub probe: bool,
    /// Whether browsers on the given origins can upload (and read part ETags, which multipart
    /// uploads need), and what to add if not.
    pub cors: cors::Report,
    /// Whether the bucket itself aborts abandoned multipart uploads (a lifecycle rule). Carcosa's
    /// sweep aborts the ones it started either way; the rule is the safety net.
    pub lifecycle: LifecycleReport,
}

fn probe_error(e: ProvisionError) -> ManageError {
    match e {
        ProvisionError::BucketCheck(message) => ManageError::Invalid {
            code: "bucket_check_failed",
            field: None,
            message,
        },
        ProvisionError::AlreadyExists(what) => {
            ManageError::conflict("already_exists", format!("{what} already exists"))
        }
        ProvisionError::Invalid(message) => ManageError::Invalid {
            code: "validation_failed",
            field: None,
            message,
        },
        ProvisionError::Database(e) => ManageError::Database(e),
    }
}

/// Reads the bucket's CORS rules and checks them for `origins`. A store that cannot report its
/// CORS configuration is reported as a problem, not an error.
pub async fn check_cors(access: &BucketAccess, origins: &[String]) -> cors::Report {
    match Storage::new(access).cors_rules().await {
        Ok(rules) => cors::check(rules.as_deref(), origins),
        Err(e) if origins.is_empty() => {
            tracing::debug!(error = %e.detail(), "could not read CORS rules");
            cors::check(Some(&[]), &[])
        }
        Err(e) => cors::Report {
            ok: false,
            problems: vec![format!("could not read the bucket's CORS configuration: {e}")],
            fix: Some(cors::Rule::needed(origins)),
        },
    }
}

/// Connects a bucket owned by `team`: probes it, checks CORS for `origins`, stores it sealed.
pub async fn add_bucket(
    db: &PgPool,
    sealer: &Sealer,
    new: NewBucket,
    origins: &[String],
    acting: &Acting,
) -> Result<(BucketRow, Checks), ManageError> {
    check_slug("name", &new.name)?;
    let (org, team, name) = (new.org, new.owner_team, new.name.clone());
    let report = check_cors(&new.access, origins).await;
    let lifecycle = Storage::new(&new.access).lifecycle_report().await;
    let row = provision::checked_row(sealer, new).await.map_err(probe_error)?;
    let mut tx = db.begin().await?;
    buckets::insert(&mut *tx, &row)
        .await
        .map_err(|e| super::constraint(e, &format!("bucket {name:?}")))?;
    let event = Event::new("bucket.created", "bucket", row.id)
        .team(org, team)
        .named(&name)
        .with("cors_ok", report.ok);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok((
        row,
        Checks {
            probe: true,
            cors: report,
            lifecycle,
        },
    ))
}

/// Probes a stored bucket again and checks its CORS for `origins`.
pub async fn check_bucket(sealer: &Sealer, row: &BucketRow, origins: &[String]) -> Result<Checks, ManageError> {
    let access = row.open_access(sealer).map_err(|e| ManageError::Invalid {
        code: "bucket_check_failed",
        field: None,
        message: e.to_string(),
    })?;
    provision::probe(&access).await.map_err(probe_error)?;
    Ok(Checks {
        probe: true,
        cors: check_cors(&access, origins).await,
        lifecycle: Storage::new(&access).lifecycle_report().await,
    })
}

/// Shares `bucket` (managed by `team`) with team `grantee` of the same organization.
pub async fn share(
    db: &PgPool,
    org: OrgId,
    team: TeamId,
    bucket: &str,
    grantee: &str,
    grant: Grant,
    acting: &Acting,
) -> Result<(), ManageError> {
    if grant == Grant::Owner {
        return Err(ManageError::invalid(
            "access",
            "grants are read-only, read-write or admin",
        ));
    }
    let mut tx = db.begin().await?;
    let row = managed(&mut tx, org, team, bucket).await?;
    let (grantee_id, _) = members::team_in_org(&mut *tx, org, None, Ref::parse(grantee))
        .await?
        .ok_or(ManageError::NotFound("grantee team"))?;
    if grantee_id == row.owner_team_id {
        return Err(ManageError::invalid("team", "the owning team always has full access"));
    }
    let before = buckets::put_grant(&mut *tx, row.id, grantee_id, grant).await?;
    let event = Event::new("bucket.shared", "bucket", row.id)
        .team(org, team)
        .named(&row.name)
        .with("grantee", grantee_id)
        .diff(before, grant);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a team's grant back: its projects' presigns stop at once (API caches are flushed by
/// the grant table's notification); files already uploaded stay where they are.
pub async fn unshare(
    db: &PgPool,
    org: OrgId,
    team: TeamId,
    bucket: &str,
    grantee: &str,
    acting: &Acting,
) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    let row = managed(&mut tx, org, team, bucket).await?;
    let (grantee_id, _) = members::team_in_org(&mut *tx, org, None, Ref::parse(grantee))
        .await?
        .ok_or(ManageError::NotFound("grantee team"))?;
    let before = buckets::remove_grant(&mut *tx, row.id, grantee_id)
        .await?
        .ok_or(ManageError::NotFound("grant"))?;
    let event = Event::new("bucket.unshared", "bucket", row.id)
        .team(org, team)
        .named(&row.name)
        .with("grantee", grantee_id)
        .with("was", before);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// A new access key pair.
#[derive(Debug)]
pub struct NewKeys {
    /// Access key id.
    pub access_key: SecretString,
    /// Secret access key.
    pub secret_key: SecretString,
}

/// New credentials for a bucket: probed first, then sealed and swapped in one statement. Every
/// API and worker process builds its client from the new row version on next use.
pub async fn rotate_credentials(
    db: &PgPool,
    sealer: &Sealer,
    (org, team): (OrgId, TeamId),
    bucket: &str,
    keys: NewKeys,
    acting: &Acting,
) -> Result<(), ManageError> {
    let NewKeys { access_key, secret_key } = keys;
    let mut conn = db.acquire().await?;
    let row = managed(&mut conn, org, team, bucket).await?;
    drop(conn);
    let access = BucketAccess {
        endpoint: row.endpoint.clone(),
        region: row.region.clone(),
        bucket_name: row.bucket_name.clone(),
        force_path_style: row.force_path_style,
        access_key,
        secret_key,
    };
    provision::probe(&access).await.map_err(probe_error)?;
    let sealed_access = sealer.seal_credential(row.id.0, ACCESS_KEY_FIELD, &access.access_key);
    let sealed_secret = sealer.seal_credential(row.id.0, SECRET_KEY_FIELD, &access.secret_key);
    let mut tx = db.begin().await?;
    buckets::set_credentials(&mut *tx, row.id, &sealed_access, &sealed_secret).await?;
    let event = Event::new("bucket.credentials_rotated", "bucket", row.id)
        .team(org, team)
        .named(&row.name);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// The bucket `r` names, if `team` owns it or holds an admin grant (404 if it cannot see it at
/// all, 403 if it may only use it).
async fn managed(conn: &mut sqlx::PgConnection, org: OrgId, team: TeamId, r: &str) -> Result<BucketRow, ManageError> {
    let (row, grant) = buckets::for_team(conn, org, team, Ref::parse(r))
        .await?
        .ok_or(ManageError::NotFound("bucket"))?;
    if !grant.manages() {
        return Err(ManageError::Forbidden {
            code: "bucket_admin_required",
            message: "only the owning team, or a team with an admin grant, manages this bucket".into(),
        });
    }
    Ok(row)
}

/// Re-seals every bucket's credentials under `sealer`'s active key (which must also hold the old
/// keys to open them). One row per statement, so a crash halfway leaves every row sealed under
/// either the old key or the new one — both openable while the old key is still configured.
/// Returns how many rows were re-sealed.
pub async fn reseal_all(
    db: &PgPool,
    sealer: &Sealer,
    mut progress: impl FnMut(usize, usize),
) -> Result<usize, ManageError> {
    let rows = buckets::all_sealed(db).await?;
    let total = rows.len();
    let mut done = 0;
    for (i, (id, access, secret)) in rows.into_iter().enumerate() {
        let open = |field: &str, blob: &[u8]| {
            sealer
                .open_credential(id.0, field, blob)
                .map_err(|e| ManageError::Invalid {
                    code: "credentials_unreadable",
                    field: None,
                    message: format!("bucket {id}: {e} (configure the old key under credentials_previous_keys)"),
                })
        };
        let plain_access = open(ACCESS_KEY_FIELD, &access)?;
        let plain_secret = open(SECRET_KEY_FIELD, &secret)?;
        let new_access = sealer.seal_credential(id.0, ACCESS_KEY_FIELD, &plain_access);
        let new_secret = sealer.seal_credential(id.0, SECRET_KEY_FIELD, &plain_secret);
        if buckets::reseal(db, id, &access, &new_access, &new_secret).await? {
            done += 1;
        }
        progress(i + 1, total);
    }
    let webhooks = crate::manage::webhooks::reseal_secrets(db, sealer).await?;
    let event = Event::new("credentials_key.rotated", "credentials_key", sealer.active_key_id())
        .with("buckets", done)
        .with("webhooks", webhooks);
    audit::record(db, &crate::audit::Actor::cli(), &Default::default(), &event).await?;
    Ok(done)
}
