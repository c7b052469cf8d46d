//! Accounts: `POST /v1/auth/signup`, `/login`, `/logout`, `GET /v1/auth/me`, `POST
//! /v1/auth/password`, `GET /v1/auth/sessions`, `DELETE /v1/auth/sessions/{id}`, and `POST
//! /v1/invitations/accept`. Login and sign-up answer with a fresh session cookie; a login for an
//! account is throttled (`rate_limits.login_per_15min`) on top of the per-address limit.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use carcosa_common::audit::{Actor, Event};
use carcosa_common::db::members::{self, Membership};
use carcosa_common::db::sessions::{self, SessionSummary};
use carcosa_common::db::users::User;
use carcosa_common::db::{audit, orgs::Org};
use carcosa_common::domain::SessionId;
use carcosa_common::manage::Acting;
use carcosa_common::manage::accounts::{self, LoginError, SignedUp, Signup};
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::access::{Anonymous, Signed};
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::limits;
use crate::openapi::{JSON_BODY, NOT_FOUND, SESSION, errors};
use crate::routes::Routes;
use crate::routes::orgs::List;
use crate::session;
use crate::state::AppState;

/// Body of `POST /v1/auth/signup`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ada@example.com", "password": "a long passphrase", "name": "Ada", "organization": "Analytical Engines"}))]
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
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ada@example.com", "password": "a long passphrase"}))]
pub struct LoginRequest {
    /// Email address.
    pub email: String,
    /// Password.
    pub password: String,
}

/// Body of `POST /v1/auth/password`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The current password.
    pub current_password: String,
    /// The new one.
    pub new_password: String,
}

/// Body of `POST /v1/invitations/accept`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    /// The invitation token.
    pub token: String,
}

/// `GET /v1/auth/me` (and the body of login and sign-up).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Me {
    /// The user.
    pub user: User,
    /// Their organizations and roles.
    pub organizations: Vec<Membership>,
}

/// Sign-up's answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SignedUpResponse {
    /// The user and memberships.
    #[serde(flatten)]
    pub me: Me,
    /// The organization created for them, if any.
    pub created_organization: Option<Org>,
}

errors!(
    SignupErrors = JSON_BODY,
    &[
        (400, &["weak_password"]),
        (
            403,
            &[
                "csrf_failed",
                "signup_closed",
                "signup_requires_invitation",
                "invitation_invalid"
            ]
        ),
        (409, &["email_taken"]),
    ]
);
errors!(
    LoginErrors = JSON_BODY,
    &[(401, &["invalid_credentials"]), (403, &["csrf_failed"])]
);
errors!(SessionErrors = SESSION);
errors!(
    PasswordErrors = SESSION,
    JSON_BODY,
    &[(400, &["weak_password"]), (403, &["wrong_password"])]
);
errors!(SessionDeleteErrors = SESSION, NOT_FOUND);
errors!(
    AcceptErrors = SESSION,
    JSON_BODY,
    &[(403, &["invitation_invalid"]), (409, &["already_member"])]
);

/// `POST /v1/auth/signup`: creates an account under `auth.signup` and signs it in.
#[utoipa::path(
    post,
    path = "/v1/auth/signup",
    tag = "auth",
    summary = "Sign up",
    description = "Creates an account under the server's `auth.signup` policy (`invite`, `open` or `closed`; the \
                   first user always may) and signs it in. Passwords: at least 10 characters, not a common one, \
                   not the email.",
    request_body = SignupRequest,
    responses((status = 201, description = "Signed up and signed in.", body = SignedUpResponse, headers(("set-cookie" = String, description = "The session cookie `carcosa_session`."))), SignupErrors),
    security(()),
)]
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
    let (cookie, done) = sign_up(&state, &anon.acting, input).await?;
    let me = me_of(&state, done.user).await?;
    let body = SignedUpResponse {
        me,
        created_organization: done.created_org,
    };
    Ok((StatusCode::CREATED, [(SET_COOKIE, cookie)], Json(body)).into_response())
}

/// Creates an account under `auth.signup` and opens its session: the `Set-Cookie` value and what
/// was created (the API's sign-up and the dashboard's).
pub async fn sign_up(
    state: &AppState,
    acting: &Acting,
    input: Signup<'_>,
) -> Result<(HeaderValue, SignedUp), ApiError> {
    let done = accounts::signup(&state.db, &state.hasher, state.config.auth.signup, input, acting).await?;
    let ctx = &acting.ctx;
    let cookie = session::open(state, done.user.id, ctx.ip.as_deref(), ctx.user_agent.as_deref()).await?;
    Ok((cookie, done))
}

/// `POST /v1/auth/login`: checks the password and opens a new session (a fresh token every
/// time: a cookie planted before login is never promoted).
#[utoipa::path(
    post,
    path = "/v1/auth/login",
    tag = "auth",
    summary = "Sign in",
    description = "Checks the password and opens a session (a new token every time). Limited per address and \
                   per account (`auth.login_per_15min`).",
    request_body = LoginRequest,
    responses((status = 200, description = "Signed in.", body = Me, headers(("set-cookie" = String, description = "The session cookie `carcosa_session`."))), LoginErrors),
    security(()),
)]
pub async fn login(
    State(state): State<AppState>,
    anon: Anonymous,
    Json(req): Json<LoginRequest>,
) -> Result<Response, ApiError> {
    let (cookie, user) = sign_in(&state, &anon.acting, &req.email, &req.password).await?;
    let me = me_of(&state, user).await?;
    Ok(([(SET_COOKIE, cookie)], Json(me)).into_response())
}

