//! `delete_objects`: enqueued by `DELETE /v1/files/{id}` (with the row delete) and by the
//! expiry sweep. Deletes exact keys and everything under the given prefixes. Running it twice is
//! harmless: deleting a missing object succeeds.

use anyhow::Context as _;
use apalis::prelude::*;
use carcosa_common::jobs::{DeleteObjects, Job as _};

use crate::WorkerState;

/// Queue name.
pub const QUEUE: &str = DeleteObjects::QUEUE;

/// apalis entry point.
pub async fn handle(job: DeleteObjects, attempt: Attempt, state: Data<WorkerState>) -> Result<(), BoxDynError> {
    let bucket = job.bucket_id;
    let count = job.keys.len() + job.prefixes.len();
    crate::jobs::attempt(QUEUE, &state, &attempt, run(&state, &job), |_| async move {
        // The task ends `Killed` with this error in apalis.jobs; the objects stay for an operator.
        tracing::error!(bucket.id = %bucket, objects = count, "objects could not be deleted");
    })
    .await
}

/// Deletes the job's keys and prefixes.
pub async fn run(state: &WorkerState, job: &DeleteObjects) -> anyhow::Result<()> {
    let Some(storage) = state.bucket(job.bucket_id).await? else {
        tracing::warn!(bucket.id = %job.bucket_id, "bucket is gone; nothing to delete");
        return Ok(());
    };
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
