//! Liveness and readiness.

use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::extract::Json;
use crate::routes::Routes;
use crate::state::AppState;

/// `GET /healthz`: the process is up.
async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// `GET /readyz`: the database answers (503 `unavailable` otherwise).
async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    if carcosa_common::db::ping(&state.db).await {
        Ok(Json(json!({ "status": "ready" })))
    } else {
        Err(ApiError::Unavailable)
    }
}

/// Health routes.
pub fn router() -> Routes {
    Routes::new().at("/healthz", get(healthz)).at("/readyz", get(readyz))
}
