//! `complete_upload`: enqueued by `POST /v1/uploads/{id}/complete` in the transaction that moved
//! the upload to `verifying`. It HEADs the staging object (the only key the client could PUT
//! to), compares size and type with what was signed and with the project's current rules, sniffs
//! the first bytes, copies the object to its final key (a key no client URL can write), records
//! the file and marks the upload `ready` — or `processing` for images, whose presets come next —
//! and deletes the staging object. A rejected upload's object is deleted and the upload marked
//! `failed` with a reason.
//!
//! The client's URL stays valid until it expires, so the staging object may change while this
//! job runs. Every read is tied to the ETag of the first HEAD: the sniffed bytes must come from
//! that version, and the copy is conditional on it (`x-amz-copy-source-if-match`), so the store
//! copies the verified version or nothing (the job then tries again). The ETag of the copy is not
//! compared: with SSE-KMS a copy gets a new one. What a client PUTs after verification stays on
//! the staging key, unreferenced, until the sweep deletes it.
//!
//! Running it twice is harmless: it only acts on an upload still in `verifying`, the copy and
//! the file insert are idempotent (the file is keyed by upload id), every state change is
//! conditional on the current state, and the staging object is deleted only after the commit.

use anyhow::Context as _;
use carcosa_common::db::usage::{self, UsageKind};
use carcosa_common::db::{files, uploads};
use carcosa_common::domain::{ContentType, FailureReason, Quotas, UploadRules, UploadStatus};
use carcosa_common::jobs::{self, CompleteUpload, DeleteObjects, GenerateVariants, Job as _};
use carcosa_common::sniff::{SNIFF_LEN, matches_declared};
use carcosa_common::storage::{ObjectHead, Storage, StorageError};
use carcosa_common::transform::is_renderable;

use crate::WorkerState;
use crate::jobs::QueueJob;

/// Queue name.
pub const QUEUE: &str = CompleteUpload::QUEUE;

impl QueueJob for CompleteUpload {
    const CPU_BOUND: bool = false;
    const BATCH_PER_SLOT: usize = super::SHORT_JOBS_BATCH_PER_SLOT;

    async fn run(&self, state: &WorkerState) -> anyhow::Result<()> {
        run(state, self).await
    }

    async fn give_up(&self, state: &WorkerState) {
        if let Err(e) = uploads::mark_failed(&state.db, self.upload_id, FailureReason::VerificationError).await {
            tracing::error!(error = %e, "could not record the verification failure");
        }
        state.events.announce(&state.db, self.upload_id).await;
    }

    fn span(&self, attempt: usize) -> tracing::Span {
        tracing::info_span!("job", job.queue = QUEUE, job.attempt = attempt, upload.id = %self.upload_id)
    }
}

/// One verification attempt.
pub async fn run(state: &WorkerState, job: &CompleteUpload) -> anyhow::Result<()> {
    let Some(upload) = uploads::get_for_verification(&state.db, job.upload_id)
        .await
        .context("loading upload")?
    else {
        tracing::warn!("upload vanished before verification");
        return Ok(());
    };
    if upload.status != UploadStatus::Verifying {
        tracing::debug!(upload.status = %upload.status, "already verified");
        return Ok(());
    }
    let storage = state
        .bucket(upload.bucket_id)
        .await?
        .context("the upload's bucket no longer exists")?;
    let source = source_key(&upload);
    let head = match storage.head(source).await {
        Ok(head) => head,
        Err(StorageError::NotFound) => {
            return reject(state, &upload, FailureReason::ObjectMissing).await;
        }
        Err(e) => return Err(anyhow::anyhow!(e.detail())).context("HEAD of the uploaded object"),
    };
    let (first, read_etag) = storage
        .read_head_bytes(source, SNIFF_LEN)
        .await
        .map_err(|e| anyhow::anyhow!(e.detail()))
        .context("reading the object's first bytes")?;
    anyhow::ensure!(
        read_etag == head.etag,
        "the object changed while it was being verified; verifying it again"
    );
    if let Err(rejection) = check(&upload, &head, &first) {
        return reject(state, &upload, rejection).await;
    }
    if upload.staging_key.is_some() {
        promote(&storage, &upload, &head).await?;
    }
    accept(state, &storage, &upload, &head).await
}

/// Compares what arrived with what was signed and what the project allows now.
pub fn check(upload: &uploads::VerifyRow, head: &ObjectHead, first: &[u8]) -> Result<(), FailureReason> {
    if head.size != upload.size {
        return Err(FailureReason::SizeMismatch);
    }
    let rules = UploadRules {
        max_upload_bytes: upload.max_upload_bytes,
        allowed_content_types: upload.allowed_content_types.clone(),
    };
    if head.size > rules.max_upload_bytes {
        return Err(FailureReason::TooLarge);
    }
    let declared = ContentType::parse(&upload.content_type).map_err(|_| FailureReason::TypeMismatch)?;
    let stored = head.content_type.as_deref().map(ContentType::parse);
    if stored.is_some_and(|s| s.ok().as_ref() != Some(&declared)) {
        return Err(FailureReason::TypeMismatch);
    }
    if !rules.allows_type(&declared) || !matches_declared(&declared, first) {
        return Err(FailureReason::TypeMismatch);
    }
    Ok(())
}

