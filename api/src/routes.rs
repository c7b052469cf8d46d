//! The route table. One module per resource; each exposes `router()`.

pub mod files;
pub mod health;
pub mod realtime;
pub mod transforms;
pub mod uploads;
pub mod usage;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use carcosa_common::db::tenants;
use carcosa_common::domain::TenantId;

use crate::auth::ProjectScope;
use crate::error::ApiError;
use crate::state::AppState;

/// Every route, with body limits, tracing, and JSON answers for unknown paths and methods.
pub fn router(state: AppState) -> Router {
    let body_limit = state.config.http.max_body_bytes;
    Router::new()
        .merge(health::router())
        .merge(uploads::router())
        .merge(files::router())
        .merge(transforms::router())
        .merge(realtime::router())
        .merge(usage::router())
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(crate::metrics::track))
        .route("/metrics", axum::routing::get(crate::metrics::render))
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
