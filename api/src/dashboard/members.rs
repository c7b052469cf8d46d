//! An organization's members and invitations, a team's members, and accepting an invitation —
//! the forms call `manage::orgs` as `/v1/orgs/{org}/members…` and `/invitations…` do, with the
//! same rules (only owners touch owners; the last owner stays one; anyone may leave).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use carcosa_common::db::invitations::{self, Invitation};
use carcosa_common::db::members::{self, OrgMember, Ref};
use carcosa_common::db::orgs::{self, Team};
use carcosa_common::db::users;
use carcosa_common::domain::{InvitationId, OrgRole, Permission, TeamRole, UserId};
use carcosa_common::manage::accounts;
use carcosa_common::manage::orgs as manage;
use chrono::{Duration, Utc};
use secrecy::ExposeSecret as _;
use serde::Deserialize;

use super::orgs::{team_of, team_page_for};
use super::page::{Chrome, Form, Member, PageError, Problem, Viewer, rerender, see_other};
use super::page::{Path, Query};
use crate::auth::perm;
use crate::error::ApiError;
use crate::state::AppState;

/// An invitation just made: its link, shown once.
pub struct Invited {
    email: String,
    link: String,
    until: String,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    chrome: Chrome,
    org_slug: String,
    me: String,
    members: Vec<OrgMember>,
    invitations: Vec<Invitation>,
    teams: Vec<Team>,
    roles: Vec<&'static str>,
    team_roles: Vec<&'static str>,
    may_admin: bool,
    invited: Option<Invited>,
    problem: Option<Problem>,
}

async fn members_page_for<P>(
    state: &AppState,
    member: &Member<P>,
    invited: Option<Invited>,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, PageError> {
    let org = member.scope.org();
    let chrome = Chrome::load(state, &member.viewer, Some(org), "Members", "members").await?;
    let may_admin = member.may(Permission::Admin);
    let invitations = if may_admin {
        let now = Utc::now();
        invitations::list(&state.db, org)
            .await?
            .into_iter()
            .filter(|i| i.accepted_at.is_none() && i.revoked_at.is_none() && i.expires_at > now)
            .collect()
    } else {
        Vec::new()
    };
    let status = problem.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = MembersPage {
        org_slug: chrome.org_slug().to_owned(),
        me: member.viewer.session.user_id.to_string(),
        members: members::list_org_members(&state.db, org).await?,
        invitations,
        teams: orgs::list_teams(&state.db, org).await?,
        roles: OrgRole::ALL.iter().map(|r| r.as_str()).collect(),
        team_roles: TeamRole::ALL.iter().map(|r| r.as_str()).collect(),
        may_admin,
        invited,
        problem: problem.map(|(_, p)| p),
        chrome,
    };
    Ok(rerender(status, &page))
}

/// `GET /orgs/{org}/members`.
pub async fn members_page(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
) -> Result<Response, PageError> {
    members_page_for(&state, &member, None, None).await
}

/// A role (or another named choice) from a form field.
fn choice<T: std::str::FromStr>(field: &'static str, value: &str) -> Result<T, ApiError>
where
    T::Err: std::fmt::Display,
{
    value
        .parse()
        .map_err(|e: T::Err| ApiError::validation(field, e.to_string()))
}

/// `POST /orgs/{org}/members/{user}/role`.
pub async fn set_role(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    Path((org, user)): Path<(String, UserId)>,
    form: Form,
) -> Result<Response, PageError> {
    let changed = async {
        let role: OrgRole = choice("role", form.text("role"))?;
        manage::set_org_role(
            &state.db,
            member.scope.org(),
            user,
            role,
            member.org_role,
            &member.viewer.acting,
        )
        .await
        .map_err(ApiError::from)
    }
    .await;
    match changed {
        Ok(()) => Ok(see_other(&format!("/orgs/{org}/members"))),
        Err(e) => members_page_for(&state, &member, None, Some(Problem::from_error(e)?)).await,
    }
}

/// `POST /orgs/{org}/members/{user}/remove`: admins remove others; anyone may leave.
pub async fn remove(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
    Path((org, user)): Path<(String, UserId)>,
    _: Form,
) -> Result<Response, PageError> {
    let leaving = member.viewer.session.user_id == user;
    if !leaving {
        crate::auth::require(&member.permissions, &[Permission::Admin])?;
    }
    let removed = manage::remove_org_member(
        &state.db,
        member.scope.org(),
        user,
        member.org_role,
        &member.viewer.acting,
    )
    .await;
    match removed {
        Ok(()) if leaving => Ok(see_other("/")),
        Ok(()) => Ok(see_other(&format!("/orgs/{org}/members"))),
        Err(e) => members_page_for(&state, &member, None, Some(Problem::from_error(e)?)).await,
    }
}

/// `POST /orgs/{org}/invitations`: a single-use link for one email (shown once).
pub async fn invite(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    form: Form,
) -> Result<Response, PageError> {
    let org = member.scope.org();
    let made = async {
        let role: OrgRole = choice("role", form.text("role"))?;
        let team = match form.opt("team") {
            None => None,
            Some(t) => {
                let (id, _) = members::team_in_org(&state.db, org, None, Ref::parse(t))
                    .await?
                    .ok_or(ApiError::NotFound("team"))?;
                let role: TeamRole = choice("team_role", form.opt("team_role").unwrap_or("member"))?;
                Some((id, role))
            }
        };
        let ttl = Duration::seconds(state.config.auth.invitation_ttl_secs as i64);
        let inviter = Some(member.viewer.session.user_id);
        manage::invite(
            &state.db,
            org,
            form.text("email"),
            role,
            team,
            ttl,
            inviter,
            &member.viewer.acting,
        )
        .await
        .map_err(ApiError::from)
    }
    .await;
    match made {
        Ok(created) => {
            let link = format!(
                "{}/sign-up?invitation={}",
                state.config.http.public_base(),
                created.token.expose_secret()
            );
            let invited = Invited {
                email: created.invitation.email.clone(),
                until: created.invitation.expires_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                link,
            };
            let mut page = members_page_for(&state, &member, Some(invited), None).await?;
            page.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            );
            Ok(page)
        }
        Err(e) => members_page_for(&state, &member, None, Some(Problem::from_error(e)?)).await,
    }
}

/// `POST /orgs/{org}/invitations/{id}/revoke`.
pub async fn revoke_invitation(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    Path((org, id)): Path<(String, InvitationId)>,
    _: Form,
) -> Result<Response, PageError> {
    manage::revoke_invitation(&state.db, member.scope.org(), id, &member.viewer.acting).await?;
    Ok(see_other(&format!("/orgs/{org}/members")))
}

#[derive(Template)]
#[template(path = "accept.html")]
struct AcceptPage {
    chrome: Chrome,
    token: String,
    problem: Option<Problem>,
}

/// Query of `GET /invitations/accept`.
#[derive(Debug, Deserialize)]
pub struct AcceptQuery {
    #[serde(default)]
    token: String,
}

/// `GET /invitations/accept?token=…`: a signed-in person joins with one button.
pub async fn accept_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AcceptQuery>,
) -> Result<Response, PageError> {
    let chrome = Chrome::load(&state, &viewer, None, "Join an organization", "account").await?;
    Ok(rerender(
        StatusCode::OK,
        &AcceptPage {
            chrome,
            token: q.token,
            problem: None,
        },
    ))
}