/// Copies the verified staging object to the final key — only the verified version: the copy is
/// conditional on its ETag, and a changed object fails the attempt (to be verified again).
async fn promote(storage: &Storage, upload: &uploads::VerifyRow, verified: &ObjectHead) -> anyhow::Result<()> {
    let staging = source_key(upload);
    match storage
        .copy_sized(staging, &upload.object_key, verified.size, verified.etag.as_deref())
        .await
    {
        Ok(()) => Ok(()),
        Err(StorageError::Changed) => {
            anyhow::bail!("the staging object changed during verification; verifying it again")
        }
        Err(e) => Err(anyhow::anyhow!(e.detail())).context("copying the verified object to its key"),
    }
}

/// Records the failure and, in the same transaction, queues the deletion of the rejected
/// object: where the client PUT it — and, after a quota refusal, also at the final key it was
/// already copied to. Deleting first and recording after (as this did) lost the reason when the
/// record failed (a database restart, seen in the chaos soak): the retry found the object gone
/// and recorded `object_missing` instead. The delete job retries on its own, so an unreachable
/// bucket delays the deletion, not the answer.
async fn reject(state: &WorkerState, upload: &uploads::VerifyRow, why: FailureReason) -> anyhow::Result<()> {
    let copied = why == FailureReason::QuotaExceeded && upload.staging_key.is_some();
    let keys: Vec<String> = match why {
        FailureReason::ObjectMissing => vec![],
        _ if copied => vec![upload.object_key.clone(), source_key(upload).to_owned()],
        _ => vec![source_key(upload).to_owned()],
    };
    let mut tx = state.db.begin().await.context("starting transaction")?;
    let marked = uploads::mark_failed(&mut *tx, upload.id, why)
        .await
        .context("marking the upload failed")?;
    if marked && !keys.is_empty() {
        let job = DeleteObjects {
            bucket_id: upload.bucket_id,
            keys,
            prefixes: Vec::new(),
            aborts: Vec::new(),
        };
        jobs::enqueue(&mut tx, &job, state.config.worker.max_attempts)
            .await
            .context("queueing the rejected object's deletion")?;
    }
    tx.commit().await.context("committing the rejection")?;
    tracing::info!(upload.failure_reason = %why, "upload rejected");
    state.events.announce(&state.db, upload.id).await;
    Ok(())
}

/// Where the client's bytes are: the staging key, or — for an upload from before staging keys —
/// the object key itself.
fn source_key(upload: &uploads::VerifyRow) -> &str {
    upload.staging_key.as_deref().unwrap_or(&upload.object_key)
}

async fn accept(
    state: &WorkerState,
    storage: &Storage,
    upload: &uploads::VerifyRow,
    head: &ObjectHead,
) -> anyhow::Result<()> {
    let mut tx = state.db.begin().await.context("starting transaction")?;
    let quotas = Quotas {
        max_stored_bytes: upload.quota_max_stored_bytes,
        max_files: upload.quota_max_files,
        max_transforms_per_month: None,
    };
    if quotas.limits_storage() {
        let (files, bytes) = usage::lock_stored(&mut tx, upload.project_id)
            .await
            .context("reading the project's storage")?;
        if quotas.check_store(files, bytes, head.size).is_err() {
            drop(tx);
            return reject(state, upload, FailureReason::QuotaExceeded).await;
        }
    }
    let new = files::NewFile {
        project: upload.project_id,
        tenant: upload.tenant_id,
        upload: upload.id,
        bucket: upload.bucket_id,
        object_key: &upload.object_key,
        filename: &upload.filename,
        size: head.size,
        content_type: &upload.content_type,
        etag: head.etag.as_deref(),
        metadata: &upload.metadata,
    };
    let file_id = files::insert(&mut *tx, &new).await.context("recording the file")?;
    // Images get their preset variants before they are ready; anything else is ready now.
    let renderable = is_renderable(&upload.content_type);
    let moved = if renderable {
        uploads::mark_processing(&mut *tx, upload.id).await
    } else {
        uploads::mark_ready(&mut *tx, upload.id).await
    }
    .context("moving the upload on")?;
    if moved {
        if renderable {
            jobs::enqueue(&mut tx, &GenerateVariants { file_id }, state.config.worker.max_attempts)
                .await
                .context("enqueueing variants")?;
        }
        usage::record(
            &mut *tx,
            upload.project_id,
            upload.tenant_id,
            UsageKind::UploadVerified,
            head.size,
        )
        .await
        .context("recording usage")?;
    }
    tx.commit().await.context("committing the verified file")?;
    tracing::info!(file.id = %file_id, size = head.size, "upload verified");
    // Images announce their progress from `generate_variants` (which starts at once). Announced
    // before the staging delete, which can wait out an unreachable bucket.
    if moved && !renderable {
        state.events.announce(&state.db, upload.id).await;
    }
    release_staging(storage, upload).await;
    Ok(())
}

/// Deletes the staging object once the file is recorded. Failing here loses nothing: the sweep
/// deletes every staging key once its URL has expired.
async fn release_staging(storage: &Storage, upload: &uploads::VerifyRow) {
    if let Some(staging) = &upload.staging_key
        && let Err(e) = storage.delete(staging).await
    {
        tracing::warn!(error = %e.detail(), "staging object not deleted; the sweep will");
    }
}
