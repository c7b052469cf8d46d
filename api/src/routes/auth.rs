//! Accounts: `POST /v1/auth/signup`, `/login`, `/logout`, `GET /v1/auth/me`, `POST
//! /v1/auth/password`, `GET /v1/auth/sessions`, `DELETE /v1/auth/sessions/{id}`, and `POST
//! /v1/invitations/accept`. Login and sign-up answer with a fresh session cookie; a login for an
//! account is throttled (`rate_limits.login_per_15min`) on top of the per-address limit.

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use carcosa_common::audit::{Actor, Event};
use carcosa_common::db::members::{self, Membership};
use carcosa_common::db::sessions::{self, SessionSummary};
use carcosa_common::db::users::User;
use carcosa_common::db::{audit, orgs::Org};
use carcosa_common::domain::SessionId;
use carcosa_common::manage::Acting;
use carcosa_common::manage::accounts::{self, LoginError, Signup};
use serde::{Deserialize, Serialize};

use crate::access::{Anonymous, Signed};
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::limits;
use crate::routes::Routes;
use crate::session;
use crate::state::AppState;

/// Body of `POST /v1/auth/signup`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    /// Email address (the login name).
    pub email: String,
    /// Password: at least 10 characters, not a common one.
    pub password: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Name of the organization to create (first user, or open sign-up without invitation).
    pub organization: Option<String>,
    /// An invitation token (`ci_…`).
    pub invitation: Option<String>,
}

/// Body of `POST /v1/auth/login`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Email address.
    pub email: String,
    /// Password.
    pub password: String,
}

/// Body of `POST /v1/auth/password`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The current password.
    pub current_password: String,
    /// The new one.
    pub new_password: String,
}

/// Body of `POST /v1/invitations/accept`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    /// The invitation token.
    pub token: String,
}

/// `GET /v1/auth/me` (and the body of login and sign-up).
#[derive(Debug, Serialize)]
pub struct Me {
    /// The user.
    pub user: User,
    /// Their organizations and roles.
    pub organizations: Vec<Membership>,
}

/// Sign-up's answer.
#[derive(Debug, Serialize)]
pub struct SignedUpResponse {
    /// The user and memberships.
    #[serde(flatten)]
    pub me: Me,
    /// The organization created for them, if any.
    pub created_organization: Option<Org>,
}

/// `POST /v1/auth/signup`: creates an account under `auth.signup` and signs it in.
pub async fn signup(
    State(state): State<AppState>,
    anon: Anonymous,
    Json(req): Json<SignupRequest>,
) -> Result<Response, ApiError> {
    let input = Signup {
        email: &req.email,
        name: &req.name,
        password: &req.password,
        organization: req.organization.as_deref(),
        invitation: req.invitation.as_deref(),
    };
    let done = accounts::signup(&state.db, &state.hasher, state.config.auth.signup, input, &anon.acting).await?;
    let cookie = session::open(
        &state,
        done.user.id,
        anon.acting.ctx.ip.as_deref(),
        anon.acting.ctx.user_agent.as_deref(),
    )
    .await?;
    let me = me_of(&state, done.user).await?;
    let body = SignedUpResponse {
        me,
        created_organization: done.created_org,
    };
    Ok((StatusCode::CREATED, [(SET_COOKIE, cookie)], Json(body)).into_response())
}

/// `POST /v1/auth/login`: checks the password and opens a new session (a fresh token every
/// time: a cookie planted before login is never promoted).
pub async fn login(
    State(state): State<AppState>,
    anon: Anonymous,
    Json(req): Json<LoginRequest>,
) -> Result<Response, ApiError> {
    let email = req.email.trim().to_lowercase();
    if let Err(limited) = limits::login_attempt(&state, &email).await {
        let event = Event::new("auth.login_throttled", "user", "unknown")
            .named(&email)
            .outcome(carcosa_common::audit::Outcome::Denied);
        anon.acting.record(&state.db, &event).await?;
        return Err(limited);
    }
    let user = match accounts::authenticate(&state.db, &state.hasher, &email, &req.password, &anon.acting).await {
        Ok(user) => user,
        Err(LoginError::BadCredentials) => {
            return Err(ApiError::Unauthorized {
                code: "invalid_credentials",
                message: "wrong email or password",
            });
        }
        Err(LoginError::Hash(e)) => return Err(ApiError::Internal(Box::new(e))),
        Err(LoginError::Database(e)) => return Err(e.into()),
    };
    let ctx = &anon.acting.ctx;
    let cookie = session::open(&state, user.id, ctx.ip.as_deref(), ctx.user_agent.as_deref()).await?;
    audit::record(
        &state.db,
        &Actor::user(user.id, &user.email),
        ctx,
        &Event::new("auth.login", "user", user.id).named(&user.email),
    )
    .await?;
    let me = me_of(&state, user).await?;
    Ok(([(SET_COOKIE, cookie)], Json(me)).into_response())
}

