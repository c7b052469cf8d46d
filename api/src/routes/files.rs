//! Files: list (cursor pagination, tenant filter), get, download (short-lived presigned GET) and
//! delete (row removed and object deletion enqueued in one transaction).

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use carcosa_common::db::usage::{self, UsageKind};
use carcosa_common::db::{files, variants};
use carcosa_common::domain::{FailureReason, FileId, ProjectId, UploadId, UploadStatus};
use carcosa_common::events::{Event, EventKind};
use carcosa_common::jobs::{self, DeleteObjects};
use carcosa_common::storage::{self, PresignedRequest};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::auth::{Auth, ProjectScope, perm};
use crate::error::ApiError;
use crate::extract::{Json, Path, Query};
use crate::openapi::{KEY, NOT_FOUND, QUERY, errors};
use crate::routes::Routes;
use crate::state::AppState;

const DEFAULT_PAGE: i64 = 20;
const MAX_PAGE: i64 = 100;

/// Query of `GET /v1/files`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListFilesQuery {
    /// Page size, 1–100 (default 20).
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
    /// Only this tenant's files.
    pub tenant: Option<String>,
}

/// A file as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FileResponse {
    /// File id.
    pub id: FileId,
    /// The upload it came from.
    pub upload_id: UploadId,
    /// Tenant slug.
    pub tenant: Option<String>,
    /// Object key in the bucket.
    pub object_key: String,
    /// Filename.
    pub filename: String,
    /// Verified size.
    pub size: i64,
    /// Verified content type.
    pub content_type: String,
    /// ETag from the store.
    pub etag: Option<String>,
    /// Pixel width, when known.
    pub width: Option<i32>,
    /// Pixel height, when known.
    pub height: Option<i32>,
    /// Client metadata.
    pub metadata: serde_json::Value,
    /// When it was verified.
    pub created_at: DateTime<Utc>,
    /// Its upload's state: `processing` while preset variants are made, `ready`, or `failed`
    /// when the image pipeline refused it (the original is kept and can be downloaded or
    /// deleted, but not transformed).
    pub status: UploadStatus,
    /// Why it failed (`corrupt_image`, `image_too_large`, …), with `status: failed`.
    pub failure_reason: Option<FailureReason>,
    /// Derived images (single-file responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<Vec<VariantResponse>>,
}

impl From<files::File> for FileResponse {
    fn from(f: files::File) -> Self {
        Self {
            id: f.id,
            upload_id: f.upload_id,
            tenant: f.tenant_slug,
            object_key: f.object_key,
            filename: f.filename,
            size: f.size,
            content_type: f.content_type,
            etag: f.etag,
            width: f.width,
            height: f.height,
            metadata: f.metadata,
            created_at: f.created_at,
            status: f.status,
            failure_reason: f.failure_reason,
            variants: None,
        }
    }
}

/// A derived image of a file.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VariantResponse {
    /// Canonical transform, e.g. `w256-h256-cover-q80.webp`.
    pub transform: String,
    /// Encoding.
    pub format: String,
    /// Bytes.
    pub size: i64,
    /// Pixel width.
    pub width: Option<i32>,
    /// Pixel height.
    pub height: Option<i32>,
    /// Object key in the bucket.
    pub object_key: String,
}

impl From<variants::Variant> for VariantResponse {
    fn from(v: variants::Variant) -> Self {
        Self {
            transform: v.transform,
            format: v.format,
            size: v.size,
            width: v.width,
            height: v.height,
            object_key: v.object_key,
        }
    }
}

/// One page of files.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FilePage {
    /// Newest first.
    pub data: Vec<FileResponse>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// `GET /v1/files/{id}/download` answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DownloadResponse {
    /// Presigned GET URL.
    pub url: String,
    /// Always `GET`.
    pub method: String,
    /// When the URL stops working.
    pub expires_at: DateTime<Utc>,
}

errors!(ListFilesErrors = KEY, QUERY, NOT_FOUND);
errors!(FileErrors = KEY, NOT_FOUND);

/// `GET /v1/files` → a page of the project's files.
#[utoipa::path(
    get,
    path = "/v1/files",
    tag = "files",
    summary = "List files",
    description = "Newest first, `limit` per page (1–100, default 20); pass `next_cursor` back as `cursor` for the next page.",
    params(ListFilesQuery),
    responses((status = 200, description = "A page of files.", body = FilePage), ListFilesErrors),
    security(("api_key" = ["files:read"])),
)]
async fn list_files(
    auth: Auth<perm::FilesRead>,
    State(state): State<AppState>,
    Query(q): Query<ListFilesQuery>,
) -> Result<Json<FilePage>, ApiError> {
    let limit = q.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::validation(
            "limit",
            format!("limit must be between 1 and {MAX_PAGE}"),
        ));
    }
    let cursor = match q.cursor.as_deref() {
        None => None,
        Some(c) => Some(
            c.parse::<FileId>()
                .map_err(|_| ApiError::validation("cursor", "cursor is not a cursor this API returned"))?,
        ),
    };
    let tenant = super::tenant_id(&state, &auth.project, q.tenant.as_deref()).await?;
    let mut rows = files::list(&state.db, auth.project.id, tenant, cursor, limit + 1).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = more.then(|| rows.last().map(|f| f.id.to_string())).flatten();
    Ok(Json(FilePage {
        data: rows.into_iter().map(FileResponse::from).collect(),
        next_cursor,
    }))
}

