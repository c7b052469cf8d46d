//! URL imports: `POST /v1/uploads/from-url` makes an upload whose bytes a worker fetches from a
//! URL (behind the outbound guard) straight into the bucket, then verifies like any other. The
//! bytes never pass through the API; the answer is `202` with the upload, followed like any
//! upload (`GET /v1/uploads/{id}`, the WebSocket, webhooks).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use carcosa_common::db::{uploads, usage};
use carcosa_common::domain::{SafeFilename, UploadId};
use carcosa_common::events::{Event, EventKind};
use carcosa_common::jobs::{self, IngestUrl};
use carcosa_common::storage::{self, KeyScope};
use chrono::Utc;
use serde::Deserialize;
use utoipa_axum::routes;

use crate::auth::{Auth, perm};
use crate::error::ApiError;
use crate::extract::Json;
use crate::openapi::{JSON_BODY, KEY, errors};
use crate::routes::Routes;
use crate::routes::uploads::{
    UploadResponse, check_bucket_access, check_route_request, named_route, validate_metadata,
};
use crate::state::AppState;

/// How long an import may wait in the queue and fetch before the sweep expires it.
const IMPORT_TTL_HOURS: i64 = 24;

/// Body of `POST /v1/uploads/from-url`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"url": "https://images.example.com/cat.jpg", "tenant": "acme", "metadata": {"source": "import"}}))]
pub struct ImportRequest {
    /// `http(s)://…` to fetch. Addresses that resolve to private, loopback or link-local ranges
    /// are refused.
    pub url: String,
    /// The file's name (default: the URL's last path segment).
    pub filename: Option<String>,
    /// Tenant slug.
    pub tenant: Option<String>,
    /// A named upload route: its size limit, accepted types, tenant rule and metadata schema
    /// apply.
    pub route: Option<String>,
    /// Stored with the upload and the file.
    pub metadata: Option<serde_json::Value>,
}

errors!(
    ImportErrors = KEY,
    JSON_BODY,
    &[
        (
            400,
            &[
                "url_refused",
                "invalid_filename",
                "validation_failed",
                "unknown_route",
                "tenant_required",
                "invalid_metadata"
            ]
        ),
        (403, &["bucket_access_revoked", "quota_exceeded"]),
        (404, &["not_found"]),
    ]
);

/// `POST /v1/uploads/from-url` → 202 with the upload.
#[utoipa::path(
    post,
    path = "/v1/uploads/from-url",
    tag = "uploads",
    summary = "Import a file from a URL",
    description = "A worker fetches the URL straight into the bucket (streamed, stopped at the size limit, \
                   redirects followed and each one checked, within `ingest.timeout_secs`), then verifies it like \
                   any upload. Follow it like any upload; a source that cannot be fetched ends it `failed` with \
                   `fetch_failed` and `failure_detail` in words. URLs whose host is or resolves to a private, \
                   loopback, link-local (cloud metadata) or otherwise special address are refused.",
    request_body = ImportRequest,
    responses((status = 202, description = "Queued.", body = UploadResponse), ImportErrors),
    security(("api_key" = ["files:write"])),
)]
async fn import_from_url(
    auth: Auth<perm::FilesWrite>,
    State(state): State<AppState>,
    Json(req): Json<ImportRequest>,
) -> Result<Response, ApiError> {
    let project = &auth.project;
    check_bucket_access(project)?;
    if req.url.len() > 2048 {
        return Err(ApiError::validation("url", "the URL is longer than 2048 characters"));
    }
    let url = state
        .config
        .outbound
        .policy()
        .check_url(&req.url)
        .map_err(|refused| ApiError::Validation {
            code: "url_refused",
            field: Some("url"),
            message: refused.0,
        })?;
    let filename = match &req.filename {
        Some(name) => SafeFilename::parse(name).map_err(|e| ApiError::Validation {
            code: "invalid_filename",
            field: Some("filename"),
            message: e.to_string(),
        })?,
        None => name_from(&url)?,
    };
    let metadata = validate_metadata(&state, req.metadata.clone())?;
    let mut max_bytes = project.rules.max_upload_bytes;
    let mut route_types = Vec::new();
    if let Some(name) = req.route.as_deref() {
        let route = named_route(&state, project, name).await?;
        check_route_request(&route, req.tenant.is_some(), &metadata)?;
        max_bytes = max_bytes.min(route.rules.max_file_size);
        route_types = route.rules.content_types.clone();
    }
    let tenant = super::tenant_id(&state, project, req.tenant.as_deref()).await?;
    if project.quotas.limits_storage() {
        let (files, bytes) = usage::stored(&state.db, project.id, None).await?;
        project.quotas.check_store(files, bytes, 0)?;
    }
    let id = UploadId::new();
    let scope = KeyScope {
        org: project.org_id,
        team: project.team_id,
        project: project.id,
        tenant,
    };
    let row = uploads::NewUpload {
        id,
        project: project.id,
        tenant,
        bucket: project.bucket_id,
        object_key: storage::upload_key(scope, id, &filename),
        staging_key: storage::staging_key(scope, id, &filename),
        filename: filename.as_str().to_owned(),
        // Placeholders until the worker knows what arrived.
        content_type: "application/octet-stream".into(),
        size: 0,
        metadata,
        route: req.route.clone(),
        idempotency_key: None,
        idempotency_fingerprint: None,
        expires_at: Utc::now() + chrono::Duration::hours(IMPORT_TTL_HOURS),
        multipart: None,
        source_url: Some(url.to_string()),
    };
    let mut tx = state.db.begin().await?;
    uploads::insert(&mut *tx, &row).await?;
    let job = IngestUrl {
        upload_id: id,
        max_bytes,
        route_types,
    };
    jobs::enqueue(&mut tx, &job, state.config.worker.max_attempts).await?;
    tx.commit().await?;
    state
        .events
        .publish(Event::new(project.id, tenant, id, EventKind::Pending))
        .await;
    metrics::counter!("carcosa_url_imports_total").increment(1);
    let mut body = UploadResponse::pending(&row, req.tenant.clone(), None);
    body.source_url = Some(url.to_string());
    let mut response = super::uploads::created(body);
    *response.status_mut() = StatusCode::ACCEPTED;
    Ok(response.into_response())
}

/// The URL's last path segment, decoded, as a filename (`download` when there is none usable).
fn name_from(url: &url::Url) -> Result<SafeFilename, ApiError> {
    let last = url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .map(|s| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned())
        .unwrap_or_default();
    SafeFilename::parse(&last)
        .or_else(|_| SafeFilename::parse("download"))
        .map_err(|e| ApiError::Internal(Box::new(e)))
}

/// URL import routes.
pub fn router() -> Routes {
    Routes::new().route(routes!(import_from_url))
}
