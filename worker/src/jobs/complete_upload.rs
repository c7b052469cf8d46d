//! `complete_upload`: enqueued by `POST /v1/uploads/{id}/complete` in the transaction that moved
//! the upload to `verifying`. It HEADs the object, compares size and type with what was signed
//! and with the project's current rules, sniffs the first bytes, then records the file and marks
//! the upload `ready` — or deletes the object and marks the upload `failed` with a reason.
//!
//! Running it twice is harmless: it only acts on an upload still in `verifying`, the file insert
//! is keyed by upload id, and every state change is conditional on the current state.

use anyhow::Context as _;
use apalis::prelude::*;
use carcosa_common::db::usage::{self, UsageKind};
use carcosa_common::db::{files, uploads};
use carcosa_common::domain::{ContentType, Quotas, UploadRules};
use carcosa_common::jobs::{self, CompleteUpload, GenerateVariants, Job as _};
use carcosa_common::storage::{ObjectHead, Storage, StorageError};
use carcosa_common::transform::is_renderable;

use crate::WorkerState;
use crate::sniff::{SNIFF_LEN, matches_declared};

/// Queue name.
pub const QUEUE: &str = CompleteUpload::QUEUE;

/// Why an upload was rejected; the string is the stable `failure_reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// Nothing at the key.
    ObjectMissing,
    /// Stored size differs from the signed size.
    SizeMismatch,
    /// Stored or sniffed type differs from the signed type, or the type is no longer allowed.
    TypeMismatch,
    /// Over the project's current size cap.
    TooLarge,
    /// Storing it would break the project's storage quota.
    QuotaExceeded,
}

impl Rejection {
    /// The stable reason code.
    pub fn code(self) -> &'static str {
        match self {
            Self::ObjectMissing => "object_missing",
            Self::SizeMismatch => "size_mismatch",
            Self::TypeMismatch => "type_mismatch",
            Self::TooLarge => "too_large",
            Self::QuotaExceeded => "quota_exceeded",
        }
    }
}

/// Failure reason recorded when verification kept erroring until the last attempt.
pub const GAVE_UP_REASON: &str = "verification_error";

/// apalis entry point.
pub async fn handle(job: CompleteUpload, attempt: Attempt, state: Data<WorkerState>) -> Result<(), BoxDynError> {
    let id = job.upload_id;
    crate::jobs::attempt(QUEUE, &state, &attempt, run(&state, &job), |_| async {
        if let Err(e) = uploads::mark_failed(&state.db, id, GAVE_UP_REASON).await {
            tracing::error!(upload.id = %id, error = %e, "could not record the verification failure");
        }
        state.events.announce(&state.db, id).await;
    })
    .await
}

/// One verification attempt.
pub async fn run(state: &WorkerState, job: &CompleteUpload) -> anyhow::Result<()> {
    let id = job.upload_id;
    let Some(upload) = uploads::get_for_verification(&state.db, id)
        .await
        .context("loading upload")?
    else {
        tracing::warn!(upload.id = %id, "upload vanished before verification");
        return Ok(());
    };
    if upload.status != "verifying" {
        tracing::debug!(upload.id = %id, upload.status = %upload.status, "already verified");
        return Ok(());
    }
    let storage = state
        .bucket(upload.bucket_id)
        .await?
        .context("the upload's bucket no longer exists")?;
    let head = match storage.head(&upload.object_key).await {
        Ok(head) => head,
        Err(StorageError::NotFound) => return reject(state, &storage, &upload, Rejection::ObjectMissing).await,
        Err(e) => return Err(anyhow::anyhow!(e.detail())).context("HEAD of the uploaded object"),
    };
    let first = storage
        .read_head_bytes(&upload.object_key, SNIFF_LEN)
        .await
        .map_err(|e| anyhow::anyhow!(e.detail()))
        .context("reading the object's first bytes")?;
    if let Err(rejection) = check(&upload, &head, &first) {
        return reject(state, &storage, &upload, rejection).await;
    }
    accept(state, &storage, &upload, &head).await
}

/// Compares what arrived with what was signed and what the project allows now.
pub fn check(upload: &uploads::VerifyRow, head: &ObjectHead, first: &[u8]) -> Result<(), Rejection> {
    if head.size != upload.size {
        return Err(Rejection::SizeMismatch);
    }
    let rules = UploadRules {
        max_upload_bytes: upload.max_upload_bytes,
        allowed_content_types: upload.allowed_content_types.clone(),
    };
    if head.size > rules.max_upload_bytes {
        return Err(Rejection::TooLarge);
    }
    let declared = ContentType::parse(&upload.content_type).map_err(|_| Rejection::TypeMismatch)?;
    let stored = head.content_type.as_deref().map(ContentType::parse);
    if stored.is_some_and(|s| s.ok().as_ref() != Some(&declared)) {
        return Err(Rejection::TypeMismatch);
    }
    if !rules.allows_type(&declared) || !matches_declared(&declared, first) {
        return Err(Rejection::TypeMismatch);
    }
    Ok(())
}

/// Deletes a rejected object (first, so a retry after a failed delete finds the upload still
/// `verifying` and tries again), then records the failure.
async fn reject(
    state: &WorkerState,
    storage: &Storage,
    upload: &uploads::VerifyRow,
    why: Rejection,
) -> anyhow::Result<()> {
    if why != Rejection::ObjectMissing {
        storage
            .delete(&upload.object_key)
            .await
            .map_err(|e| anyhow::anyhow!(e.detail()))
            .context("deleting the rejected object")?;
    }
    uploads::mark_failed(&state.db, upload.id, why.code())
        .await
        .context("marking the upload failed")?;
    tracing::info!(upload.id = %upload.id, upload.failure_reason = why.code(), "upload rejected");
    state.events.announce(&state.db, upload.id).await;
    Ok(())
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
            return reject(state, storage, upload, Rejection::QuotaExceeded).await;
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
    let moved = if is_renderable(&upload.content_type) {
        let moved = uploads::mark_processing(&mut *tx, upload.id)
            .await
            .context("marking the upload processing")?;
        if moved {
            let job = GenerateVariants { file_id };
            jobs::enqueue(&mut tx, &job, state.config.worker.max_attempts)
                .await
                .context("enqueueing variants")?;
        }
        moved
    } else {
        uploads::mark_ready(&mut *tx, upload.id)
            .await
            .context("marking the upload ready")?
    };
    if moved {
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
    tracing::info!(upload.id = %upload.id, file.id = %file_id, size = head.size, "upload verified");
    // Images announce their progress from `generate_variants` (which starts at once).
    if moved && !is_renderable(&upload.content_type) {
        state.events.announce(&state.db, upload.id).await;
    }
    Ok(())
}
