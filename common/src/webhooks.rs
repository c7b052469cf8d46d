//! Webhooks, the parts shared by the API and the workers: event types, `whsec_` secrets, the
//! Standard Webhooks signature, and the retry schedule.
//!
//! Signing follows the Standard Webhooks specification: the signed content is
//! `{webhook-id}.{webhook-timestamp}.{body}`, the signature HMAC-SHA256 keyed with the secret's
//! base64-decoded bytes (after the `whsec_` prefix), sent as `v1,<base64>`; several signatures
//! are separated by spaces, which is how a rotated secret keeps working for a grace period.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac as _};
use rand::Rng as _;
use sha2::Sha256;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};

use crate::db::webhooks::OutboxEvent;
use crate::db::{files, uploads, variants};
use crate::domain::lifecycle::{UnknownVariant, text_enum};
use serde_json::json;

text_enum! {
    /// What a webhook delivery is about.
    EventType, "webhook event type" {
        /// An upload was verified and its file (with its variants) is ready.
        UploadReady => "upload.ready",
        /// An upload was refused or gave up, with its reason.
        UploadFailed => "upload.failed",
        /// An upload was never completed before its URL expired.
        UploadExpired => "upload.expired",
        /// A file was deleted.
        FileDeleted => "file.deleted",
        /// Sent by `POST …/webhooks/{id}/test` only (cannot be subscribed to).
        WebhookTest => "webhook.test",
    }
}

impl EventType {
    /// The types an endpoint can subscribe to.
    pub fn subscribable() -> impl Iterator<Item = Self> {
        Self::ALL.iter().copied().filter(|t| *t != Self::WebhookTest)
    }
}

/// Attempts per delivery: the first, then one per entry of [`RETRY_SCHEDULE`].
pub const MAX_ATTEMPTS: i32 = 8;

/// Waits before attempts 2 … 8: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about 27.5 h in all).
pub const RETRY_SCHEDULE: [Duration; 7] = [
    Duration::from_secs(5),
    Duration::from_secs(5 * 60),
    Duration::from_secs(30 * 60),
    Duration::from_secs(2 * 3600),
    Duration::from_secs(5 * 3600),
    Duration::from_secs(10 * 3600),
    Duration::from_secs(10 * 3600),
];

/// The wait before the next attempt after `done` attempts failed, or `None` when they are used
/// up. ±10 % jitter spreads retries of many deliveries; a receiver's `Retry-After` is honoured
/// when it asks for longer (up to 10 h).
pub fn next_delay(done: i32, retry_after: Option<Duration>) -> Option<Duration> {
    let base = *RETRY_SCHEDULE.get(usize::try_from(done - 1).ok()?)?;
    let jitter = rand::rng().random_range(0.9..1.1);
    let planned = base.mul_f64(jitter);
    let asked = retry_after.unwrap_or_default().min(Duration::from_secs(10 * 3600));
    Some(planned.max(asked))
}

/// A new secret: `whsec_` and the base64 of 32 random bytes.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    format!("whsec_{}", STANDARD.encode(bytes))
}

/// The `webhook-id` of a delivery (the same on every attempt and replay).
pub fn message_id(delivery: uuid::Uuid) -> String {
    format!("msg_{}", delivery.simple())
}

/// `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` under `secret` (`whsec_…`).
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String, SecretError> {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .map_err(|_| SecretError)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|_| SecretError)?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes())))
}

/// The `webhook-signature` header: one signature per secret (the current one first).
pub fn signature_header(secrets: &[&str], id: &str, timestamp: i64, body: &[u8]) -> Result<String, SecretError> {
    let signatures: Result<Vec<String>, SecretError> = secrets.iter().map(|s| sign(s, id, timestamp, body)).collect();
    Ok(signatures?.join(" "))
}

