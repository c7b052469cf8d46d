//! An organization's people: `GET /v1/orgs/{org}/members`, `PATCH/DELETE …/members/{user}`
//! (roles; anyone may leave; the last owner stays), `POST …/members/{user}/password` (an owner's
//! reset: there is no mail server), and invitations (`GET/POST /v1/orgs/{org}/invitations`,
//! `DELETE …/invitations/{id}`).

use axum::extract::State;
use axum::http::StatusCode;
use carcosa_common::db::invitations::{self, Invitation};
use carcosa_common::db::members::{self, OrgMember};
use carcosa_common::domain::{InvitationId, OrgRole, TeamRole, UserId};
use carcosa_common::manage::orgs as manage;
use chrono::Duration;
use secrecy::ExposeSecret as _;
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::access::Access;
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::openapi::{ACCESS, JSON_BODY, errors};
use crate::routes::Routes;
use crate::routes::orgs::List;
use crate::state::AppState;

/// Body of `PATCH /v1/orgs/{org}/members/{user}`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    /// The new role.
    pub role: OrgRole,
}

/// Body of `POST /v1/orgs/{org}/members/{user}/password`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    /// The member's new password (tell them; they should change it).
    pub new_password: String,
}

/// Body of `POST /v1/orgs/{org}/invitations`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
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
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvitationCreated {
    /// The invitation.
    #[serde(flatten)]
    pub invitation: Invitation,
    /// Hand this to the invitee (sign-up or `POST /v1/invitations/accept`); it is not shown again.
    pub token: String,
}

errors!(MemberErrors = ACCESS);
errors!(
    RoleErrors = ACCESS,
    JSON_BODY,
    &[(403, &["owner_required"]), (409, &["last_owner"])]
);
errors!(
    RemoveErrors = ACCESS,
    &[(403, &["owner_required"]), (409, &["last_owner"])]
);
errors!(
    ResetErrors = ACCESS,
    JSON_BODY,
    &[(400, &["weak_password"]), (403, &["owner_required"])]
);
errors!(
    InviteErrors = ACCESS,
    JSON_BODY,
    &[(409, &["already_member", "already_exists"])]
);

/// `GET /v1/orgs/{org}/members`.
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/members",
    tag = "orgs",
    summary = "List members",
    description = "Every member with their role.",
    params(("org" = String, Path, description = "Organization id or slug.")),
    responses((status = 200, description = "Members.", body = List<OrgMember>), MemberErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
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
#[utoipa::path(
    patch,
    path = "/v1/orgs/{org}/members/{user}",
    tag = "orgs",
    summary = "Change a member's role",
    description = "Owners and admins; only owners make or unmake owners, and the last owner stays one.",
    params(("org" = String, Path, description = "Organization id or slug."), ("user" = UserId, Path, description = "User id.")),
    request_body = RoleChange,
    responses((status = 204, description = "Changed."), RoleErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
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
#[utoipa::path(
    delete,
    path = "/v1/orgs/{org}/members/{user}",
    tag = "orgs",
    summary = "Remove a member",
    description = "Owners and admins remove anyone but the last owner; any member may remove themselves.",
    params(("org" = String, Path, description = "Organization id or slug."), ("user" = UserId, Path, description = "User id.")),
    responses((status = 204, description = "Removed."), RemoveErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn remove_member(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
    Path((_, user)): Path<(String, UserId)>,
) -> Result<StatusCode, ApiError> {
    let is_self = access.caller.user_id() == Some(user);
    if !is_self {
        crate::auth::require(&access.permissions, &[carcosa_common::domain::Permission::Admin])?;
    }
    manage::remove_org_member(&state.db, access.scope.org(), user, access.org_role, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /v1/orgs/{org}/members/{user}/password`: an owner sets a member's password (there is no
/// mail server, so this — or `carcosa admin user reset-password` — is how a forgotten password
/// is reset). Ends all the member's sessions.
#[utoipa::path(
    post,
    path = "/v1/orgs/{org}/members/{user}/password",
    tag = "orgs",
    summary = "Reset a member's password",
    description = "Owners only (there is no mail server). Ends all the member's sessions.",
    params(("org" = String, Path, description = "Organization id or slug."), ("user" = UserId, Path, description = "User id.")),
    request_body = PasswordReset,
    responses((status = 204, description = "Reset."), ResetErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
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

/// `GET /v1/orgs/{org}/invitations`.
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/invitations",
    tag = "orgs",
    summary = "List invitations",
    description = "Open and past invitations (never their tokens).",
    params(("org" = String, Path, description = "Organization id or slug.")),
    responses((status = 200, description = "Invitations.", body = List<Invitation>), MemberErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn list_invitations(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
) -> Result<Json<List<Invitation>>, ApiError> {
    Ok(Json(List {
        data: invitations::list(&state.db, access.scope.org()).await?,
    }))
}

/// `POST /v1/orgs/{org}/invitations`: a single-use token for `email`.
#[utoipa::path(
    post,
    path = "/v1/orgs/{org}/invitations",
    tag = "orgs",
    summary = "Invite someone",
    description = "A single-use token for one email, with an organization role and optionally a team; the token is in this answer only.",
    params(("org" = String, Path, description = "Organization id or slug.")),
    request_body = CreateInvitation,
    responses((status = 201, description = "Invited.", body = InvitationCreated), InviteErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
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
    let inviter = access.caller.user_id();
    let created = manage::invite(&state.db, org, &req.email, req.role, team, ttl, inviter, &access.acting).await?;
    let body = InvitationCreated {
        invitation: created.invitation,
        token: created.token.expose_secret().to_owned(),
    };
    Ok((StatusCode::CREATED, Json(body)))
}

/// `DELETE /v1/orgs/{org}/invitations/{id}`: revokes an open invitation.
#[utoipa::path(
    delete,
    path = "/v1/orgs/{org}/invitations/{id}",
    tag = "orgs",
    summary = "Revoke an invitation",
    description = "An open invitation stops working.",
    params(("org" = String, Path, description = "Organization id or slug."), ("id" = InvitationId, Path, description = "Invitation id.")),
    responses((status = 204, description = "Revoked."), MemberErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, id)): Path<(String, InvitationId)>,
) -> Result<StatusCode, ApiError> {
    manage::revoke_invitation(&state.db, access.scope.org(), id, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The member and invitation routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(list_members))
        .route(routes!(set_member_role, remove_member))
        .route(routes!(reset_member_password))
        .route(routes!(list_invitations, create_invitation))
        .route(routes!(revoke_invitation))
}
