//! `sweep_uploads` (cron, `worker.sweep_schedule`): pending uploads whose URL expired more than
//! `uploads.sweep_grace_secs` ago become `expired`, and a `delete_objects` job for whatever they
//! may have left is committed in the same transaction. Several workers may sweep at once: rows
//! are claimed with `SKIP LOCKED` and flipped conditionally, so each upload expires exactly once.
//! The same tick prunes finished jobs older than `worker.job_retention_hours`.

use std::collections::HashMap;

use anyhow::Context as _;
use apalis::prelude::*;
use apalis_cron::Tick;
use carcosa_common::db::uploads;
use carcosa_common::jobs::{self, DeleteObjects};

use crate::WorkerState;

const BATCH: i64 = 500;

/// apalis entry point (one run per cron tick).
pub async fn handle(_tick: Tick, state: Data<WorkerState>) -> Result<(), BoxDynError> {
    match jobs::prune_finished(&state.db, state.config.worker.job_retention_hours).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(jobs = n, "finished jobs pruned"),
        Err(e) => tracing::warn!(error = %e, "pruning finished jobs failed"),
    }
    match run(&state).await {
        Ok(0) => Ok(()),
        Ok(n) => {
            tracing::info!(expired = n, "expired uploads swept");
            Ok(())
        }
        Err(e) => {
            // The next tick tries again; nothing was half-done (each batch is one transaction).
            tracing::warn!(error = format!("{e:#}"), "upload sweep failed");
            Ok(())
        }
    }
}

/// Expires every due upload, in batches; returns how many.
pub async fn run(state: &WorkerState) -> anyhow::Result<usize> {
    let grace = state.config.uploads.sweep_grace_secs as i64;
    let mut total = 0;
    loop {
        let mut tx = state.db.begin().await.context("starting sweep transaction")?;
        let expired = uploads::expire_due(&mut *tx, grace, BATCH)
            .await
            .context("expiring uploads")?;
        let mut by_bucket: HashMap<_, Vec<String>> = HashMap::new();
        for upload in &expired {
            by_bucket
                .entry(upload.bucket_id)
                .or_default()
                .push(upload.object_key.clone());
        }
        for (bucket_id, keys) in by_bucket {
            let job = DeleteObjects {
                bucket_id,
                keys,
                prefixes: Vec::new(),
            };
            jobs::enqueue(&mut tx, &job, state.config.worker.max_attempts)
                .await
                .context("enqueueing object cleanup")?;
        }
        tx.commit().await.context("committing sweep")?;
        for upload in &expired {
            state.events.announce(&state.db, upload.id).await;
        }
        total += expired.len();
        if (expired.len() as i64) < BATCH {
            return Ok(total);
        }
    }
}
