//! The webhook dispatcher: turns events of the outbox (`webhook_events`, written by triggers in
//! the transactions that changed uploads and files) into deliveries. Each batch of events is
//! claimed with `SKIP LOCKED`, and its deliveries, their first `deliver_webhook` jobs and the
//! events' `dispatched_at` are written in one transaction: every event reaches every endpoint
//! subscribed to it exactly once (the delivery is unique per event and endpoint), however many
//! workers dispatch. It wakes on `NOTIFY carcosa_webhook_events` and polls every few seconds in
//! case a notification was missed.

use std::time::Duration;

use anyhow::Context as _;
use carcosa_common::db::webhooks as db;
use carcosa_common::domain::DeliveryId;
use carcosa_common::jobs::{self, DeliverWebhook};
use carcosa_common::webhooks::event_payload;
use sqlx::postgres::PgListener;
use tokio_util::sync::CancellationToken;

use crate::WorkerState;

/// The channel the triggers notify.
pub const CHANNEL: &str = "carcosa_webhook_events";
const BATCH: i64 = 200;
const POLL: Duration = Duration::from_secs(3);

/// Runs the dispatcher until `shutdown`.
pub fn spawn_dispatcher(state: WorkerState, shutdown: CancellationToken) {
    tokio::spawn(async move {
        let mut listener = None;
        loop {
            if listener.is_none() {
                listener = match PgListener::connect_with(&state.db).await {
                    Ok(mut l) => match l.listen(CHANNEL).await {
                        Ok(()) => Some(l),
                        Err(e) => {
                            tracing::warn!(error = %e, "webhook dispatcher cannot LISTEN; polling");
                            None
                        }
                    },
                    Err(e) => {
                        tracing::warn!(error = %e, "webhook dispatcher cannot connect; polling");
                        None
                    }
                };
            }
            loop {
                match dispatch_once(&state).await {
                    Ok(n) if n as i64 >= BATCH => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::warn!(error = format!("{e:#}"), "webhook dispatch failed; retrying");
                        break;
                    }
                }
            }
            let woke = async {
                match listener.as_mut() {
                    Some(l) => l.recv().await.map(|_| ()).map_err(|e| e.to_string()),
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = tokio::time::sleep(POLL) => {}
                r = woke => if let Err(e) = r {
                    tracing::warn!(error = e, "webhook LISTEN connection lost; reconnecting");
                    listener = None;
                },
            }
        }
    });
}

/// Dispatches one batch of events; returns how many were claimed.
pub async fn dispatch_once(state: &WorkerState) -> anyhow::Result<usize> {
    let mut tx = state.db.begin().await.context("starting dispatch")?;
    let events = db::claim_events(&mut *tx, BATCH).await.context("claiming events")?;
    if events.is_empty() {
        return Ok(0);
    }
    let mut created = 0;
    for event in &events {
        let endpoints = db::subscribers(&mut *tx, event.project_id, &event.r#type)
            .await
            .context("finding subscribers")?;
        if endpoints.is_empty() {
            continue;
        }
        let payload = event_payload(&state.db, event).await.context("building the payload")?;
        for endpoint in endpoints {
            let id = DeliveryId::new();
            let fresh = db::insert_delivery(
                &mut *tx,
                id,
                endpoint,
                event.project_id,
                Some(event.id),
                &event.r#type,
                &payload,
            )
            .await
            .context("recording a delivery")?;
            if fresh {
                let job = DeliverWebhook {
                    delivery_id: id,
                    series: 1,
                    attempt: 1,
                };
                jobs::enqueue(&mut tx, &job, state.config.worker.max_attempts)
                    .await
                    .context("queueing a delivery")?;
                created += 1;
            }
        }
    }
    let ids: Vec<_> = events.iter().map(|e| e.id).collect();
    db::mark_dispatched(&mut *tx, &ids)
        .await
        .context("marking events dispatched")?;
    tx.commit().await.context("committing dispatch")?;
    metrics::counter!("carcosa_webhook_deliveries_created_total").increment(created);
    Ok(events.len())
}
