//! What every page shares: the extractors that admit a signed-in person (the API's own
//! [`Access`] underneath, so a page sees exactly what the JSON route beside it would), the
//! session-bound CSRF token every form carries, the layout's context, and errors as pages.

use std::marker::PhantomData;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use carcosa_common::crypto::hash_token;
use carcosa_common::db::members::{self, Membership};
use carcosa_common::db::sessions::LiveSession;
use carcosa_common::domain::{OrgId, PermissionSet};
use carcosa_common::manage::Acting;
use hmac::{Hmac, Mac as _};

use crate::access::{Access, Caller, Scope, Signed};
use crate::auth::perm;
use crate::error::ApiError;
use crate::session;
use crate::state::AppState;

/// An error shown as a page: a missing or ended session goes to the sign-in page, anything else
/// is a page with the status and the API's own words.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl<E: Into<ApiError>> From<E> for PageError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    reason: &'a str,
    code: &'a str,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, code) = self.0.status_and_code();
        let code = code.to_owned();
        if status == StatusCode::UNAUTHORIZED && matches!(code.as_str(), "unauthorized" | "session_expired") {
            return Redirect::to("/sign-in").into_response();
        }
        if let ApiError::RateLimited { .. } | ApiError::Internal(_) = &self.0 {
            // The JSON answer logs the cause and writes the rate-limit headers; keep its head.
            let mut api = self.0.into_response();
            let page = ErrorPage {
                status: status.as_u16(),
                reason: status.canonical_reason().unwrap_or(""),
                code: &code,
                message: if status.is_server_error() {
                    "something went wrong on the server; try again".into()
                } else {
                    "too many requests: wait a moment and try again".into()
                },
            };
            let body = page.render().unwrap_or_default();
            api.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            *api.body_mut() = body.into();
            return api;
        }
        let page = ErrorPage {
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or(""),
            code: &code,
            message: self.0.to_string(),
        };
        (status, render(&page)).into_response()
    }
}

/// Renders a template (a template that fails to render is a 500 page).
pub fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => PageError(ApiError::Internal(Box::new(e))).into_response(),
    }
}

/// Renders a form again with the status of what was wrong with it.
pub fn rerender<T: Template>(status: StatusCode, t: &T) -> Response {
    (status, render(t)).into_response()
}

/// A `303 See Other` to `to` (after a form post).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// What a refused form shows: the API's code and message, and the field at fault.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// Stable code.
    pub code: String,
    /// In words.
    pub message: String,
    /// The form field, when one is at fault.
    pub field: Option<String>,
}

impl Problem {
    /// The status to answer with and what to show, for a refusal a form can show; anything else
    /// (a database failure) stays an error page.
    pub fn from_error(e: impl Into<ApiError>) -> Result<(StatusCode, Self), PageError> {
        let e = e.into();
        let (status, code) = e.status_and_code();
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
            return Err(PageError(e));
        }
        let field = match &e {
            ApiError::Validation { field, .. } => field.map(str::to_owned),
            ApiError::InvalidMetadata { field, .. } => Some(field.clone()),
            _ => None,
        };
        Ok((
            status,
            Self {
                code: code.to_owned(),
                message: e.to_string(),
                field,
            },
        ))
    }

    /// Whether the problem is about `field` (the form marks that input invalid).
    pub fn is_about(&self, field: &str) -> bool {
        self.field.as_deref() == Some(field)
    }
}

fn csrf_mac(state: &AppState, session_token: &str) -> Result<Hmac<sha2::Sha256>, ApiError> {
    let master = state
        .config
        .credentials_key_bytes()
        .ok_or_else(|| ApiError::Internal("no credentials key configured for form tokens".into()))?;
    let mut mac = <Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(&master)
        .map_err(|e| ApiError::Internal(e.to_string().into()))?;
    mac.update(b"carcosa dashboard form token v1:");
    mac.update(&hash_token(session_token));
    Ok(mac)
}

/// The form token of the session `headers` carry: an HMAC of the session (so it changes with
/// every sign-in and is worthless to anyone without the cookie), never stored.
pub fn csrf_token(state: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    let token = session::token(headers).unwrap_or_default();
    Ok(URL_SAFE_NO_PAD.encode(csrf_mac(state, token)?.finalize().into_bytes()))
}

/// Checks a form token against the session's (in constant time).
pub fn check_csrf(state: &AppState, headers: &HeaderMap, sent: Option<&str>) -> Result<(), ApiError> {
    let refused = || ApiError::Denied {
        code: "csrf_failed",
        message: "the form is out of date or did not come from this site: reload the page and try again".into(),
    };
    let Some(token) = session::token(headers) else {
        // No session: nothing to forge (sign-in and sign-up rely on the Origin check).
        return Ok(());
    };
    let sent = URL_SAFE_NO_PAD
        .decode(sent.ok_or_else(refused)?)
        .map_err(|_| refused())?;
    csrf_mac(state, token)?.verify_slice(&sent).map_err(|_| refused())
}

/// A posted form (`application/x-www-form-urlencoded`) whose CSRF token (`_csrf`) matched the
/// session's. Fields come as the browser sent them; repeated names (checkboxes) keep every value.
#[derive(Debug, Default)]
pub struct Form(Vec<(String, String)>);

impl Form {
    /// The first value of `name`, trimmed; `""` when absent.
    pub fn text(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }

    /// The value of `name` if present and not blank.
    pub fn opt(&self, name: &str) -> Option<&str> {
        Some(self.text(name)).filter(|v| !v.is_empty())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether checkbox `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
}

impl FromRequest<AppState> for Form {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, PageError> {
        let headers = req.headers().clone();
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::PayloadTooLarge {
                code: "payload_too_large",
                message: "the form is too large".into(),
            })?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).map_err(|_| ApiError::Validation {
            code: "invalid_form",
            field: None,
            message: "the form could not be read".into(),
        })?;
        let sent = pairs.iter().find(|(k, _)| k == "_csrf").map(|(_, v)| v.as_str());
        check_csrf(state, &headers, sent)?;
        Ok(Self(pairs))
    }
}

/// The form token of a request that is not a form (the dropzone's JSON), sent in
/// `X-CSRF-Token`; checked before the body is read.
#[derive(Debug)]
pub struct CsrfHeader;

impl FromRequestParts<AppState> for CsrfHeader {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let sent = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
        check_csrf(state, &parts.headers, sent)?;
        Ok(Self)
    }
}

/// The API's path extractor, refusing with a page (a malformed id is a 404 page).
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<T: serde::de::DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        let crate::extract::Path(v) = crate::extract::Path::<T>::from_request_parts(parts, state).await?;
        Ok(Self(v))
    }
}

/// The API's query extractor, refusing with a page.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        let crate::extract::Query(v) = crate::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Self(v))
    }
}

/// The layout's context: who is signed in, their organizations (the switcher), where they are,
/// and the form token.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The signed-in person's email.
    pub email: String,
    /// Their organizations.
    pub orgs: Vec<Membership>,
    /// The organization being looked at.
    pub org: Option<Membership>,
    /// The form token.
    pub csrf: String,
    /// The page's title.
    pub title: String,
    /// Which nav entry is current.
    pub section: &'static str,
    /// The project being looked at: (id, name), with its team's slug and name.
    pub project: Option<ProjectNav>,
    /// The team being looked at (team pages): its slug and name.
    pub team: Option<(String, String)>,
}

/// The project named in the navigation.
#[derive(Debug, Clone)]
pub struct ProjectNav {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Team slug.
    pub team_slug: String,
    /// Team name.
    pub team_name: String,
}

impl Chrome {
    /// Loads the switcher's organizations (one query).
    pub async fn load(
        state: &AppState,
        viewer: &Viewer,
        org: Option<OrgId>,
        title: impl Into<String>,
        section: &'static str,
    ) -> Result<Self, PageError> {
        let orgs = members::memberships(&state.db, viewer.session.user_id).await?;
        let current = org.and_then(|id| orgs.iter().find(|m| m.id == id).cloned());
        Ok(Self {
            email: viewer.session.email.clone(),
            orgs,
            org: current,
            csrf: viewer.csrf.clone(),
            title: title.into(),
            section,
            project: None,
            team: None,
        })
    }

    /// Whether `section` is the current one (for `aria-current`).
    pub fn is(&self, section: &str) -> bool {
        self.section == section
    }

    /// The current organization's slug (`""` when none).
    pub fn org_slug(&self) -> &str {
        self.org.as_ref().map(|o| o.slug.as_str()).unwrap_or("")
    }
}

/// A signed-in person on a page that needs no organization (account, home).
#[derive(Debug)]
pub struct Viewer {
    /// Their session.
    pub session: LiveSession,
    /// Who acts, from where (audit).
    pub acting: Acting,
    /// The session's form token.
    pub csrf: String,
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let signed = Signed::from_request_parts(parts, state).await?;
        Ok(Self {
            session: signed.session,
            acting: signed.acting,
            csrf: csrf_token(state, &parts.headers)?,
        })
    }
}

/// A signed-in person allowed `P` in the organization, team or project the path names — the
/// API's [`Access`] (same lookups, same permissions, same 404 for what they cannot see, same
/// limits), refused to API keys.
#[derive(Debug)]
pub struct Member<P> {
    /// The person.
    pub viewer: Viewer,
    /// Where.
    pub scope: Scope,
    /// Everything they hold there.
    pub permissions: PermissionSet,
    /// Their organization role.
    pub org_role: Option<carcosa_common::domain::OrgRole>,
    _perm: PhantomData<P>,
}

impl<P> Member<P> {
    /// The same person and place typed for a page that needs less than `P` (after a refused
    /// form, the page it came from is shown again with the refusal).
    pub fn narrowed<Q>(self) -> Member<Q> {
        Member {
            viewer: self.viewer,
            scope: self.scope,
            permissions: self.permissions,
            org_role: self.org_role,
            _perm: PhantomData,
        }
    }

    /// Whether they also hold `p` here (to show or hide a form).
    pub fn may(&self, p: carcosa_common::domain::Permission) -> bool {
        self.permissions.allows(p)
    }
}

impl<P: perm::Required> FromRequestParts<AppState> for Member<P> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        if crate::auth::bearer_token(parts).is_some() {
            return Err(PageError(session_required()));
        }
        let access = Access::<P>::from_request_parts(parts, state).await?;
        let Caller::User { session } = access.caller else {
            return Err(PageError(session_required()));
        };
        Ok(Self {
            viewer: Viewer {
                session,
                acting: access.acting,
                csrf: csrf_token(state, &parts.headers)?,
            },
            scope: access.scope,
            permissions: access.permissions,
            org_role: access.org_role,
            _perm: PhantomData,
        })
    }
}

fn session_required() -> ApiError {
    ApiError::Denied {
        code: "session_required",
        message: "the dashboard is for signed-in people; API keys use the /v1 routes".into(),
    }
}

/// A CSP like [`super::CSP`] that also lets the page send bytes to `origin` (the bucket a
/// dropzone uploads to directly).
pub fn with_bucket_origin(mut response: Response, origin: Option<&str>) -> Response {
    let Some(origin) = origin else { return response };
    let csp = super::CSP.replace("connect-src 'self'", &format!("connect-src 'self' {origin}"));
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}
