//! `delete_objects`: enqueued by `DELETE /v1/files/{id}` (with the row delete) and by the
//! sweep (expired uploads' and finished uploads' staging objects). Deletes exact keys and
//! everything under the given prefixes. Running it twice is harmless: deleting a missing object
//! succeeds.

use anyhow::Context as _;
use carcosa_common::jobs::{DeleteObjects, Job as _};

use crate::WorkerState;
use crate::jobs::QueueJob;

/// Queue name.
pub const QUEUE: &str = DeleteObjects::QUEUE;

impl QueueJob for DeleteObjects {
    const CPU_BOUND: bool = false;
    const BATCH_PER_SLOT: usize = super::SHORT_JOBS_BATCH_PER_SLOT;

    async fn run(&self, state: &WorkerState) -> anyhow::Result<()> {
        run(state, self).await
    }

    async fn give_up(&self, _state: &WorkerState) {
        // The task ends `Killed` with this error in apalis.jobs; the objects stay for an operator.
        let count = self.keys.len() + self.prefixes.len() + self.aborts.len();
        tracing::error!(objects = count, "objects could not be deleted");
    }

    fn span(&self, attempt: usize) -> tracing::Span {
        tracing::info_span!("job", job.queue = QUEUE, job.attempt = attempt, bucket.id = %self.bucket_id)
    }
}

/// Deletes the job's keys and prefixes.
pub async fn run(state: &WorkerState, job: &DeleteObjects) -> anyhow::Result<()> {
    let Some(storage) = state.bucket(job.bucket_id).await? else {
        tracing::warn!(bucket.id = %job.bucket_id, "bucket is gone; nothing to delete");
        return Ok(());
    };
    for open in &job.aborts {
        storage
            .abort_multipart(&open.key, &open.upload_id)
            .await
            .map_err(|e| anyhow::anyhow!(e.detail()))
            .with_context(|| format!("aborting the multipart upload of {}", open.key))?;
    }
    for key in &job.keys {
        storage
            .delete(key)
            .await
            .map_err(|e| anyhow::anyhow!(e.detail()))
            .with_context(|| format!("deleting {key}"))?;
    }
    for prefix in &job.prefixes {
        let n = storage
            .delete_prefix(prefix)
            .await
            .map_err(|e| anyhow::anyhow!(e.detail()))
            .with_context(|| format!("deleting under {prefix}"))?;
        tracing::debug!(bucket.id = %job.bucket_id, prefix, deleted = n, "prefix deleted");
    }
    Ok(())
}
