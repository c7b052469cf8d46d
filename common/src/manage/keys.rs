//! API keys over the management plane: minted with a permission ceiling (a caller never creates
//! a key holding a permission it lacks itself), listed without secrets, revoked.

use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};

use super::{Acting, ManageError, check_name};
use crate::audit::Event;
use crate::crypto::generate_api_key;
use crate::db::api_keys::{self, NewKey};

use crate::domain::{ApiKeyId, OrgId, PermissionSet, ProjectId, TeamId};
use crate::provision::CreatedKey;

/// Where a key lives.
#[derive(Debug, Clone, Copy)]
pub struct KeyScope {
    /// Organization.
    pub org: OrgId,
    /// Team.
    pub team: TeamId,
    /// Project.
    pub project: ProjectId,
}

/// Mints a key. `ceiling`: what the caller holds on the project (`None` for the CLI operator).
pub async fn create_key(
    db: &PgPool,
    scope: KeyScope,
    name: &str,
    permissions: &PermissionSet,
    expires_at: Option<DateTime<Utc>>,
    ceiling: Option<&PermissionSet>,
    acting: &Acting,
) -> Result<CreatedKey, ManageError> {
    check_name("name", name)?;
    if let Some(ceiling) = ceiling
        && let Some(p) = permissions.iter().find(|p| !ceiling.allows(*p))
    {
        return Err(ManageError::Forbidden {
            code: "permission_ceiling",
            message: format!("you cannot create a key with {p}: you do not hold it yourself"),
        });
    }
    let mut tx = db.begin().await?;
    let created = mint(&mut *tx, scope.project, name.trim(), permissions, expires_at).await?;
    let summary = &created.summary;
    let event = Event::new("api_key.created", "api_key", summary.id)
        .project(scope.org, scope.team, scope.project)
        .named(format!("{} ({})", summary.name, summary.prefix))
        .with("permissions", &summary.permissions)
        .with("expires_at", expires_at);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(created)
}

/// The rules every new key meets (at least one permission, an expiry in the future) and its
/// insert, without an audit row: [`create_key`] adds one; `carcosa dev`'s demo key and the
/// tests' fixtures (`provision::create_api_key`) mint through here too.
pub async fn mint(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    name: &str,
    permissions: &PermissionSet,
    expires_at: Option<DateTime<Utc>>,
) -> Result<CreatedKey, ManageError> {
    if permissions.is_empty() {
        return Err(ManageError::invalid(
            "permissions",
            "an API key needs at least one permission",
        ));
    }
    if expires_at.is_some_and(|t| t <= Utc::now()) {
        return Err(ManageError::invalid("expires_at", "the expiry must be in the future"));
    }
    let minted = generate_api_key();
    let names = permissions.names();
    let new = NewKey {
        project,
        name,
        prefix: &minted.prefix,
        secret_hash: &minted.secret_hash,
        permissions: &names,
        expires_at,
    };
    let summary = api_keys::insert(db, &new).await?;
    Ok(CreatedKey {
        summary,
        token: minted.token,
    })
}

/// Revokes one of a project's keys (effective on every API process within the cache's
/// notification delay). A key already revoked answers 404.
pub async fn revoke_key(db: &PgPool, scope: KeyScope, id: ApiKeyId, acting: &Acting) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    let revoked = api_keys::revoke_in_project(&mut *tx, scope.project, id)
        .await?
        .ok_or(ManageError::NotFound("api key"))?;
    let event = Event::new("api_key.revoked", "api_key", id)
        .project(scope.org, scope.team, scope.project)
        .named(revoked);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Revokes the key whose public prefix is `prefix` (what `carcosa admin key revoke` takes).
pub async fn revoke_by_prefix(db: &PgPool, prefix: &str, acting: &Acting) -> Result<(), ManageError> {
    let (id, project, team, org) = api_keys::locate(db, prefix)
        .await?
        .ok_or(ManageError::NotFound("api key"))?;
    revoke_key(db, KeyScope { org, team, project }, id, acting).await
}
