//! `GET/POST /v1/projects/{project}/api-keys` and `DELETE /v1/projects/{project}/api-keys/{id}`:
//! list (never a secret), mint (the token is in the answer once), revoke. A caller mints keys
//! only with permissions it holds on the project itself.

use axum::extract::State;
use axum::http::StatusCode;
use carcosa_common::db::api_keys::{self, ApiKeySummary};
use carcosa_common::domain::{ApiKeyId, PermissionSet};
use carcosa_common::manage::keys::{self, KeyScope};
use chrono::{DateTime, Utc};
use secrecy::ExposeSecret as _;
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::access::{Access, Scope};
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::openapi::{ACCESS, JSON_BODY, PROJECT_ERRORS, errors};
use crate::routes::Routes;
use crate::routes::orgs::List;
use crate::state::AppState;

/// Body of `POST /v1/projects/{project}/api-keys`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "web server", "permissions": ["files:read", "files:write", "transforms:execute"]}))]
pub struct CreateKey {
    /// A label.
    pub name: String,
    /// Permission names (`files:write`, …).
    pub permissions: Vec<String>,
    /// Optional expiry (RFC 3339).
    pub expires_at: Option<DateTime<Utc>>,
}

/// A new key: its summary and, this once, the token.
#[derive(Debug, Serialize, utoipa::ToSchema)]
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

errors!(KeyErrors = ACCESS, PROJECT_ERRORS);
errors!(
    CreateKeyErrors = ACCESS,
    JSON_BODY,
    PROJECT_ERRORS,
    &[(403, &["permission_ceiling"])]
);

/// `GET /v1/projects/{project}/api-keys`.
#[utoipa::path(
    get,
    path = "/v1/projects/{project}/api-keys",
    tag = "projects",
    summary = "List API keys",
    description = "The project's keys with their permissions and last use; never a secret.",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it).")),
    responses((status = 200, description = "Keys.", body = List<ApiKeySummary>), KeyErrors),
    security(("session" = []), ("api_key" = ["api-keys:read"])),
)]
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
#[utoipa::path(
    post,
    path = "/v1/projects/{project}/api-keys",
    tag = "projects",
    summary = "Create an API key",
    description = "The token is in this answer only. A caller grants only permissions it holds itself (`permission_ceiling`).",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it).")),
    request_body = CreateKey,
    responses((status = 201, description = "Created.", body = KeyCreated), CreateKeyErrors),
    security(("session" = []), ("api_key" = ["api-keys:write"])),
)]
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
#[utoipa::path(
    delete,
    path = "/v1/projects/{project}/api-keys/{id}",
    tag = "projects",
    summary = "Revoke an API key",
    description = "The key stops working at once, on every API process, and its WebSockets close.",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it)."), ("id" = ApiKeyId, Path, description = "Key id.")),
    responses((status = 204, description = "Revoked."), KeyErrors),
    security(("session" = []), ("api_key" = ["api-keys:delete"])),
)]
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
        .route(routes!(list_keys, create_key))
        .route(routes!(revoke_key))
}
