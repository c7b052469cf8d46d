//! Organizations, their members and invitations, and their teams and team members:
//!
//! * `GET/POST /v1/orgs`, `GET/PATCH /v1/orgs/{org}`
//! * `GET /v1/orgs/{org}/members`, `PATCH/DELETE /v1/orgs/{org}/members/{user}`
//! * `GET/POST /v1/orgs/{org}/invitations`, `DELETE /v1/orgs/{org}/invitations/{id}`
//! * `GET/POST /v1/orgs/{org}/teams`, `GET /v1/orgs/{org}/teams/{team}`
//! * `GET /v1/orgs/{org}/teams/{team}/members`, `PUT/DELETE …/members/{user}`
//!
//! `{org}` and `{team}` take an id or a slug. Reading needs membership; changing members,
//! invitations and teams needs `admin` there (organization owners and admins; team admins for
//! their team's members).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, put};
use carcosa_common::db::invitations::{self, Invitation};
use carcosa_common::db::members::{self, Membership, OrgMember, TeamMember};
use carcosa_common::db::orgs::{self, Org, Team};
use carcosa_common::domain::{InvitationId, OrgRole, TeamRole, UserId};
use carcosa_common::manage::orgs as manage;
use chrono::Duration;
use secrecy::ExposeSecret as _;
use serde::{Deserialize, Serialize};

use crate::access::{Access, Scope, Signed};
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path};
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

/// Body of `PATCH /v1/orgs/{org}/members/{user}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    /// The new role.
    pub role: OrgRole,
}

/// Body of `PUT /v1/orgs/{org}/teams/{team}/members/{user}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamRoleChange {
    /// The team role.
    pub role: TeamRole,
}

/// Body of `POST /v1/orgs/{org}/invitations`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitation {
    /// Who may accept it.
    pub email: String,
    /// Organization role on acceptance (`admin`, `member` or `viewer`).
    pub role: OrgRole,
    /// A team (id or slug) to join too.
    pub team: Option<String>,
    /// The role in that team (default `member`).
    pub team_role: Option<TeamRole>,
}

/// An invitation as created: the token appears here only.
#[derive(Debug, Serialize)]
pub struct InvitationCreated {
    /// The invitation.
    #[serde(flatten)]
    pub invitation: Invitation,
    /// Hand this to the invitee (sign-up or `POST /v1/invitations/accept`); it is not shown again.
    pub token: String,
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

/// Body of `PATCH /v1/orgs/{org}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    /// New display name.
    pub name: String,
}

/// Body of `POST /v1/orgs/{org}/members/{user}/password`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    /// The member's new password (tell them; they should change it).
    pub new_password: String,
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

/// `POST /v1/orgs/{org}/members/{user}/password`: an owner sets a member's password (there is no
/// mail server, so this — or `carcosa admin user reset-password` — is how a forgotten password
/// is reset). Ends all the member's sessions.
pub async fn reset_member_password(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, user)): Path<(String, UserId)>,
    Json(req): Json<PasswordReset>,
) -> Result<StatusCode, ApiError> {
    if access.org_role != Some(OrgRole::Owner) {
        return Err(ApiError::Denied {
            code: "owner_required",
            message: "only an owner can reset a member's password".into(),
        });
    }
    let org = Some(access.scope.org());
    carcosa_common::manage::accounts::reset_password(
        &state.db,
        &state.hasher,
        user,
        &req.new_password,
        org,
        &access.acting,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
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

/// `GET /v1/orgs/{org}/members`.
pub async fn list_members(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<List<OrgMember>>, ApiError> {
    Ok(Json(List {
        data: members::list_org_members(&state.db, access.scope.org()).await?,
    }))
}

/// `PATCH /v1/orgs/{org}/members/{user}`: changes a role (owners only make or unmake owners;
/// the last owner stays one).
pub async fn set_member_role(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, user)): Path<(String, UserId)>,
    Json(req): Json<RoleChange>,
) -> Result<StatusCode, ApiError> {
    manage::set_org_role(
        &state.db,
        access.scope.org(),
        user,
        req.role,
        access.org_role,
        &access.acting,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /v1/orgs/{org}/members/{user}`: removes a member (anyone may remove themselves).
pub async fn remove_member(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
    Path((_, user)): Path<(String, UserId)>,
) -> Result<StatusCode, ApiError> {
    let is_self = matches!(&access.caller, crate::access::Caller::User { session } if session.user_id == user);
    if !is_self {
        crate::auth::require(&access.permissions, &[carcosa_common::domain::Permission::Admin])?;
    }
    manage::remove_org_member(&state.db, access.scope.org(), user, access.org_role, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /v1/orgs/{org}/invitations`.
pub async fn list_invitations(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
) -> Result<Json<List<Invitation>>, ApiError> {
    Ok(Json(List {
        data: invitations::list(&state.db, access.scope.org()).await?,
    }))
}

/// `POST /v1/orgs/{org}/invitations`: a single-use token for `email`.
pub async fn create_invitation(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Json(req): Json<CreateInvitation>,
) -> Result<(StatusCode, Json<InvitationCreated>), ApiError> {
    let org = access.scope.org();
    let team = match req.team.as_deref() {
        Some(t) => {
            let (id, _) = members::team_in_org(&state.db, org, None, members::Ref::parse(t))
                .await?
                .ok_or(ApiError::NotFound("team"))?;
            Some((id, req.team_role.unwrap_or(TeamRole::Member)))
        }
        None => None,
    };
    let ttl = Duration::seconds(state.config.auth.invitation_ttl_secs as i64);
    let inviter = match &access.caller {
        crate::access::Caller::User { session } => Some(session.user_id),
        crate::access::Caller::Key(_) => None,
    };
    let created = manage::invite(&state.db, org, &req.email, req.role, team, ttl, inviter, &access.acting).await?;
    let body = InvitationCreated {
        invitation: created.invitation,
        token: created.token.expose_secret().to_owned(),
    };
    Ok((StatusCode::CREATED, Json(body)))
}

/// `DELETE /v1/orgs/{org}/invitations/{id}`: revokes an open invitation.
pub async fn revoke_invitation(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, id)): Path<(String, InvitationId)>,
) -> Result<StatusCode, ApiError> {
    manage::revoke_invitation(&state.db, access.scope.org(), id, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
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
    let creator = match &access.caller {
        crate::access::Caller::User { session } => Some(session.user_id),
        crate::access::Caller::Key(_) => None,
    };
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

/// The organization and team routes.
pub fn router() -> Routes {
    Routes::new()
        .at("/v1/orgs", get(list_orgs).post(create_org))
        .at("/v1/orgs/{org}", get(get_org).patch(update_org).delete(delete_org))
        .at("/v1/orgs/{org}/members", get(list_members))
        .at(
            "/v1/orgs/{org}/members/{user}",
            axum::routing::patch(set_member_role).delete(remove_member),
        )
        .at(
            "/v1/orgs/{org}/invitations",
            get(list_invitations).post(create_invitation),
        )
        .at("/v1/orgs/{org}/invitations/{id}", delete(revoke_invitation))
        .at("/v1/orgs/{org}/teams", get(list_teams).post(create_team))
        .at(
            "/v1/orgs/{org}/teams/{team}",
            get(get_team).patch(update_team).delete(delete_team),
        )
        .at(
            "/v1/orgs/{org}/members/{user}/password",
            axum::routing::post(reset_member_password),
        )
        .at("/v1/orgs/{org}/teams/{team}/members", get(list_team_members))
        .at(
            "/v1/orgs/{org}/teams/{team}/members/{user}",
            put(put_team_member).delete(remove_team_member),
        )
}
