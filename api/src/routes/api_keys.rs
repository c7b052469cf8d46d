//! `GET/POST /v1/projects/{project}/api-keys` and `DELETE /v1/projects/{project}/api-keys/{id}`:
//! list (never a secret), mint (the token is in the answer once), revoke. A caller mints keys
//! only with permissions it holds on the project itself.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get};
use carcosa_common::db::api_keys::{self, ApiKeySummary};
use carcosa_common::domain::{ApiKeyId, PermissionSet};
use carcosa_common::manage::keys::{self, KeyScope};
use chrono::{DateTime, Utc};
use secrecy::ExposeSecret as _;
use serde::{Deserialize, Serialize};

use crate::access::{Access, Scope};
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::routes::Routes;
use crate::routes::orgs::List;
use crate::state::AppState;

/// Body of `POST /v1/projects/{project}/api-keys`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateKey {
    /// A label.
    pub name: String,
    /// Permission names (`files:write`, …).
    pub permissions: Vec<String>,
    /// Optional expiry (RFC 3339).
    pub expires_at: Option<DateTime<Utc>>,
}

/// A new key: its summary and, this once, the token.
#[derive(Debug, Serialize)]
pub struct KeyCreated {
    /// The key.
    #[serde(flatten)]
    pub key: ApiKeySummary,
    /// The secret token; it is not shown again.
    pub token: String,
}

fn key_scope(scope: Scope) -> Result<KeyScope, ApiError> {
    match scope {
        Scope::Project { org, team, project } => Ok(KeyScope { org, team, project }),
        _ => Err(ApiError::NotFound("project")),
    }
}

/// `GET /v1/projects/{project}/api-keys`.
pub async fn list_keys(
    State(state): State<AppState>,
    access: Access<perm::ApiKeysRead>,
) -> Result<Json<List<ApiKeySummary>>, ApiError> {
    let scope = key_scope(access.scope)?;
    Ok(Json(List {
        data: api_keys::list(&state.db, scope.project).await?,
    }))
}

/// `POST /v1/projects/{project}/api-keys`.
pub async fn create_key(
    State(state): State<AppState>,
    access: Access<perm::ApiKeysWrite>,
    Json(req): Json<CreateKey>,
) -> Result<(StatusCode, Json<KeyCreated>), ApiError> {
    let scope = key_scope(access.scope)?;
    let permissions =
        PermissionSet::parse(&req.permissions).map_err(|e| ApiError::validation("permissions", e.to_string()))?;
    let created = keys::create_key(
        &state.db,
        scope,
        &req.name,
        &permissions,
        req.expires_at,
        Some(&access.permissions),
        &access.acting,
    )
    .await?;
    let body = KeyCreated {
        key: created.summary,
        token: created.token.expose_secret().to_owned(),
    };
    Ok((StatusCode::CREATED, Json(body)))
}

/// `DELETE /v1/projects/{project}/api-keys/{id}`.
pub async fn revoke_key(
    State(state): State<AppState>,
    access: Access<perm::ApiKeysDelete>,
    Path((_, id)): Path<(String, ApiKeyId)>,
) -> Result<StatusCode, ApiError> {
    let scope = key_scope(access.scope)?;
    keys::revoke_key(&state.db, scope, id, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The API-key routes.
pub fn router() -> Routes {
    Routes::new()
        .at("/v1/projects/{project}/api-keys", get(list_keys).post(create_key))
        .at("/v1/projects/{project}/api-keys/{id}", delete(revoke_key))
}
