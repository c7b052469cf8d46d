//! `generate_variants`: enqueued by `complete_upload` (in the transaction that recorded the
//! file and moved the upload to `processing`) for raster images. It downloads the original once,
//! decodes it once on a blocking thread under a time budget, renders every preset of the
//! project, writes each to `…/{upload}/_v/{canonical}` in the bucket, records the variant rows
//! and the original's displayed size, and marks the upload `ready`. An image the pipeline refuses
//! (too large, corrupt, unsupported) leaves the original file intact and fails the upload with the
//! pipeline's reason code.
//!
//! Running it twice is harmless: it only acts while the upload is `processing`, objects are
//! overwritten with identical bytes, and variant rows are upserted by (file, transform).

use std::time::Duration;

use anyhow::Context as _;
use apalis::prelude::*;
use carcosa_common::db::usage::{self, UsageKind};
use carcosa_common::db::variants::{self, NewVariant};
use carcosa_common::db::{files, uploads};
use carcosa_common::events::{Event, EventKind};
use carcosa_common::jobs::{GenerateVariants, Job as _};
use carcosa_common::transform::{TransformPolicy, TransformSpec};

use crate::WorkerState;
use crate::imaging::{self, Limits, Rendered, SourceInfo};

/// Queue name.
pub const QUEUE: &str = GenerateVariants::QUEUE;

/// Failure reason when the job kept erroring until its last attempt.
pub const GAVE_UP_REASON: &str = "variant_error";
/// Failure reason when decoding and encoding overran the time budget.
pub const TIMEOUT_REASON: &str = "processing_timeout";
/// Wall-clock budget for one image's pixel work.
const TIME_BUDGET: Duration = Duration::from_secs(30);

/// apalis entry point.
pub async fn handle(job: GenerateVariants, attempt: Attempt, state: Data<WorkerState>) -> Result<(), BoxDynError> {
    let file = job.file_id;
    crate::jobs::attempt(QUEUE, &state, &attempt, run(&state, &job), |_| async {
        match files::get_variant_source(&state.db, file).await {
            Ok(Some(source)) => {
                if let Err(e) = uploads::mark_failed(&state.db, source.upload_id, GAVE_UP_REASON).await {
                    tracing::error!(file.id = %file, error = %e, "could not record the variant failure");
                }
                state.events.announce(&state.db, source.upload_id).await;
            }
            other => tracing::error!(file.id = %file, result = ?other.map(|s| s.is_some()), "could not load the file to record the variant failure"),
        }
    })
    .await
}

/// One attempt.
pub async fn run(state: &WorkerState, job: &GenerateVariants) -> anyhow::Result<()> {
    let Some(source) = files::get_variant_source(&state.db, job.file_id)
        .await
        .context("loading the file")?
    else {
        tracing::warn!(file.id = %job.file_id, "file vanished before its variants were made");
        return Ok(());
    };
    if source.upload_status != "processing" {
        tracing::debug!(file.id = %source.id, upload.status = %source.upload_status, "variants already handled");
        return Ok(());
    }
    let policy = policy_of(&source);
    let limits = Limits::from(&policy.limits);
    if source.size > limits.max_input_bytes as i64 {
        let reason = "image_too_large";
        uploads::mark_failed(&state.db, source.upload_id, reason)
            .await
            .context("marking the upload failed")?;
        state.events.announce(&state.db, source.upload_id).await;
        return Ok(());
    }
    let (storage, bytes) = fetch_original(state, &source).await?;
    let specs: Vec<TransformSpec> = policy.presets.values().copied().collect();
    let started = EventKind::Processing {
        step: "variants".into(),
        done: 0,
        total: specs.len() as u32,
    };
    state
        .events
        .publish(Event::new(
            source.project_id,
            source.tenant_id,
            source.upload_id,
            started,
        ))
        .await;
    let rendered = match render_with_budget(QUEUE, bytes, limits, specs.clone()).await? {
        Ok(done) => done,
        Err(reason) => {
            uploads::mark_failed(&state.db, source.upload_id, reason)
                .await
                .context("marking the upload failed")?;
            tracing::info!(file.id = %source.id, reason, "image refused");
            state.events.announce(&state.db, source.upload_id).await;
            return Ok(());
        }
    };
    store(state, &storage, &source, &specs, rendered).await
}

/// The file's project policy; a stored policy that no longer validates falls back to defaults.
pub(crate) fn policy_of(source: &files::VariantSource) -> TransformPolicy {
    TransformPolicy::from_json(&source.transform_policy).unwrap_or_else(|e| {
        tracing::warn!(file.id = %source.id, error = %e, "invalid transform policy; using the defaults");
        TransformPolicy::default()
    })
}

