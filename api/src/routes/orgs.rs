//! Organizations: `GET/POST /v1/orgs` (the caller's, or a new one they own) and
//! `GET/PATCH/DELETE /v1/orgs/{org}`. Members and invitations are in [`super::members`], teams in
//! [`super::teams`]. `{org}` takes an id or a slug; reading needs membership, changing needs
//! `admin` there, deleting an owner.

use axum::extract::State;
use axum::http::StatusCode;
use carcosa_common::db::members::{self, Membership};
use carcosa_common::db::orgs::{self, Org};
use carcosa_common::manage::orgs as manage;
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::access::{Access, Signed};
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::Json;
use crate::openapi::{ACCESS, JSON_BODY, SESSION, errors};
use crate::routes::Routes;
use crate::state::AppState;

/// Body of `POST /v1/orgs` and `POST /v1/orgs/{org}/teams`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateNamed {
    /// URL name: lowercase letters, digits, '-'.
    pub slug: String,
    /// Display name.
    pub name: String,
}

/// Body of `PATCH /v1/orgs/{org}`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    /// New display name.
    pub name: String,
}

/// A list answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct List<T> {
    /// The items.
    pub data: Vec<T>,
}

errors!(SessionErrors = SESSION);
errors!(CreateOrgErrors = SESSION, JSON_BODY, &[(409, &["already_exists"])]);
errors!(OrgErrors = ACCESS);
errors!(RenameOrgErrors = ACCESS, JSON_BODY);
errors!(
    DeleteOrgErrors = ACCESS,
    &[(403, &["owner_required"]), (409, &["has_dependents"])]
);

/// `GET /v1/orgs`: the caller's organizations.
#[utoipa::path(
    get,
    path = "/v1/orgs",
    tag = "orgs",
    summary = "List my organizations",
    description = "The signed-in user's organizations with their role in each.",
    responses((status = 200, description = "Organizations.", body = List<Membership>), SessionErrors),
    security(("session" = [])),
)]
pub async fn list_orgs(State(state): State<AppState>, signed: Signed) -> Result<Json<List<Membership>>, ApiError> {
    Ok(Json(List {
        data: members::memberships(&state.db, signed.session.user_id).await?,
    }))
}

/// `POST /v1/orgs`: creates an organization owned by the caller.
#[utoipa::path(
    post,
    path = "/v1/orgs",
    tag = "orgs",
    summary = "Create an organization",
    description = "The caller becomes its owner.",
    request_body = CreateNamed,
    responses((status = 201, description = "Created.", body = Org), CreateOrgErrors),
    security(("session" = [])),
)]
pub async fn create_org(
    State(state): State<AppState>,
    signed: Signed,
    Json(req): Json<CreateNamed>,
) -> Result<(StatusCode, Json<Org>), ApiError> {
    let org = manage::create_org(
        &state.db,
        Some(signed.session.user_id),
        &req.slug,
        &req.name,
        &signed.acting,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(org)))
}

/// `GET /v1/orgs/{org}`.
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}",
    tag = "orgs",
    summary = "Get an organization",
    description = "Any member sees it; others get 404.",
    params(("org" = String, Path, description = "Organization id or slug.")),
    responses((status = 200, description = "The organization.", body = Org), OrgErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
pub async fn get_org(State(state): State<AppState>, access: Access<perm::ProjectsRead>) -> Result<Json<Org>, ApiError> {
    let org = orgs::get_org(&state.db, access.scope.org())
        .await?
        .ok_or(ApiError::NotFound("organization"))?;
    Ok(Json(org))
}

/// `PATCH /v1/orgs/{org}`: renames the organization.
#[utoipa::path(
    patch,
    path = "/v1/orgs/{org}",
    tag = "orgs",
    summary = "Rename an organization",
    description = "Owners and admins.",
    params(("org" = String, Path, description = "Organization id or slug.")),
    request_body = Rename,
    responses((status = 200, description = "Renamed.", body = Org), RenameOrgErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn update_org(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Json(req): Json<Rename>,
) -> Result<Json<Org>, ApiError> {
    Ok(Json(
        manage::rename_org(&state.db, access.scope.org(), &req.name, &access.acting).await?,
    ))
}

/// `DELETE /v1/orgs/{org}`: owners only, and only once it has no teams.
#[utoipa::path(
    delete,
    path = "/v1/orgs/{org}",
    tag = "orgs",
    summary = "Delete an organization",
    description = "Owners only, and only once it has no teams.",
    params(("org" = String, Path, description = "Organization id or slug.")),
    responses((status = 204, description = "Deleted."), DeleteOrgErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn delete_org(State(state): State<AppState>, access: Access<perm::Admin>) -> Result<StatusCode, ApiError> {
    manage::delete_org(&state.db, access.scope.org(), access.org_role, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organization routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(list_orgs, create_org))
        .route(routes!(get_org, update_org, delete_org))
}
