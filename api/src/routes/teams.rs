//! Teams of an organization and their members: `GET/POST /v1/orgs/{org}/teams`,
//! `GET/PATCH/DELETE …/teams/{team}`, `GET …/teams/{team}/members`, `PUT/DELETE …/members/{user}`.
//! Renaming and membership need `admin` on the team; deleting needs an organization admin.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use carcosa_common::db::members::{self, TeamMember};
use carcosa_common::db::orgs::{self, Team};
use carcosa_common::domain::{OrgRole, TeamRole, UserId};
use carcosa_common::manage::orgs as manage;
use serde::Deserialize;

use crate::access::{Access, Scope};
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::routes::Routes;
use crate::routes::orgs::{CreateNamed, List, Rename};
use crate::state::AppState;

/// Body of `PUT /v1/orgs/{org}/teams/{team}/members/{user}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamRoleChange {
    /// The team role.
    pub role: TeamRole,
}

/// `GET /v1/orgs/{org}/teams`.
pub async fn list_teams(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<List<Team>>, ApiError> {
    Ok(Json(List {
        data: orgs::list_teams(&state.db, access.scope.org()).await?,
    }))
}

/// `POST /v1/orgs/{org}/teams`: the creator becomes the team's admin.
pub async fn create_team(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Json(req): Json<CreateNamed>,
) -> Result<(StatusCode, Json<Team>), ApiError> {
    let creator = access.caller.user_id();
    let team = manage::create_team(
        &state.db,
        access.scope.org(),
        &req.slug,
        &req.name,
        creator,
        &access.acting,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(team)))
}

/// `GET /v1/orgs/{org}/teams/{team}`.
pub async fn get_team(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<Team>, ApiError> {
    let Scope::Team { team, .. } = access.scope else {
        return Err(ApiError::NotFound("team"));
    };
    Ok(Json(
        orgs::get_team(&state.db, team)
            .await?
            .ok_or(ApiError::NotFound("team"))?,
    ))
}

/// `PATCH /v1/orgs/{org}/teams/{team}`: renames the team.
pub async fn update_team(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Json(req): Json<Rename>,
) -> Result<Json<Team>, ApiError> {
    let Scope::Team { org, team } = access.scope else {
        return Err(ApiError::NotFound("team"));
    };
    Ok(Json(
        manage::rename_team(&state.db, org, team, &req.name, &access.acting).await?,
    ))
}

/// `DELETE /v1/orgs/{org}/teams/{team}`: organization admins, once the team holds nothing.
pub async fn delete_team(State(state): State<AppState>, access: Access<perm::Admin>) -> Result<StatusCode, ApiError> {
    let Scope::Team { org, team } = access.scope else {
        return Err(ApiError::NotFound("team"));
    };
    if !access.org_role.is_some_and(OrgRole::manages_org) {
        return Err(ApiError::Denied {
            code: "org_admin_required",
            message: "only organization owners and admins delete teams".into(),
        });
    }
    manage::delete_team(&state.db, org, team, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /v1/orgs/{org}/teams/{team}/members`.
pub async fn list_team_members(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<List<TeamMember>>, ApiError> {
    let Scope::Team { team, .. } = access.scope else {
        return Err(ApiError::NotFound("team"));
    };
    Ok(Json(List {
        data: members::list_team_members(&state.db, team).await?,
    }))
}

/// `PUT /v1/orgs/{org}/teams/{team}/members/{user}`: adds an organization member to the team or
/// changes their team role.
pub async fn put_team_member(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, _, user)): Path<(String, String, UserId)>,
    Json(req): Json<TeamRoleChange>,
) -> Result<StatusCode, ApiError> {
    let Scope::Team { org, team } = access.scope else {
        return Err(ApiError::NotFound("team"));
    };
    manage::put_team_member(&state.db, org, team, user, req.role, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /v1/orgs/{org}/teams/{team}/members/{user}`.
pub async fn remove_team_member(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, _, user)): Path<(String, String, UserId)>,
) -> Result<StatusCode, ApiError> {
    let Scope::Team { org, team } = access.scope else {
        return Err(ApiError::NotFound("team"));
    };
    manage::remove_team_member(&state.db, org, team, user, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The team routes.
pub fn router() -> Routes {
    Routes::new()
        .at("/v1/orgs/{org}/teams", get(list_teams).post(create_team))
        .at(
            "/v1/orgs/{org}/teams/{team}",
            get(get_team).patch(update_team).delete(delete_team),
        )
        .at("/v1/orgs/{org}/teams/{team}/members", get(list_team_members))
        .at(
            "/v1/orgs/{org}/teams/{team}/members/{user}",
            put(put_team_member).delete(remove_team_member),
        )
}
