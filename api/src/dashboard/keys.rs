//! A project's API keys: the list (never a secret), a form that mints one with a permission
//! picker offering only what the person holds (the ceiling `manage::keys` enforces anyway), the
//! secret shown once, and revocation.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use carcosa_common::db::api_keys::{self, ApiKeySummary};
use carcosa_common::domain::{ApiKeyId, Permission, PermissionSet};
use carcosa_common::manage::keys::{self as manage, KeyScope};
use chrono::{Duration, Utc};
use secrecy::ExposeSecret as _;

use super::page::Path;
use super::page::{Chrome, Form, Member, PageError, Problem, rerender, see_other};
use super::projects::project_chrome;
use crate::auth::perm;
use crate::error::ApiError;
use crate::state::AppState;

/// A key just minted: shown once.
pub struct Created {
    name: String,
    token: String,
}

#[derive(Template)]
#[template(path = "keys.html")]
struct KeysPage {
    chrome: Chrome,
    project_id: String,
    keys: Vec<ApiKeySummary>,
    /// Each permission the person may grant, and whether the form ticks it.
    grantable: Vec<(&'static str, bool)>,
    may_write: bool,
    may_delete: bool,
    created: Option<Created>,
    problem: Option<Problem>,
}

/// What a new key gets unless the person changes it: enough for a server that presigns uploads
/// and signs image URLs.
const SUGGESTED: &[Permission] = &[
    Permission::FilesRead,
    Permission::FilesWrite,
    Permission::TransformsExecute,
];

async fn keys_page_for<P>(
    state: &AppState,
    member: &Member<P>,
    created: Option<Created>,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, PageError> {
    let (place, _, chrome) = project_chrome(state, member, "API keys", "keys").await?;
    let keys = api_keys::list(&state.db, place.project).await?;
    let grantable = Permission::ALL
        .iter()
        .filter(|p| member.may(**p))
        .map(|p| (p.as_str(), SUGGESTED.contains(p)))
        .collect();
    let status = problem.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = KeysPage {
        chrome,
        project_id: place.project.to_string(),
        keys,
        grantable,
        may_write: member.may(Permission::ApiKeysWrite),
        may_delete: member.may(Permission::ApiKeysDelete),
        created,
        problem: problem.map(|(_, p)| p),
    };
    let mut response = rerender(status, &page);
    // The page may hold a secret: never keep it in a cache.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `GET /projects/{project}/keys`.
pub async fn keys_page(
    State(state): State<AppState>,
    member: Member<perm::ApiKeysRead>,
) -> Result<Response, PageError> {
    keys_page_for(&state, &member, None, None).await
}

fn key_scope<P>(member: &Member<P>) -> Result<KeyScope, PageError> {
    let place = crate::routes::projects::place(member.scope)?;
    Ok(KeyScope {
        org: place.org,
        team: place.team,
        project: place.project,
    })
}

/// `POST /projects/{project}/keys`: mints a key and shows its secret once.
pub async fn create_key(
    State(state): State<AppState>,
    member: Member<perm::ApiKeysWrite>,
    form: Form,
) -> Result<Response, PageError> {
    let scope = key_scope(&member)?;
    let minted = async {
        let permissions = PermissionSet::parse(&form.all("permissions"))
            .map_err(|e| ApiError::validation("permissions", e.to_string()))?;
        let expires_at = match form.opt("expires_in_days") {
            None => None,
            Some(days) => {
                let days = days
                    .parse::<i64>()
                    .ok()
                    .filter(|d| (1..=3650).contains(d))
                    .ok_or_else(|| ApiError::validation("expires_at", "the expiry must be 1 to 3650 days"))?;
                Some(Utc::now() + Duration::days(days))
            }
        };
        manage::create_key(
            &state.db,
            scope,
            form.text("name"),
            &permissions,
            expires_at,
            Some(&member.permissions),
            &member.viewer.acting,
        )
        .await
        .map_err(ApiError::from)
    }
    .await;
    match minted {
        Ok(key) => {
            let created = Created {
                name: key.summary.name.clone(),
                token: key.token.expose_secret().to_owned(),
            };
            keys_page_for(&state, &member, Some(created), None).await
        }
        Err(e) => {
            let problem = Problem::from_error(e)?;
            keys_page_for(&state, &member, None, Some(problem)).await
        }
    }
}

/// `POST /projects/{project}/keys/{id}/revoke`.
pub async fn revoke_key(
    State(state): State<AppState>,
    member: Member<perm::ApiKeysDelete>,
    Path((_, id)): Path<(String, ApiKeyId)>,
    _: Form,
) -> Result<Response, PageError> {
    let scope = key_scope(&member)?;
    manage::revoke_key(&state.db, scope, id, &member.viewer.acting).await?;
    Ok(see_other(&format!("/projects/{}/keys", scope.project)))
}
