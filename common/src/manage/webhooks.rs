//! A project's webhook endpoints through the management plane: create (the `whsec_` secret is
//! shown once), change, delete, rotate the secret (the old one keeps signing for a grace
//! period), send a test, and replay a delivery. Every change is audited; secrets never are.

use chrono::{Duration, Utc};
use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use super::projects::ProjectPlace;
use super::{Acting, ManageError};
use crate::audit::Event;
use crate::config::{OutboundConfig, WebhooksConfig};
use crate::crypto::Sealer;
use crate::db::webhooks::{self as db, Endpoint, NewEndpoint};
use crate::domain::{DeliveryId, WebhookId};
use crate::jobs::{self, DeliverWebhook};
use crate::webhooks::{EventType, generate_secret, test_payload};

/// The associated-data field webhook secrets are sealed under (both the current and the
/// previous column: a rotation moves the blob from one to the other).
pub const SECRET_FIELD: &str = "webhook_secret";

/// A new endpoint.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"url": "https://api.example.com/hooks/carcosa", "events": ["upload.ready", "upload.failed"], "description": "thumbnails into our CMS"}))]
pub struct CreateEndpoint {
    /// `https://…` (or `http://` for development): where deliveries are POSTed.
    pub url: String,
    /// Event types: `upload.ready`, `upload.failed`, `upload.expired`, `file.deleted`.
    pub events: Vec<String>,
    /// What it is for.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether deliveries are made (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// A change to an endpoint; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"enabled": true}))]
pub struct EndpointPatch {
    /// New URL.
    pub url: Option<String>,
    /// New event types.
    pub events: Option<Vec<String>>,
    /// New description.
    pub description: Option<String>,
    /// On or off (turning it on clears why Carcosa switched it off).
    pub enabled: Option<bool>,
}

/// An endpoint with its secret (only when created or rotated).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EndpointWithSecret {
    /// The endpoint.
    #[serde(flatten)]
    pub endpoint: Endpoint,
    /// `whsec_…`: verify deliveries with it. Shown once; rotate to get a new one.
    pub secret: String,
}

fn invalid(field: &'static str, message: impl Into<String>) -> ManageError {
    ManageError::Invalid {
        code: "invalid_webhook",
        field: Some(field),
        message: message.into(),
    }
}

/// Checks a URL: http(s), no credentials, not an address the outbound guard refuses (names are
/// checked again at each delivery, when they resolve).
pub fn check_url(url: &str, outbound: &OutboundConfig) -> Result<(), ManageError> {
    if url.len() > 2048 {
        return Err(invalid("url", "the URL is longer than 2048 characters"));
    }
    outbound.policy().check_url(url).map_err(|e| invalid("url", e.0))?;
    Ok(())
}

fn check_events(events: &[String]) -> Result<Vec<String>, ManageError> {
    if events.is_empty() || events.len() > 20 {
        return Err(invalid("events", "name 1 to 20 event types"));
    }
    let known: Vec<&str> = EventType::subscribable().map(EventType::as_str).collect();
    let mut out = Vec::new();
    for e in events {
        if !known.contains(&e.as_str()) {
            return Err(invalid(
                "events",
                format!("unknown event type {e:?} (known: {})", known.join(", ")),
            ));
        }
        if !out.contains(e) {
            out.push(e.clone());
        }
    }
    Ok(out)
}

fn check_description(d: &str) -> Result<(), ManageError> {
    if d.chars().count() > 500 {
        return Err(invalid("description", "at most 500 characters"));
    }
    Ok(())
}

fn seal(sealer: &Sealer, id: WebhookId, secret: &str) -> Vec<u8> {
    sealer.seal_credential(id.0, SECRET_FIELD, &SecretString::from(secret.to_owned()))
}

