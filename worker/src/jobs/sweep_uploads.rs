//! `sweep_uploads` (cron, `worker.sweep_schedule`):
//!
//! * pending uploads whose URL expired more than `uploads.sweep_grace_secs` ago become
//!   `expired`, and a `delete_objects` job for whatever they may have left is committed in the
//!   same transaction;
//! * finished uploads (ready, failed, expired) whose URL expired as long ago get their staging
//!   key deleted, once: a client may PUT to its URL until it expires, after the upload was
//!   verified, refused or its file deleted, and nothing else would ever remove those bytes;
//! * about once an hour, each bucket's multipart uploads in progress are listed
//!   (ListMultipartUploads) and those under Carcosa's key layout that no pending upload owns and
//!   that are over an hour old are aborted — what a crash between starting a multipart upload and
//!   recording it, or a lost abort, left behind;
//! * finished webhook deliveries older than `webhooks.log_retention_days` and dispatched webhook
//!   events older than a week are deleted;
//! * failed renders older than `transforms.failure_memory_secs` are forgotten, and finished jobs
//!   older than `worker.job_retention_hours` are pruned.
//!
//! Several workers may sweep at once: rows are claimed with `SKIP LOCKED` and flipped
//! conditionally, so each upload is expired (and its staging key released) exactly once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use apalis::prelude::*;
use apalis_cron::Tick;
use carcosa_common::db::variants;
use carcosa_common::db::{buckets, uploads};
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
    prune_webhooks(&state).await;
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
    if orphan_pass_due() {
        match abort_orphaned_multipart(&state, ORPHAN_MIN_AGE, "").await {
            Ok(0) => {}
            Ok(n) => tracing::info!(aborted = n, "orphaned multipart uploads aborted"),
            Err(e) => tracing::warn!(error = format!("{e:#}"), "multipart sweep failed"),
        }
    }
    Ok(())
}

/// How often (per worker process) the buckets are listed for orphaned multipart uploads.
const ORPHAN_PASS_EVERY: Duration = Duration::from_secs(3600);
/// A multipart upload younger than this is left alone: its row may not be written yet.
const ORPHAN_MIN_AGE: Duration = Duration::from_secs(3600);

fn orphan_pass_due() -> bool {
    static LAST: Mutex<Option<Instant>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if last.is_some_and(|t| t.elapsed() < ORPHAN_PASS_EVERY) {
        return false;
    }
    *last = Some(Instant::now());
    true
}

/// Aborts, in every bucket, the multipart uploads on Carcosa staging keys
/// (`{org}/{team}/{project}/{tenant|_}/{upload}/_incoming/…`) older than `min_age` that no
/// pending upload owns, under `prefix` (`""`: the whole bucket); returns how many. Keys outside
/// that layout are never touched, so a bucket shared with other software keeps its own multipart
/// uploads.
pub async fn abort_orphaned_multipart(state: &WorkerState, min_age: Duration, prefix: &str) -> anyhow::Result<usize> {
    let cutoff = chrono::Utc::now() - chrono::Duration::from_std(min_age).unwrap_or_default();
    let mut aborted = 0;
    for bucket_id in buckets::all_ids(&state.db).await.context("listing buckets")? {
        let Some(storage) = state.bucket(bucket_id).await? else {
            continue;
        };
        let open = match storage.list_multipart(prefix).await {
            Ok(open) => open,
            Err(e) => {
                tracing::warn!(bucket.id = %bucket_id, error = %e.detail(), "listing multipart uploads failed");
                continue;
            }
        };
        let candidates: Vec<_> = open
            .into_iter()
            .filter(|u| is_staging_key(&u.key) && u.initiated.is_some_and(|t| t < cutoff))
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let ids: Vec<String> = candidates.iter().map(|u| u.upload_id.clone()).collect();
        let live = uploads::live_multipart_ids(&state.db, &ids)
            .await
            .context("reading pending multipart uploads")?;
        for orphan in candidates.iter().filter(|u| !live.contains(&u.upload_id)) {
            match storage.abort_multipart(&orphan.key, &orphan.upload_id).await {
                Ok(()) => aborted += 1,
                Err(e) => {
                    tracing::warn!(key = orphan.key, error = %e.detail(), "aborting an orphaned multipart upload failed")
                }
            }
        }
    }
    Ok(aborted)
}

/// Whether `key` is a staging key of Carcosa's layout (five id segments, then `_incoming`).
fn is_staging_key(key: &str) -> bool {
    let segments: Vec<&str> = key.splitn(7, '/').collect();
    let [org, team, project, tenant, upload, "_incoming", name] = segments.as_slice() else {
        return false;
    };
    let is_id = |s: &&str| s.parse::<carcosa_common::domain::UploadId>().is_ok();
    [org, team, project, upload].iter().all(|s| is_id(s)) && (*tenant == "_" || is_id(tenant)) && !name.is_empty()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_carcosa_staging_keys_are_swept() {
        let id = "0190b8a6-7a4e-7c8e-9a44-2b1f5e8d0c11";
        assert!(super::is_staging_key(&format!("{id}/{id}/{id}/_/{id}/_incoming/a.bin")));
        assert!(super::is_staging_key(&format!(
            "{id}/{id}/{id}/{id}/{id}/_incoming/a.bin"
        )));
        assert!(!super::is_staging_key(&format!("{id}/{id}/{id}/_/{id}/a.bin")));
        assert!(!super::is_staging_key("backups/2026/_incoming/db.tar"));
        assert!(!super::is_staging_key(&format!("x/{id}/{id}/_/{id}/_incoming/a.bin")));
    }
}

/// Keeps the webhook outbox and delivery log from growing without bound: finished deliveries
/// older than `webhooks.log_retention_days`, dispatched events older than a week.
pub async fn prune_webhooks(state: &WorkerState) {
    let days = i32::try_from(state.config.webhooks.log_retention_days).unwrap_or(i32::MAX);
    match carcosa_common::db::webhooks::prune_deliveries(&state.db, days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(deliveries = n, "old webhook deliveries pruned"),
        Err(e) => tracing::warn!(error = %e, "pruning webhook deliveries failed"),
    }
    if let Err(e) = carcosa_common::db::webhooks::prune_events(&state.db, 7).await {
        tracing::warn!(error = %e, "pruning dispatched webhook events failed");
    }
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
        let mut by_bucket: HashMap<_, Vec<&uploads::SweptUpload>> = HashMap::new();
        for upload in &swept {
            by_bucket.entry(upload.bucket_id).or_default().push(upload);
        }
        for (bucket_id, swept) in by_bucket {
            let job = DeleteObjects::leftovers(bucket_id, swept);
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