/// Checks a password sign-in (throttled per account, audited either way) and opens a session:
/// the `Set-Cookie` value and the user (the API's login and the dashboard's).
pub async fn sign_in(
    state: &AppState,
    acting: &Acting,
    email: &str,
    password: &str,
) -> Result<(HeaderValue, User), ApiError> {
    let email = email.trim().to_lowercase();
    if let Err(limited) = limits::login_attempt(state, &email).await {
        let event = Event::new("auth.login_throttled", "user", "unknown")
            .named(&email)
            .outcome(carcosa_common::audit::Outcome::Denied);
        acting.record(&state.db, &event).await?;
        return Err(limited);
    }
    let user = match accounts::authenticate(&state.db, &state.hasher, &email, password, acting).await {
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
    let ctx = &acting.ctx;
    let cookie = session::open(state, user.id, ctx.ip.as_deref(), ctx.user_agent.as_deref()).await?;
    audit::record(
        &state.db,
        &Actor::user(user.id, &user.email),
        ctx,
        &Event::new("auth.login", "user", user.id).named(&user.email),
    )
    .await?;
    Ok((cookie, user))
}

/// `POST /v1/auth/logout`: ends this session and clears the cookie.
#[utoipa::path(
    post,
    path = "/v1/auth/logout",
    tag = "auth",
    summary = "Sign out",
    description = "Ends this session and clears the cookie.",
    responses((status = 204, description = "Signed out."), SessionErrors),
    security(("session" = [])),
)]
pub async fn logout(State(state): State<AppState>, signed: Signed) -> Result<Response, ApiError> {
    sessions::revoke(&state.db, signed.session.user_id, signed.session.id).await?;
    let event = Event::new("auth.logout", "session", signed.session.id);
    signed.acting.record(&state.db, &event).await?;
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, session::clear(&state)?)]).into_response())
}

/// `GET /v1/auth/me`: the signed-in user and their organizations.
#[utoipa::path(
    get,
    path = "/v1/auth/me",
    tag = "auth",
    summary = "The signed-in user",
    description = "The user and their organizations with roles.",
    responses((status = 200, description = "The user.", body = Me), SessionErrors),
    security(("session" = [])),
)]
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
#[utoipa::path(
    post,
    path = "/v1/auth/password",
    tag = "auth",
    summary = "Change password",
    description = "Needs the current password; ends every other session.",
    request_body = PasswordChange,
    responses((status = 204, description = "Changed."), PasswordErrors),
    security(("session" = [])),
)]
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

/// A live session of the caller.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SessionView {
    /// The session.
    #[serde(flatten)]
    pub session: SessionSummary,
    /// Whether it is the one this request came with.
    pub current: bool,
}

/// `GET /v1/auth/sessions`: the caller's live sessions.
#[utoipa::path(
    get,
    path = "/v1/auth/sessions",
    tag = "auth",
    summary = "List sessions",
    description = "The caller's live sessions; `current` marks this one.",
    responses((status = 200, description = "Sessions.", body = List<SessionView>), SessionErrors),
    security(("session" = [])),
)]
pub async fn list_sessions(State(state): State<AppState>, signed: Signed) -> Result<Json<List<SessionView>>, ApiError> {
    let list: Vec<SessionSummary> = sessions::list(&state.db, signed.session.user_id).await?;
    let current = signed.session.id;
    let data = list
        .into_iter()
        .map(|session| SessionView {
            current: session.id == current,
            session,
        })
        .collect();
    Ok(Json(List { data }))
}

/// `DELETE /v1/auth/sessions/{id}`: signs one of the caller's sessions out.
#[utoipa::path(
    delete,
    path = "/v1/auth/sessions/{id}",
    tag = "auth",
    summary = "Revoke a session",
    description = "Signs one of the caller's sessions out.",
    params(("id" = SessionId, Path, description = "Session id.")),
    responses((status = 204, description = "Revoked."), SessionDeleteErrors),
    security(("session" = [])),
)]
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
#[utoipa::path(
    post,
    path = "/v1/invitations/accept",
    tag = "orgs",
    summary = "Accept an invitation",
    description = "Joins the invitation's organization (and team) as the signed-in user; the invitation must be \
                   for this user's email, unexpired and unused.",
    request_body = AcceptInvitation,
    responses((status = 200, description = "Joined; the user with their organizations.", body = Me), AcceptErrors),
    security(("session" = [])),
)]
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
        .route(routes!(signup))
        .route(routes!(login))
        .route(routes!(logout))
        .route(routes!(get_me))
        .route(routes!(change_password))
        .route(routes!(list_sessions))
        .route(routes!(delete_session))
        .route(routes!(accept_invitation))
}
