//! Uploads: presign (`POST /v1/uploads`), complete (`POST /v1/uploads/{id}/complete`) and status
//! (`GET /v1/uploads/{id}`). Presigning checks the project's rules before anything is written;
//! completing only flips the row to `verifying` and enqueues the verification job in the same
//! transaction — the worker, never the client, decides whether the upload is good.

use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use carcosa_common::db::{files, upload_routes, uploads, usage};
use carcosa_common::domain::{ContentType, FailureReason, SafeFilename, TenantId, UploadId, UploadStatus};
use carcosa_common::jobs::{self, CompleteUpload};
use carcosa_common::storage::multipart::{MAX_SINGLE_PUT_BYTES, layout};
use carcosa_common::storage::{self, KeyScope, PresignedRequest};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::{Auth, ProjectScope, perm};
use crate::error::ApiError;
use crate::extract::{Json, OptionalJson, Path};
use crate::openapi::{JSON_BODY, KEY, NOT_FOUND, errors};
use crate::routes::Routes;
use crate::routes::multipart::{self, CompletedPartRef, MultipartInfo};
use crate::state::AppState;
use carcosa_common::events::{Event, EventKind};
use utoipa_axum::routes;

/// Body of `POST /v1/uploads`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"filename": "cat.jpg", "content_type": "image/jpeg", "size": 482113, "tenant": "acme", "metadata": {"album": "summer"}, "route": "avatar"}))]
pub struct CreateUploadRequest {
    /// The file's name as the user knows it.
    pub filename: String,
    /// Declared MIME type; the client must PUT with exactly this type.
    pub content_type: String,
    /// Exact size in bytes; the client must PUT exactly this many.
    pub size: i64,
    /// Tenant slug (must exist in the project).
    pub tenant: Option<String>,
    /// Arbitrary JSON object stored with the upload and the file.
    pub metadata: Option<serde_json::Value>,
    /// URL lifetime in seconds (default from config or project; capped).
    pub expires_in: Option<u64>,
    /// A named upload route of the project (`avatar`): its rules apply on top of the project's,
    /// its presets are the ones made, and its metadata schema is checked.
    pub route: Option<String>,
    /// `true`: a resumable multipart upload (parts from `GET /v1/uploads/{id}/parts`). Default:
    /// multipart at or above the project's `multipart_threshold_bytes` (64 MiB unless changed),
    /// and always over 5 GiB; `false` asks for a single PUT below 5 GiB.
    pub multipart: Option<bool>,
}

impl CreateUploadRequest {
    /// A plain upload: no tenant, metadata, route or multipart (the dashboard's dropzone).
    pub fn simple(filename: String, content_type: String, size: i64) -> Self {
        Self {
            filename,
            content_type,
            size,
            tenant: None,
            metadata: None,
            expires_in: None,
            route: None,
            multipart: None,
        }
    }
}

/// An upload as the API shows it; `upload` (the presigned request) only on create.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UploadResponse {
    /// Upload id.
    pub id: UploadId,
    /// `pending`, `verifying`, `processing`, `ready`, `failed` or `expired`.
    pub status: UploadStatus,
    /// Why it failed (`object_missing`, `size_mismatch`, `type_mismatch`, `too_large`, …).
    pub failure_reason: Option<FailureReason>,
    /// Where the verified object lives in the bucket (the presigned PUT writes a staging key
    /// beside it, which the worker copies from once the bytes check out).
    pub object_key: String,
    /// Filename as given.
    pub filename: String,
    /// Declared (signed) content type.
    pub content_type: String,
    /// Declared (signed) size.
    pub size: i64,
    /// Tenant slug.
    pub tenant: Option<String>,
    /// Client metadata.
    pub metadata: serde_json::Value,
    /// The named route it was presigned under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// When the upload URL expires.
    pub expires_at: DateTime<Utc>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// The file, once `ready`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_id: Option<carcosa_common::domain::FileId>,
    /// The request to send the bytes with (create of a single-PUT upload only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload: Option<PresignedRequest>,
    /// How a multipart upload is cut (multipart uploads only): get part URLs from `parts_url`,
    /// then complete with the parts' ETags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multipart: Option<MultipartInfo>,
    /// Where a URL import fetches its bytes from (`POST /v1/uploads/from-url`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Words for `failure_reason` when it needs them (why an import could not be fetched).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_detail: Option<String>,
}

