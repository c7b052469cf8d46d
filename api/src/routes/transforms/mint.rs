//! `POST /v1/files/{id}/transform-url`: signed transform URLs for the key holder.
//!
//! Minting needs `transforms:execute` **and** `files:read`: a signed URL serves the image to
//! anyone who holds it, so a key that cannot read a file must not be able to hand it out
//! (a `transforms:execute`-only key could otherwise mint a full-size rendition of any file).
//! URLs are built on `http.public_url` (or `http://{http.bind}`), never on the request's `Host`.

use axum::extract::State;
use carcosa_common::db::files;
use carcosa_common::domain::FileId;
use carcosa_common::transform::{self, Format, TransformPolicy, TransformSpec};
use serde::{Deserialize, Serialize};

use super::{IMMUTABLE, PRESET_CACHE, policy_of, target};
use crate::auth::{Auth, perm};
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::openapi::{JSON_BODY, KEY, NOT_FOUND, errors};
use crate::state::AppState;

/// Body of `POST /v1/files/{id}/transform-url`: a preset name, or transform parameters.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"w": 400, "format": "auto"}))]
pub struct MintRequest {
    /// A preset of the project (excludes the other fields).
    pub preset: Option<String>,
    /// Width in CSS pixels (multiplied by `dpr`).
    pub w: Option<u32>,
    /// Height in CSS pixels (multiplied by `dpr`).
    pub h: Option<u32>,
    /// `cover`, `contain`, `fill` or `inside`.
    pub fit: Option<String>,
    /// `webp`, `jpeg`, `png`, `avif` or `auto`.
    pub format: Option<String>,
    /// Quality 1–100.
    pub q: Option<u32>,
    /// Device pixel ratio 1–3.
    pub dpr: Option<u32>,
}

impl MintRequest {
    fn has_parameters(&self) -> bool {
        self.w.is_some()
            || self.h.is_some()
            || self.fit.is_some()
            || self.format.is_some()
            || self.q.is_some()
            || self.dpr.is_some()
    }
}

/// A minted URL.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MintResponse {
    /// Absolute URL (`http.public_url`, or `http://{http.bind}`).
    pub url: String,
    /// The same, as a path.
    pub path: String,
    /// Canonical transform (`null` with `format=auto`, where it depends on `Accept`).
    pub transform: Option<String>,
    /// The `Cache-Control` the URL is served with.
    pub cache_control: &'static str,
}

errors!(
    MintErrors = KEY,
    JSON_BODY,
    NOT_FOUND,
    &[(
        400,
        &[
            "invalid_transform_parameter",
            "unknown_transform_parameter",
            "unknown_preset"
        ]
    ),]
);

/// `POST /v1/files/{id}/transform-url`
#[utoipa::path(
    post,
    path = "/v1/files/{id}/transform-url",
    tag = "transforms",
    summary = "Mint a signed transform URL",
    description = "A signed URL for a preset (`{\"preset\": \"thumb\"}`) or for transform parameters \
                   (`{\"w\": 400, \"format\": \"auto\"}`). Needs `transforms:execute` and `files:read`: a \
                   signed URL shows the image to whoever holds it.",
    params(("id" = FileId, Path, description = "File id.")),
    request_body = MintRequest,
    responses((status = 200, description = "The URL.", body = MintResponse), MintErrors),
    security(("api_key" = ["transforms:execute", "files:read"])),
)]
pub(super) async fn mint_url(
    auth: Auth<(perm::TransformsExecute, perm::FilesRead)>,
    State(state): State<AppState>,
    Path(id): Path<FileId>,
    Json(req): Json<MintRequest>,
) -> Result<Json<MintResponse>, ApiError> {
    files::get(&state.db, auth.project.id, id)
        .await?
        .ok_or(ApiError::NotFound("file"))?;
    let file = target(&state, id, "").await?;
    let policy = policy_of(&file);
    let (path, transform, cache_control) = match &req.preset {
        Some(_) if req.has_parameters() => {
            return Err(ApiError::validation(
                "preset",
                "give either a preset or transform parameters, not both",
            ));
        }
        Some(preset) => mint_preset(&file.transform_secret, &policy, id, preset)?,
        None => mint_spec(&file.transform_secret, &policy, id, &req)?,
    };
    Ok(Json(MintResponse {
        url: format!("{}{path}", state.config.http.public_base()),
        path,
        transform,
        cache_control,
    }))
}

type Minted = (String, Option<String>, &'static str);

fn mint_preset(secret: &[u8], policy: &TransformPolicy, id: FileId, preset: &str) -> Result<Minted, ApiError> {
    let spec = policy.presets.get(preset).ok_or_else(|| ApiError::Validation {
        code: "unknown_preset",
        field: Some("preset"),
        message: format!(
            "this project has no preset {preset:?} (it has: {})",
            policy.presets.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
    })?;
    let sig = transform::sign(secret, &transform::preset_signing_payload(id, preset));
    Ok((
        format!("/v1/transform/{id}/{preset}?sig={sig}"),
        Some(spec.canonical()),
        PRESET_CACHE,
    ))
}

fn mint_spec(secret: &[u8], policy: &TransformPolicy, id: FileId, req: &MintRequest) -> Result<Minted, ApiError> {
    let text = |v: Option<u32>| v.map(|v| v.to_string());
    let (w, h, q, dpr) = (text(req.w), text(req.h), text(req.q), text(req.dpr));
    let pairs = [
        ("w", w.as_deref()),
        ("h", h.as_deref()),
        ("fit", req.fit.as_deref()),
        ("format", req.format.as_deref()),
        ("q", q.as_deref()),
        ("dpr", dpr.as_deref()),
    ];
    let query = TransformSpec::from_query(pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))), Format::Webp)?;
    query.spec.check_output(&policy.limits)?;
    let sig = transform::sign(secret, &query.signing_payload(id));
    Ok((
        format!("/v1/transform/{id}?{}&sig={sig}", query.spec.to_query(query.auto)),
        (!query.auto).then(|| query.spec.canonical()),
        IMMUTABLE,
    ))
}
