//! A project's webhooks: endpoints (`/v1/projects/{project}/webhooks[/{id}]`), secret rotation,
//! a test delivery, the delivery log with every attempt, and replay. Reading needs
//! `projects:read`, changing `projects:write` (the same as the project's other settings).

use axum::extract::State;
use axum::http::StatusCode;
use carcosa_common::db::webhooks::{self as db, Attempt, Delivery, Endpoint};
use carcosa_common::domain::{DeliveryId, WebhookId};
use carcosa_common::manage::webhooks::{self as manage, CreateEndpoint, EndpointPatch, EndpointWithSecret};
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::access::Access;
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::openapi::{ACCESS, JSON_BODY, PROJECT_ERRORS, QUERY, errors};
use crate::routes::Routes;
use crate::routes::orgs::List;
use crate::routes::projects::place;
use crate::state::AppState;

const PROJECT: &str = "Project id or slug (`current`: the API key's own project).";
const WEBHOOK: &str = "Webhook endpoint id.";

errors!(ListErrors = ACCESS, PROJECT_ERRORS);
errors!(
    CreateErrors = ACCESS,
    JSON_BODY,
    PROJECT_ERRORS,
    &[(400, &["invalid_webhook"]), (409, &["too_many_webhooks"])]
);
errors!(
    UpdateErrors = ACCESS,
    JSON_BODY,
    PROJECT_ERRORS,
    &[(400, &["invalid_webhook"])]
);
errors!(OneErrors = ACCESS, PROJECT_ERRORS);
errors!(DeliveriesErrors = ACCESS, QUERY, PROJECT_ERRORS);
errors!(ReplayErrors = ACCESS, PROJECT_ERRORS, &[(409, &["webhook_disabled"])]);

