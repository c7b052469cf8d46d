//! Resumable multipart uploads, beside the single-PUT ones of [`super::uploads`]: part URLs in
//! batches (`GET /v1/uploads/{id}/parts`), what the bucket already holds (`GET
//! /v1/uploads/{id}/parts/uploaded`, for resuming after a reload), completion (called from
//! `POST /v1/uploads/{id}/complete`) and abort (`DELETE /v1/uploads/{id}`, any pending upload).
//!
//! The part layout is fixed at presign time (`part_size`, `part_count`) and each part URL signs
//! its exact length, so the bucket only accepts parts of the declared shape. Completion still
//! sums what ListParts reports and compares it with the declared size before
//! CompleteMultipartUpload: a store that ignores the signed length cannot slip a larger object
//! in. Upload bytes never pass through the API.

use std::time::Duration;

use axum::extract::State;
use carcosa_common::db::uploads::{self, Upload};
use carcosa_common::domain::{FailureReason, UploadId, UploadStatus};
use carcosa_common::events::{Event, EventKind};
use carcosa_common::jobs::{self, CompleteUpload, DeleteObjects};
use carcosa_common::storage::multipart::{UploadedPart, part_len};
use carcosa_common::storage::{PresignedRequest, StorageError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::auth::{Auth, ProjectScope, perm};
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::openapi::{KEY, NOT_FOUND, QUERY, errors};
use crate::routes::Routes;
use crate::routes::uploads::UploadResponse;
use crate::state::AppState;

/// Most part URLs one `GET …/parts` signs.
pub const MAX_PART_BATCH: i64 = 1000;
const DEFAULT_PART_BATCH: i64 = 100;

/// How a multipart upload is cut, as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MultipartInfo {
    /// Bytes per part: every part but the last is exactly this long.
    pub part_size: i64,
    /// Number of parts (numbered from 1).
    pub part_count: i32,
    /// Where to get presigned part URLs (`?from=&count=`).
    pub parts_url: String,
}

impl MultipartInfo {
    /// The layout of `upload`, if it is multipart.
    pub fn of(upload: &Upload) -> Option<Self> {
        let (_, part_size, part_count) = upload.multipart_layout()?;
        Some(Self {
            part_size,
            part_count,
            parts_url: format!("/v1/uploads/{}/parts", upload.id),
        })
    }
}

/// Query of `GET /v1/uploads/{id}/parts`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PartsQuery {
    /// First part number (default 1).
    pub from: Option<i64>,
    /// How many parts (default 100, at most 1000).
    pub count: Option<i64>,
}

/// A presigned `UploadPart` request.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PartUrl {
    /// Part number.
    pub part_number: i32,
    /// The part's exact length in bytes (signed: send exactly this many).
    pub size: i64,
    /// The request: send `method` to `url` with exactly `headers`; keep the response's `ETag`.
    #[serde(flatten)]
    pub request: PresignedRequest,
}

/// Answer of `GET /v1/uploads/{id}/parts`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PartUrls {
    /// The part URLs asked for, by part number.
    pub parts: Vec<PartUrl>,
    /// Total parts of the upload.
    pub part_count: i32,
}

/// Answer of `GET /v1/uploads/{id}/parts/uploaded`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UploadedParts {
    /// The parts the bucket holds, by part number.
    pub parts: Vec<UploadedPart>,
    /// Total parts of the upload.
    pub part_count: i32,
    /// Bytes the bucket holds so far.
    pub uploaded_bytes: i64,
}

/// A part the client uploaded, as it reports it to `complete`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletedPartRef {
    /// Part number.
    pub part_number: i32,
    /// The `ETag` the bucket answered the part's `PUT` with (quotes optional).
    pub etag: String,
}

/// A pending multipart upload of the key's project, or the error that says why not.
async fn pending_multipart(state: &AppState, project: &ProjectScope, id: UploadId) -> Result<Upload, ApiError> {
    let upload = uploads::get(&state.db, project.id, id)
        .await?
        .ok_or(ApiError::NotFound("upload"))?;
    if upload.multipart_id.is_none() {
        return Err(ApiError::Conflict {
            code: "not_multipart",
            message: "this upload is a single PUT; it has no parts".into(),
        });
    }
    match upload.status {
        UploadStatus::Pending if upload.expires_at > Utc::now() => Ok(upload),
        UploadStatus::Pending | UploadStatus::Expired => Err(expired()),
        _ => Err(not_pending(upload.status)),
    }
}

fn expired() -> ApiError {
    ApiError::Conflict {
        code: "upload_expired",
        message: "this upload expired before it was completed; create a new upload".into(),
    }
}