impl UploadResponse {
    pub(crate) fn pending(
        row: &uploads::NewUpload,
        tenant: Option<String>,
        presigned: Option<PresignedRequest>,
    ) -> Self {
        Self {
            id: row.id,
            status: UploadStatus::Pending,
            failure_reason: None,
            object_key: row.object_key.clone(),
            filename: row.filename.clone(),
            content_type: row.content_type.clone(),
            size: row.size,
            tenant,
            metadata: row.metadata.clone(),
            route: row.route.clone(),
            expires_at: row.expires_at,
            created_at: Utc::now(),
            file_id: None,
            upload: presigned,
            source_url: row.source_url.clone(),
            failure_detail: None,
            multipart: row.multipart.as_ref().map(|m| MultipartInfo {
                part_size: m.part_size,
                part_count: m.part_count,
                parts_url: format!("/v1/uploads/{}/parts", row.id),
            }),
        }
    }

    /// An upload row as the API shows it.
    pub fn from_row(u: uploads::Upload) -> Self {
        let multipart = MultipartInfo::of(&u);
        Self {
            multipart,
            source_url: u.source_url,
            failure_detail: u.failure_detail,
            id: u.id,
            status: u.status,
            failure_reason: u.failure_reason,
            object_key: u.object_key,
            filename: u.filename,
            content_type: u.content_type,
            size: u.size,
            tenant: u.tenant_slug,
            metadata: u.metadata,
            route: u.route,
            expires_at: u.expires_at,
            created_at: u.created_at,
            file_id: None,
            upload: None,
        }
    }
}

/// Validated fields of a create request.
struct UploadInput {
    filename: SafeFilename,
    content_type: ContentType,
    size: i64,
    metadata: serde_json::Value,
    ttl: Duration,
    route: Option<String>,
    /// What the request asked for (`multipart`), as given.
    multipart_asked: Option<bool>,
    /// Whether it becomes a multipart upload.
    multipart: bool,
}

impl UploadInput {
    /// SHA-256 over every field of the request (normalized), so an idempotent replay that
    /// differs in anything — metadata and lifetime included — is told apart.
    fn fingerprint(&self, tenant: Option<&str>, expires_in: Option<u64>) -> Vec<u8> {
        use sha2::{Digest as _, Sha256};
        // serde_json's maps are sorted, so equal metadata serializes to equal bytes.
        let canonical = serde_json::json!([
            1,
            self.filename.as_str(),
            self.content_type.as_str(),
            self.size,
            tenant,
            self.metadata,
            expires_in,
        ]);
        // Only requests with a route (or an explicit multipart choice) carry it, so earlier
        // fingerprints stay valid.
        let canonical = match (&self.route, canonical) {
            (Some(route), serde_json::Value::Array(mut fields)) => {
                fields.push(route.as_str().into());
                serde_json::Value::Array(fields)
            }
            (_, unchanged) => unchanged,
        };
        let canonical = match (self.multipart_asked, canonical) {
            (Some(asked), serde_json::Value::Array(mut fields)) => {
                fields.push(serde_json::json!({ "multipart": asked }));
                serde_json::Value::Array(fields)
            }
            (_, unchanged) => unchanged,
        };
        Sha256::digest(canonical.to_string().as_bytes()).to_vec()
    }
}