/// The file's bucket client and the original's bytes.
pub(crate) async fn fetch_original(
    state: &WorkerState,
    source: &files::VariantSource,
) -> anyhow::Result<(carcosa_common::storage::Storage, Vec<u8>)> {
    let storage = state
        .bucket(source.bucket_id)
        .await?
        .context("the file's bucket no longer exists")?;
    let bytes = storage
        .get(&source.object_key)
        .await
        .map_err(|e| anyhow::anyhow!(e.detail()))
        .context("downloading the original")?;
    metrics::counter!("carcosa_worker_bytes_read_total").increment(bytes.len() as u64);
    Ok((storage, bytes))
}

/// Where a variant of the file is stored: `…/{upload}/_v/{canonical}` beside the original.
pub(crate) fn variant_key(source: &files::VariantSource, canonical: &str) -> String {
    let prefix = source.object_key.rsplit_once('/').map_or("", |(p, _)| p);
    format!("{prefix}/_v/{canonical}")
}

/// Writes a variant's bytes; returns their size.
pub(crate) async fn put_variant(
    storage: &carcosa_common::storage::Storage,
    key: &str,
    canonical: &str,
    bytes: Vec<u8>,
    format: carcosa_common::transform::Format,
) -> anyhow::Result<i64> {
    let size = bytes.len();
    storage
        .put(key, bytes, format.content_type())
        .await
        .map_err(|e| anyhow::anyhow!(e.detail()))
        .with_context(|| format!("writing variant {canonical}"))?;
    metrics::counter!("carcosa_worker_bytes_written_total").increment(size as u64);
    Ok(size as i64)
}

/// Pixel work on a blocking thread, bounded in time. Outer error: retry; inner: a reason code.
pub(crate) async fn render_with_budget(
    queue: &'static str,
    bytes: Vec<u8>,
    limits: Limits,
    specs: Vec<TransformSpec>,
) -> anyhow::Result<Result<(SourceInfo, Vec<Rendered>), &'static str>> {
    let work = tokio::task::spawn_blocking(move || {
        let cpu = cpu_time::ThreadTime::try_now().ok();
        let done = imaging::render(&bytes, &limits, &specs);
        if let Some(used) = cpu.and_then(|c| c.try_elapsed().ok()) {
            metrics::histogram!("carcosa_transform_cpu_seconds", "queue" => queue).record(used.as_secs_f64());
        }
        done
    });
    match tokio::time::timeout(TIME_BUDGET, work).await {
        Err(_) => Ok(Err(TIMEOUT_REASON)),
        Ok(joined) => match joined {
            Ok(Ok(done)) => Ok(Ok(done)),
            Ok(Err(refused)) => Ok(Err(refused.code())),
            Err(panic) => Err(anyhow::anyhow!("image worker thread failed: {panic}")),
        },
    }
}

async fn store(
    state: &WorkerState,
    storage: &carcosa_common::storage::Storage,
    source: &files::VariantSource,
    specs: &[TransformSpec],
    (info, outputs): (SourceInfo, Vec<Rendered>),
) -> anyhow::Result<()> {
    let mut rows = Vec::with_capacity(outputs.len());
    let total = outputs.len() as u32;
    for (i, (spec, out)) in specs.iter().zip(outputs).enumerate() {
        let canonical = spec.canonical();
        let key = variant_key(source, &canonical);
        let size = put_variant(storage, &key, &canonical, out.bytes, out.format).await?;
        let step = EventKind::Processing {
            step: "variants".into(),
            done: i as u32 + 1,
            total,
        };
        state
            .events
            .publish(Event::new(source.project_id, source.tenant_id, source.upload_id, step))
            .await;
        rows.push((
            canonical,
            key,
            out.format.extension(),
            size,
            out.width as i32,
            out.height as i32,
        ));
    }
    let (w, h) = info.display_size();
    let mut tx = state.db.begin().await.context("starting transaction")?;
    for (transform, object_key, format, size, width, height) in &rows {
        let new = NewVariant {
            file: source.id,
            transform,
            object_key,
            format,
            size: *size,
            width: *width,
            height: *height,
        };
        if variants::upsert(&mut *tx, &new).await.context("recording a variant")? {
            usage::record(
                &mut *tx,
                source.project_id,
                source.tenant_id,
                UsageKind::VariantProduced,
                *size,
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
    tx.commit().await.context("committing the variants")?;
    tracing::info!(file.id = %source.id, variants = rows.len(), width = w, height = h, "variants generated");
    state.events.announce(&state.db, source.upload_id).await;
    Ok(())
}