fn not_pending(status: UploadStatus) -> ApiError {
    ApiError::Conflict {
        code: "upload_not_pending",
        message: format!("this upload is already {status}; it takes no more parts"),
    }
}

errors!(
    PartsErrors = KEY,
    NOT_FOUND,
    QUERY,
    &[
        (403, &["bucket_access_revoked"]),
        (409, &["not_multipart", "upload_expired", "upload_not_pending"])
    ]
);

/// `GET /v1/uploads/{id}/parts?from=&count=` → presigned part URLs.
#[utoipa::path(
    get,
    path = "/v1/uploads/{id}/parts",
    tag = "uploads",
    summary = "Presign upload parts",
    description = "Presigned `UploadPart` requests for parts `from` … `from + count − 1` of a multipart upload \
                   (at most 1000 per call). Each signs the part's exact length; `PUT` the part's bytes and keep \
                   the `ETag` of the answer. URLs live for the server's upload URL lifetime (or until the upload \
                   expires); ask again for fresh ones at any time.",
    params(("id" = UploadId, Path, description = "Upload id."), PartsQuery),
    responses((status = 200, description = "Part URLs.", body = PartUrls), PartsErrors),
    security(("api_key" = ["files:write"])),
)]
async fn part_urls(
    auth: Auth<perm::FilesWrite>,
    State(state): State<AppState>,
    Path(id): Path<UploadId>,
    Query(q): Query<PartsQuery>,
) -> Result<Json<PartUrls>, ApiError> {
    super::uploads::check_bucket_access(&auth.project)?;
    let upload = pending_multipart(&state, &auth.project, id).await?;
    let Some((mp, part_size, count)) = upload.multipart_layout() else {
        return Err(ApiError::Internal("multipart upload without its layout".into()));
    };
    let from = q.from.unwrap_or(1);
    let batch = q.count.unwrap_or(DEFAULT_PART_BATCH);
    if !(1..=i64::from(count)).contains(&from) {
        return Err(ApiError::validation(
            "from",
            format!("from must be a part number between 1 and {count}"),
        ));
    }
    if !(1..=MAX_PART_BATCH).contains(&batch) {
        return Err(ApiError::validation(
            "count",
            format!("count must be between 1 and {MAX_PART_BATCH}"),
        ));
    }
    let last = (from + batch - 1).min(i64::from(count));
    let remaining = (upload.expires_at - Utc::now()).to_std().unwrap_or_default();
    let ttl = Duration::from_secs(state.config.uploads.url_ttl_secs).min(remaining);
    if ttl < Duration::from_secs(1) {
        return Err(expired());
    }
    let staging = upload.put_key();
    let bucket = state
        .storage_for(auth.project.bucket_id, Some(auth.project.bucket_version))
        .await?;
    let mut parts = Vec::with_capacity((last - from + 1) as usize);
    for number in from..=last {
        let size = part_len(upload.size, part_size, number);
        let request = bucket.presign_part(staging, mp, number as i32, size, ttl).await?;
        parts.push(PartUrl {
            part_number: number as i32,
            size,
            request,
        });
    }
    Ok(Json(PartUrls {
        parts,
        part_count: count,
    }))
}

errors!(
    UploadedErrors = KEY,
    NOT_FOUND,
    &[(409, &["not_multipart", "upload_expired", "upload_not_pending"])]
);

/// `GET /v1/uploads/{id}/parts/uploaded` → what the bucket holds (ListParts, all pages).
#[utoipa::path(
    get,
    path = "/v1/uploads/{id}/parts/uploaded",
    tag = "uploads",
    summary = "List uploaded parts",
    description = "The parts of a multipart upload the bucket already holds, with their sizes and ETags \
                   (every page of S3's ListParts). A client resuming after a reload or a dropped connection \
                   uploads only the parts missing here.",
    params(("id" = UploadId, Path, description = "Upload id.")),
    responses((status = 200, description = "Uploaded parts.", body = UploadedParts), UploadedErrors),
    security(("api_key" = ["files:write"])),
)]
async fn uploaded_parts(
    auth: Auth<perm::FilesWrite>,
    State(state): State<AppState>,
    Path(id): Path<UploadId>,
) -> Result<Json<UploadedParts>, ApiError> {
    let upload = pending_multipart(&state, &auth.project, id).await?;
    let Some((mp, _, count)) = upload.multipart_layout() else {
        return Err(ApiError::Internal("multipart upload without its layout".into()));
    };
    let staging = upload.put_key();
    let bucket = state
        .storage_for(auth.project.bucket_id, Some(auth.project.bucket_version))
        .await?;
    let parts = match bucket.list_parts(staging, mp).await {
        Ok(parts) => parts,
        // Completed or aborted by a call that raced this one.
        Err(StorageError::NotFound) => return Err(not_pending(UploadStatus::Verifying)),
        Err(e) => return Err(e.into()),
    };
    let uploaded_bytes = parts.iter().map(|p| p.size).sum();
    Ok(Json(UploadedParts {
        parts,
        part_count: count,
        uploaded_bytes,
    }))
}

