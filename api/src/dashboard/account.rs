//! Signing in and out, signing up (under the server's sign-up policy), and the account page:
//! password and sessions. The forms call the same functions as `/v1/auth/*`.

use askama::Template;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use carcosa_common::audit::Event;
use carcosa_common::config::SignupPolicy;
use carcosa_common::db::{members, orgs, sessions, users};
use carcosa_common::domain::SessionId;
use carcosa_common::manage::accounts::{self, Signup};
use carcosa_common::manage::sign_in_links;
use serde::Deserialize;

use super::page::{Chrome, Form, PageError, Problem, Viewer, csrf_token, render, rerender, see_other};
use super::page::{Path, Query};
use crate::access::{Anonymous, PublicRead};
use crate::error::ApiError;
use crate::routes::auth::SessionView;
use crate::session;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    title: &'static str,
    csrf: String,
    email: String,
    problem: Option<Problem>,
}

#[derive(Template)]
#[template(path = "sign_up.html")]
struct SignUpPage {
    title: &'static str,
    csrf: String,
    policy_hint: String,
    ask_org: bool,
    name: String,
    email: String,
    organization: String,
    invitation: String,
    problem: Option<Problem>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    sessions: Vec<SessionView>,
    changed: bool,
    problem: Option<Problem>,
}

/// `GET /`: the first organization's overview, or what to do without one.
pub async fn home(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    let orgs = members::memberships(&state.db, viewer.session.user_id).await?;
    if let Some(first) = orgs.first() {
        return Ok(see_other(&format!("/orgs/{}", first.slug)));
    }
    let chrome = Chrome::load(&state, &viewer, None, "Welcome", "home").await?;
    Ok(render(&HomePage { chrome }))
}

/// `GET /sign-in`.
pub async fn sign_in_page(
    State(state): State<AppState>,
    _: PublicRead,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    Ok(render(&SignInPage {
        title: "Sign in",
        csrf: csrf_token(&state, &headers)?,
        email: String::new(),
        problem: None,
    }))
}

/// `POST /sign-in`: a new session and its cookie, then the dashboard; or the form again with
/// what was wrong.
pub async fn sign_in(
    State(state): State<AppState>,
    anon: Anonymous,
    headers: HeaderMap,
    form: Form,
) -> Result<Response, PageError> {
    match crate::routes::auth::sign_in(&state, &anon.acting, form.text("email"), form.text("password")).await {
        Ok((cookie, _)) => Ok(([(SET_COOKIE, cookie)], see_other("/")).into_response()),
        Err(e @ ApiError::Unauthorized { .. }) => {
            let problem = Problem {
                code: e.status_and_code().1.to_owned(),
                message: e.to_string(),
                field: None,
            };
            Ok(rerender(
                StatusCode::UNAUTHORIZED,
                &SignInPage {
                    title: "Sign in",
                    csrf: csrf_token(&state, &headers)?,
                    email: form.text("email").to_owned(),
                    problem: Some(problem),
                },
            ))
        }
        Err(e) => Err(PageError(e)),
    }
}

/// What the sign-up page tells a visitor: the first account adopts the organization an operator
/// made (as `carcosa dev` does), or owns the one it names; after that the policy decides.
/// The second value: whether the form asks for an organization's name.
async fn policy_hint(state: &AppState) -> Result<(String, bool), PageError> {
    let first = users::count(&state.db).await? == 0;
    if first && let Some(org) = orgs::first_unowned(&state.db).await? {
        return Ok((
            format!("You are the first user of this server: you will own {}.", org.name),
            false,
        ));
    }
    let hint = match (first, state.config.auth.signup) {
        (true, _) => "You are the first user of this server: you will own the organization you name.",
        (false, SignupPolicy::Open) => "Name an organization to create, or join one through an invitation link.",
        (false, SignupPolicy::Invite) => "This server signs people up by invitation: open the link you were sent.",
        (false, SignupPolicy::Closed) => "Sign-up is closed on this server: ask its operator for an account.",
    };
    Ok((hint.to_owned(), true))
}

/// Query of `GET /sign-up`.
#[derive(Debug, Deserialize)]
pub struct SignUpQuery {
    /// An invitation token from an invitation link.
    invitation: Option<String>,
}

/// `GET /sign-up` (`?invitation=ci_…` from an invitation link).
pub async fn sign_up_page(
    State(state): State<AppState>,
    _: PublicRead,
    headers: HeaderMap,
    Query(q): Query<SignUpQuery>,
) -> Result<Response, PageError> {
    let (policy_hint, ask_org) = policy_hint(&state).await?;
    Ok(render(&SignUpPage {
        title: "Sign up",
        csrf: csrf_token(&state, &headers)?,
        policy_hint,
        ask_org,
        name: String::new(),
        email: String::new(),
        organization: String::new(),
        invitation: q.invitation.unwrap_or_default(),
        problem: None,
    }))
}

