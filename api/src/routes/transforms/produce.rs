//! A cache miss: refuse what cannot or must not be rendered, then have a worker make the variant
//! and wait for it (bounded by `http.transform_wait_secs`, then `503 transform_pending`).
//!
//! A render that failed is remembered (`transform_failures`, for
//! `transforms.failure_memory_secs`): a request for it gets the same `422` from that memory, and
//! no new render is queued. Concurrent misses for one variant in this process share one job; the
//! worker's advisory lock makes duplicate jobs from other processes cheap no-ops.

use std::time::{Duration, Instant};

use carcosa_common::db::usage;
use carcosa_common::db::variants::{self, TransformTarget};
use carcosa_common::domain::{FailureReason, FileId, Quotas, UploadStatus};
use carcosa_common::jobs::{self, Transform, TransformOutcome};
use carcosa_common::transform::{self, TransformSpec};
use chrono::Utc;

use crate::error::ApiError;
use crate::state::AppState;

/// `Retry-After` on a miss that did not finish in time.
const RETRY_AFTER_SECS: u64 = 2;

/// Makes the variant (or joins the making of it) and returns its key.
pub(super) async fn produce(
    state: &AppState,
    target: &TransformTarget,
    spec: TransformSpec,
) -> Result<String, ApiError> {
    refuse_unrenderable(target)?;
    if let Some(reason) = target.recent_failure {
        return Err(refusal(reason));
    }
    check_quota(state, target).await?;
    let canonical = spec.canonical();
    let (outcome, first) = state.transforms.join(target.file_id, &canonical);
    if first && let Err(e) = enqueue(state, target.file_id, spec).await {
        state.transforms.abandon(target.file_id, &canonical);
        return Err(e);
    }
    wait(state, target.file_id, &canonical, outcome).await
}

fn refuse_unrenderable(target: &TransformTarget) -> Result<(), ApiError> {
    if !transform::is_renderable(&target.content_type) {
        return Err(ApiError::Unprocessable {
            code: "not_transformable".into(),
            message: format!(
                "files of type {} cannot be transformed (jpeg, png, gif and webp can)",
                target.content_type
            ),
        });
    }
    if target.upload_status == UploadStatus::Failed {
        return Err(ApiError::Unprocessable {
            code: "not_transformable".into(),
            message: "this image was refused when it was uploaded; see its upload's failure_reason".into(),
        });
    }
    Ok(())
}

async fn check_quota(state: &AppState, target: &TransformTarget) -> Result<(), ApiError> {
    let Some(limit) = target.quota_max_transforms_month else {
        return Ok(());
    };
    let used = usage::transforms_since(&state.db, target.project_id, usage::month_start(Utc::now())).await?;
    let quotas = Quotas {
        max_transforms_per_month: Some(limit),
        ..Quotas::default()
    };
    Ok(quotas.check_transform(used)?)
}

async fn enqueue(state: &AppState, file: FileId, spec: TransformSpec) -> Result<(), ApiError> {
    let mut conn = state.db.acquire().await?;
    let job = Transform { file_id: file, spec };
    jobs::enqueue(&mut conn, &job, state.config.worker.max_attempts).await?;
    Ok(())
}

/// Waits for the outcome: woken by the worker's NOTIFY, and re-checking the table every second
/// in case a notification was lost.
async fn wait(
    state: &AppState,
    file: FileId,
    canonical: &str,
    mut outcome: tokio::sync::watch::Receiver<crate::transform_waiters::Outcome>,
) -> Result<String, ApiError> {
    let deadline = Instant::now() + Duration::from_secs(state.config.http.transform_wait_secs);
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(ApiError::TryLater {
                code: "transform_pending",
                message: "the transform is still being made; retry shortly".into(),
                retry_after_secs: RETRY_AFTER_SECS,
            });
        }
        let slice = remaining.min(Duration::from_secs(1));
        // `Err(())`: the entry was replaced or abandoned; fall back to polling. (The borrow of
        // the watched value ends inside this statement, before any other await.)
        let woke: Result<Option<TransformOutcome>, ()> =
            match tokio::time::timeout(slice, outcome.wait_for(Option::is_some)).await {
                Ok(Ok(value)) => Ok(*value),
                Ok(Err(_)) => Err(()),
                Err(_) => Ok(None),
            };
        let heard = match woke {
            Ok(heard) => heard,
            Err(()) => {
                tokio::time::sleep(slice).await;
                None
            }
        };
        match heard {
            Some(TransformOutcome::Refused(reason)) => return Err(refusal(reason)),
            Some(TransformOutcome::FileDeleted) => return Err(ApiError::NotFound("file")),
            Some(TransformOutcome::GaveUp) => {
                return Err(ApiError::TryLater {
                    code: "transform_failed",
                    message: "the transform failed repeatedly; retry later".into(),
                    retry_after_secs: 30,
                });
            }
            // Stored, or no word yet: look (a notification may have been missed).
            Some(TransformOutcome::Stored) | None => {}
        }
        let memory = state.config.transforms.failure_memory_secs;
        match variants::transform_target(&state.db, file, canonical, memory).await? {
            None => return Err(ApiError::NotFound("file")),
            Some(found) => {
                if let Some(key) = found.variant_key {
                    return Ok(key);
                }
                if let Some(reason) = found.recent_failure {
                    return Err(refusal(reason));
                }
            }
        }
    }
}

/// The pipeline's refusal as a `422` with its reason as the code.
fn refusal(reason: FailureReason) -> ApiError {
    ApiError::Unprocessable {
        code: reason.as_str().into(),
        message: format!("the image cannot be transformed ({reason})"),
    }
}
