//! Who is calling the management plane, and what they may do where. Two kinds of caller reach
//! the same routes: an API key (`Authorization: Bearer ck_…`, bound to one project) and a
//! signed-in person (the session cookie). [`Access<P>`] resolves the route's `{org}`, `{team}` or
//! `{project}` segment (an id or a slug) against the caller, computes the caller's permissions
//! there — a key's stored set, or a person's roles through `domain::roles` — and requires `P`,
//! exactly as [`crate::auth::Auth`] does for the data plane. Something the caller cannot see
//! answers 404, never 403, so ids cannot be probed.

use std::marker::PhantomData;
use std::net::SocketAddr;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;
use carcosa_common::audit::{Actor, Event, Outcome, RequestContext};
use carcosa_common::db::members::{self, Ref};
use carcosa_common::db::sessions::LiveSession;
use carcosa_common::db::users::{self, User};
use carcosa_common::domain::roles::project_permissions;
use carcosa_common::domain::{OrgId, OrgRole, Permission, PermissionSet, ProjectId, TeamId, TeamRole};
use carcosa_common::manage::Acting;

use crate::auth::{self, KeyCaller, perm};
use crate::error::ApiError;
use crate::limits::{self, Tier};
use crate::session;
use crate::state::AppState;

/// The peer address of the connection a request came on, and how many proxies in front of us
/// append to `X-Forwarded-For` (`http.forwarded_hops`); set by the accept loop.
#[derive(Debug, Clone, Copy)]
pub struct PeerAddr {
    /// The connection's peer.
    pub addr: SocketAddr,
    /// Trusted proxy hops.
    pub forwarded_hops: usize,
}

/// The client's address: the connection's peer, or — behind `forwarded_hops` trusted proxies —
/// the `X-Forwarded-For` entry that many places from the right (entries further left are
/// whatever the client claimed). A header too short for the configured hops falls back to the
/// peer.
pub fn client_ip(parts: &Parts) -> Option<String> {
    let peer = parts.extensions.get::<PeerAddr>()?;
    if peer.forwarded_hops > 0 {
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        if let Some(ip) = forwarded
            .len()
            .checked_sub(peer.forwarded_hops)
            .and_then(|i| forwarded.get(i))
            .and_then(|s| s.parse::<std::net::IpAddr>().ok())
        {
            return Some(ip.to_string());
        }
    }
    Some(peer.addr.ip().to_string())
}

/// Address, user agent and request id, for the audit log.
pub fn request_context(parts: &Parts) -> RequestContext {
    let user_agent = parts
        .headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(256).collect());
    RequestContext {
        ip: client_ip(parts),
        user_agent,
        request_id: parts
            .extensions
            .get::<crate::trace::RequestId>()
            .and_then(|r| r.0.to_str().ok())
            .map(str::to_owned),
    }
}

/// An authenticated caller.
#[derive(Debug, Clone)]
pub enum Caller {
    /// An API key.
    Key(Box<KeyCaller>),
    /// A signed-in person.
    User {
        /// Their session.
        session: LiveSession,
    },
}

impl Caller {
    /// The signed-in person, if the caller is one.
    pub fn user_id(&self) -> Option<carcosa_common::domain::UserId> {
        match self {
            Caller::User { session } => Some(session.user_id),
            Caller::Key(_) => None,
        }
    }

    /// The audit actor.
    pub fn actor(&self) -> Actor {
        match self {
            Caller::Key(k) => Actor::api_key(k.row.id, &k.label()),
            Caller::User { session } => Actor::user(session.user_id, &session.email),
        }
    }
}

/// Authenticates a request: a bearer key if one is sent, else the session cookie (which must
/// pass the CSRF origin check on state-changing methods).
pub async fn authenticate(state: &AppState, parts: &Parts) -> Result<Caller, ApiError> {
    if let Some(token) = auth::bearer_token(parts) {
        return Ok(Caller::Key(Box::new(auth::authenticate(state, token).await?)));
    }
    match session::current(state, parts).await? {
        Some(session) => {
            session::check_origin(state, parts, true)?;
            Ok(Caller::User { session })
        }
        None => Err(ApiError::Unauthorized {
            code: "unauthorized",
            message: "sign in, or send Authorization: Bearer <api key>",
        }),
    }
}

