//! On-demand transforms.
//!
//! * `GET /v1/transform/{file}?w=&h=&fit=&format=&q=&dpr=&sig=` — any spec, always signed.
//! * `GET /v1/transform/{file}/{preset}[?sig=]` — a project preset; signed unless the project
//!   turned on `public_presets`.
//! * `POST /v1/files/{id}/transform-url` — mints signed URLs for the key holder.
//!
//! Signatures are HMAC-SHA256 with the project's secret over the canonical spec (see
//! `common::transform`), so equivalent query strings share a URL's signature and cache entry.
//! A stored variant is streamed from the bucket with a strong `ETag` (304 on `If-None-Match`);
//! a miss enqueues a `transform` job and waits for a worker — pixels are never touched here —
//! for at most `http.transform_wait_secs`, then answers 503 with `Retry-After`.

use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use carcosa_common::db::{files, usage, variants};
use carcosa_common::domain::{FileId, Quotas};
use carcosa_common::jobs::{self, Transform};
use carcosa_common::transform::{self, Format, TransformError, TransformPolicy, TransformSpec};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::auth::{Auth, perm};
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::state::AppState;
use crate::transform_waiters::Outcome;

/// Signed canonical URLs never change meaning: cache them for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// A preset's definition can be edited, so its URL is cached for an hour.
const PRESET_CACHE: &str = "public, max-age=3600";
/// `Retry-After` on a miss that did not finish in time.
const RETRY_AFTER_SECS: u64 = 2;

impl From<TransformError> for ApiError {
    fn from(e: TransformError) -> Self {
        ApiError::Validation {
            code: e.code(),
            field: None,
            message: e.to_string(),
        }
    }
}

/// Query pairs as sent (repeated keys kept, so `from_query` sees them in order).
fn query_pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|_| ApiError::Validation {
        code: "invalid_transform_parameter",
        field: None,
        message: "the query string is not valid application/x-www-form-urlencoded".into(),
    })
}

fn signature(pairs: &[(String, String)]) -> Option<&str> {
    pairs.iter().rev().find(|(k, _)| k == "sig").map(|(_, v)| v.as_str())
}

fn check_signature(secret: &[u8], payload: &str, sig: Option<&str>) -> Result<(), ApiError> {
    match sig {
        None => Err(ApiError::Denied {
            code: "signature_required",
            message: "transform URLs must be signed; mint one with POST /v1/files/{id}/transform-url".into(),
        }),
        Some(sig) if transform::verify(secret, payload, sig) => Ok(()),
        Some(_) => Err(ApiError::Denied {
            code: "invalid_signature",
            message: "the signature does not match this file and transform".into(),
        }),
    }
}

fn policy_of(target: &variants::TransformTarget) -> TransformPolicy {
    TransformPolicy::from_json(&target.transform_policy).unwrap_or_else(|e| {
        tracing::warn!(file.id = %target.file_id, error = %e, "invalid transform policy; using the defaults");
        TransformPolicy::default()
    })
}

/// `GET /v1/transform/{file}?…`
async fn transform_by_query(
    State(state): State<AppState>,
    Path(id): Path<FileId>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref())?;
    let auto = pairs.iter().any(|(k, v)| k == "format" && v == "auto");
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let spec = TransformSpec::from_query(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Format::negotiate(accept),
    )?;
    let target = variants::transform_target(&state.db, id, &spec.canonical())
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    check_signature(
        &target.transform_secret,
        &spec.signing_payload(id, auto),
        signature(&pairs),
    )?;
    respond(&state, target, spec, IMMUTABLE, auto, &headers).await
}

/// `GET /v1/transform/{file}/{preset}`
async fn transform_by_preset(
    State(state): State<AppState>,
    Path((id, preset)): Path<(FileId, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref())?;
    if let Some((k, _)) = pairs.iter().find(|(k, _)| k != "sig") {
        return Err(TransformError::UnknownParameter(k.clone()).into());
    }
    // The preset's definition is needed before its variant can be looked up.
    let target = variants::transform_target(&state.db, id, "")
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    let policy = policy_of(&target);
    let Some(spec) = policy.presets.get(&preset).copied() else {
        return Err(ApiError::NotFound("preset"));
    };
    if !policy.public_presets {
        check_signature(
            &target.transform_secret,
            &transform::preset_signing_payload(id, &preset),
            signature(&pairs),
        )?;
    }
    let target = variants::transform_target(&state.db, id, &spec.canonical())
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    respond(&state, target, spec, PRESET_CACHE, false, &headers).await
}

