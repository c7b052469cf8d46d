//! API-key authentication and per-route permissions. A handler names `Auth<perm::FilesWrite>` in
//! its signature; the extractor finds the key by its public prefix (one query that also loads the
//! project's scope and upload rules), verifies the hash in constant time, rejects revoked and
//! expired keys, and checks the permission. Lookups are cached ([`key_cache`]) while change
//! notifications keep the cache coherent.

pub mod key_cache;

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use carcosa_common::crypto::{api_key_matches, api_key_prefix};
use carcosa_common::db::api_keys::{self, AuthRow};
use carcosa_common::domain::{
    ApiKeyId, BucketId, OrgId, Permission, PermissionSet, ProjectId, Quotas, TeamId, UploadRules,
};
use chrono::{DateTime, Duration, Utc};

use crate::error::ApiError;
use crate::state::AppState;

/// Marker types naming the permission a route requires.
pub mod perm {
    use super::Permission;

    /// A permission requirement known at compile time: one permission, or a pair that must
    /// both be held (`Auth<(perm::TransformsExecute, perm::FilesRead)>`).
    pub trait Required: Send + Sync + 'static {
        /// Every permission the route needs.
        const PERMISSIONS: &'static [Permission];
    }

    /// A marker naming exactly one permission (what a pair is made of, so that a requirement
    /// can never lose a permission by nesting).
    pub trait One: Send + Sync + 'static {
        /// The permission.
        const PERMISSION: Permission;
    }

    impl<P: One> Required for P {
        const PERMISSIONS: &'static [Permission] = &[P::PERMISSION];
    }

    impl<A: One, B: One> Required for (A, B) {
        const PERMISSIONS: &'static [Permission] = &[A::PERMISSION, B::PERMISSION];
    }

    macro_rules! required {
        ($($name:ident),*) => {$(
            #[doc = concat!("Requires `", stringify!($name), "`.")]
            #[derive(Debug)]
            pub struct $name;
            impl One for $name {
                const PERMISSION: Permission = Permission::$name;
            }
        )*};
    }

    required!(
        FilesRead,
        FilesWrite,
        FilesDelete,
        TransformsRead,
        TransformsWrite,
        TransformsDelete,
        TransformsExecute,
        ProjectsRead,
        ProjectsWrite,
        ProjectsDelete,
        ApiKeysRead,
        ApiKeysWrite,
        ApiKeysDelete,
        TenantsManage,
        UsageRead,
        AuditLogsRead,
        Admin
    );
}

/// The project an authenticated key belongs to, with what requests need about it.
#[derive(Debug, Clone)]
pub struct ProjectScope {
    /// Project.
    pub id: ProjectId,
    /// Its team.
    pub team_id: TeamId,
    /// The team's organization.
    pub org_id: OrgId,
    /// The project's bucket.
    pub bucket_id: BucketId,
    /// Upload rules.
    pub rules: UploadRules,
    /// Upload URL lifetime override.
    pub upload_url_ttl_secs: Option<i32>,
    /// Uploads of at least this many bytes are presigned as multipart.
    pub multipart_threshold_bytes: i64,
    /// Version of the bucket row (for the client cache).
    pub bucket_version: DateTime<Utc>,
    /// Storage and transform quotas.
    pub quotas: Quotas,
    /// Whether the project's team may still upload into its bucket.
    pub bucket_writable: bool,
}

/// An authenticated caller holding permission `P`.
#[derive(Debug)]
pub struct Auth<P> {
    /// The key used.
    pub key_id: ApiKeyId,
    /// When the key expires, if it does.
    pub key_expires_at: Option<DateTime<Utc>>,
    /// Its project.
    pub project: ProjectScope,
    _perm: PhantomData<P>,
}

const MISSING: ApiError = ApiError::Unauthorized {
    code: "unauthorized",
    message: "missing API key: send Authorization: Bearer <api key>",
};
const INVALID: ApiError = ApiError::Unauthorized {
    code: "unauthorized",
    message: "invalid API key",
};
/// Skip the `last_used_at` write when the stored value is this recent.
const TOUCH_INTERVAL_SECS: i64 = 60;

impl<P: perm::Required> FromRequestParts<AppState> for Auth<P> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer_token(parts).ok_or(MISSING)?;
        let key = authenticate(state, token).await?;
        require(&key.permissions, P::PERMISSIONS)?;
        crate::limits::enforce_key(state, parts, &key, P::PERMISSIONS).await?;
        Ok(Self {
            key_id: key.row.id,
            key_expires_at: key.row.expires_at,
            project: scope(key.row),
            _perm: PhantomData,
        })
    }
}

