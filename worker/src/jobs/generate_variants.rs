//! `generate_variants`: enqueued by `complete_upload` (in the transaction that recorded the
//! file and moved the upload to `processing`) for raster images. It downloads the original once,
//! renders every preset of the project in one render process under the time budget, writes each
//! to `…/{upload}/_v/{canonical}` in the bucket, records the variant rows and the original's
//! displayed size, and marks the upload `ready`. An image the pipeline refuses (too large,
//! corrupt, unsupported, over the time budget) leaves the original file intact and fails the
//! upload with the pipeline's reason.
//!
//! Running it twice is harmless: it only acts while the upload is `processing`, objects are
//! overwritten with identical bytes, and variant rows are upserted by (file, transform).

use anyhow::Context as _;
use carcosa_common::db::usage::{self, UsageKind};
use carcosa_common::db::variants::{self as variant_rows, NewVariant};
use carcosa_common::db::{files, uploads};
use carcosa_common::domain::{FailureReason, UploadStatus};
use carcosa_common::events::{Event, EventKind};
use carcosa_common::jobs::{GenerateVariants, Job as _};
use carcosa_common::storage::Storage;
use carcosa_common::transform::TransformSpec;

use crate::WorkerState;
use crate::imaging::Limits;
use crate::jobs::QueueJob;
use crate::render::RenderDone;
use crate::variants;

/// Queue name.
pub const QUEUE: &str = GenerateVariants::QUEUE;

impl QueueJob for GenerateVariants {
    const CPU_BOUND: bool = true;

    async fn run(&self, state: &WorkerState) -> anyhow::Result<()> {
        run(state, self).await
    }

    async fn give_up(&self, state: &WorkerState) {
        match files::get_variant_source(&state.db, self.file_id).await {
            Ok(Some(source)) => {
                if let Err(e) = uploads::mark_failed(&state.db, source.upload_id, FailureReason::VariantError).await {
                    tracing::error!(error = %e, "could not record the variant failure");
                }
                state.events.announce(&state.db, source.upload_id).await;
            }
            other => tracing::error!(
                result = ?other.map(|s| s.is_some()),
                "could not load the file to record the variant failure"
            ),
        }
    }

    fn span(&self, attempt: usize) -> tracing::Span {
        tracing::info_span!(
            "job",
            job.queue = QUEUE,
            job.attempt = attempt,
            file.id = %self.file_id,
            upload.id = tracing::field::Empty
        )
    }
}

/// One attempt.
pub async fn run(state: &WorkerState, job: &GenerateVariants) -> anyhow::Result<()> {
    let Some(source) = files::get_variant_source(&state.db, job.file_id)
        .await
        .context("loading the file")?
    else {
        tracing::warn!("file vanished before its variants were made");
        return Ok(());
    };
    tracing::Span::current().record("upload.id", tracing::field::display(source.upload_id));
    if source.upload_status != UploadStatus::Processing {
        tracing::debug!(upload.status = %source.upload_status, "variants already handled");
        return Ok(());
    }
    let policy = variants::policy_of(&source);
    // The upload route's presets when it names them, else every preset of the project.
    let specs: Vec<TransformSpec> = match &source.route_presets {
        Some(names) => policy
            .presets
            .iter()
            .filter(|(name, _)| names.contains(name))
            .map(|(_, spec)| *spec)
            .collect(),
        None => policy.presets.values().copied().collect(),
    };
    let started = EventKind::Processing {
        step: "variants".into(),
        done: 0,
        total: specs.len() as u32,
    };
    let event = Event::new(source.project_id, source.tenant_id, source.upload_id, started);
    state.events.publish(event).await;
    let limits = Limits::from(&policy.limits);
    let renderer = &state.preset_renderer;
    match variants::render(state, renderer, QUEUE, &source, limits, specs.clone()).await? {
        Ok((storage, done)) => store(state, &storage, &source, &specs, done).await,
        Err(reason) => {
            uploads::mark_failed(&state.db, source.upload_id, reason)
                .await
                .context("marking the upload failed")?;
            tracing::info!(upload.failure_reason = %reason, "image refused");
            state.events.announce(&state.db, source.upload_id).await;
            Ok(())
        }
    }
}

/// A stored variant, before its row is written.
struct Stored {
    canonical: String,
    key: String,
    format: &'static str,
    size: i64,
    width: i32,
    height: i32,
}

async fn store(
    state: &WorkerState,
    storage: &Storage,
    source: &files::VariantSource,
    specs: &[TransformSpec],
    done: RenderDone,
) -> anyhow::Result<()> {
    let total = done.outputs.len() as u32;
    let mut stored = Vec::with_capacity(done.outputs.len());
    for (i, (spec, out)) in specs.iter().zip(done.outputs).enumerate() {
        let canonical = spec.canonical();
        let key = variants::key(source, &canonical);
        let size = variants::put(storage, &key, &canonical, out.bytes, out.format).await?;
        let step = EventKind::Processing {
            step: "variants".into(),
            done: i as u32 + 1,
            total,
        };
        let event = Event::new(source.project_id, source.tenant_id, source.upload_id, step);
        state.events.publish(event).await;
        stored.push(Stored {
            canonical,
            key,
            format: out.format.extension(),
            size,
            width: out.width as i32,
            height: out.height as i32,
        });
    }
    record(state, source, &stored, done.display).await?;
    tracing::info!(
        variants = stored.len(),
        width = done.display.0,
        height = done.display.1,
        "variants generated"
    );
    state.events.announce(&state.db, source.upload_id).await;
    Ok(())
}

/// Variant rows, usage, the image's size and `ready`, in one transaction.
async fn record(
    state: &WorkerState,
    source: &files::VariantSource,
    stored: &[Stored],
    (w, h): (u32, u32),
) -> anyhow::Result<()> {
    let mut tx = state.db.begin().await.context("starting transaction")?;
    for v in stored {
        let new = NewVariant {
            file: source.id,
            transform: &v.canonical,
            object_key: &v.key,
            format: v.format,
            size: v.size,
            width: v.width,
            height: v.height,
        };
        if variant_rows::upsert(&mut *tx, &new)
            .await
            .context("recording a variant")?
        {
            usage::record(
                &mut *tx,
                source.project_id,
                source.tenant_id,
                UsageKind::VariantProduced,
                v.size,
            )
            .await
            .context("recording usage")?;
        }
    }
    files::set_dimensions(&mut *tx, source.id, w as i32, h as i32)
        .await
        .context("recording the image size")?;
    uploads::mark_ready(&mut *tx, source.upload_id)
        .await
        .context("marking the upload ready")?;
    tx.commit().await.context("committing the variants")
}