/// 403 `bucket_access_revoked` when the project's team may no longer write to its bucket.
pub(crate) fn check_bucket_access(project: &ProjectScope) -> Result<(), ApiError> {
    if project.bucket_writable {
        return Ok(());
    }
    Err(ApiError::Denied {
        code: "bucket_access_revoked",
        message: "this project's team may no longer write to its bucket (its grant was revoked or lowered to read-only); ask the bucket's owners to share it again".into(),
    })
}

errors!(
    CreateUploadErrors = KEY,
    JSON_BODY,
    &[
        (
            400,
            &[
                "invalid_filename",
                "validation_failed",
                "unknown_route",
                "tenant_required",
                "invalid_metadata"
            ]
        ),
        (403, &["bucket_access_revoked", "quota_exceeded"]),
        (404, &["not_found"]),
        (409, &["idempotency_key_reused"]),
        (413, &["upload_too_large"]),
        (415, &["content_type_not_allowed"]),
    ]
);

/// `POST /v1/uploads` → 201 with the presigned PUT. With an `Idempotency-Key` header, a retry
/// of the same request returns the same upload (200) instead of a second one.
#[utoipa::path(
    post,
    path = "/v1/uploads",
    tag = "uploads",
    summary = "Presign an upload",
    description = "Checks the project's rules (size, type, filename, tenant, quota) and answers with a presigned \
                   `PUT` to the bucket. Send the bytes with exactly `upload.method`, `upload.url` and \
                   `upload.headers`, then call `POST /v1/uploads/{id}/complete`. With an `Idempotency-Key` \
                   header a retry of the same request returns the same upload (200).",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe (1–255 visible ASCII characters).")),
    request_body = CreateUploadRequest,
    responses(
        (status = 201, description = "Presigned.", body = UploadResponse, headers(("location" = String, description = "The upload's URL."))),
        (status = 200, description = "A replay of an earlier request with the same `Idempotency-Key`.", body = UploadResponse),
        CreateUploadErrors,
    ),
    security(("api_key" = ["files:write"])),
)]
async fn create_upload(
    auth: Auth<perm::FilesWrite>,
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(req): Json<CreateUploadRequest>,
) -> Result<Response, ApiError> {
    let idempotency_key = idempotency_key(&headers)?;
    match presign(&state, &auth.project, idempotency_key, req).await? {
        (StatusCode::CREATED, body) => Ok(created(body)),
        (status, body) => Ok((status, Json(body)).into_response()),
    }
}