/// A verified, usable API key with its parsed permissions.
#[derive(Debug, Clone)]
pub struct KeyCaller {
    /// The row (with its project's scope).
    pub row: AuthRow,
    /// Its public prefix.
    pub prefix: String,
    /// Its permissions.
    pub permissions: PermissionSet,
}

impl KeyCaller {
    /// `name (prefix)`, what the audit log shows.
    pub fn label(&self) -> String {
        format!("{} ({})", self.row.name, self.prefix)
    }
}

/// Checks a presented token: known prefix, matching hash, not revoked, not expired.
pub async fn authenticate(state: &AppState, token: &str) -> Result<KeyCaller, ApiError> {
    let prefix = api_key_prefix(token).ok_or(INVALID)?;
    let row = lookup(state, prefix).await?;
    check_key(token, &row)?;
    let permissions = PermissionSet::parse(&row.permissions).map_err(|e| ApiError::Internal(Box::new(e)))?;
    record_use(state, prefix, &row);
    Ok(KeyCaller {
        row,
        prefix: prefix.to_owned(),
        permissions,
    })
}

/// 403 naming the first of `needed` that `held` lacks.
pub fn require(held: &PermissionSet, needed: &[Permission]) -> Result<(), ApiError> {
    match needed.iter().find(|p| !held.allows(**p)) {
        Some(missing) => Err(ApiError::Forbidden(*missing)),
        None => Ok(()),
    }
}

async fn lookup(state: &AppState, prefix: &str) -> Result<AuthRow, ApiError> {
    if let Some(row) = state.keys.get(prefix) {
        return Ok(row);
    }
    let generation = state.keys.generation();
    let row = api_keys::find_for_auth(&state.db, prefix).await?.ok_or(INVALID)?;
    state.keys.put(prefix, row.clone(), generation);
    Ok(row)
}

/// The token of an `Authorization: Bearer …` header.
pub fn bearer_token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn check_key(token: &str, row: &AuthRow) -> Result<(), ApiError> {
    if !api_key_matches(token, &row.secret_hash) {
        return Err(INVALID);
    }
    if row.revoked_at.is_some() {
        return Err(ApiError::Unauthorized {
            code: "api_key_revoked",
            message: "this API key has been revoked",
        });
    }
    if row.expires_at.is_some_and(|t| t <= Utc::now()) {
        return Err(ApiError::Unauthorized {
            code: "api_key_expired",
            message: "this API key has expired",
        });
    }
    Ok(())
}

/// Keeps `last_used_at` roughly current without a write on every request. The update is
/// best-effort bookkeeping, so it runs detached and a lost one costs nothing.
fn record_use(state: &AppState, prefix: &str, row: &AuthRow) {
    let stale = row
        .last_used_at
        .is_none_or(|t| Utc::now() - t > Duration::seconds(TOUCH_INTERVAL_SECS));
    if stale {
        state.keys.mark_used(prefix);
        let db = state.db.clone();
        let id = row.id;
        tokio::spawn(async move {
            if let Err(e) = api_keys::touch(&db, id).await {
                tracing::warn!(error = %e, api_key.id = %id, "could not record API key use");
            }
        });
    }
}

/// The scope of a project a signed-in person acts on (the dashboard's uploads).
pub fn project_scope(row: carcosa_common::db::projects::UploadScope) -> ProjectScope {
    ProjectScope {
        id: row.project_id,
        team_id: row.team_id,
        org_id: row.organization_id,
        bucket_id: row.bucket_id,
        rules: UploadRules {
            max_upload_bytes: row.max_upload_bytes,
            allowed_content_types: row.allowed_content_types,
        },
        upload_url_ttl_secs: row.upload_url_ttl_secs,
        multipart_threshold_bytes: row.multipart_threshold_bytes,
        bucket_version: row.bucket_updated_at,
        bucket_writable: row.bucket_writable,
        quotas: Quotas {
            max_stored_bytes: row.quota_max_stored_bytes,
            max_files: row.quota_max_files,
            max_transforms_per_month: row.quota_max_transforms_month,
        },
    }
}

/// The project scope a key row carries.
pub fn scope(row: AuthRow) -> ProjectScope {
    project_scope(carcosa_common::db::projects::UploadScope {
        project_id: row.project_id,
        team_id: row.team_id,
        organization_id: row.organization_id,
        bucket_id: row.bucket_id,
        max_upload_bytes: row.max_upload_bytes,
        allowed_content_types: row.allowed_content_types,
        upload_url_ttl_secs: row.upload_url_ttl_secs,
        multipart_threshold_bytes: row.multipart_threshold_bytes,
        bucket_updated_at: row.bucket_updated_at,
        quota_max_stored_bytes: row.quota_max_stored_bytes,
        quota_max_files: row.quota_max_files,
        quota_max_transforms_month: row.quota_max_transforms_month,
        bucket_writable: row.bucket_writable,
    })
}