/// A strong validator: the variant of a file under a canonical transform is deterministic.
fn etag(file: FileId, canonical: &str) -> String {
    let digest = Sha256::digest(format!("{file}/{canonical}").as_bytes());
    format!("\"{}\"", URL_SAFE_NO_PAD.encode(&digest[..16]))
}

fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag == etag || tag.strip_prefix("W/") == Some(etag)
        })
}

async fn respond(
    state: &AppState,
    target: variants::TransformTarget,
    spec: TransformSpec,
    cache_control: &'static str,
    vary_accept: bool,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let id = target.file_id;
    let canonical = spec.canonical();
    let key = match &target.variant_key {
        Some(key) => key.clone(),
        None => produce(state, &target, spec).await?,
    };
    let etag = etag(id, &canonical);
    let mut response = if not_modified(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let storage = state
            .storage_for(target.bucket_id, Some(target.bucket_updated_at))
            .await?;
        let bytes = storage.get(&key).await?;
        let mut response = bytes.into_response();
        let h = response.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(spec.format.content_type()),
        );
        h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'"),
        );
        response
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if vary_accept {
        h.insert(header::VARY, HeaderValue::from_static("Accept"));
    }
    Ok(response)
}

/// Cache miss: have a worker make the variant and wait for it (bounded).
async fn produce(
    state: &AppState,
    target: &variants::TransformTarget,
    spec: TransformSpec,
) -> Result<String, ApiError> {
    let id = target.file_id;
    if !transform::is_renderable(&target.content_type) {
        return Err(ApiError::Unprocessable {
            code: "not_transformable".into(),
            message: format!(
                "files of type {} cannot be transformed (jpeg, png, gif and webp can)",
                target.content_type
            ),
        });
    }
    if target.upload_status == "failed" {
        return Err(ApiError::Unprocessable {
            code: "not_transformable".into(),
            message: "this image was refused when it was uploaded; see its upload's failure_reason".into(),
        });
    }
    if let Some(limit) = target.quota_max_transforms_month {
        let used = usage::transforms_since(&state.db, target.project_id, usage::month_start(Utc::now())).await?;
        Quotas {
            max_transforms_per_month: Some(limit),
            ..Quotas::default()
        }
        .check_transform(used)?;
    }
    let canonical = spec.canonical();
    let (mut outcome, first) = state.transforms.join(id, &canonical);
    if first {
        let enqueued = async {
            let mut conn = state.db.acquire().await?;
            jobs::enqueue(
                &mut conn,
                &Transform { file_id: id, spec },
                state.config.worker.max_attempts,
            )
            .await?;
            Ok::<_, ApiError>(())
        };
        if let Err(e) = enqueued.await {
            state.transforms.abandon(id, &canonical);
            return Err(e);
        }
    }
    let deadline = Instant::now() + Duration::from_secs(state.config.http.transform_wait_secs);
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(ApiError::TryLater {
                code: "transform_pending",
                message: "the transform is still being made; retry shortly".into(),
                retry_after_secs: RETRY_AFTER_SECS,
            });
        }
        let slice = remaining.min(Duration::from_secs(1));
        // `Err(())`: the entry was replaced or abandoned; fall back to polling.
        let woke: Result<Outcome, ()> = match tokio::time::timeout(slice, outcome.wait_for(Option::is_some)).await {
            Ok(Ok(value)) => Ok(value.clone()),
            Ok(Err(_)) => Err(()),
            Err(_) => Ok(None),
        };
        let woke = match woke {
            Ok(w) => w,
            Err(()) => {
                tokio::time::sleep(slice).await;
                None
            }
        };
        if let Some(Some(code)) = woke {
            return Err(refusal(code));
        }
        // Stored (or no word yet: check anyway, a notification may have been missed).
        if let Some(found) = variants::transform_target(&state.db, id, &canonical).await? {
            if let Some(key) = found.variant_key {
                return Ok(key);
            }
        } else {
            return Err(ApiError::NotFound("file"));
        }
    }
}