/// Presigns an upload into `project` (the API's `POST /v1/uploads`, and the dashboard's
/// dropzone): `201` and the new upload, or `200` and the earlier one for a replayed
/// `idempotency_key`.
pub(crate) async fn presign(
    state: &AppState,
    project: &ProjectScope,
    idempotency_key: Option<&str>,
    req: CreateUploadRequest,
) -> Result<(StatusCode, UploadResponse), ApiError> {
    check_bucket_access(project)?;
    let mut input = validate(state, project, &req)?;
    if let Some(name) = req.route.as_deref() {
        apply_route(state, project, &req, name, &mut input).await?;
    }
    let tenant = super::tenant_id(state, project, req.tenant.as_deref()).await?;
    let fingerprint = idempotency_key.map(|_| input.fingerprint(req.tenant.as_deref(), req.expires_in));
    if let Some(key) = idempotency_key
        && let Some(existing) = uploads::find_by_idempotency_key(&state.db, project.id, key).await?
    {
        return replay(state, project, existing, &input, tenant, fingerprint.as_deref()).await;
    }
    // After the replay check, so a retry of an accepted request is not refused. Only projects
    // with a storage quota pay for the read. Uploads in flight are not counted here;
    // verification checks again, so a burst of presigns cannot overshoot the quota.
    if project.quotas.limits_storage() {
        let (files, bytes) = usage::stored(&state.db, project.id, None).await?;
        // Multipart uploads in flight are counted: a large one holds its place in the quota
        // for as long as its parts arrive.
        let in_flight = if input.multipart {
            uploads::multipart_bytes_in_flight(&state.db, project.id).await?
        } else {
            0
        };
        project.quotas.check_store(files, bytes + in_flight, input.size)?;
    }
    let id = UploadId::new();
    let scope = KeyScope {
        org: project.org_id,
        team: project.team_id,
        project: project.id,
        tenant,
    };
    let bucket = state
        .storage_for(project.bucket_id, Some(project.bucket_version))
        .await?;
    // Only the staging key is ever signed for PUT: the final key is written by the worker,
    // after verification, so no URL a client holds can overwrite a verified file.
    let staging_key = storage::staging_key(scope, id, &input.filename);
    if input.multipart {
        return create_multipart(
            state,
            project,
            &req,
            input,
            scope,
            id,
            staging_key,
            idempotency_key,
            fingerprint,
        )
        .await;
    }
    let presigned = bucket
        .presign_put(&staging_key, &input.content_type, input.size, input.ttl)
        .await?;
    let row = uploads::NewUpload {
        id,
        project: project.id,
        tenant,
        bucket: project.bucket_id,
        object_key: storage::upload_key(scope, id, &input.filename),
        staging_key,
        filename: input.filename.as_str().to_owned(),
        content_type: input.content_type.to_string(),
        size: input.size,
        metadata: input.metadata.clone(),
        route: input.route.clone(),
        idempotency_key: idempotency_key.map(str::to_owned),
        idempotency_fingerprint: fingerprint.clone(),
        expires_at: presigned.expires_at,
        multipart: None,
        source_url: None,
    };
    // Built from the row itself: the hot path stays at one (batched) write and no read.
    let body = UploadResponse::pending(&row, req.tenant, Some(presigned));
    let pending = Event::new(project.id, tenant, row.id, EventKind::Pending);
    match idempotency_key {
        None => state.uploads.insert(row).await?,
        Some(key) => {
            if !uploads::insert(&state.db, &row).await? {
                // Another request with the same key won the race.
                let existing = uploads::find_by_idempotency_key(&state.db, project.id, key).await?;
                return replay(
                    state,
                    project,
                    existing.ok_or(ApiError::NotFound("upload"))?,
                    &input,
                    tenant,
                    fingerprint.as_deref(),
                )
                .await;
            }
        }
    }
    state.events.publish(pending).await;
    metrics::counter!("carcosa_uploads_presigned_total").increment(1);
    Ok((StatusCode::CREATED, body))
}

