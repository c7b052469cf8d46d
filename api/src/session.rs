//! The session cookie: a random 256-bit token (`cs_…`) in `carcosa_session`, `HttpOnly`,
//! `SameSite=Lax`, `Secure` unless `auth.insecure_cookies` (only `carcosa dev` on loopback sets
//! it). Postgres keeps the token's SHA-256 only. A new token is minted at every login (no
//! session fixation: a token planted before login never becomes a signed-in one).
//!
//! Why not a JWT: a session must be revocable at once (sign out, "sign out other sessions",
//! password change), which a stateless token cannot be without a server-side list anyway. JWTs
//! stay where statelessness is the point: realtime tokens handed to browsers for one WebSocket.

use axum::http::header::{COOKIE, ORIGIN, REFERER};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method};
use carcosa_common::crypto::{generate_token, hash_token};
use carcosa_common::db::sessions::{self, LiveSession, NewSession};
use carcosa_common::domain::UserId;
use chrono::{Duration, Utc};
use secrecy::ExposeSecret as _;

use crate::error::ApiError;
use crate::state::AppState;

/// The cookie's name.
pub const COOKIE_NAME: &str = "carcosa_session";
/// Skip the `last_seen_at` write when the stored value is this recent.
const TOUCH_INTERVAL_SECS: i64 = 60;

/// Opens a session for `user`; returns the `Set-Cookie` value.
pub async fn open(
    state: &AppState,
    user: UserId,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> Result<HeaderValue, ApiError> {
    let (token, hash) = generate_token("cs");
    let max = state.config.auth.session_max_secs;
    let new = NewSession {
        user,
        token_hash: &hash,
        expires_at: Utc::now() + Duration::seconds(max as i64),
        ip,
        user_agent,
    };
    sessions::insert(&state.db, &new).await?;
    cookie(state, token.expose_secret(), max)
}

/// A `Set-Cookie` value that clears the cookie.
pub fn clear(state: &AppState) -> Result<HeaderValue, ApiError> {
    cookie(state, "", 0)
}

fn cookie(state: &AppState, value: &str, max_age: u64) -> Result<HeaderValue, ApiError> {
    let secure = if state.config.auth.insecure_cookies {
        ""
    } else {
        "; Secure"
    };
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .map_err(|e| ApiError::Internal(Box::new(e)))
}

/// The session token a request carries, if any.
pub fn token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

/// The live session behind the request's cookie, or `None` when there is no cookie.
/// An unknown, expired, idle or revoked session is a 401 `session_expired`.
pub async fn current(state: &AppState, parts: &Parts) -> Result<Option<LiveSession>, ApiError> {
    let Some(token) = token(&parts.headers) else {
        return Ok(None);
    };
    let idle = state.config.auth.session_idle_secs as i64;
    let session = sessions::find_live(&state.db, &hash_token(token), idle)
        .await?
        .ok_or(ApiError::Unauthorized {
            code: "session_expired",
            message: "your session has ended: sign in again",
        })?;
    if Utc::now() - session.last_seen_at > Duration::seconds(TOUCH_INTERVAL_SECS) {
        let (db, id) = (state.db.clone(), session.id);
        tokio::spawn(async move {
            if let Err(e) = sessions::touch(&db, id).await {
                tracing::warn!(error = %e, session.id = %id, "could not record session use");
            }
        });
    }
    Ok(Some(session))
}

/// Refuses a state-changing request whose `Origin` (or, without one, `Referer`) is not this
/// server's or an allowed origin — the CSRF check for cookie-authenticated requests, and for
/// login and sign-up (login CSRF). Requests from non-browser clients carry neither header; those
/// are allowed only when `required` is false (no cookie is involved).
pub fn check_origin(state: &AppState, parts: &Parts, required: bool) -> Result<(), ApiError> {
    if matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let origin = parts
        .headers
        .get(ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null")
        .map(str::to_owned)
        .or_else(|| {
            parts
                .headers
                .get(REFERER)
                .and_then(|v| v.to_str().ok())
                .and_then(origin_of)
        });
    let Some(origin) = origin else {
        return if required {
            Err(csrf("the request has no Origin header"))
        } else {
            Ok(())
        };
    };
    if allowed(state, parts, &origin) {
        Ok(())
    } else {
        Err(csrf("the request comes from another site"))
    }
}

fn allowed(state: &AppState, parts: &Parts, origin: &str) -> bool {
    if state.config.auth.allowed_origins.iter().any(|o| o == origin) {
        return true;
    }
    match state.config.http.public_url.as_deref() {
        Some(public) => origin_of(public).is_some_and(|o| o == origin),
        // No public URL configured: same-origin means the Host the browser talked to.
        None => parts
            .headers
            .get(axum::http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|host| origin == format!("http://{host}") || origin == format!("https://{host}")),
    }
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

fn csrf(why: &str) -> ApiError {
    ApiError::Denied {
        code: "csrf_failed",
        message: format!(
            "{why}: state-changing requests signed in with a cookie must come from this server's own pages (or an origin in auth.allowed_origins)"
        ),
    }
}
