//! `deliver_webhook`: one attempt of a webhook delivery. It POSTs the payload to the endpoint
//! through the outbound guard (resolved once, private ranges refused, no redirects), signed per
//! Standard Webhooks (`webhook-id` stable across attempts and replays, `webhook-timestamp` of
//! this attempt, `webhook-signature` with the current secret and, during a rotation's grace
//! period, the previous one), within `webhooks.timeout_secs`, and records the attempt: status,
//! latency, the first 1 KiB of the answer.
//!
//! * 2xx: delivered; the endpoint is healthy again.
//! * `410 Gone`: the receiver asked to stop — the endpoint is switched off, with that reason.
//! * Anything else (an error status, a timeout, a refused address): the next attempt is queued
//!   on the schedule 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (±10 %), later if the answer's
//!   `Retry-After` asks for it; after the eighth the delivery has failed. An endpoint that has
//!   not had a success for `webhooks.disable_after_days` is switched off, with the reason.
//!
//! At least once: the attempt is recorded (and the next one queued) in one transaction, and only
//! if this run is the first to record that attempt of that series — a duplicate run may send a
//! duplicate, which receivers drop by `webhook-id`; it never forks the retry chain.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use carcosa_common::db::webhooks::{self as db, AttemptOutcome};
use carcosa_common::jobs::{self, DeliverWebhook, Job as _};
use carcosa_common::manage::webhooks::open_secret;
use carcosa_common::outbound::error_chain;
use carcosa_common::webhooks::{message_id, next_delay, signature_header};
use chrono::Utc;

use crate::WorkerState;
use crate::jobs::QueueJob;

/// Queue name.
pub const QUEUE: &str = DeliverWebhook::QUEUE;

/// The most of an answer's body kept with the attempt.
const EXCERPT_BYTES: usize = 1024;

impl QueueJob for DeliverWebhook {
    const CPU_BOUND: bool = false;

    async fn run(&self, state: &WorkerState) -> anyhow::Result<()> {
        run(state, self).await
    }

    async fn give_up(&self, _state: &WorkerState) {
        // Only database trouble gets here (a receiver's failure is an outcome, not an error).
        tracing::error!(delivery.id = %self.delivery_id, "webhook attempt could not be recorded");
    }

    fn span(&self, attempt: usize) -> tracing::Span {
        tracing::info_span!(
            "job", job.queue = QUEUE, job.attempt = attempt, delivery.id = %self.delivery_id,
            delivery.attempt = self.attempt
        )
    }
}

/// What became of an attempt.
enum Verdict {
    Delivered,
    Gone,
    Retry(Option<Duration>),
}