/// `GET /v1/files/{id}` → one file.
#[utoipa::path(
    get,
    path = "/v1/files/{id}",
    tag = "files",
    summary = "Get a file",
    description = "The file with its stored variants.",
    params(("id" = FileId, Path, description = "File id.")),
    responses((status = 200, description = "The file.", body = FileResponse), FileErrors),
    security(("api_key" = ["files:read"])),
)]
async fn get_file(
    auth: Auth<perm::FilesRead>,
    State(state): State<AppState>,
    Path(id): Path<FileId>,
) -> Result<Json<FileResponse>, ApiError> {
    let file = files::get(&state.db, auth.project.id, id)
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    let variants = variants::list(&state.db, file.id).await?;
    let mut body = FileResponse::from(file);
    body.variants = Some(variants.into_iter().map(VariantResponse::from).collect());
    Ok(Json(body))
}

/// `GET /v1/files/{id}/download` → a short-lived presigned GET (served as an attachment).
#[utoipa::path(
    get,
    path = "/v1/files/{id}/download",
    tag = "files",
    summary = "Download URL",
    description = "A short-lived presigned `GET` of the original, served as an attachment.",
    params(("id" = FileId, Path, description = "File id.")),
    responses((status = 200, description = "The URL.", body = DownloadResponse), FileErrors),
    security(("api_key" = ["files:read"])),
)]
async fn download_file(
    auth: Auth<perm::FilesRead>,
    State(state): State<AppState>,
    Path(id): Path<FileId>,
) -> Result<Json<DownloadResponse>, ApiError> {
    Ok(Json(download(&state, &auth.project, id).await?))
}

/// A presigned `GET` of a file of `project`, counted as a download (the API's download route,
/// and the dashboard's file page).
pub(crate) async fn download(
    state: &AppState,
    project: &ProjectScope,
    id: FileId,
) -> Result<DownloadResponse, ApiError> {
    let file = files::get(&state.db, project.id, id)
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    let version = (file.bucket_id == project.bucket_id).then_some(project.bucket_version);
    let bucket = state.storage_for(file.bucket_id, version).await?;
    let ttl = Duration::from_secs(state.config.uploads.download_url_ttl_secs);
    let PresignedRequest {
        url,
        method,
        expires_at,
        ..
    } = bucket.presign_get(&file.object_key, &file.filename, ttl).await?;
    usage::record(&state.db, project.id, file.tenant_id, UsageKind::DownloadIssued, 0).await?;
    Ok(DownloadResponse {
        url,
        method,
        expires_at,
    })
}

/// `DELETE /v1/files/{id}` → 204. The row goes now; the object (and any variants under the
/// upload's prefix) is removed by the `delete_objects` job committed with the delete.
#[utoipa::path(
    delete,
    path = "/v1/files/{id}",
    tag = "files",
    summary = "Delete a file",
    description = "The file is gone at once; its object and variants are removed from the bucket by a job.",
    params(("id" = FileId, Path, description = "File id.")),
    responses((status = 204, description = "Deleted."), FileErrors),
    security(("api_key" = ["files:delete"])),
)]
async fn delete_file(
    auth: Auth<perm::FilesDelete>,
    State(state): State<AppState>,
    Path(id): Path<FileId>,
) -> Result<StatusCode, ApiError> {
    delete(&state, auth.project.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a file of `project` now and queues the removal of its objects (the API's delete
/// route, and the dashboard's).
pub(crate) async fn delete(state: &AppState, project: ProjectId, id: FileId) -> Result<(), ApiError> {
    let mut tx = state.db.begin().await?;
    let gone = files::delete(&mut *tx, project, id)
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    usage::record(&mut *tx, project, gone.tenant_id, UsageKind::FileDeleted, gone.size).await?;
    // The whole upload prefix: the file, its variants and its staging key.
    let prefix = storage::prefix_of(&gone.object_key);
    let prefixes = if prefix.is_empty() {
        vec![]
    } else {
        vec![prefix.to_owned()]
    };
    let job = DeleteObjects {
        bucket_id: gone.bucket_id,
        keys: vec![gone.object_key],
        prefixes,
        aborts: Vec::new(),
    };
    jobs::enqueue(&mut tx, &job, state.config.worker.max_attempts).await?;
    tx.commit().await?;
    let event = Event::new(
        project,
        gone.tenant_id,
        gone.upload_id,
        EventKind::FileDeleted { file_id: id },
    );
    state.events.publish(event).await;
    Ok(())
}

/// File routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(list_files))
        .route(routes!(get_file, delete_file))
        .route(routes!(download_file))
}
