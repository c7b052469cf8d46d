//! The route table. One module per resource; each exposes `router()`.

pub mod api_keys;
pub mod audit_logs;
pub mod auth;
pub mod buckets;
pub mod files;
pub mod health;
pub mod imports;
pub mod members;
pub mod multipart;
pub mod orgs;
pub mod projects;
pub mod realtime;
pub mod teams;
pub mod transforms;
pub mod upload_routes;
pub mod uploads;
pub mod usage;
pub mod webhooks;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

use carcosa_common::db::tenants;
use carcosa_common::domain::TenantId;

use crate::auth::ProjectScope;
use crate::error::ApiError;
use crate::state::AppState;

/// The route table: every path the API serves, each with the handlers for its methods and their
/// OpenAPI description. A route can only enter through [`Routes::route`], which takes utoipa's
/// `routes!(handler)`: a handler without `#[utoipa::path]` does not compile into the router. The
/// table is public so tests can walk every route — the authorization matrix fails when a route has
/// no entry, the OpenAPI test when an operation is not fully described.
pub struct Routes {
    router: OpenApiRouter<AppState>,
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    /// An empty table.
    pub fn new() -> Self {
        Self {
            router: OpenApiRouter::new(),
        }
    }

    /// Adds one path's handlers (`routes!(get_thing, delete_thing)`; one path per call).
    pub fn route(mut self, methods: UtoipaMethodRouter<AppState>) -> Self {
        debug_assert_eq!(methods.1.paths.len(), 1, "one path per routes!(…)");
        self.router = self.router.routes(methods);
        self
    }

    /// Adds another table's routes.
    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self
    }

    /// The paths, in registration order.
    pub fn paths(&self) -> Vec<String> {
        self.router.get_openapi().paths.paths.keys().cloned().collect()
    }

    /// The finished OpenAPI document of these routes.
    pub fn openapi(&self) -> utoipa::openapi::OpenApi {
        crate::openapi::finish(self.router.get_openapi().clone())
    }
}

/// Every route of the API.
pub fn table() -> Routes {
    Routes::new()
        .merge(health::router())
        .merge(uploads::router())
        .merge(multipart::router())
        .merge(imports::router())
        .merge(files::router())
        .merge(transforms::router())
        .merge(realtime::router())
        .merge(usage::router())
        .merge(auth::router())
        .merge(orgs::router())
        .merge(members::router())
        .merge(teams::router())
        .merge(api_keys::router())
        .merge(projects::router())
        .merge(upload_routes::router())
        .merge(webhooks::router())
        .merge(buckets::router())
        .merge(audit_logs::router())
        .merge(crate::metrics::router())
        .merge(crate::openapi::router())
}

/// Every route, with body limits, tracing, rate-limit headers, and JSON answers for unknown
/// paths and methods.
pub fn router(state: AppState) -> Router {
    let body_limit = state.config.http.max_body_bytes;
    let (router, _) = table().router.split_for_parts();
    router
        .merge(crate::dashboard::router())
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(crate::limits::headers))
        .layer(axum::middleware::from_fn(crate::metrics::track))
        .layer(axum::middleware::from_fn(crate::trace::trace))
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state)
}

/// The id of the caller's tenant named `slug` (404 `not_found` if the project has none such).
async fn tenant_id(state: &AppState, project: &ProjectScope, slug: Option<&str>) -> Result<Option<TenantId>, ApiError> {
    let Some(slug) = slug else { return Ok(None) };
    let tenant = tenants::find(&state.db, project.id, slug)
        .await?
        .ok_or(ApiError::NotFound("tenant"))?;
    Ok(Some(tenant.id))
}

async fn unknown_route() -> ApiError {
    ApiError::NotFound("route")
}

async fn method_not_allowed() -> impl IntoResponse {
    let body = serde_json::json!({
        "error": {"code": "method_not_allowed", "message": "this method is not allowed on this route"}
    });
    (StatusCode::METHOD_NOT_ALLOWED, axum::Json(body))
}
