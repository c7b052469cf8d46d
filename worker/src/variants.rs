//! What the two producers of variants — `generate_variants` (presets at upload) and `transform`
//! (on demand) — share: the file's policy, the original's bytes, the render (in a child process,
//! see [`crate::render`]), and writing a variant. Keys come only from `common::storage`.

use anyhow::Context as _;
use carcosa_common::db::files::VariantSource;
use carcosa_common::domain::FailureReason;
use carcosa_common::storage::{self, Storage};
use carcosa_common::transform::{Format, TransformPolicy, TransformSpec};

use crate::WorkerState;
use crate::imaging::Limits;
use crate::render::{RenderDone, Renderer};

/// The file's project policy; a stored policy that no longer validates falls back to defaults.
pub fn policy_of(source: &VariantSource) -> TransformPolicy {
    TransformPolicy::from_json(&source.transform_policy).unwrap_or_else(|e| {
        tracing::warn!(file.id = %source.id, error = %e, "invalid transform policy; using the defaults");
        TransformPolicy::default()
    })
}

/// The file's bucket client and the original's bytes.
pub async fn fetch_original(state: &WorkerState, source: &VariantSource) -> anyhow::Result<(Storage, Vec<u8>)> {
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

/// Checks the source against the input limit, fetches it and renders `specs` with `renderer`.
/// Outer error: retry; inner: the pipeline's verdict.
pub async fn render(
    state: &WorkerState,
    renderer: &Renderer,
    queue: &'static str,
    source: &VariantSource,
    limits: Limits,
    specs: Vec<TransformSpec>,
) -> anyhow::Result<Result<(Storage, RenderDone), FailureReason>> {
    if source.size > limits.max_input_bytes as i64 {
        return Ok(Err(FailureReason::ImageTooLarge));
    }
    let (storage, bytes) = fetch_original(state, source).await?;
    Ok(renderer
        .render(bytes, limits, specs, queue)
        .await?
        .map(|done| (storage, done)))
}

/// Where a variant of the file is stored: `…/{upload}/_v/{canonical}` beside the original.
pub fn key(source: &VariantSource, canonical: &str) -> String {
    storage::variant_key(&source.object_key, canonical)
}

/// Writes a variant's bytes; returns their size.
pub async fn put(storage: &Storage, key: &str, canonical: &str, bytes: Vec<u8>, format: Format) -> anyhow::Result<i64> {
    let size = bytes.len();
    storage
        .put(key, bytes, format.content_type())
        .await
        .map_err(|e| anyhow::anyhow!(e.detail()))
        .with_context(|| format!("writing variant {canonical}"))?;
    metrics::counter!("carcosa_worker_bytes_written_total").increment(size as u64);
    Ok(size as i64)
}
