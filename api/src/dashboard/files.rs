//! A project's files: the uploads table (filters, keyset pages, thumbnails through signed
//! transform URLs, rows in flight updated live over the WebSocket), a file's page (variants,
//! metadata, download, delete), and the dropzone's endpoint — the SDK's browser protocol
//! (`presign`, `complete`, `status`), answered with the same functions as `/v1/uploads`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use carcosa_common::db::browse::{self, Filter, Listed};
use carcosa_common::db::projects::{self, Placement};
use carcosa_common::db::{files, variants};
use carcosa_common::domain::{FailureReason, FileId, Permission, ProjectId, UploadId, UploadStatus};
use carcosa_common::transform::{self, Format, TransformSpec};
use chrono::{NaiveDate, TimeZone as _, Utc};
use serde::{Deserialize, Serialize};

use super::orgs::size;
use super::page::{Chrome, CsrfHeader, Form, Member, PageError, Problem, render, see_other, with_bucket_origin};
use super::page::{Path, Query};
use super::projects::project_chrome;
use crate::auth::{ProjectScope, perm, project_scope};
use crate::error::ApiError;
use crate::extract::Json;
use crate::routes::realtime::session_token;
use crate::routes::uploads::{CreateUploadRequest, UploadResponse, complete, presign, with_file};
use crate::state::AppState;

/// Rows per page.
const PAGE: i64 = 50;

/// One upload as the table shows it.
pub struct Row {
    id: String,
    filename: String,
    content_type: String,
    size: String,
    status: &'static str,
    reason: Option<String>,
    tenant: String,
    created: String,
    created_iso: String,
    file_id: Option<String>,
    thumb: Option<String>,
}

/// The filters as the form shows them.
#[derive(Debug, Default, Deserialize)]
pub struct FilesQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tenant: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    before: Option<UploadId>,
}

impl FilesQuery {
    /// Whether any filter is set (the page offers to clear them).
    pub fn any(&self) -> bool {
        [&self.q, &self.tenant, &self.kind, &self.status, &self.from, &self.to]
            .iter()
            .any(|v| !v.is_empty())
    }

    /// The query string for the next page.
    fn next(&self, before: UploadId) -> String {
        let pairs = [
            ("q", self.q.as_str()),
            ("tenant", self.tenant.as_str()),
            ("type", self.kind.as_str()),
            ("status", self.status.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
        ];
        let mut query: Vec<(&str, String)> = pairs
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k, v.to_owned()))
            .collect();
        query.push(("before", before.to_string()));
        serde_urlencoded::to_string(query).unwrap_or_default()
    }
}

/// The type filter's choices: (value, label); the value is a content-type prefix.
const TYPES: &[(&str, &str)] = &[
    ("", "any"),
    ("image/", "images"),
    ("video/", "videos"),
    ("audio/", "audio"),
    ("application/", "documents and other"),
    ("text/", "text"),
];

#[derive(Template)]
#[template(path = "files.html")]
struct FilesPage {
    chrome: Chrome,
    project_id: String,
    may_write: bool,
    accepts: String,
    limit: String,
    filter: FilesQuery,
    types: &'static [(&'static str, &'static str)],
    statuses: Vec<&'static str>,
    rows: Vec<Row>,
    next: Option<String>,
    live_token: String,
    problem: Option<Problem>,
}

/// A signed thumbnail URL (192 px square, cropped) of an image file.
fn thumbnail(secret: &[u8], id: FileId, side: u32) -> Option<String> {
    let side = side.to_string();
    let parsed = TransformSpec::from_query(
        [("w", side.as_str()), ("h", side.as_str()), ("fit", "cover")],
        Format::Webp,
    )
    .ok()?;
    let sig = transform::sign(secret, &parsed.signing_payload(id));
    Some(format!(
        "/v1/transform/{id}?{}&sig={sig}",
        parsed.spec.to_query(parsed.auto)
    ))
}

/// A failure in words: the reason, and the detail when there is one.
fn reason_in_words(reason: Option<FailureReason>, detail: Option<&str>) -> Option<String> {
    let reason = reason?;
    Some(match detail {
        Some(d) => format!("{}: {d}", reason.in_words()),
        None => reason.in_words().to_owned(),
    })
}

fn row(secret: &[u8], u: Listed) -> Row {
    let shows_image =
        u.content_type.starts_with("image/") && matches!(u.status, UploadStatus::Ready | UploadStatus::Processing);
    Row {
        id: u.id.to_string(),
        thumb: u.file_id.filter(|_| shows_image).and_then(|f| thumbnail(secret, f, 96)),
        file_id: u.file_id.map(|f| f.to_string()),
        size: size(u.size),
        status: u.status.as_str(),
        reason: reason_in_words(u.failure_reason, u.failure_detail.as_deref()),
        tenant: u.tenant_slug.unwrap_or_default(),
        created: u.created_at.format("%Y-%m-%d %H:%M").to_string(),
        created_iso: u.created_at.to_rfc3339(),
        filename: u.filename,
        content_type: u.content_type,
    }
}