/// The multipart branch of [`create_upload`]: starts the S3 multipart upload on the staging key,
/// then records the upload with its layout (one by one, not batched: these are rare and large).
/// If the row cannot be written the S3 upload is aborted; should that fail too, the sweep's
/// ListMultipartUploads pass finds it.
#[allow(clippy::too_many_arguments)]
async fn create_multipart(
    state: &AppState,
    project: &ProjectScope,
    req: &CreateUploadRequest,
    input: UploadInput,
    scope: KeyScope,
    id: UploadId,
    staging_key: String,
    idempotency_key: Option<&str>,
    fingerprint: Option<Vec<u8>>,
) -> Result<(StatusCode, UploadResponse), ApiError> {
    let bucket = state
        .storage_for(project.bucket_id, Some(project.bucket_version))
        .await?;
    let (part_size, part_count) = layout(input.size);
    let (_, expires_at) = multipart::deadline(state, req.expires_in)?;
    let s3_id = bucket
        .create_multipart(&staging_key, input.content_type.as_str())
        .await?;
    let row = uploads::NewUpload {
        id,
        project: project.id,
        tenant: scope.tenant,
        bucket: project.bucket_id,
        object_key: storage::upload_key(scope, id, &input.filename),
        staging_key: staging_key.clone(),
        filename: input.filename.as_str().to_owned(),
        content_type: input.content_type.to_string(),
        size: input.size,
        metadata: input.metadata.clone(),
        route: input.route.clone(),
        idempotency_key: idempotency_key.map(str::to_owned),
        idempotency_fingerprint: fingerprint.clone(),
        expires_at,
        multipart: Some(uploads::Multipart {
            id: s3_id.clone(),
            part_size,
            part_count: part_count as i32,
        }),
        source_url: None,
    };
    let inserted = uploads::insert(&state.db, &row).await;
    if !matches!(inserted, Ok(true))
        && let Err(e) = bucket.abort_multipart(&staging_key, &s3_id).await
    {
        tracing::warn!(error = %e.detail(), "unused multipart upload not aborted; the sweep will");
    }
    if !inserted? {
        // Another request with the same idempotency key won the race.
        let key = idempotency_key.unwrap_or_default();
        let existing = uploads::find_by_idempotency_key(&state.db, project.id, key).await?;
        return replay(
            state,
            project,
            existing.ok_or(ApiError::NotFound("upload"))?,
            &input,
            scope.tenant,
            fingerprint.as_deref(),
        )
        .await;
    }
    let body = UploadResponse::pending(&row, req.tenant.clone(), None);
    state
        .events
        .publish(Event::new(project.id, scope.tenant, id, EventKind::Pending))
        .await;
    metrics::counter!("carcosa_uploads_presigned_total").increment(1);
    metrics::counter!("carcosa_multipart_uploads_started_total").increment(1);
    Ok((StatusCode::CREATED, body))
}

