//! `sweep_uploads` (cron, `worker.sweep_schedule`):
//!
//! * pending uploads whose URL expired more than `uploads.sweep_grace_secs` ago become
//!   `expired`, and a `delete_objects` job for whatever they may have left is committed in the
//!   same transaction;
//! * finished uploads (ready, failed, expired) whose URL expired as long ago get their staging
//!   key deleted, once: a client may PUT to its URL until it expires, after the upload was
//!   verified, refused or its file deleted, and nothing else would ever remove those bytes;
//! * failed renders older than `transforms.failure_memory_secs` are forgotten, and finished jobs
//!   older than `worker.job_retention_hours` are pruned.
//!
//! Several workers may sweep at once: rows are claimed with `SKIP LOCKED` and flipped
//! conditionally, so each upload is expired (and its staging key released) exactly once.

use std::collections::HashMap;

use anyhow::Context as _;
use apalis::prelude::*;
use apalis_cron::Tick;
use carcosa_common::db::uploads;
use carcosa_common::db::variants;
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
    let memory = state.config.transforms.failure_memory_secs;
    if let Err(e) = variants::forget_failures_older_than(&state.db, memory).await {
        tracing::warn!(error = %e, "forgetting old render failures failed");
    }
    // The next tick tries again after a failure; nothing is half-done (each batch is one
    // transaction).
    match run(&state).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(expired = n, "expired uploads swept"),
        Err(e) => tracing::warn!(error = format!("{e:#}"), "upload sweep failed"),
    }
    match release_staging(&state).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(uploads = n, "staging keys of finished uploads released"),
        Err(e) => tracing::warn!(error = format!("{e:#}"), "staging sweep failed"),
    }
    Ok(())
}

/// Expires every due upload, in batches; returns how many.
pub async fn run(state: &WorkerState) -> anyhow::Result<usize> {
    sweep_batches(state, Sweep::Expire).await
}

/// Deletes the staging keys of finished uploads whose URL expired, in batches; returns how many
/// uploads.
pub async fn release_staging(state: &WorkerState) -> anyhow::Result<usize> {
    sweep_batches(state, Sweep::Staging).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sweep {
    /// Pending uploads past their URL become `expired` (and their state is announced).
    Expire,
    /// Finished uploads past their URL lose their staging object.
    Staging,
}

/// Claims batches of uploads and commits, with each batch, the jobs that delete their keys.
async fn sweep_batches(state: &WorkerState, sweep: Sweep) -> anyhow::Result<usize> {
    let grace = state.config.uploads.sweep_grace_secs as i64;
    let mut total = 0;
    loop {
        let mut tx = state.db.begin().await.context("starting sweep transaction")?;
        let swept = match sweep {
            Sweep::Expire => uploads::expire_due(&mut *tx, grace, BATCH).await,
            Sweep::Staging => uploads::release_staging_due(&mut *tx, grace, BATCH).await,
        }
        .context("claiming uploads")?;
        let mut by_bucket: HashMap<_, Vec<String>> = HashMap::new();
        for upload in &swept {
            by_bucket.entry(upload.bucket_id).or_default().push(upload.key.clone());
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
        if sweep == Sweep::Expire {
            for upload in &swept {
                state.events.announce(&state.db, upload.id).await;
            }
        }
        total += swept.len();
        if (swept.len() as i64) < BATCH {
            return Ok(total);
        }
    }
}