/// `GET /v1/projects/{project}/webhooks`
#[utoipa::path(
    get,
    path = "/v1/projects/{project}/webhooks",
    tag = "webhooks",
    summary = "List webhook endpoints",
    description = "The project's endpoints (never their secrets), with why Carcosa switched one off if it did.",
    params(("project" = String, Path, description = PROJECT)),
    responses((status = 200, description = "Endpoints.", body = List<Endpoint>), ListErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
async fn list_webhooks(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<List<Endpoint>>, ApiError> {
    let place = place(access.scope)?;
    Ok(Json(List {
        data: db::list(&state.db, place.project).await?,
    }))
}

/// `POST /v1/projects/{project}/webhooks`
#[utoipa::path(
    post,
    path = "/v1/projects/{project}/webhooks",
    tag = "webhooks",
    summary = "Create a webhook endpoint",
    description = "Deliveries of the named event types (`upload.ready`, `upload.failed`, `upload.expired`, \
                   `file.deleted`) are POSTed to the URL, signed per Standard Webhooks with the `whsec_` secret \
                   returned here — once: store it. URLs that resolve to private, loopback or link-local \
                   addresses are refused (unless the operator allows them).",
    params(("project" = String, Path, description = PROJECT)),
    request_body = CreateEndpoint,
    responses((status = 201, description = "Created, with its secret.", body = EndpointWithSecret), CreateErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
async fn create_webhook(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Json(req): Json<CreateEndpoint>,
) -> Result<(StatusCode, Json<EndpointWithSecret>), ApiError> {
    let place = place(access.scope)?;
    let created = manage::create(
        &state.db,
        state.storage.sealer(),
        (&state.config.webhooks, &state.config.outbound),
        place,
        req,
        &access.acting,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /v1/projects/{project}/webhooks/{id}`
#[utoipa::path(
    get,
    path = "/v1/projects/{project}/webhooks/{id}",
    tag = "webhooks",
    summary = "Get a webhook endpoint",
    description = "One endpoint (without its secret).",
    params(("project" = String, Path, description = PROJECT), ("id" = WebhookId, Path, description = WEBHOOK)),
    responses((status = 200, description = "The endpoint.", body = Endpoint), OneErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
async fn get_webhook(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
    Path((_, id)): Path<(String, WebhookId)>,
) -> Result<Json<Endpoint>, ApiError> {
    let place = place(access.scope)?;
    Ok(Json(
        db::get(&state.db, place.project, id)
            .await?
            .ok_or(ApiError::NotFound("webhook"))?,
    ))
}

/// `PATCH /v1/projects/{project}/webhooks/{id}`
#[utoipa::path(
    patch,
    path = "/v1/projects/{project}/webhooks/{id}",
    tag = "webhooks",
    summary = "Change a webhook endpoint",
    description = "URL, events, description, on/off. Turning an endpoint Carcosa switched off back on clears the \
                   reason; deliveries it missed can be replayed.",
    params(("project" = String, Path, description = PROJECT), ("id" = WebhookId, Path, description = WEBHOOK)),
    request_body = EndpointPatch,
    responses((status = 200, description = "The endpoint.", body = Endpoint), UpdateErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
async fn update_webhook(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Path((_, id)): Path<(String, WebhookId)>,
    Json(patch): Json<EndpointPatch>,
) -> Result<Json<Endpoint>, ApiError> {
    let place = place(access.scope)?;
    Ok(Json(
        manage::update(&state.db, &state.config.outbound, place, id, patch, &access.acting).await?,
    ))
}

/// `DELETE /v1/projects/{project}/webhooks/{id}`
#[utoipa::path(
    delete,
    path = "/v1/projects/{project}/webhooks/{id}",
    tag = "webhooks",
    summary = "Delete a webhook endpoint",
    description = "The endpoint and its delivery log; deliveries in flight stop.",
    params(("project" = String, Path, description = PROJECT), ("id" = WebhookId, Path, description = WEBHOOK)),
    responses((status = 204, description = "Deleted."), OneErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
async fn delete_webhook(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Path((_, id)): Path<(String, WebhookId)>,
) -> Result<StatusCode, ApiError> {
    manage::delete(&state.db, place(access.scope)?, id, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /v1/projects/{project}/webhooks/{id}/rotate-secret`
#[utoipa::path(
    post,
    path = "/v1/projects/{project}/webhooks/{id}/rotate-secret",
    tag = "webhooks",
    summary = "Rotate a webhook secret",
    description = "A new `whsec_` secret, returned once. For `webhooks.secret_grace_hours` (24 h) deliveries carry \
                   two signatures, the new secret's and the old one's, so receivers can switch without missing \
                   a delivery.",
    params(("project" = String, Path, description = PROJECT), ("id" = WebhookId, Path, description = WEBHOOK)),
    responses((status = 200, description = "The endpoint with its new secret.", body = EndpointWithSecret), OneErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
async fn rotate_secret(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Path((_, id)): Path<(String, WebhookId)>,
) -> Result<Json<EndpointWithSecret>, ApiError> {
    let place = place(access.scope)?;
    Ok(Json(
        manage::rotate_secret(
            &state.db,
            state.storage.sealer(),
            &state.config.webhooks,
            place,
            id,
            &access.acting,
        )
        .await?,
    ))
}

/// Answer of the test and replay routes.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Queued {
    /// The delivery (follow it in the delivery log).
    pub delivery_id: DeliveryId,
}

/// `POST /v1/projects/{project}/webhooks/{id}/test`
#[utoipa::path(
    post,
    path = "/v1/projects/{project}/webhooks/{id}/test",
    tag = "webhooks",
    summary = "Send a test delivery",
    description = "Queues a `webhook.test` delivery to the endpoint (even a switched-off one), signed and retried \
                   like any other; its attempts show in the delivery log.",
    params(("project" = String, Path, description = PROJECT), ("id" = WebhookId, Path, description = WEBHOOK)),
    responses((status = 202, description = "Queued.", body = Queued), OneErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
async fn test_webhook(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Path((_, id)): Path<(String, WebhookId)>,
) -> Result<(StatusCode, Json<Queued>), ApiError> {
    let place = place(access.scope)?;
    let delivery_id = manage::send_test(&state.db, state.config.worker.max_attempts, place, id).await?;
    Ok((StatusCode::ACCEPTED, Json(Queued { delivery_id })))
}

/// Query of the delivery log.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DeliveriesQuery {
    /// `pending`, `delivered` or `failed`.
    pub status: Option<String>,
    /// 1–100 (default 50).
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<DeliveryId>,
}

/// One page of deliveries.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeliveryPage {
    /// Newest first.
    pub data: Vec<Delivery>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<DeliveryId>,
}

/// `GET /v1/projects/{project}/webhooks/{id}/deliveries`
#[utoipa::path(
    get,
    path = "/v1/projects/{project}/webhooks/{id}/deliveries",
    tag = "webhooks",
    summary = "List deliveries",
    description = "The endpoint's deliveries, newest first: status, attempts, the last answer and when the next \
                   attempt is due.",
    params(("project" = String, Path, description = PROJECT), ("id" = WebhookId, Path, description = WEBHOOK), DeliveriesQuery),
    responses((status = 200, description = "A page of deliveries.", body = DeliveryPage), DeliveriesErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
async fn list_deliveries(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
    Path((_, id)): Path<(String, WebhookId)>,
    Query(q): Query<DeliveriesQuery>,
) -> Result<Json<DeliveryPage>, ApiError> {
    let place = place(access.scope)?;
    db::get(&state.db, place.project, id)
        .await?
        .ok_or(ApiError::NotFound("webhook"))?;
    let limit = q.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::validation("limit", "limit must be between 1 and 100"));
    }
    if let Some(s) = q.status.as_deref()
        && !["pending", "delivered", "failed"].contains(&s)
    {
        return Err(ApiError::validation(
            "status",
            "status must be pending, delivered or failed",
        ));
    }
    let mut data = db::list_deliveries(&state.db, id, q.status.as_deref(), q.cursor, limit + 1).await?;
    let next_cursor = if data.len() as i64 > limit {
        data.truncate(limit as usize);
        data.last().map(|d| d.id)
    } else {
        None
    };
    Ok(Json(DeliveryPage { data, next_cursor }))
}

/// A delivery with its attempts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeliveryDetail {
    /// The delivery.
    #[serde(flatten)]
    pub delivery: Delivery,
    /// Every attempt, first first.
    pub attempts_log: Vec<Attempt>,
}

/// `GET /v1/projects/{project}/webhooks/{id}/deliveries/{delivery}`
#[utoipa::path(
    get,
    path = "/v1/projects/{project}/webhooks/{id}/deliveries/{delivery}",
    tag = "webhooks",
    summary = "Get a delivery",
    description = "One delivery with every attempt: when, the status code, latency and the first 1 KiB of the \
                   answer, or why no answer came.",
    params(
        ("project" = String, Path, description = PROJECT),
        ("id" = WebhookId, Path, description = WEBHOOK),
        ("delivery" = DeliveryId, Path, description = "Delivery id."),
    ),
    responses((status = 200, description = "The delivery.", body = DeliveryDetail), OneErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
async fn get_delivery(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
    Path((_, id, delivery)): Path<(String, WebhookId, DeliveryId)>,
) -> Result<Json<DeliveryDetail>, ApiError> {
    let place = place(access.scope)?;
    db::get(&state.db, place.project, id)
        .await?
        .ok_or(ApiError::NotFound("webhook"))?;
    let delivery = db::get_delivery(&state.db, id, delivery)
        .await?
        .ok_or(ApiError::NotFound("delivery"))?;
    let attempts_log = db::attempts(&state.db, delivery.id).await?;
    Ok(Json(DeliveryDetail { delivery, attempts_log }))
}

/// `POST /v1/projects/{project}/webhooks/{id}/deliveries/{delivery}/replay`
#[utoipa::path(
    post,
    path = "/v1/projects/{project}/webhooks/{id}/deliveries/{delivery}/replay",
    tag = "webhooks",
    summary = "Replay a delivery",
    description = "Sends the delivery again, with the same `webhook-id` (receivers that saw it drop it), on a \
                   fresh retry schedule. The endpoint must be switched on.",
    params(
        ("project" = String, Path, description = PROJECT),
        ("id" = WebhookId, Path, description = WEBHOOK),
        ("delivery" = DeliveryId, Path, description = "Delivery id."),
    ),
    responses((status = 202, description = "Queued.", body = Queued), ReplayErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
async fn replay_delivery(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Path((_, id, delivery)): Path<(String, WebhookId, DeliveryId)>,
) -> Result<(StatusCode, Json<Queued>), ApiError> {
    let place = place(access.scope)?;
    manage::replay(
        &state.db,
        state.config.worker.max_attempts,
        place,
        id,
        delivery,
        &access.acting,
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(Queued { delivery_id: delivery })))
}

/// The webhook routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(list_webhooks, create_webhook))
        .route(routes!(get_webhook, update_webhook, delete_webhook))
        .route(routes!(rotate_secret))
        .route(routes!(test_webhook))
        .route(routes!(list_deliveries))
        .route(routes!(get_delivery))
        .route(routes!(replay_delivery))
}