/// What completing a multipart upload did.
pub enum Completed {
    /// CompleteMultipartUpload succeeded; the upload is now `verifying` with its job queued.
    Verifying,
    /// It was not (or no longer) a pending multipart upload: nothing done.
    NotPending,
}

/// Completes a pending multipart upload: checks the parts the bucket holds against the layout
/// (every part present and of its exact length — so their sum is the declared size), then
/// CompleteMultipartUpload, then `pending → verifying` and the verification job in one
/// transaction. The row stays locked throughout, so concurrent completions run one at a time.
///
/// Missing parts answer 409 `parts_missing` and change nothing (upload them and complete again).
/// Parts whose sizes do not add up fail the upload with `size_mismatch` and abort the multipart
/// upload. `given` (the client's part list) must agree with the bucket's ETags.
pub async fn complete(
    state: &AppState,
    project: &ProjectScope,
    id: UploadId,
    given: Option<&[CompletedPartRef]>,
) -> Result<Completed, ApiError> {
    let mut tx = state.db.begin().await?;
    let Some(upload) = uploads::lock_pending(&mut *tx, project.id, id).await? else {
        return Ok(Completed::NotPending);
    };
    let Some((mp, part_size, count)) = upload.multipart_layout() else {
        return Ok(Completed::NotPending);
    };
    let staging = upload.put_key();
    let bucket = state
        .storage_for(project.bucket_id, Some(project.bucket_version))
        .await?;
    match bucket.list_parts(staging, mp).await {
        Ok(parts) => {
            if let Err(problem) = check_parts(&parts, upload.size, part_size, count, given) {
                return match problem {
                    PartsProblem::Client(e) => Err(e),
                    PartsProblem::SizeMismatch(message) => {
                        fail(state, tx, &upload, FailureReason::SizeMismatch).await?;
                        Err(ApiError::Conflict {
                            code: "size_mismatch",
                            message,
                        })
                    }
                };
            }
            bucket.complete_multipart(staging, mp, &parts).await?;
        }
        // A completion whose commit was lost (the store finished, the database did not): the
        // object is there, and verification checks it like any other.
        Err(StorageError::NotFound) if bucket.head(staging).await.is_ok() => {}
        Err(StorageError::NotFound) => {
            fail(state, tx, &upload, FailureReason::ObjectMissing).await?;
            return Err(ApiError::Conflict {
                code: "upload_not_pending",
                message: "the bucket no longer knows this multipart upload (it was aborted); create a new upload"
                    .into(),
            });
        }
        Err(e) => return Err(e.into()),
    }
    uploads::begin_verifying(&mut *tx, project.id, id).await?;
    jobs::enqueue(
        &mut tx,
        &CompleteUpload { upload_id: id },
        state.config.worker.max_attempts,
    )
    .await?;
    tx.commit().await?;
    Ok(Completed::Verifying)
}

enum PartsProblem {
    /// Nothing wrong with the upload yet: the client must do something first.
    Client(ApiError),
    /// The parts cannot make the declared object.
    SizeMismatch(String),
}

fn check_parts(
    parts: &[UploadedPart],
    size: i64,
    part_size: i64,
    count: i32,
    given: Option<&[CompletedPartRef]>,
) -> Result<(), PartsProblem> {
    if let Some(extra) = parts.iter().find(|p| p.part_number < 1 || p.part_number > count) {
        return Err(PartsProblem::SizeMismatch(format!(
            "the bucket holds part {}, but this upload has {count} parts",
            extra.part_number
        )));
    }
    let missing: Vec<i32> = (1..=count)
        .filter(|n| parts.binary_search_by_key(n, |p| p.part_number).is_err())
        .collect();
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(20).map(i32::to_string).collect();
        let more = if missing.len() > 20 { ", …" } else { "" };
        return Err(PartsProblem::Client(ApiError::Conflict {
            code: "parts_missing",
            message: format!(
                "{} of {count} parts have not reached the bucket (parts {}{more}); upload them and complete again",
                missing.len(),
                shown.join(", ")
            ),
        }));
    }
    // The client's stale view first: nothing is lost by telling it, and it may re-send.
    for claim in given.unwrap_or_default() {
        let held = parts.iter().find(|p| p.part_number == claim.part_number);
        if held.is_none_or(|p| p.etag != claim.etag.trim_matches('"')) {
            return Err(PartsProblem::Client(ApiError::Conflict {
                code: "part_mismatch",
                message: format!(
                    "part {} in the bucket is not the one you uploaded (its ETag differs); list the uploaded parts and upload it again",
                    claim.part_number
                ),
            }));
        }
    }
    let stored: i64 = parts.iter().map(|p| p.size).sum();
    if let Some(wrong) = parts
        .iter()
        .find(|p| p.size != part_len(size, part_size, i64::from(p.part_number)))
    {
        return Err(PartsProblem::SizeMismatch(format!(
            "part {} holds {} bytes instead of {}; the parts add up to {stored} bytes, not the declared {size}",
            wrong.part_number,
            wrong.size,
            part_len(size, part_size, i64::from(wrong.part_number))
        )));
    }
    Ok(())
}

