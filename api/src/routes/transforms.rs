//! On-demand transforms.
//!
//! * `GET /v1/transform/{file}?w=&h=&fit=&format=&q=&dpr=&sig=` — any spec, always signed.
//! * `GET /v1/transform/{file}/{preset}[?sig=]` — a project preset; signed unless the project
//!   turned on `public_presets`.
//! * `POST /v1/files/{id}/transform-url` — mints signed URLs ([`mint`]).
//!
//! Signatures are HMAC-SHA256 with the project's secret over the canonical spec (see
//! `common::transform`), so equivalent query strings share a URL's signature and cache entry.
//! The query is parsed once ([`TransformSpec::from_query`]: a repeated parameter is refused), and
//! the variant, the signature check and the format negotiation all derive from that one result.
//! A stored variant is streamed from the bucket or redirected to ([`deliver`]); a miss has a
//! worker make it ([`produce`]) — pixels are never touched here.

mod deliver;
mod mint;
mod produce;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use carcosa_common::db::variants::{self, TransformTarget};
use carcosa_common::domain::FileId;
use carcosa_common::transform::{self, Format, TransformError, TransformPolicy, TransformSpec};
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::Path;
use crate::openapi::{NOT_FOUND, errors};
use crate::routes::Routes;
use crate::state::AppState;

/// Signed canonical URLs never change meaning: cache them for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// A preset's definition can be edited, so its URL is cached for an hour.
const PRESET_CACHE: &str = "public, max-age=3600";

impl From<TransformError> for ApiError {
    fn from(e: TransformError) -> Self {
        ApiError::Validation {
            code: e.code(),
            field: None,
            message: e.to_string(),
        }
    }
}

/// Query pairs as sent (repeated keys kept, so the parser can refuse them).
fn query_pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|_| ApiError::Validation {
        code: "invalid_transform_parameter",
        field: None,
        message: "the query string is not valid application/x-www-form-urlencoded".into(),
    })
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

fn policy_of(target: &TransformTarget) -> TransformPolicy {
    TransformPolicy::from_json(&target.transform_policy).unwrap_or_else(|e| {
        tracing::warn!(file.id = %target.file_id, error = %e, "invalid transform policy; using the defaults");
        TransformPolicy::default()
    })
}

/// The file and, when stored, its variant `canonical` (404 when there is no such file).
async fn target(state: &AppState, id: FileId, canonical: &str) -> Result<TransformTarget, ApiError> {
    let memory = state.config.transforms.failure_memory_secs;
    variants::transform_target(&state.db, id, canonical, memory)
        .await?
        .ok_or(ApiError::NotFound("file"))
}

errors!(
    TransformErrors = NOT_FOUND,
    &[
        (400, &["invalid_transform_parameter", "unknown_transform_parameter"]),
        (403, &["signature_required", "invalid_signature", "quota_exceeded"]),
        (
            422,
            &[
                "not_transformable",
                "image_too_large",
                "corrupt_image",
                "unsupported_image",
                "processing_timeout",
                "encode_failed",
                "variant_error"
            ]
        ),
        (503, &["transform_pending", "transform_failed", "transforms_busy"]),
    ]
);

/// `GET /v1/transform/{file}?…`
#[utoipa::path(
    get,
    path = "/v1/transform/{id}",
    tag = "transforms",
    summary = "Transform an image",
    description = "Resizes and re-encodes an image file on demand. The URL must carry a signature minted by \
                   `POST /v1/files/{id}/transform-url`; equivalent query strings share one signature and one \
                   stored variant. A variant being made answers `503 transform_pending` with `Retry-After`.",
    params(
        ("id" = FileId, Path, description = "File id."),
        ("w" = Option<u32>, Query, description = "Width in CSS pixels."),
        ("h" = Option<u32>, Query, description = "Height in CSS pixels."),
        ("fit" = Option<String>, Query, description = "`cover`, `contain`, `fill` or `inside`."),
        ("format" = Option<String>, Query, description = "`webp`, `jpeg`, `png`, `avif` or `auto` (from `Accept`)."),
        ("q" = Option<u32>, Query, description = "Quality 1–100."),
        ("dpr" = Option<u32>, Query, description = "Device pixel ratio 1–3."),
    ),
    responses(
        (status = 200, description = "The image (`Cache-Control`, `ETag`, `Vary: Accept` with `format=auto`).", content((String = "image/webp"), (String = "image/jpeg"), (String = "image/png"), (String = "image/avif"))),
        (status = 302, description = "A stored variant, redirected to a presigned bucket URL (`transforms.redirect`)."),
        (status = 304, description = "Not modified (`If-None-Match`)."),
        TransformErrors,
    ),
    security(("transform_signature" = [])),
)]
async fn transform_by_query(
    State(state): State<AppState>,
    Path(id): Path<FileId>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref())?;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let query = TransformSpec::from_query(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Format::negotiate(accept),
    )?;
    let target = target(&state, id, &query.spec.canonical()).await?;
    check_signature(
        &target.transform_secret,
        &query.signing_payload(id),
        query.sig.as_deref(),
    )?;
    // After the signature: a URL minted before the project lowered its limit is refused with a
    // clear reason, not as a bad signature.
    query.spec.check_output(&policy_of(&target).limits)?;
    deliver::respond(&state, target, query.spec, IMMUTABLE, query.auto, &headers).await
}

/// `GET /v1/transform/{file}/{preset}`
#[utoipa::path(
    get,
    path = "/v1/transform/{id}/{preset}",
    tag = "transforms",
    summary = "A preset of an image",
    description = "The project's named preset of an image file; signed unless the project made its presets public.",
    params(
        ("id" = FileId, Path, description = "File id."),
        ("preset" = String, Path, description = "Preset name (e.g. `thumb`)."),
    ),
    responses(
        (status = 200, description = "The image (`Cache-Control`, `ETag`, `Vary: Accept` with `format=auto`).", content((String = "image/webp"), (String = "image/jpeg"), (String = "image/png"), (String = "image/avif"))),
        (status = 302, description = "A stored variant, redirected to a presigned bucket URL (`transforms.redirect`)."),
        (status = 304, description = "Not modified (`If-None-Match`)."),
        TransformErrors,
    ),
    security(("transform_signature" = []), ()),
)]
async fn transform_by_preset(
    State(state): State<AppState>,
    Path((id, preset)): Path<(FileId, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref())?;
    let sig = match pairs.as_slice() {
        [] => None,
        [(k, v)] if k == "sig" => Some(v.as_str()),
        [(k, _)] => return Err(TransformError::UnknownParameter(k.clone()).into()),
        _ => {
            return Err(
                TransformError::InvalidParameter("a preset URL takes one parameter, sig, at most once".into()).into(),
            );
        }
    };
    // The preset's definition is needed before its variant can be looked up.
    let file = target(&state, id, "").await?;
    let policy = policy_of(&file);
    let Some(spec) = policy.presets.get(&preset).copied() else {
        return Err(ApiError::NotFound("preset"));
    };
    if !policy.public_presets {
        let payload = transform::preset_signing_payload(id, &preset);
        check_signature(&file.transform_secret, &payload, sig)?;
    }
    let target = target(&state, id, &spec.canonical()).await?;
    deliver::respond(&state, target, spec, PRESET_CACHE, false, &headers).await
}

/// Transform routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(transform_by_query))
        .route(routes!(transform_by_preset))
        .route(routes!(mint::mint_url))
}