/// `POST /v1/auth/logout`: ends this session and clears the cookie.
pub async fn logout(State(state): State<AppState>, signed: Signed) -> Result<Response, ApiError> {
    sessions::revoke(&state.db, signed.session.user_id, signed.session.id).await?;
    let event = Event::new("auth.logout", "session", signed.session.id);
    signed.acting.record(&state.db, &event).await?;
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, session::clear(&state)?)]).into_response())
}

/// `GET /v1/auth/me`: the signed-in user and their organizations.
pub async fn get_me(State(state): State<AppState>, signed: Signed) -> Result<Json<Me>, ApiError> {
    let user = signed.user(&state).await?;
    Ok(Json(me_of(&state, user).await?))
}

async fn me_of(state: &AppState, user: User) -> Result<Me, ApiError> {
    let organizations = members::memberships(&state.db, user.id).await?;
    Ok(Me { user, organizations })
}

/// `POST /v1/auth/password`: changes the password (the current one is required) and ends every
/// other session.
pub async fn change_password(
    State(state): State<AppState>,
    signed: Signed,
    Json(req): Json<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    let user = signed.user(&state).await?;
    accounts::change_password(
        &state.db,
        &state.hasher,
        &user,
        Some(signed.session.id),
        &req.current_password,
        &req.new_password,
        &signed.acting,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /v1/auth/sessions`: the caller's live sessions.
pub async fn list_sessions(State(state): State<AppState>, signed: Signed) -> Result<Json<serde_json::Value>, ApiError> {
    let list: Vec<SessionSummary> = sessions::list(&state.db, signed.session.user_id).await?;
    let current = signed.session.id;
    let data: Vec<serde_json::Value> = list
        .into_iter()
        .map(|s| {
            let mut v = serde_json::to_value(&s).unwrap_or_default();
            v["current"] = serde_json::json!(s.id == current);
            v
        })
        .collect();
    Ok(Json(serde_json::json!({ "data": data })))
}

/// `DELETE /v1/auth/sessions/{id}`: signs one of the caller's sessions out.
pub async fn delete_session(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<SessionId>,
) -> Result<StatusCode, ApiError> {
    if !sessions::revoke(&state.db, signed.session.user_id, id).await? {
        return Err(ApiError::NotFound("session"));
    }
    signed
        .acting
        .record(&state.db, &Event::new("session.revoked", "session", id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /v1/invitations/accept`: joins the invitation's organization (and team).
pub async fn accept_invitation(
    State(state): State<AppState>,
    signed: Signed,
    Json(req): Json<AcceptInvitation>,
) -> Result<Json<Me>, ApiError> {
    let user = signed.user(&state).await?;
    let acting: &Acting = &signed.acting;
    accounts::accept_invitation(&state.db, &user, &req.token, acting).await?;
    Ok(Json(me_of(&state, user).await?))
}

/// The account routes.
pub fn router() -> Routes {
    Routes::new()
        .at("/v1/auth/signup", post(signup))
        .at("/v1/auth/login", post(login))
        .at("/v1/auth/logout", post(logout))
        .at("/v1/auth/me", get(get_me))
        .at("/v1/auth/password", post(change_password))
        .at("/v1/auth/sessions", get(list_sessions))
        .at("/v1/auth/sessions/{id}", delete(delete_session))
        .at("/v1/invitations/accept", post(accept_invitation))
}