pub(crate) fn created(body: UploadResponse) -> Response {
    let location = HeaderValue::from_str(&format!("/v1/uploads/{}", body.id)).ok();
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if let Some(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

fn validate(state: &AppState, project: &ProjectScope, req: &CreateUploadRequest) -> Result<UploadInput, ApiError> {
    let filename = SafeFilename::parse(&req.filename).map_err(|e| ApiError::Validation {
        code: "invalid_filename",
        field: Some("filename"),
        message: e.to_string(),
    })?;
    let content_type =
        ContentType::parse(&req.content_type).map_err(|e| ApiError::validation("content_type", e.to_string()))?;
    if req.size <= 0 {
        return Err(ApiError::validation("size", "size must be a positive number of bytes"));
    }
    if req.size > project.rules.max_upload_bytes {
        return Err(ApiError::PayloadTooLarge {
            code: "upload_too_large",
            message: format!(
                "{} bytes is over this project's limit of {} bytes",
                req.size, project.rules.max_upload_bytes
            ),
        });
    }
    if !project.rules.allows_type(&content_type) {
        return Err(ApiError::UnsupportedMediaType {
            code: "content_type_not_allowed",
            message: format!(
                "{content_type} is not accepted by this project (allowed: {})",
                project.rules.allowed_content_types.join(", ")
            ),
        });
    }
    let metadata = validate_metadata(state, req.metadata.clone())?;
    let multipart = match req.multipart {
        Some(false) if req.size > MAX_SINGLE_PUT_BYTES => {
            return Err(ApiError::validation(
                "multipart",
                format!("uploads over {MAX_SINGLE_PUT_BYTES} bytes (5 GiB) must be multipart"),
            ));
        }
        Some(asked) => asked,
        None => req.size >= project.multipart_threshold_bytes || req.size > MAX_SINGLE_PUT_BYTES,
    };
    let ttl = if multipart {
        multipart::deadline(state, req.expires_in)?.0
    } else {
        upload_ttl(state, project, req.expires_in)?
    };
    Ok(UploadInput {
        filename,
        content_type,
        size: req.size,
        metadata,
        ttl,
        route: None,
        multipart_asked: req.multipart,
        multipart,
    })
}

/// Checks the request against the named route `name` (on top of the project's rules).
async fn apply_route(
    state: &AppState,
    project: &ProjectScope,
    req: &CreateUploadRequest,
    name: &str,
    input: &mut UploadInput,
) -> Result<(), ApiError> {
    let route = named_route(state, project, name).await?;
    let rules = &route.rules;
    if !rules.accepts(&input.content_type) {
        return Err(ApiError::UnsupportedMediaType {
            code: "content_type_not_allowed",
            message: format!(
                "{} is not accepted by the {name} route (allowed: {})",
                input.content_type,
                rules.content_types.join(", ")
            ),
        });
    }
    if input.size > rules.max_file_size {
        return Err(ApiError::PayloadTooLarge {
            code: "upload_too_large",
            message: format!(
                "{} bytes is over the {name} route's limit of {} bytes",
                input.size, rules.max_file_size
            ),
        });
    }
    check_route_request(&route, req.tenant.is_some(), &input.metadata)?;
    input.route = Some(route.name);
    Ok(())
}

/// The project's upload route `name`, or 400 `unknown_route`.
pub(crate) async fn named_route(
    state: &AppState,
    project: &ProjectScope,
    name: &str,
) -> Result<upload_routes::UploadRoute, ApiError> {
    upload_routes::get(&state.db, project.id, name)
        .await?
        .ok_or_else(|| ApiError::Validation {
            code: "unknown_route",
            field: Some("route"),
            message: format!(
                "this project has no upload route {name:?}; push your routes with `carcosa routes push` or the SDK's syncRoutes()"
            ),
        })
}

/// What a route asks of every request made under it, whatever the bytes: a tenant when it
/// requires one (400 `tenant_required`), metadata its schema accepts (400 `invalid_metadata`).
pub(crate) fn check_route_request(
    route: &upload_routes::UploadRoute,
    tenant_given: bool,
    metadata: &serde_json::Value,
) -> Result<(), ApiError> {
    if route.rules.tenant_required && !tenant_given {
        return Err(ApiError::Validation {
            code: "tenant_required",
            field: Some("tenant"),
            message: format!("uploads to the {} route must name a tenant", route.name),
        });
    }
    if let Some(schema) = &route.rules.metadata {
        schema.check(metadata).map_err(|e| ApiError::InvalidMetadata {
            field: e.field,
            message: e.message,
        })?;
    }
    Ok(())
}

pub(crate) fn validate_metadata(
    state: &AppState,
    metadata: Option<serde_json::Value>,
) -> Result<serde_json::Value, ApiError> {
    let metadata = metadata.unwrap_or_else(|| serde_json::json!({}));
    if !metadata.is_object() {
        return Err(ApiError::validation("metadata", "metadata must be a JSON object"));
    }
    let limit = state.config.uploads.max_metadata_bytes;
    if metadata.to_string().len() > limit {
        return Err(ApiError::validation(
            "metadata",
            format!("metadata must be at most {limit} bytes of JSON"),
        ));
    }
    Ok(metadata)
}

fn upload_ttl(state: &AppState, project: &ProjectScope, requested: Option<u64>) -> Result<Duration, ApiError> {
    let cfg = &state.config.uploads;
    let default = project
        .upload_url_ttl_secs
        .map_or(cfg.url_ttl_secs, |s| s as u64)
        .min(cfg.max_url_ttl_secs);
    let secs = match requested {
        None => default,
        Some(s) if (60..=cfg.max_url_ttl_secs).contains(&s) => s,
        Some(_) => {
            return Err(ApiError::validation(
                "expires_in",
                format!("expires_in must be between 60 and {} seconds", cfg.max_url_ttl_secs),
            ));
        }
    };
    Ok(Duration::from_secs(secs))
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<&str>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().ok().filter(|k| !k.is_empty() && k.len() <= 255);
    key.map(Some).ok_or_else(|| {
        ApiError::validation(
            "Idempotency-Key",
            "the Idempotency-Key header must be 1 to 255 visible ASCII characters",
        )
    })
}

/// Answers a repeated idempotent create: same upload, a URL re-signed to the original expiry.
/// The request must match the first one in every field (compared by fingerprint; uploads from
/// before fingerprints were stored are compared field by field).
async fn replay(
    state: &AppState,
    project: &ProjectScope,
    existing: uploads::Upload,
    input: &UploadInput,
    tenant: Option<TenantId>,
    fingerprint: Option<&[u8]>,
) -> Result<(StatusCode, UploadResponse), ApiError> {
    let same = match (&existing.idempotency_fingerprint, fingerprint) {
        (Some(stored), Some(now)) => stored.as_slice() == now,
        _ => {
            existing.filename == input.filename.as_str()
                && existing.content_type == input.content_type.as_str()
                && existing.size == input.size
                && existing.tenant_id == tenant
                && existing.metadata == input.metadata
        }
    };
    if !same {
        return Err(ApiError::Conflict {
            code: "idempotency_key_reused",
            message: "this Idempotency-Key was already used for a different upload".into(),
        });
    }
    let remaining = (existing.expires_at - Utc::now()).to_std().unwrap_or_default();
    // Uploads from before staging keys were signed for (and are verified at) their object key.
    let put_key = existing.put_key().to_owned();
    let mut body = UploadResponse::from_row(existing);
    if body.status == UploadStatus::Pending && body.multipart.is_none() && remaining >= Duration::from_secs(1) {
        let bucket = state
            .storage_for(project.bucket_id, Some(project.bucket_version))
            .await?;
        body.upload = Some(
            bucket
                .presign_put(&put_key, &input.content_type, input.size, remaining)
                .await?,
        );
    }
    Ok((StatusCode::OK, body))
}

errors!(
    CompleteUploadErrors = KEY,
    NOT_FOUND,
    &[
        (400, &["invalid_json", "validation_failed"]),
        (403, &["bucket_access_revoked"]),
        (
            409,
            &[
                "upload_expired",
                "parts_missing",
                "part_mismatch",
                "size_mismatch",
                "upload_not_pending"
            ]
        ),
        (413, &["payload_too_large"]),
        (415, &["unsupported_media_type"]),
    ]
);

/// Body of `POST /v1/uploads/{id}/complete` (multipart uploads; optional).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"parts": [{"part_number": 1, "etag": "\"9b2cf535f27731c974343645a3985328\""}]}))]
pub struct CompleteUploadRequest {
    /// The parts as the client uploaded them, with the ETag each `PUT` answered. Checked against
    /// what the bucket holds; the bucket's list is what completes the upload.
    #[serde(default)]
    pub parts: Option<Vec<CompletedPartRef>>,
}

/// `POST /v1/uploads/{id}/complete` → 202. The first call moves the upload to `verifying` and
/// enqueues `complete_upload` atomically; later calls change nothing and report the state.
#[utoipa::path(
    post,
    path = "/v1/uploads/{id}/complete",
    tag = "uploads",
    summary = "Complete an upload",
    description = "Call after the `PUT` succeeded (or, for a multipart upload, after every part did). The first \
                   call moves the upload to `verifying` and queues verification; later calls change nothing and \
                   report the state. A multipart upload is first completed in the bucket: every part must be \
                   there (else 409 `parts_missing`, nothing changes) and of its exact size (else the upload fails \
                   `size_mismatch` and is aborted). Follow the upload with `GET /v1/uploads/{id}` or live over \
                   `GET /v1/ws`.",
    params(("id" = UploadId, Path, description = "Upload id.")),
    request_body(content = Option<CompleteUploadRequest>, description = "Optional: the parts of a multipart upload with their ETags."),
    responses((status = 202, description = "Verification queued (or already done).", body = UploadResponse), CompleteUploadErrors),
    security(("api_key" = ["files:write"])),
)]
async fn complete_upload(
    auth: Auth<perm::FilesWrite>,
    State(state): State<AppState>,
    Path(id): Path<UploadId>,
    OptionalJson(body): OptionalJson<CompleteUploadRequest>,
) -> Result<(StatusCode, Json<UploadResponse>), ApiError> {
    let given = body.and_then(|b| b.parts);
    let upload = complete(&state, &auth.project, id, given.as_deref()).await?;
    Ok((StatusCode::ACCEPTED, Json(upload)))
}

