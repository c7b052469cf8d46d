//! Liveness and readiness.

use axum::extract::State;
use serde_json::{Value, json};
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::Json;
use crate::openapi::errors;
use crate::routes::Routes;
use crate::state::AppState;

/// `GET /healthz`: the process is up.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    summary = "Liveness",
    description = "Answers while the process runs. No authentication.",
    responses((status = 200, description = "Up.", body = Object, example = json!({"status": "ok"}))),
    security(()),
)]
async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

errors!(ReadyErrors = &[(503, &["unavailable"])]);

/// `GET /readyz`: the database answers (503 `unavailable` otherwise).
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "operations",
    summary = "Readiness",
    description = "200 when the database answers, `503 unavailable` otherwise. No authentication.",
    responses((status = 200, description = "Ready.", body = Object, example = json!({"status": "ready"})), ReadyErrors),
    security(()),
)]
async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    if carcosa_common::db::ping(&state.db).await {
        Ok(Json(json!({ "status": "ready" })))
    } else {
        Err(ApiError::Unavailable)
    }
}

/// Health routes.
pub fn router() -> Routes {
    Routes::new().route(routes!(healthz)).route(routes!(readyz))
}
