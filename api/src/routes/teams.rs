//! Teams of an organization and their members: `GET/POST /v1/orgs/{org}/teams`,
//! `GET/PATCH/DELETE …/teams/{team}`, `GET …/teams/{team}/members`, `PUT/DELETE …/members/{user}`.
//! Renaming and membership need `admin` on the team; deleting needs an organization admin.

use axum::extract::State;
use axum::http::StatusCode;
use carcosa_common::db::members::{self, TeamMember};
use carcosa_common::db::orgs::{self, Team};
use carcosa_common::domain::{OrgRole, TeamRole, UserId};
use carcosa_common::manage::orgs as manage;
use serde::Deserialize;
use utoipa_axum::routes;

use crate::access::{Access, Scope};
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::openapi::{ACCESS, JSON_BODY, errors};
use crate::routes::Routes;
use crate::routes::orgs::{CreateNamed, List, Rename};
use crate::state::AppState;

/// Body of `PUT /v1/orgs/{org}/teams/{team}/members/{user}`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamRoleChange {
    /// The team role.
    pub role: TeamRole,
}

errors!(TeamErrors = ACCESS);
errors!(CreateTeamErrors = ACCESS, JSON_BODY, &[(409, &["already_exists"])]);
errors!(RenameTeamErrors = ACCESS, JSON_BODY);
errors!(
    DeleteTeamErrors = ACCESS,
    &[(403, &["org_admin_required"]), (409, &["has_dependents"])]
);
errors!(PutMemberErrors = ACCESS, JSON_BODY);

/// `GET /v1/orgs/{org}/teams`.
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/teams",
    tag = "orgs",
    summary = "List teams",
    description = "The organization's teams.",
    params(("org" = String, Path, description = "Organization id or slug.")),
    responses((status = 200, description = "Teams.", body = List<Team>), TeamErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
pub async fn list_teams(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<List<Team>>, ApiError> {
    Ok(Json(List {
        data: orgs::list_teams(&state.db, access.scope.org()).await?,
    }))
}

/// `POST /v1/orgs/{org}/teams`: the creator becomes the team's admin.
#[utoipa::path(
    post,
    path = "/v1/orgs/{org}/teams",
    tag = "orgs",
    summary = "Create a team",
    description = "Organization owners and admins; the creator becomes the team's admin.",
    params(("org" = String, Path, description = "Organization id or slug.")),
    request_body = CreateNamed,
    responses((status = 201, description = "Created.", body = Team), CreateTeamErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
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
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/teams/{team}",
    tag = "orgs",
    summary = "Get a team",
    description = "A team of the organization.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug.")),
    responses((status = 200, description = "The team.", body = Team), TeamErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
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
#[utoipa::path(
    patch,
    path = "/v1/orgs/{org}/teams/{team}",
    tag = "orgs",
    summary = "Rename a team",
    description = "Team admins.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug.")),
    request_body = Rename,
    responses((status = 200, description = "Renamed.", body = Team), RenameTeamErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
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
#[utoipa::path(
    delete,
    path = "/v1/orgs/{org}/teams/{team}",
    tag = "orgs",
    summary = "Delete a team",
    description = "Organization owners and admins, once the team holds no projects or buckets.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug.")),
    responses((status = 204, description = "Deleted."), DeleteTeamErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
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
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/teams/{team}/members",
    tag = "orgs",
    summary = "List team members",
    description = "The team's members with their team role.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug.")),
    responses((status = 200, description = "Members.", body = List<TeamMember>), TeamErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
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
#[utoipa::path(
    put,
    path = "/v1/orgs/{org}/teams/{team}/members/{user}",
    tag = "orgs",
    summary = "Add or change a team member",
    description = "Adds an organization member to the team, or changes their team role. Team admins.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug."), ("user" = UserId, Path, description = "User id.")),
    request_body = TeamRoleChange,
    responses((status = 204, description = "Done."), PutMemberErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
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
#[utoipa::path(
    delete,
    path = "/v1/orgs/{org}/teams/{team}/members/{user}",
    tag = "orgs",
    summary = "Remove a team member",
    description = "Team admins.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug."), ("user" = UserId, Path, description = "User id.")),
    responses((status = 204, description = "Removed."), TeamErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
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
        .route(routes!(list_teams, create_team))
        .route(routes!(get_team, update_team, delete_team))
        .route(routes!(list_team_members))
        .route(routes!(put_team_member, remove_team_member))
}