/// `POST /invitations/accept`.
pub async fn accept(State(state): State<AppState>, viewer: Viewer, form: Form) -> Result<Response, PageError> {
    let user = users::get(&state.db, viewer.session.user_id)
        .await?
        .ok_or(ApiError::NotFound("user"))?;
    match accounts::accept_invitation(&state.db, &user, form.text("token"), &viewer.acting).await {
        Ok(()) => Ok(see_other("/")),
        Err(e) => {
            let (status, problem) = Problem::from_error(e)?;
            let chrome = Chrome::load(&state, &viewer, None, "Join an organization", "account").await?;
            let page = AcceptPage {
                chrome,
                token: form.text("token").to_owned(),
                problem: Some(problem),
            };
            Ok(rerender(status, &page))
        }
    }
}

/// `POST /orgs/{org}/teams/{team}/members`: adds an organization member (by email) to the team.
pub async fn add_team_member(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    Path((org_path, team_path)): Path<(String, String)>,
    form: Form,
) -> Result<Response, PageError> {
    let (org, team) = team_of(member.scope)?;
    let added = async {
        let email = accounts::normalize_email(form.text("email"))?;
        let user = members::list_org_members(&state.db, org)
            .await?
            .into_iter()
            .find(|m| m.email == email)
            .ok_or_else(|| ApiError::Validation {
                code: "not_a_member",
                field: Some("email"),
                message: format!("{email} is not a member of this organization: invite them first"),
            })?;
        let role: TeamRole = choice("role", form.text("role"))?;
        manage::put_team_member(&state.db, org, team, user.user_id, role, &member.viewer.acting)
            .await
            .map_err(ApiError::from)
    }
    .await;
    match added {
        Ok(()) => Ok(see_other(&format!("/orgs/{org_path}/teams/{team_path}"))),
        Err(e) => team_page_for(&state, &member.narrowed(), Some(Problem::from_error(e)?)).await,
    }
}

/// `POST /orgs/{org}/teams/{team}/members/{user}/remove`.
pub async fn remove_team_member(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    Path((org_path, team_path, user)): Path<(String, String, UserId)>,
    _: Form,
) -> Result<Response, PageError> {
    let (org, team) = team_of(member.scope)?;
    manage::remove_team_member(&state.db, org, team, user, &member.viewer.acting).await?;
    Ok(see_other(&format!("/orgs/{org_path}/teams/{team_path}")))
}
