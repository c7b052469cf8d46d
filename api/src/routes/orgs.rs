//! Organizations: `GET/POST /v1/orgs` (the caller's, or a new one they own) and
//! `GET/PATCH/DELETE /v1/orgs/{org}`. Members and invitations are in [`super::members`], teams in
//! [`super::teams`]. `{org}` takes an id or a slug; reading needs membership, changing needs
//! `admin` there, deleting an owner.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use carcosa_common::db::members::{self, Membership};
use carcosa_common::db::orgs::{self, Org};
use carcosa_common::manage::orgs as manage;
use serde::{Deserialize, Serialize};

use crate::access::{Access, Signed};
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::Json;
use crate::routes::Routes;
use crate::state::AppState;

/// Body of `POST /v1/orgs` and `POST /v1/orgs/{org}/teams`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateNamed {
    /// URL name: lowercase letters, digits, '-'.
    pub slug: String,
    /// Display name.
    pub name: String,
}

/// Body of `PATCH /v1/orgs/{org}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    /// New display name.
    pub name: String,
}

/// A list answer.
#[derive(Debug, Serialize)]
pub struct List<T> {
    /// The items.
    pub data: Vec<T>,
}

/// `GET /v1/orgs`: the caller's organizations.
pub async fn list_orgs(State(state): State<AppState>, signed: Signed) -> Result<Json<List<Membership>>, ApiError> {
    Ok(Json(List {
        data: members::memberships(&state.db, signed.session.user_id).await?,
    }))
}

/// `POST /v1/orgs`: creates an organization owned by the caller.
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
pub async fn get_org(State(state): State<AppState>, access: Access<perm::ProjectsRead>) -> Result<Json<Org>, ApiError> {
    let org = orgs::get_org(&state.db, access.scope.org())
        .await?
        .ok_or(ApiError::NotFound("organization"))?;
    Ok(Json(org))
}

/// `PATCH /v1/orgs/{org}`: renames the organization.
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
pub async fn delete_org(State(state): State<AppState>, access: Access<perm::Admin>) -> Result<StatusCode, ApiError> {
    manage::delete_org(&state.db, access.scope.org(), access.org_role, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organization routes.
pub fn router() -> Routes {
    Routes::new()
        .at("/v1/orgs", get(list_orgs).post(create_org))
        .at("/v1/orgs/{org}", get(get_org).patch(update_org).delete(delete_org))
}