/// The body of an event's deliveries: `{type, timestamp, data}`. Upload events carry what the
/// live event does (upload id, state, reason, file id, variants) plus the upload and the file
/// with their metadata, read when the event is dispatched; `file.deleted` carries the row as the
/// delete found it.
pub async fn event_payload(db: &sqlx::PgPool, event: &OutboxEvent) -> sqlx::Result<serde_json::Value> {
    let mut data = match event.data.as_object() {
        Some(captured) => captured.clone(),
        None => serde_json::Map::new(),
    };
    data.insert("project_id".into(), json!(event.project_id));
    if let Some(upload_id) = event.upload_id {
        data.insert("upload_id".into(), json!(upload_id));
    }
    if event.r#type.starts_with("upload.")
        && let Some(upload_id) = event.upload_id
        && let Some(u) = uploads::get(db, event.project_id, upload_id).await?
    {
        data.insert("status".into(), json!(u.status));
        if let Some(reason) = u.failure_reason {
            data.insert("reason".into(), json!(reason));
        }
        data.insert("tenant".into(), json!(u.tenant_slug));
        data.insert(
            "upload".into(),
            json!({
                "id": u.id, "filename": u.filename, "content_type": u.content_type, "size": u.size,
                "tenant": u.tenant_slug, "metadata": u.metadata, "route": u.route,
                "created_at": u.created_at, "status": u.status, "failure_reason": u.failure_reason,
            }),
        );
        if let Some(f) = files::get_by_upload(db, event.project_id, upload_id).await? {
            let variants: Vec<serde_json::Value> = variants::list(db, f.id)
                .await?
                .into_iter()
                .map(|v| json!({"transform": v.transform, "width": v.width, "height": v.height, "size": v.size}))
                .collect();
            data.insert("file_id".into(), json!(f.id));
            data.insert(
                "file".into(),
                json!({
                    "id": f.id, "filename": f.filename, "content_type": f.content_type, "size": f.size,
                    "object_key": f.object_key, "width": f.width, "height": f.height,
                    "metadata": f.metadata, "created_at": f.created_at,
                }),
            );
            data.insert("variants".into(), json!(variants));
        }
    }
    if let Some(file_id) = event.file_id {
        data.insert("file_id".into(), json!(file_id));
    }
    Ok(json!({
        "type": event.r#type,
        "timestamp": event.created_at,
        "data": data,
    }))
}

/// The body of a test delivery (`POST …/webhooks/{id}/test`).
pub fn test_payload(project: crate::domain::ProjectId, endpoint: crate::domain::WebhookId) -> serde_json::Value {
    json!({
        "type": EventType::WebhookTest,
        "timestamp": chrono::Utc::now(),
        "data": {"project_id": project, "endpoint_id": endpoint, "message": "a test delivery from Carcosa"},
    })
}

/// A stored secret that is not `whsec_` + base64.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("the webhook secret is malformed")]
pub struct SecretError;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_the_specification_example() {
        // The worked example of the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = br#"{"test": 2432232314}"#;
        let sig = sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body).unwrap();
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn schedule_and_secrets() {
        assert_eq!(RETRY_SCHEDULE.len() as i32, MAX_ATTEMPTS - 1);
        let first = next_delay(1, None).unwrap();
        assert!(
            first >= Duration::from_millis(4500) && first <= Duration::from_millis(5500),
            "{first:?}"
        );
        assert!(next_delay(1, Some(Duration::from_secs(60))).unwrap() >= Duration::from_secs(60));
        assert!(next_delay(7, Some(Duration::from_secs(999_999))).unwrap() <= Duration::from_secs(11 * 3600));
        assert!(next_delay(MAX_ATTEMPTS, None).is_none());
        let s = generate_secret();
        assert!(s.starts_with("whsec_") && STANDARD.decode(&s[6..]).unwrap().len() == 32);
        assert!(sign("whsec_!!", "m", 1, b"x").is_err());
        let two = signature_header(&[&s, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "m", 1, b"x").unwrap();
        assert_eq!(two.split(' ').count(), 2);
    }
}