fn day(field: &'static str, value: &str) -> Result<Option<chrono::DateTime<Utc>>, ApiError> {
    if value.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| ApiError::validation(field, format!("{field} must be a date like 2026-12-01")))?;
    Ok(date.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t)))
}

fn filter_of(q: &FilesQuery) -> Result<Filter<'_>, ApiError> {
    let status = match q.status.as_str() {
        "" => None,
        s => Some(
            s.parse::<UploadStatus>()
                .map_err(|_| ApiError::validation("status", format!("no upload status {s:?}")))?,
        ),
    };
    let to = day("to", &q.to)?.map(|t| t + chrono::Duration::days(1));
    Ok(Filter {
        tenant: Some(q.tenant.as_str()).filter(|t| !t.is_empty()),
        status,
        type_prefix: Some(q.kind.as_str()).filter(|t| !t.is_empty()),
        search: Some(q.q.as_str()).filter(|t| !t.is_empty()),
        from: day("from", &q.from)?,
        to,
        before: q.before,
    })
}

/// The origin a page's browser uploads go to (the bucket's endpoint), for its CSP.
fn bucket_origin(p: &Placement) -> Option<String> {
    match p.bucket_endpoint.as_deref() {
        Some(endpoint) => {
            let url = url::Url::parse(endpoint).ok()?;
            let origin = url.origin().ascii_serialization();
            if p.bucket_path_style {
                Some(origin)
            } else {
                // Virtual-hosted style: the bucket is a subdomain of the endpoint's host.
                let host = url.host_str()?;
                let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
                Some(format!("{origin} {}://*.{host}{port}", url.scheme()))
            }
        }
        None => Some(format!(
            "https://*.s3.{}.amazonaws.com https://s3.{}.amazonaws.com",
            p.bucket_region, p.bucket_region
        )),
    }
}

/// `GET /projects/{project}/files`.
pub async fn files_page(
    State(state): State<AppState>,
    member: Member<perm::FilesRead>,
    Query(q): Query<FilesQuery>,
) -> Result<Response, PageError> {
    let (place, placement, chrome) = project_chrome(&state, &member, "Files", "files").await?;
    let (rows, problem) = match filter_of(&q) {
        Ok(filter) => (
            browse::uploads(&state.db, place.project, &filter, PAGE + 1).await?,
            None,
        ),
        Err(e) => (Vec::new(), Some(Problem::from_error(e)?)),
    };
    let secret = &placement.transform_secret;
    let next = (rows.len() as i64 > PAGE)
        .then(|| rows.get(PAGE as usize - 1).map(|r| q.next(r.id)))
        .flatten()
        .map(|query| format!("/projects/{}/files?{query}", place.project));
    let rows: Vec<Row> = rows.into_iter().take(PAGE as usize).map(|u| row(secret, u)).collect();
    let (status, problem) = match problem {
        Some((status, p)) => (status, Some(p)),
        None => (StatusCode::OK, None),
    };
    let may_write = member.may(Permission::FilesWrite);
    let page = FilesPage {
        chrome,
        project_id: place.project.to_string(),
        may_write,
        accepts: placement.allowed_content_types.join(", "),
        limit: size(placement.max_upload_bytes),
        filter: q,
        types: TYPES,
        statuses: UploadStatus::ALL.iter().map(|s| s.as_str()).collect(),
        rows,
        next,
        live_token: session_token(&state, place.project, member.viewer.session.id)?,
        problem,
    };
    let response = (status, render(&page)).into_response();
    let origin = if may_write { bucket_origin(&placement) } else { None };
    Ok(with_bucket_origin(response, origin.as_deref()))
}

/// A variant as the file page lists it.
pub struct VariantRow {
    transform: String,
    format: String,
    size: String,
    width: Option<i32>,
    height: Option<i32>,
}

#[derive(Template)]
#[template(path = "file.html")]
struct FilePage {
    chrome: Chrome,
    project_id: String,
    file: files::File,
    size: String,
    reason: Option<String>,
    preview: Option<String>,
    download: String,
    variants: Vec<VariantRow>,
    metadata: String,
    may_delete: bool,
}

pub(crate) async fn scope_of(state: &AppState, project: ProjectId) -> Result<ProjectScope, ApiError> {
    let row = projects::upload_scope(&state.db, project)
        .await?
        .ok_or(ApiError::NotFound("project"))?;
    Ok(project_scope(row))
}