/// `POST /sign-up`: the account, its session, then the dashboard.
pub async fn sign_up(
    State(state): State<AppState>,
    anon: Anonymous,
    headers: HeaderMap,
    form: Form,
) -> Result<Response, PageError> {
    let input = Signup {
        email: form.text("email"),
        name: form.text("name"),
        password: form.text("password"),
        organization: form.opt("organization"),
        invitation: form.opt("invitation"),
    };
    match crate::routes::auth::sign_up(&state, &anon.acting, input).await {
        Ok((cookie, _)) => Ok(([(SET_COOKIE, cookie)], see_other("/")).into_response()),
        Err(e) => {
            let (status, problem) = Problem::from_error(e)?;
            let (policy_hint, ask_org) = policy_hint(&state).await?;
            Ok(rerender(
                status,
                &SignUpPage {
                    title: "Sign up",
                    csrf: csrf_token(&state, &headers)?,
                    policy_hint,
                    ask_org,
                    name: form.text("name").to_owned(),
                    email: form.text("email").to_owned(),
                    organization: form.text("organization").to_owned(),
                    invitation: form.text("invitation").to_owned(),
                    problem: Some(problem),
                },
            ))
        }
    }
}

/// `POST /sign-out`: ends this session.
pub async fn sign_out(State(state): State<AppState>, viewer: Viewer, _: Form) -> Result<Response, PageError> {
    sessions::revoke(&state.db, viewer.session.user_id, viewer.session.id).await?;
    let event = Event::new("auth.logout", "session", viewer.session.id);
    viewer.acting.record(&state.db, &event).await?;
    Ok(([(SET_COOKIE, session::clear(&state)?)], see_other("/sign-in")).into_response())
}

/// Query of `GET /account`.
#[derive(Debug, Deserialize)]
pub struct AccountQuery {
    /// Set after a password change.
    changed: Option<String>,
}

async fn account(
    state: &AppState,
    viewer: &Viewer,
    changed: bool,
    problem: Option<Problem>,
) -> Result<AccountPage, PageError> {
    let chrome = Chrome::load(state, viewer, None, "Your account", "account").await?;
    let current = viewer.session.id;
    let sessions = sessions::list(&state.db, viewer.session.user_id)
        .await?
        .into_iter()
        .map(|session| SessionView {
            current: session.id == current,
            session,
        })
        .collect();
    Ok(AccountPage {
        chrome,
        sessions,
        changed,
        problem,
    })
}

/// `GET /account`: password and sessions.
pub async fn account_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AccountQuery>,
) -> Result<Response, PageError> {
    Ok(render(&account(&state, &viewer, q.changed.is_some(), None).await?))
}

/// `POST /account/password`: needs the current password; ends every other session.
pub async fn change_password(State(state): State<AppState>, viewer: Viewer, form: Form) -> Result<Response, PageError> {
    let user = users::get(&state.db, viewer.session.user_id)
        .await?
        .ok_or(ApiError::NotFound("user"))?;
    let changed = accounts::change_password(
        &state.db,
        &state.hasher,
        &user,
        Some(viewer.session.id),
        form.text("current_password"),
        form.text("new_password"),
        &viewer.acting,
    )
    .await;
    match changed {
        Ok(()) => Ok(see_other("/account?changed=1")),
        Err(e) => {
            let (status, problem) = Problem::from_error(e)?;
            Ok(rerender(status, &account(&state, &viewer, false, Some(problem)).await?))
        }
    }
}

/// `POST /account/sessions/{id}/revoke`: signs one of the person's other sessions out.
pub async fn revoke_session(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    _: Form,
) -> Result<Response, PageError> {
    if !sessions::revoke(&state.db, viewer.session.user_id, id).await? {
        return Err(PageError(ApiError::NotFound("session")));
    }
    let event = Event::new("session.revoked", "session", id);
    viewer.acting.record(&state.db, &event).await?;
    Ok(see_other("/account"))
}

/// Query of `GET /sign-in/link`.
#[derive(Debug, Deserialize)]
pub struct LinkQuery {
    #[serde(default)]
    token: String,
}

/// `GET /sign-in/link?token=sl_…`: a one-time link (`carcosa dev` prints one) opens a session.
pub async fn sign_in_link(
    State(state): State<AppState>,
    anon: Anonymous,
    Query(q): Query<LinkQuery>,
) -> Result<Response, PageError> {
    let user = sign_in_links::sign_in(&state.db, &q.token, &anon.acting).await?;
    let ctx = &anon.acting.ctx;
    let cookie = session::open(&state, user.id, ctx.ip.as_deref(), ctx.user_agent.as_deref()).await?;
    Ok(([(SET_COOKIE, cookie)], see_other("/")).into_response())
}
