//! The dashboard's static files, compiled into the binary (nothing is fetched from another
//! origin, at build time or at view time): the stylesheet, our script, htmx (vendored from its
//! npm package, 0BSD), and the SDK's browser uploader as `tsc` builds it (`scripts/
//! build-dashboard-assets.sh` copies it here; CI checks the copy matches a fresh build).
//! Served with an ETag so a deploy is picked up at once and an unchanged file costs a 304.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest as _, Sha256};

use crate::access::PublicRead;
use crate::error::ApiError;
use crate::extract::Path;
use crate::state::AppState;

/// (name, content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "dashboard.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/dashboard.css"),
    ),
    (
        "dashboard.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/dashboard.js"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/htmx.min.js"),
    ),
    (
        "browser.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/browser.js"),
    ),
    (
        "errors.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/errors.js"),
    ),
];

fn etag(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    format!("\"{}\"", carcosa_common::crypto::hex(&digest[..12]))
}

/// `GET /assets/{file}`.
pub async fn serve(
    State(_): State<AppState>,
    _: PublicRead,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (_, content_type, bytes) = FILES
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or(ApiError::NotFound("asset"))?;
    let tag = etag(bytes);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == tag);
    let tag = HeaderValue::from_str(&tag).map_err(|e| ApiError::Internal(Box::new(e)))?;
    let cache = HeaderValue::from_static("no-cache");
    if fresh {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, tag), (header::CACHE_CONTROL, cache)],
        )
            .into_response());
    }
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::ETAG, tag),
            (header::CACHE_CONTROL, cache),
        ],
        *bytes,
    )
        .into_response())
}