/// A signed-in person on a route about their own account (`/v1/auth/…`, `/v1/orgs`). API keys
/// are refused: they belong to a project, not to a person.
#[derive(Debug)]
pub struct Signed {
    /// The session.
    pub session: LiveSession,
    /// Who is acting, from where.
    pub acting: Acting,
}

impl Signed {
    /// The user row.
    pub async fn user(&self, state: &AppState) -> Result<User, ApiError> {
        users::get(&state.db, self.session.user_id)
            .await?
            .ok_or(ApiError::Unauthorized {
                code: "session_expired",
                message: "your session has ended: sign in again",
            })
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match authenticate(state, parts).await? {
            Caller::User { session } => {
                let tier = if parts.method == axum::http::Method::GET {
                    Tier::Read
                } else {
                    Tier::Standard
                };
                limits::enforce_user(state, parts, session.user_id, tier).await?;
                let acting = Acting {
                    actor: Actor::user(session.user_id, &session.email),
                    ctx: request_context(parts),
                };
                Ok(Self { session, acting })
            }
            Caller::Key(_) => Err(session_required()),
        }
    }
}

fn session_required() -> ApiError {
    ApiError::Denied {
        code: "session_required",
        message: "this route acts for a signed-in person; API keys act only on their own project's routes".into(),
    }
}

/// Where a scoped route acts.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// `/v1/orgs/{org}/…`.
    Org {
        /// The organization.
        org: OrgId,
    },
    /// `/v1/orgs/{org}/teams/{team}/…`.
    Team {
        /// The organization.
        org: OrgId,
        /// The team.
        team: TeamId,
    },
    /// `/v1/projects/{project}/…`.
    Project {
        /// The organization.
        org: OrgId,
        /// The team.
        team: TeamId,
        /// The project.
        project: ProjectId,
    },
}

impl Scope {
    /// The organization.
    pub fn org(self) -> OrgId {
        match self {
            Scope::Org { org } | Scope::Team { org, .. } | Scope::Project { org, .. } => org,
        }
    }

    /// An audit event placed in this scope.
    pub fn event(self, e: Event) -> Event {
        match self {
            Scope::Org { org } => e.org(org),
            Scope::Team { org, team } => e.team(org, team),
            Scope::Project { org, team, project } => e.project(org, team, project),
        }
    }
}

/// A caller allowed `P` in the scope the path names.
#[derive(Debug)]
pub struct Access<P> {
    /// Who.
    pub caller: Caller,
    /// Where.
    pub scope: Scope,
    /// Everything the caller holds there (the ceiling for keys it mints).
    pub permissions: PermissionSet,
    /// The caller's organization role (people only).
    pub org_role: Option<OrgRole>,
    /// Who is acting, from where.
    pub acting: Acting,
    _perm: PhantomData<P>,
}

impl<P: perm::Required> FromRequestParts<AppState> for Access<P> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = authenticate(state, parts).await?;
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::NotFound("route"))?;
        let param = |name: &str| params.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_owned());
        let (org, team, project) = (param("org"), param("team"), param("project"));
        let (scope, permissions, org_role) =
            resolve(state, &caller, org.as_deref(), team.as_deref(), project.as_deref()).await?;
        let acting = Acting {
            actor: caller.actor(),
            ctx: request_context(parts),
        };
        match &caller {
            Caller::Key(key) => limits::enforce_key(state, parts, key, P::PERMISSIONS).await?,
            Caller::User { session } => {
                limits::enforce_user(state, parts, session.user_id, Tier::for_permissions(P::PERMISSIONS)).await?
            }
        }
        if let Err(denied) = auth::require(&permissions, P::PERMISSIONS) {
            record_denial(state, &acting, scope, parts, P::PERMISSIONS).await;
            return Err(denied);
        }
        Ok(Self {
            caller,
            scope,
            permissions,
            org_role,
            acting,
            _perm: PhantomData,
        })
    }
}