/// Creates an endpoint with a fresh secret.
pub async fn create(
    db: &PgPool,
    sealer: &Sealer,
    cfg: (&WebhooksConfig, &OutboundConfig),
    place: ProjectPlace,
    new: CreateEndpoint,
    acting: &Acting,
) -> Result<EndpointWithSecret, ManageError> {
    check_url(&new.url, cfg.1)?;
    let events = check_events(&new.events)?;
    let description = new.description.unwrap_or_default();
    check_description(&description)?;
    let id = WebhookId::new();
    let secret = generate_secret();
    let sealed = seal(sealer, id, &secret);
    let mut tx = db.begin().await?;
    crate::db::projects::settings_for_update(&mut *tx, place.project)
        .await?
        .ok_or(ManageError::NotFound("project"))?;
    if db::count(&mut *tx, place.project).await? >= i64::from(cfg.0.max_endpoints_per_project) {
        return Err(ManageError::conflict(
            "too_many_webhooks",
            format!(
                "a project may have at most {} webhook endpoints",
                cfg.0.max_endpoints_per_project
            ),
        ));
    }
    let row = NewEndpoint {
        id,
        project: place.project,
        url: &new.url,
        description: &description,
        events: &events,
        enabled: new.enabled.unwrap_or(true),
        secret_sealed: &sealed,
    };
    db::insert(&mut *tx, &row).await?;
    let event = place
        .event(Event::new("webhook.created", "webhook", id))
        .with("url", &new.url)
        .with("events", &events);
    acting.record(&mut *tx, &event).await?;
    let endpoint = db::get(&mut *tx, place.project, id)
        .await?
        .ok_or(ManageError::NotFound("webhook"))?;
    tx.commit().await?;
    Ok(EndpointWithSecret { endpoint, secret })
}

/// Changes an endpoint.
pub async fn update(
    db: &PgPool,
    outbound: &OutboundConfig,
    place: ProjectPlace,
    id: WebhookId,
    patch: EndpointPatch,
    acting: &Acting,
) -> Result<Endpoint, ManageError> {
    let mut tx = db.begin().await?;
    let before = db::get_for_update(&mut *tx, place.project, id)
        .await?
        .ok_or(ManageError::NotFound("webhook"))?;
    let mut after = before.clone();
    if let Some(url) = patch.url {
        check_url(&url, outbound)?;
        after.url = url;
    }
    if let Some(events) = patch.events {
        after.events = check_events(&events)?;
    }
    if let Some(description) = patch.description {
        check_description(&description)?;
        after.description = description;
    }
    if let Some(enabled) = patch.enabled {
        after.enabled = enabled;
    }
    db::save(&mut *tx, &after).await?;
    let event = place.event(Event::new("webhook.updated", "webhook", id)).diff(
        serde_json::json!({"url": before.url, "events": before.events, "enabled": before.enabled, "description": before.description}),
        serde_json::json!({"url": after.url, "events": after.events, "enabled": after.enabled, "description": after.description}),
    );
    acting.record(&mut *tx, &event).await?;
    let saved = db::get(&mut *tx, place.project, id)
        .await?
        .ok_or(ManageError::NotFound("webhook"))?;
    tx.commit().await?;
    Ok(saved)
}

/// Deletes an endpoint and its delivery log.
pub async fn delete(db: &PgPool, place: ProjectPlace, id: WebhookId, acting: &Acting) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    if !db::delete(&mut *tx, place.project, id).await? {
        return Err(ManageError::NotFound("webhook"));
    }
    acting
        .record(&mut *tx, &place.event(Event::new("webhook.deleted", "webhook", id)))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A new secret; the old one keeps signing (a second signature) for the grace period.