/// `GET /projects/{project}/files/{id}`: the file, its variants, metadata, download and delete.
pub async fn file_page(
    State(state): State<AppState>,
    member: Member<perm::FilesRead>,
    Path((_, id)): Path<(String, FileId)>,
) -> Result<Response, PageError> {
    let (place, placement, chrome) = project_chrome(&state, &member, "File", "files").await?;
    let file = files::get(&state.db, place.project, id)
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    let secret = placement.transform_secret;
    let scope = scope_of(&state, place.project).await?;
    let download = crate::routes::files::download(&state, &scope, id).await?;
    let variants = variants::list(&state.db, id)
        .await?
        .into_iter()
        .map(|v| VariantRow {
            size: size(v.size),
            transform: v.transform,
            format: v.format,
            width: v.width,
            height: v.height,
        })
        .collect();
    let shows_image = file.content_type.starts_with("image/") && file.status != UploadStatus::Failed;
    let page = FilePage {
        chrome,
        project_id: place.project.to_string(),
        size: size(file.size),
        reason: reason_in_words(file.failure_reason, None),
        preview: shows_image.then(|| thumbnail(&secret, id, 480)).flatten(),
        download: download.url,
        variants,
        metadata: serde_json::to_string_pretty(&file.metadata).unwrap_or_default(),
        may_delete: member.may(Permission::FilesDelete),
        file,
    };
    Ok(render(&page))
}

/// `POST /projects/{project}/files/{id}/delete`.
pub async fn delete_file(
    State(state): State<AppState>,
    member: Member<perm::FilesDelete>,
    Path((_, id)): Path<(String, FileId)>,
    _: Form,
) -> Result<Response, PageError> {
    let place = crate::routes::projects::place(member.scope)?;
    crate::routes::files::delete(&state, place.project, id).await?;
    Ok(see_other(&format!("/projects/{}/files", place.project)))
}

/// A request of the SDK's browser uploader (`@carcosa/sdk/browser`), the subset the dashboard
/// serves: single-request uploads (up to 5 GiB), completed and followed.
#[derive(Debug, Deserialize)]
#[serde(tag = "action", rename_all = "lowercase")]
pub enum UploadAction {
    /// Presign one upload per file.
    Presign {
        /// The files.
        files: Vec<HandlerFile>,
    },
    /// Complete an upload.
    Complete {
        /// Upload id.
        id: UploadId,
    },
    /// An upload's state.
    Status {
        /// Upload id.
        id: UploadId,
    },
}

/// A file the browser wants to send.
#[derive(Debug, Deserialize)]
pub struct HandlerFile {
    name: String,
    size: i64,
    #[serde(rename = "type")]
    content_type: String,
}

/// A presigned upload in the SDK protocol's shape.
#[derive(Debug, Serialize)]
pub struct HandlerPresigned {
    id: UploadId,
    name: String,
    upload: Option<serde_json::Value>,
    socket_url: String,
    realtime_token: String,
    expires_at: chrono::DateTime<Utc>,
}

/// At most this many files per presign (the dropzone sends what was dropped at once).
const MAX_FILES: usize = 20;

/// `POST /projects/{project}/upload`: the dropzone's endpoint. JSON in and out (the SDK's
/// protocol); the form token travels in `X-CSRF-Token`.
pub async fn upload_action(
    State(state): State<AppState>,
    member: Member<perm::FilesWrite>,
    _: CsrfHeader,
    Json(action): Json<UploadAction>,
) -> Result<Response, ApiError> {
    let place = crate::routes::projects::place(member.scope)?;
    let scope = scope_of(&state, place.project).await?;
    match action {
        UploadAction::Presign { files } => {
            if files.is_empty() || files.len() > MAX_FILES {
                return Err(ApiError::validation(
                    "files",
                    format!("send 1 to {MAX_FILES} files at once"),
                ));
            }
            let token = session_token(&state, place.project, member.viewer.session.id)?;
            let base = state.config.http.public_base();
            let ws = base.replacen("http", "ws", 1);
            let mut uploads = Vec::with_capacity(files.len());
            for f in files {
                let req = CreateUploadRequest::simple(f.name.clone(), f.content_type, f.size);
                let (_, up) = presign(&state, &scope, None, req).await?;
                uploads.push(presigned(up, f.name, &ws, &token)?);
            }
            Ok(Json(serde_json::json!({ "uploads": uploads })).into_response())
        }
        UploadAction::Complete { id } => {
            let up = complete(&state, &scope, id, None).await?;
            Ok(Json(serde_json::json!({"id": up.id, "status": up.status})).into_response())
        }
        UploadAction::Status { id } => {
            let row = carcosa_common::db::uploads::get(&state.db, place.project, id)
                .await?
                .ok_or(ApiError::NotFound("upload"))?;
            let up = with_file(&state, row).await?;
            Ok(Json(serde_json::json!({
                "id": up.id,
                "status": up.status,
                "file_id": up.file_id,
                "failure_reason": up.failure_reason,
            }))
            .into_response())
        }
    }
}

fn presigned(up: UploadResponse, name: String, ws_base: &str, token: &str) -> Result<HandlerPresigned, ApiError> {
    let upload = up
        .upload
        .map(|u| serde_json::to_value(u).map_err(|e| ApiError::Internal(Box::new(e))))
        .transpose()?;
    Ok(HandlerPresigned {
        id: up.id,
        name,
        upload,
        socket_url: format!("{ws_base}/v1/ws?token={token}"),
        realtime_token: token.to_owned(),
        expires_at: up.expires_at,
    })
}