/// Completes an upload of `scope` (the API's `POST /v1/uploads/{id}/complete`, and the
/// dashboard's dropzone): the first call moves it to `verifying` and queues verification.
pub(crate) async fn complete(
    state: &AppState,
    scope: &ProjectScope,
    id: UploadId,
    given: Option<&[CompletedPartRef]>,
) -> Result<UploadResponse, ApiError> {
    // An upload presigned before the grant was taken back does not become a file after it.
    check_bucket_access(scope)?;
    let project = scope.id;
    // Single-PUT uploads (the common case) move in one conditional update; a multipart upload
    // is never moved by it (its parts must be completed in the bucket first).
    let mut tx = state.db.begin().await?;
    let mut moved = uploads::begin_verifying_single(&mut *tx, project, id).await?;
    if moved {
        jobs::enqueue(
            &mut tx,
            &CompleteUpload { upload_id: id },
            state.config.worker.max_attempts,
        )
        .await?;
    }
    tx.commit().await?;
    if !moved {
        moved = matches!(
            multipart::complete(state, scope, id, given).await?,
            multipart::Completed::Verifying
        );
    }
    let upload = uploads::get(&state.db, project, id)
        .await?
        .ok_or(ApiError::NotFound("upload"))?;
    if moved {
        // The transition this call made, published as such (not re-read from the row, which a
        // fast worker may already have moved on): a session drops it if a later state arrived
        // first, since it never delivers a lower seq after a higher one.
        let event = Event::new(project, upload.tenant_id, id, EventKind::Verifying);
        state.events.publish(event).await;
    }
    if upload.status == UploadStatus::Expired {
        return Err(ApiError::Conflict {
            code: "upload_expired",
            message: "this upload's URL expired before it was completed; create a new upload".into(),
        });
    }
    with_file(state, upload).await
}