pub async fn rotate_secret(
    db: &PgPool,
    sealer: &Sealer,
    cfg: &WebhooksConfig,
    place: ProjectPlace,
    id: WebhookId,
    acting: &Acting,
) -> Result<EndpointWithSecret, ManageError> {
    let mut tx = db.begin().await?;
    db::get_for_update(&mut *tx, place.project, id)
        .await?
        .ok_or(ManageError::NotFound("webhook"))?;
    let secret = generate_secret();
    let grace = Utc::now() + Duration::hours(i64::from(cfg.secret_grace_hours));
    db::rotate_secret(&mut *tx, id, &seal(sealer, id, &secret), grace).await?;
    let event = place
        .event(Event::new("webhook.secret_rotated", "webhook", id))
        .with("previous_valid_until", grace);
    acting.record(&mut *tx, &event).await?;
    let endpoint = db::get(&mut *tx, place.project, id)
        .await?
        .ok_or(ManageError::NotFound("webhook"))?;
    tx.commit().await?;
    Ok(EndpointWithSecret { endpoint, secret })
}

/// Queues a `webhook.test` delivery to the endpoint (enabled or not); returns its id.
pub async fn send_test(
    db: &PgPool,
    max_attempts: usize,
    place: ProjectPlace,
    id: WebhookId,
) -> Result<DeliveryId, ManageError> {
    let mut tx = db.begin().await?;
    db::get(&mut *tx, place.project, id)
        .await?
        .ok_or(ManageError::NotFound("webhook"))?;
    let delivery = DeliveryId::new();
    let payload = test_payload(place.project, id);
    db::insert_delivery(
        &mut *tx,
        delivery,
        id,
        place.project,
        None,
        EventType::WebhookTest.as_str(),
        &payload,
    )
    .await?;
    let job = DeliverWebhook {
        delivery_id: delivery,
        series: 1,
        attempt: 1,
    };
    jobs::enqueue(&mut tx, &job, max_attempts).await?;
    tx.commit().await?;
    Ok(delivery)
}

/// Sends a delivery again from the start of the retry schedule, with the same `webhook-id` (so
/// a receiver that got it before recognises it).
pub async fn replay(
    db: &PgPool,
    max_attempts: usize,
    place: ProjectPlace,
    endpoint: WebhookId,
    delivery: DeliveryId,
    acting: &Acting,
) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    let ep = db::get(&mut *tx, place.project, endpoint)
        .await?
        .ok_or(ManageError::NotFound("webhook"))?;
    if !ep.enabled {
        return Err(ManageError::conflict(
            "webhook_disabled",
            "this endpoint is switched off; enable it before replaying deliveries to it",
        ));
    }
    let series = db::restart(&mut *tx, endpoint, delivery)
        .await?
        .ok_or(ManageError::NotFound("delivery"))?;
    let job = DeliverWebhook {
        delivery_id: delivery,
        series,
        attempt: 1,
    };
    jobs::enqueue(&mut tx, &job, max_attempts).await?;
    let event = place
        .event(Event::new("webhook.delivery_replayed", "webhook", endpoint))
        .with("delivery", delivery);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Opens an endpoint's sealed secret.
pub fn open_secret(sealer: &Sealer, id: WebhookId, sealed: &[u8]) -> Result<String, crate::crypto::OpenError> {
    Ok(sealer
        .open_credential(id.0, SECRET_FIELD, sealed)?
        .expose_secret()
        .to_owned())
}

/// Re-seals every endpoint's secrets under the sealer's active key; returns how many endpoints.
pub async fn reseal_secrets(db: &PgPool, sealer: &Sealer) -> Result<usize, ManageError> {
    let unreadable = |id: WebhookId, e: crate::crypto::OpenError| ManageError::Invalid {
        code: "credentials_unreadable",
        field: None,
        message: format!("webhook {id}: {e} (configure the old key under credentials_previous_keys)"),
    };
    let mut done = 0;
    for (id, current, previous) in db::all_sealed(db).await? {
        let current = seal(
            sealer,
            id,
            &open_secret(sealer, id, &current).map_err(|e| unreadable(id, e))?,
        );
        let previous = match previous {
            Some(blob) => Some(seal(
                sealer,
                id,
                &open_secret(sealer, id, &blob).map_err(|e| unreadable(id, e))?,
            )),
            None => None,
        };
        db::reseal(db, id, &current, previous.as_deref()).await?;
        done += 1;
    }
    Ok(done)
}