/// `pending → failed` with `why`, with the job that aborts the multipart upload and deletes
/// anything at the staging key, in the transaction that holds the row; then the live event.
async fn fail(
    state: &AppState,
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    upload: &Upload,
    why: FailureReason,
) -> Result<(), ApiError> {
    if let Some(swept) = uploads::fail_pending(&mut *tx, upload.project_id, upload.id, why).await? {
        let job = DeleteObjects::leftovers(swept.bucket_id, [&swept]);
        jobs::enqueue(&mut tx, &job, state.config.worker.max_attempts).await?;
    }
    tx.commit().await?;
    let event = Event::new(
        upload.project_id,
        upload.tenant_id,
        upload.id,
        EventKind::Failed { reason: why },
    );
    state.events.publish(event).await;
    Ok(())
}

errors!(AbortErrors = KEY, NOT_FOUND, &[(409, &["upload_not_pending"])]);

/// `DELETE /v1/uploads/{id}` → the upload, now `failed` with `aborted`.
#[utoipa::path(
    delete,
    path = "/v1/uploads/{id}",
    tag = "uploads",
    summary = "Abort an upload",
    description = "Abandons a pending upload (single PUT or multipart): it ends `failed` with `aborted`, a \
                   multipart upload is aborted in the bucket (its parts freed) and anything already sent is \
                   deleted. A completed upload cannot be aborted: delete its file instead.",
    params(("id" = UploadId, Path, description = "Upload id.")),
    responses((status = 200, description = "Aborted.", body = UploadResponse), AbortErrors),
    security(("api_key" = ["files:write"])),
)]
pub(super) async fn abort_upload(
    auth: Auth<perm::FilesWrite>,
    State(state): State<AppState>,
    Path(id): Path<UploadId>,
) -> Result<Json<UploadResponse>, ApiError> {
    let project = auth.project.id;
    let mut tx = state.db.begin().await?;
    let Some(upload) = uploads::lock_pending(&mut *tx, project, id).await? else {
        let upload = uploads::get(&state.db, project, id)
            .await?
            .ok_or(ApiError::NotFound("upload"))?;
        if upload.status == UploadStatus::Failed && upload.failure_reason == Some(FailureReason::Aborted) {
            return Ok(Json(UploadResponse::from_row(upload)));
        }
        return Err(ApiError::Conflict {
            code: "upload_not_pending",
            message: format!(
                "this upload is already {}; only a pending upload can be aborted (delete the file instead)",
                upload.status
            ),
        });
    };
    fail(&state, tx, &upload, FailureReason::Aborted).await?;
    let upload = uploads::get(&state.db, project, id)
        .await?
        .ok_or(ApiError::NotFound("upload"))?;
    Ok(Json(UploadResponse::from_row(upload)))
}

/// When a multipart upload created now must be completed by.
pub fn deadline(state: &AppState, requested: Option<u64>) -> Result<(Duration, DateTime<Utc>), ApiError> {
    let secs = match requested {
        None => state.config.uploads.multipart_ttl_secs,
        Some(s) if (600..=604_800).contains(&s) => s,
        Some(_) => {
            return Err(ApiError::validation(
                "expires_in",
                "a multipart upload's expires_in must be between 600 and 604800 seconds",
            ));
        }
    };
    let ttl = Duration::from_secs(secs);
    Ok((ttl, Utc::now() + chrono::Duration::seconds(secs as i64)))
}

/// Multipart routes (completion goes through `POST /v1/uploads/{id}/complete`, abort is on the
/// upload's own path in [`super::uploads::router`]).
pub fn router() -> Routes {
    Routes::new().route(routes!(part_urls)).route(routes!(uploaded_parts))
}