/// Writes `permission.denied` (best effort: the refusal stands even if the write fails).
async fn record_denial(state: &AppState, acting: &Acting, scope: Scope, parts: &Parts, needed: &[Permission]) {
    let names: Vec<&str> = needed.iter().map(|p| p.as_str()).collect();
    let event = scope
        .event(Event::new("permission.denied", "route", parts.uri.path()))
        .outcome(Outcome::Denied)
        .with("method", parts.method.as_str())
        .with("needed", names);
    if let Err(e) = acting.record(&state.db, &event).await {
        tracing::warn!(error = %e, "could not record a permission denial");
    }
}

type Resolved = (Scope, PermissionSet, Option<OrgRole>);

async fn resolve(
    state: &AppState,
    caller: &Caller,
    org: Option<&str>,
    team: Option<&str>,
    project: Option<&str>,
) -> Result<Resolved, ApiError> {
    match (caller, project) {
        (Caller::Key(key), Some(p)) => {
            // `current` names the key's own project (a key never reaches another one).
            if p != "current" && !members::project_matches(&state.db, key.row.project_id, Ref::parse(p)).await? {
                return Err(ApiError::NotFound("project"));
            }
            let scope = Scope::Project {
                org: key.row.organization_id,
                team: key.row.team_id,
                project: key.row.project_id,
            };
            Ok((scope, key.permissions.clone(), None))
        }
        (Caller::Key(_), None) => Err(session_required()),
        (Caller::User { session }, Some(p)) => {
            let found = members::projects_for_user(&state.db, session.user_id, Ref::parse(p)).await?;
            let access = match found.as_slice() {
                [one] => one,
                [] => return Err(ApiError::NotFound("project")),
                _ => {
                    return Err(ApiError::Conflict {
                        code: "ambiguous_project",
                        message: format!("more than one of your projects is called {p:?}: use its id"),
                    });
                }
            };
            let perms = project_permissions(access.org_role, access.team_role);
            if perms.is_empty() {
                return Err(ApiError::NotFound("project"));
            }
            let scope = Scope::Project {
                org: access.organization_id,
                team: access.team_id,
                project: access.project_id,
            };
            Ok((scope, perms, Some(access.org_role)))
        }
        (Caller::User { session }, None) => {
            let org_ref = org.ok_or(ApiError::NotFound("route"))?;
            let (org_id, role) = members::org_for_user(&state.db, session.user_id, Ref::parse(org_ref))
                .await?
                .ok_or(ApiError::NotFound("organization"))?;
            let mut perms: Vec<Permission> = role.org_permissions().iter().collect();
            let Some(team_ref) = team else {
                return Ok((Scope::Org { org: org_id }, PermissionSet::new(perms), Some(role)));
            };
            let (team_id, team_role) =
                members::team_in_org(&state.db, org_id, Some(session.user_id), Ref::parse(team_ref))
                    .await?
                    .ok_or(ApiError::NotFound("team"))?;
            perms.extend(team_role.map(TeamRole::permissions).unwrap_or_default().iter());
            Ok((
                Scope::Team {
                    org: org_id,
                    team: team_id,
                },
                PermissionSet::new(perms),
                Some(role),
            ))
        }
    }
}

/// Limits a public read-only route (the API reference) by client address.
#[derive(Debug)]
pub struct PublicRead;

impl FromRequestParts<AppState> for PublicRead {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        limits::enforce_ip(state, parts, Tier::Read).await?;
        Ok(Self)
    }
}

/// Limits and checks an unauthenticated route (login, sign-up) by client address, and refuses
/// cross-site form posts to it.
#[derive(Debug)]
pub struct Anonymous {
    /// Where the request came from.
    pub acting: Acting,
}

impl FromRequestParts<AppState> for Anonymous {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        session::check_origin(state, parts, false)?;
        limits::enforce_ip(state, parts, Tier::Standard).await?;
        Ok(Self {
            acting: Acting {
                actor: Actor::anonymous(),
                ctx: request_context(parts),
            },
        })
    }
}