/// One attempt.
pub async fn run(state: &WorkerState, job: &DeliverWebhook) -> anyhow::Result<()> {
    let Some(row) = db::for_attempt(&state.db, job.delivery_id)
        .await
        .context("loading the delivery")?
    else {
        return Ok(());
    };
    if row.status != "pending" || row.series != job.series || row.series_attempts >= job.attempt {
        tracing::debug!("stale or duplicate attempt; nothing to do");
        return Ok(());
    }
    if !row.enabled && row.payload["type"] != "webhook.test" {
        db::abandon(&state.db, row.id, row.series, "the endpoint is switched off")
            .await
            .context("abandoning the delivery")?;
        return Ok(());
    }
    let mut secrets =
        vec![open_secret(&state.sealer, row.endpoint_id, &row.secret_sealed).context("opening the secret")?];
    if let Some(previous) = &row.previous_secret_sealed {
        secrets.push(open_secret(&state.sealer, row.endpoint_id, previous).context("opening the previous secret")?);
    }
    let body = serde_json::to_vec(&row.payload).context("encoding the payload")?;
    let id = message_id(row.id.0);
    let timestamp = Utc::now().timestamp();
    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let signature = signature_header(&refs, &id, timestamp, &body).context("signing")?;

    let started_at = Utc::now();
    let clock = Instant::now();
    let (outcome, verdict) = match state.outbound.check_url(&row.url) {
        Err(refused) => (
            AttemptOutcome {
                started_at,
                status_code: None,
                latency_ms: 0,
                response_excerpt: None,
                error: Some(refused.0),
            },
            Verdict::Retry(None),
        ),
        Ok(url) => {
            let sent = state
                .webhook_client
                .post(url)
                .header("content-type", "application/json")
                .header("webhook-id", &id)
                .header("webhook-timestamp", timestamp.to_string())
                .header("webhook-signature", &signature)
                .body(body)
                .send()
                .await;
            answer(sent, started_at, clock).await
        }
    };
    let outcome_label = match &verdict {
        Verdict::Delivered => "delivered",
        Verdict::Gone => "gone",
        Verdict::Retry(_) => "failed_attempt",
    };
    metrics::counter!("carcosa_webhook_attempts_total", "outcome" => outcome_label).increment(1);
    metrics::histogram!("carcosa_webhook_attempt_seconds").record(clock.elapsed().as_secs_f64());

    let mut tx = state.db.begin().await.context("starting the record")?;
    let (status, next, disable) = match verdict {
        Verdict::Delivered => ("delivered", None, None),
        Verdict::Gone => ("failed", None, Some("the endpoint answered 410 Gone".to_owned())),
        Verdict::Retry(retry_after) => {
            let since = db::mark_failing(&mut *tx, row.endpoint_id)
                .await
                .context("marking the endpoint failing")?;
            let days = i64::from(state.config.webhooks.disable_after_days);
            let stale = since.filter(|s| Utc::now() - *s > chrono::Duration::days(days));
            match (stale, next_delay(job.attempt, retry_after)) {
                (Some(since), _) => (
                    "failed",
                    None,
                    Some(format!(
                        "deliveries have failed since {} ({days} days without a success)",
                        since.format("%Y-%m-%d %H:%M UTC")
                    )),
                ),
                (None, Some(delay)) => ("pending", Some(delay), None),
                (None, None) => ("failed", None, None),
            }
        }
    };
    let next_at = next.map(|d| Utc::now() + chrono::Duration::from_std(d).unwrap_or_default());
    let first = db::record_attempt(&mut tx, row.id, row.series, job.attempt, &outcome, status, next_at)
        .await
        .context("recording the attempt")?;
    if !first {
        return Ok(());
    }
    if status == "delivered" {
        db::mark_healthy(&mut *tx, row.endpoint_id)
            .await
            .context("marking the endpoint healthy")?;
    }
    if let Some(reason) = &disable
        && db::disable(&mut *tx, row.endpoint_id, reason)
            .await
            .context("switching the endpoint off")?
    {
        tracing::warn!(webhook.id = %row.endpoint_id, reason, "webhook endpoint switched off");
    }
    if let Some(delay) = next {
        let next_job = DeliverWebhook {
            delivery_id: row.id,
            series: row.series,
            attempt: job.attempt + 1,
        };
        jobs::enqueue_after(&mut tx, &next_job, delay, state.config.worker.max_attempts)
            .await
            .context("queueing the next attempt")?;
    }
    tx.commit().await.context("committing the attempt")?;
    Ok(())
}

/// Reads what the receiver answered (or why it did not).
async fn answer(
    sent: Result<reqwest::Response, reqwest::Error>,
    started_at: chrono::DateTime<Utc>,
    clock: Instant,
) -> (AttemptOutcome, Verdict) {
    let latency = |clock: Instant| i32::try_from(clock.elapsed().as_millis()).unwrap_or(i32::MAX);
    match sent {
        Err(e) => (
            AttemptOutcome {
                started_at,
                status_code: None,
                latency_ms: latency(clock),
                response_excerpt: None,
                error: Some(timeout_words(error_chain(&e))),
            },
            Verdict::Retry(None),
        ),
        Ok(mut response) => {
            let status = response.status();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let mut excerpt = Vec::new();
            while excerpt.len() < EXCERPT_BYTES {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        excerpt.extend_from_slice(&chunk[..chunk.len().min(EXCERPT_BYTES - excerpt.len())])
                    }
                    Ok(None) | Err(_) => break,
                }
            }
            let verdict = if status.is_success() {
                Verdict::Delivered
            } else if status == reqwest::StatusCode::GONE {
                Verdict::Gone
            } else {
                Verdict::Retry(retry_after)
            };
            (
                AttemptOutcome {
                    started_at,
                    status_code: Some(i32::from(status.as_u16())),
                    latency_ms: latency(clock),
                    response_excerpt: Some(String::from_utf8_lossy(&excerpt).into_owned()),
                    error: (!status.is_success()).then(|| format!("the endpoint answered {status}")),
                },
                verdict,
            )
        }
    }
}

/// Says what a timeout means for the receiver.
fn timeout_words(mut text: String) -> String {
    if text.contains("timed out") {
        text.push_str(" (no answer within the webhook timeout)");
    }
    text
}