errors!(GetUploadErrors = KEY, NOT_FOUND);

/// `GET /v1/uploads/{id}` → the upload's state (with `file_id` once ready).
#[utoipa::path(
    get,
    path = "/v1/uploads/{id}",
    tag = "uploads",
    summary = "Get an upload",
    description = "The upload's state: `pending`, `verifying`, `processing`, `ready` (with `file_id`), `failed` \
                   (with `failure_reason`) or `expired`.",
    params(("id" = UploadId, Path, description = "Upload id.")),
    responses((status = 200, description = "The upload.", body = UploadResponse), GetUploadErrors),
    security(("api_key" = ["files:read"])),
)]
async fn get_upload(
    auth: Auth<perm::FilesRead>,
    State(state): State<AppState>,
    Path(id): Path<UploadId>,
) -> Result<Json<UploadResponse>, ApiError> {
    let upload = uploads::get(&state.db, auth.project.id, id)
        .await?
        .ok_or(ApiError::NotFound("upload"))?;
    Ok(Json(with_file(&state, upload).await?))
}

pub(crate) async fn with_file(state: &AppState, upload: uploads::Upload) -> Result<UploadResponse, ApiError> {
    let ready = upload.status == UploadStatus::Ready;
    let (project, id) = (upload.project_id, upload.id);
    let mut body = UploadResponse::from_row(upload);
    if ready {
        body.file_id = files::get_by_upload(&state.db, project, id).await?.map(|f| f.id);
    }
    Ok(body)
}

/// Upload routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(create_upload))
        .route(routes!(get_upload, multipart::abort_upload))
        .route(routes!(complete_upload))
}