fn refusal(code: String) -> ApiError {
    match code.as_str() {
        "file_deleted" => ApiError::NotFound("file"),
        "transform_error" => ApiError::TryLater {
            code: "transform_failed",
            message: "the transform failed repeatedly; retry later".into(),
            retry_after_secs: 30,
        },
        _ => ApiError::Unprocessable {
            message: format!("the image cannot be transformed ({code})"),
            code,
        },
    }
}

/// Body of `POST /v1/files/{id}/transform-url`: a preset name, or transform parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MintRequest {
    /// A preset of the project (excludes the other fields).
    pub preset: Option<String>,
    /// Width in CSS pixels (multiplied by `dpr`).
    pub w: Option<u32>,
    /// Height in CSS pixels (multiplied by `dpr`).
    pub h: Option<u32>,
    /// `cover`, `contain`, `fill` or `inside`.
    pub fit: Option<String>,
    /// `webp`, `jpeg`, `png` or `auto`.
    pub format: Option<String>,
    /// Quality 1–100.
    pub q: Option<u32>,
    /// Device pixel ratio 1–3.
    pub dpr: Option<u32>,
}

/// A minted URL.
#[derive(Debug, Serialize)]
pub struct MintResponse {
    /// Absolute URL (`http.public_url`, or this request's host).
    pub url: String,
    /// The same, as a path.
    pub path: String,
    /// Canonical transform (`null` with `format=auto`, where it depends on `Accept`).
    pub transform: Option<String>,
    /// The `Cache-Control` the URL is served with.
    pub cache_control: &'static str,
}

/// `POST /v1/files/{id}/transform-url`
async fn mint_url(
    auth: Auth<perm::TransformsExecute>,
    State(state): State<AppState>,
    Path(id): Path<FileId>,
    headers: HeaderMap,
    Json(req): Json<MintRequest>,
) -> Result<Json<MintResponse>, ApiError> {
    files::get(&state.db, auth.project.id, id)
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    let target = variants::transform_target(&state.db, id, "")
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    let (path, transform, cache_control) = if let Some(preset) = &req.preset {
        let only_preset = req.w.is_none()
            && req.h.is_none()
            && req.fit.is_none()
            && req.format.is_none()
            && req.q.is_none()
            && req.dpr.is_none();
        if !only_preset {
            return Err(ApiError::validation(
                "preset",
                "give either a preset or transform parameters, not both",
            ));
        }
        let policy = policy_of(&target);
        let spec = policy.presets.get(preset).ok_or_else(|| ApiError::Validation {
            code: "unknown_preset",
            field: Some("preset"),
            message: format!(
                "this project has no preset {preset:?} (it has: {})",
                policy.presets.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        })?;
        let sig = transform::sign(&target.transform_secret, &transform::preset_signing_payload(id, preset));
        (
            format!("/v1/transform/{id}/{preset}?sig={sig}"),
            Some(spec.canonical()),
            PRESET_CACHE,
        )
    } else {
        let (w, h, q, dpr) = (
            req.w.map(|v| v.to_string()),
            req.h.map(|v| v.to_string()),
            req.q.map(|v| v.to_string()),
            req.dpr.map(|v| v.to_string()),
        );
        let pairs = [
            ("w", w.as_deref()),
            ("h", h.as_deref()),
            ("fit", req.fit.as_deref()),
            ("format", req.format.as_deref()),
            ("q", q.as_deref()),
            ("dpr", dpr.as_deref()),
        ];
        let auto = req.format.as_deref() == Some("auto");
        let spec = TransformSpec::from_query(pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))), Format::Webp)?;
        let sig = transform::sign(&target.transform_secret, &spec.signing_payload(id, auto));
        (
            format!("/v1/transform/{id}?{}&sig={sig}", spec.to_query(auto)),
            (!auto).then(|| spec.canonical()),
            IMMUTABLE,
        )
    };
    let base = match &state.config.http.public_url {
        Some(base) => base.clone(),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("localhost");
            format!("http://{host}")
        }
    };
    Ok(Json(MintResponse {
        url: format!("{base}{path}"),
        path,
        transform,
        cache_control,
    }))
}

/// Transform routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/transform/{id}", get(transform_by_query))
        .route("/v1/transform/{id}/{preset}", get(transform_by_preset))
        .route("/v1/files/{id}/transform-url", post(mint_url))
}
