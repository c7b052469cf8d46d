//! A project's webhook endpoints: list and add (the signing secret shown once), and one
//! endpoint's page — its deliveries with their status and last answer, replay, a test event,
//! switching it off and on, rotating the secret, deleting. The forms call `manage::webhooks`,
//! as `/v1/projects/{project}/webhooks…` does (same URL checks, same limits, same audit).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use carcosa_common::db::webhooks::{self as db, Delivery, Endpoint};
use carcosa_common::domain::{DeliveryId, Permission, WebhookId};
use carcosa_common::manage::projects::ProjectPlace;
use carcosa_common::manage::webhooks::{self as manage, CreateEndpoint, EndpointPatch};
use carcosa_common::webhooks::EventType;
use serde::Deserialize;

use super::page::{Chrome, Form, Member, PageError, Problem, rerender, see_other};
use super::page::{Path, Query};
use super::projects::project_chrome;
use crate::auth::perm;
use crate::error::ApiError;
use crate::state::AppState;

/// Deliveries per page.
const PAGE: i64 = 50;

#[derive(Template)]
#[template(path = "webhooks.html")]
struct WebhooksPage {
    chrome: Chrome,
    project_id: String,
    endpoints: Vec<Endpoint>,
    event_types: Vec<&'static str>,
    may_write: bool,
    secret: Option<String>,
    problem: Option<Problem>,
}

#[derive(Template)]
#[template(path = "webhook.html")]
struct WebhookPage {
    chrome: Chrome,
    project_id: String,
    endpoint: Endpoint,
    deliveries: Vec<Delivery>,
    next: Option<String>,
    may_write: bool,
    secret: Option<String>,
    notice: Option<String>,
    grace_hours: u32,
    problem: Option<Problem>,
}

fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn list_page<P>(
    state: &AppState,
    member: &Member<P>,
    secret: Option<String>,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, PageError> {
    let (place, _, chrome) = project_chrome(state, member, "Webhooks", "webhooks").await?;
    let status = problem.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = WebhooksPage {
        chrome,
        project_id: place.project.to_string(),
        endpoints: db::list(&state.db, place.project).await?,
        event_types: EventType::subscribable().map(EventType::as_str).collect(),
        may_write: member.may(Permission::ProjectsWrite),
        secret,
        problem: problem.map(|(_, p)| p),
    };
    Ok(no_store(rerender(status, &page)))
}

/// `GET /projects/{project}/webhooks`.
pub async fn webhooks_page(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
) -> Result<Response, PageError> {
    list_page(&state, &member, None, None).await
}

fn place_of<P>(member: &Member<P>) -> Result<ProjectPlace, PageError> {
    Ok(crate::routes::projects::place(member.scope)?)
}

/// `POST /projects/{project}/webhooks`: adds an endpoint; its secret is shown once.
pub async fn create(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    form: Form,
) -> Result<Response, PageError> {
    let place = place_of(&member)?;
    let new = CreateEndpoint {
        url: form.text("url").to_owned(),
        events: form.all("events").into_iter().map(str::to_owned).collect(),
        description: form.opt("description").map(str::to_owned),
        enabled: None,
    };
    let made = manage::create(
        &state.db,
        state.storage.sealer(),
        (&state.config.webhooks, &state.config.outbound),
        place,
        new,
        &member.viewer.acting,
    )
    .await;
    match made {
        Ok(created) => list_page(&state, &member, Some(created.secret), None).await,
        Err(e) => list_page(&state, &member, None, Some(Problem::from_error(e)?)).await,
    }
}

/// What an endpoint page shows besides the endpoint.
#[derive(Default)]
struct Shown {
    secret: Option<String>,
    notice: Option<String>,
    problem: Option<(StatusCode, Problem)>,
    before: Option<DeliveryId>,
}

async fn endpoint_page<P>(
    state: &AppState,
    member: &Member<P>,
    id: WebhookId,
    shown: Shown,
) -> Result<Response, PageError> {
    let (place, _, chrome) = project_chrome(state, member, "Webhook", "webhooks").await?;
    let endpoint = db::get(&state.db, place.project, id)
        .await?
        .ok_or(ApiError::NotFound("webhook"))?;
    let mut deliveries = db::list_deliveries(&state.db, id, None, shown.before, PAGE + 1).await?;
    let next = (deliveries.len() as i64 > PAGE).then(|| {
        deliveries.truncate(PAGE as usize);
        deliveries
            .last()
            .map(|d| format!("/projects/{}/webhooks/{id}?before={}", place.project, d.id))
    });
    let status = shown.problem.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = WebhookPage {
        chrome,
        project_id: place.project.to_string(),
        endpoint,
        deliveries,
        next: next.flatten(),
        may_write: member.may(Permission::ProjectsWrite),
        secret: shown.secret,
        notice: shown.notice,
        grace_hours: state.config.webhooks.secret_grace_hours,
        problem: shown.problem.map(|(_, p)| p),
    };
    Ok(no_store(rerender(status, &page)))
}

/// Query of an endpoint page.
#[derive(Debug, Deserialize)]
pub struct EndpointQuery {
    before: Option<DeliveryId>,
    notice: Option<String>,
}

/// `GET /projects/{project}/webhooks/{id}`: the endpoint and its deliveries.
pub async fn webhook_page(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
    Path((_, id)): Path<(String, WebhookId)>,
    Query(q): Query<EndpointQuery>,
) -> Result<Response, PageError> {
    let notice = match q.notice.as_deref() {
        Some("test") => Some("A test event is on its way; reload to see its delivery.".to_owned()),
        Some("replayed") => Some("The delivery is queued again with the same webhook-id.".to_owned()),
        _ => None,
    };
    let shown = Shown {
        notice,
        before: q.before,
        ..Shown::default()
    };
    endpoint_page(&state, &member, id, shown).await
}

/// `POST /projects/{project}/webhooks/{id}/test`.
pub async fn send_test(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    Path((_, id)): Path<(String, WebhookId)>,
    _: Form,
) -> Result<Response, PageError> {
    let place = place_of(&member)?;
    manage::send_test(&state.db, state.config.worker.max_attempts, place, id).await?;
    Ok(see_other(&format!(
        "/projects/{}/webhooks/{id}?notice=test",
        place.project
    )))
}

/// `POST /projects/{project}/webhooks/{id}/enabled`: switches it on (`enabled=true`) or off.
pub async fn set_enabled(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    Path((_, id)): Path<(String, WebhookId)>,
    form: Form,
) -> Result<Response, PageError> {
    let place = place_of(&member)?;
    let enabled = match form.text("enabled") {
        "true" => true,
        "false" => false,
        _ => {
            return Err(PageError(ApiError::validation(
                "enabled",
                "enabled must be true or false",
            )));
        }
    };
    let patch = EndpointPatch {
        enabled: Some(enabled),
        ..EndpointPatch::default()
    };
    manage::update(
        &state.db,
        &state.config.outbound,
        place,
        id,
        patch,
        &member.viewer.acting,
    )
    .await?;
    Ok(see_other(&format!("/projects/{}/webhooks/{id}", place.project)))
}

/// `POST /projects/{project}/webhooks/{id}/rotate-secret`: the new secret, shown once.
pub async fn rotate_secret(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    Path((_, id)): Path<(String, WebhookId)>,
    _: Form,
) -> Result<Response, PageError> {
    let place = place_of(&member)?;
    let rotated = manage::rotate_secret(
        &state.db,
        state.storage.sealer(),
        &state.config.webhooks,
        place,
        id,
        &member.viewer.acting,
    )
    .await?;
    let shown = Shown {
        secret: Some(rotated.secret),
        ..Shown::default()
    };
    endpoint_page(&state, &member, id, shown).await
}

/// `POST /projects/{project}/webhooks/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    Path((_, id)): Path<(String, WebhookId)>,
    _: Form,
) -> Result<Response, PageError> {
    let place = place_of(&member)?;
    manage::delete(&state.db, place, id, &member.viewer.acting).await?;
    Ok(see_other(&format!("/projects/{}/webhooks", place.project)))
}

/// `POST /projects/{project}/webhooks/{id}/deliveries/{delivery}/replay`.
pub async fn replay(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    Path((_, id, delivery)): Path<(String, WebhookId, DeliveryId)>,
    _: Form,
) -> Result<Response, PageError> {
    let place = place_of(&member)?;
    manage::replay(
        &state.db,
        state.config.worker.max_attempts,
        place,
        id,
        delivery,
        &member.viewer.acting,
    )
    .await?;
    Ok(see_other(&format!(
        "/projects/{}/webhooks/{id}?notice=replayed",
        place.project
    )))
}
