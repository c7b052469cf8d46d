//! `transform`: one on-demand variant, enqueued by `GET /v1/transform/…` on a cache miss while
//! the request waits for the outcome.
//!
//! Producers of the same (file, transform) are serialized by an advisory lock held in the
//! job's transaction, so two requests on two API replicas that each enqueue a job still make
//! the variant once: the second job finds the row and only re-announces it. The outcome — stored,
//! or refused with the pipeline's reason code — is announced with NOTIFY on
//! [`TRANSFORM_DONE_CHANNEL`](carcosa_common::jobs::TRANSFORM_DONE_CHANNEL) when the row commits.

use anyhow::Context as _;
use apalis::prelude::*;
use carcosa_common::db::files;
use carcosa_common::db::usage::{self, UsageKind};
use carcosa_common::db::variants::{self, NewVariant};
use carcosa_common::jobs::{Job as _, Transform, TransformDone};

use crate::WorkerState;
use crate::imaging::Limits;
use crate::jobs::generate_variants::{fetch_original, policy_of, put_variant, render_with_budget, variant_key};

/// Queue name.
pub const QUEUE: &str = Transform::QUEUE;

/// Reason announced when the job kept erroring until its last attempt.
pub const GAVE_UP_REASON: &str = "transform_error";

/// apalis entry point.
pub async fn handle(job: Transform, attempt: Attempt, state: Data<WorkerState>) -> Result<(), BoxDynError> {
    let done = TransformDone {
        file_id: job.file_id,
        transform: job.spec.canonical(),
        refused: Some(GAVE_UP_REASON.to_owned()),
    };
    crate::jobs::attempt(QUEUE, &state, &attempt, run(&state, &job), |_| async {
        if let Err(e) = variants::notify_transform_done(&state.db, &done).await {
            tracing::error!(file.id = %done.file_id, error = %e, "could not announce the transform failure");
        }
    })
    .await
}

/// One attempt.
pub async fn run(state: &WorkerState, job: &Transform) -> anyhow::Result<()> {
    let canonical = job.spec.canonical();
    let mut done = TransformDone {
        file_id: job.file_id,
        transform: canonical.clone(),
        refused: None,
    };
    let mut tx = state.db.begin().await.context("starting transaction")?;
    variants::lock_for_production(&mut *tx, job.file_id, &canonical)
        .await
        .context("locking the variant")?;
    let Some(source) = files::get_variant_source(&mut *tx, job.file_id)
        .await
        .context("loading the file")?
    else {
        tracing::debug!(file.id = %job.file_id, "file deleted before its transform ran");
        done.refused = Some("file_deleted".into());
        return announce(tx, &done).await;
    };
    if variants::exists(&mut *tx, job.file_id, &canonical)
        .await
        .context("checking the variant")?
    {
        tracing::debug!(file.id = %job.file_id, transform = %canonical, "variant already made");
        return announce(tx, &done).await;
    }
    let limits = Limits::from(&policy_of(&source).limits);
    if source.size > limits.max_input_bytes as i64 {
        done.refused = Some("image_too_large".into());
        return announce(tx, &done).await;
    }
    let (storage, bytes) = fetch_original(state, &source).await?;
    let out = match render_with_budget(QUEUE, bytes, limits, vec![job.spec]).await? {
        Ok((_, mut outputs)) => outputs.pop().context("the pipeline returned no output")?,
        Err(reason) => {
            tracing::info!(file.id = %source.id, transform = %canonical, reason, "transform refused");
            done.refused = Some(reason.to_owned());
            return announce(tx, &done).await;
        }
    };
    let key = variant_key(&source, &canonical);
    let size = put_variant(&storage, &key, &canonical, out.bytes, out.format).await?;
    let new = NewVariant {
        file: source.id,
        transform: &canonical,
        object_key: &key,
        format: out.format.extension(),
        size,
        width: out.width as i32,
        height: out.height as i32,
    };
    if variants::upsert(&mut *tx, &new)
        .await
        .context("recording the variant")?
    {
        usage::record(
            &mut *tx,
            source.project_id,
            source.tenant_id,
            UsageKind::TransformProduced,
            size,
        )
        .await
        .context("recording usage")?;
    }
    tracing::info!(file.id = %source.id, transform = %canonical, bytes = size, "transform made");
    announce(tx, &done).await
}

async fn announce(mut tx: sqlx::Transaction<'_, sqlx::Postgres>, done: &TransformDone) -> anyhow::Result<()> {
    variants::notify_transform_done(&mut *tx, done)
        .await
        .context("announcing the transform")?;
    tx.commit().await.context("committing the transform")
}
