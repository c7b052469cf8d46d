//! `transform`: one on-demand variant, enqueued by `GET /v1/transform/…` on a cache miss while
//! the request waits for the outcome.
//!
//! Producers of the same (file, transform) are serialized by an advisory lock held in the
//! job's transaction, so two requests on two API replicas that each enqueue a job still make
//! the variant once: the second job finds the row and only re-announces it. The outcome — stored,
//! or refused with the pipeline's reason — is announced with NOTIFY on
//! [`TRANSFORM_DONE_CHANNEL`](carcosa_common::jobs::TRANSFORM_DONE_CHANNEL) when the row commits.
//! A refusal is also remembered in `transform_failures` (requests for it are answered from there
//! for `transforms.failure_memory_secs` instead of rendering again) and counted against the
//! monthly transform quota, like a render that succeeded.

use anyhow::Context as _;
use carcosa_common::db::files;
use carcosa_common::db::usage::{self, UsageKind};
use carcosa_common::db::variants::{self as variant_rows, NewVariant};
use carcosa_common::jobs::{Job as _, Transform, TransformDone, TransformOutcome};

use crate::WorkerState;
use crate::imaging::Limits;
use crate::jobs::QueueJob;
use crate::variants;

/// Queue name.
pub const QUEUE: &str = Transform::QUEUE;

type Tx = sqlx::Transaction<'static, sqlx::Postgres>;

impl QueueJob for Transform {
    const CPU_BOUND: bool = true;

    async fn run(&self, state: &WorkerState) -> anyhow::Result<()> {
        run(state, self).await
    }

    async fn give_up(&self, state: &WorkerState) {
        let done = TransformDone {
            file_id: self.file_id,
            transform: self.spec.canonical(),
            outcome: TransformOutcome::GaveUp,
        };
        if let Err(e) = variant_rows::notify_transform_done(&state.db, &done).await {
            tracing::error!(error = %e, "could not announce the transform failure");
        }
    }

    fn span(&self, attempt: usize) -> tracing::Span {
        tracing::info_span!(
            "job",
            job.queue = QUEUE,
            job.attempt = attempt,
            file.id = %self.file_id,
            upload.id = tracing::field::Empty,
            transform = %self.spec.canonical()
        )
    }
}

/// One attempt.
pub async fn run(state: &WorkerState, job: &Transform) -> anyhow::Result<()> {
    let canonical = job.spec.canonical();
    let mut tx = state.db.begin().await.context("starting transaction")?;
    variant_rows::lock_for_production(&mut *tx, job.file_id, &canonical)
        .await
        .context("locking the variant")?;
    let Some(source) = files::get_variant_source(&mut *tx, job.file_id)
        .await
        .context("loading the file")?
    else {
        tracing::debug!("file deleted before its transform ran");
        return announce(tx, job, TransformOutcome::FileDeleted).await;
    };
    tracing::Span::current().record("upload.id", tracing::field::display(source.upload_id));
    if variant_rows::exists(&mut *tx, job.file_id, &canonical)
        .await
        .context("checking the variant")?
    {
        tracing::debug!("variant already made");
        return announce(tx, job, TransformOutcome::Stored).await;
    }
    let limits = Limits::from(&variants::policy_of(&source).limits);
    let renderer = &state.transform_renderer;
    let (storage, mut done) = match variants::render(state, renderer, QUEUE, &source, limits, vec![job.spec]).await? {
        Ok(done) => done,
        Err(reason) => {
            tracing::info!(reason = %reason, "transform refused");
            variant_rows::remember_failure(&mut *tx, source.id, &canonical, reason)
                .await
                .context("remembering the failure")?;
            usage::record(
                &mut *tx,
                source.project_id,
                source.tenant_id,
                UsageKind::TransformFailed,
                0,
            )
            .await
            .context("recording usage")?;
            return announce(tx, job, TransformOutcome::Refused(reason)).await;
        }
    };
    let out = done.outputs.pop().context("the render returned no output")?;
    let key = variants::key(&source, &canonical);
    let size = variants::put(&storage, &key, &canonical, out.bytes, out.format).await?;
    let new = NewVariant {
        file: source.id,
        transform: &canonical,
        object_key: &key,
        format: out.format.extension(),
        size,
        width: out.width as i32,
        height: out.height as i32,
    };
    if variant_rows::upsert(&mut *tx, &new)
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
    tracing::info!(bytes = size, "transform made");
    announce(tx, job, TransformOutcome::Stored).await
}

async fn announce(mut tx: Tx, job: &Transform, outcome: TransformOutcome) -> anyhow::Result<()> {
    let done = TransformDone {
        file_id: job.file_id,
        transform: job.spec.canonical(),
        outcome,
    };
    variant_rows::notify_transform_done(&mut *tx, &done)
        .await
        .context("announcing the transform")?;
    tx.commit().await.context("committing the transform")
}
