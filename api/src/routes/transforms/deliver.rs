//! Answering with a variant: `304` when the client has it, else — per `transforms.delivery` —
//! the bytes streamed from the bucket, or a `302` to a short-lived presigned GET.
//!
//! Streaming holds one chunk at a time (64 KiB reads from the bucket, written as the client
//! takes them), never the whole object: thirty slow readers of a 45 MB variant grew the previous
//! buffering version from 0.8 to 3.5 GB RSS. At most `transforms.max_concurrent_responses`
//! streams run at once per process; past that the answer is `503 transforms_busy` with
//! `Retry-After`, so a crowd of slow readers costs a bounded number of buffers and bucket
//! connections.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use carcosa_common::config::TransformDelivery;
use carcosa_common::db::variants::TransformTarget;
use carcosa_common::domain::FileId;
use carcosa_common::transform::{Format, TransformSpec};
use futures::StreamExt as _;
use sha2::{Digest as _, Sha256};

use super::produce;
use crate::error::ApiError;
use crate::state::AppState;

/// Bytes read from the bucket per chunk while streaming.
const CHUNK: usize = 64 * 1024;

/// Answers with the variant of `spec` (making it first on a miss).
pub(super) async fn respond(
    state: &AppState,
    target: TransformTarget,
    spec: TransformSpec,
    cache_control: &'static str,
    vary_accept: bool,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let canonical = spec.canonical();
    let key = match &target.variant_key {
        Some(key) => key.clone(),
        None => produce::produce(state, &target, spec).await?,
    };
    let etag = etag(target.file_id, &canonical);
    let mut response = if not_modified(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match state.config.transforms.delivery {
            TransformDelivery::Stream => stream(state, &target, &key, spec.format).await?,
            TransformDelivery::Redirect => redirect(state, &target, &key, spec.format, cache_control).await?,
        }
    };
    let redirected = response.status() == StatusCode::FOUND;
    let h = response.headers_mut();
    if !redirected {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(header::ETAG, v);
        }
    }
    if vary_accept {
        h.insert(header::VARY, HeaderValue::from_static("Accept"));
    }
    Ok(response)
}

/// The variant's bytes, read from the bucket as the client reads them.
async fn stream(state: &AppState, target: &TransformTarget, key: &str, format: Format) -> Result<Response, ApiError> {
    let Ok(permit) = state.transform_responses.clone().try_acquire_owned() else {
        return Err(ApiError::TryLater {
            code: "transforms_busy",
            message: "too many transform responses are being sent; retry shortly".into(),
            retry_after_secs: 1,
        });
    };
    let storage = state
        .storage_for(target.bucket_id, Some(target.bucket_updated_at))
        .await?;
    let (length, body) = storage.get_stream(key).await?;
    let chunks = tokio_util::io::ReaderStream::with_capacity(body.into_async_read(), CHUNK)
        // The permit lives as long as the body: it is released when the last chunk is sent or
        // the client goes away.
        .map(move |chunk| {
            let _held = &permit;
            chunk
        });
    let mut response = Response::new(Body::from_stream(chunks));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    if let Some(length) = length {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'"),
    );
    Ok(response)
}

/// `302` to a presigned GET of the variant (served by the bucket with the right type and
/// caching). The redirect itself is cached briefly and privately: its URL expires.
async fn redirect(
    state: &AppState,
    target: &TransformTarget,
    key: &str,
    format: Format,
    cache_control: &'static str,
) -> Result<Response, ApiError> {
    let storage = state
        .storage_for(target.bucket_id, Some(target.bucket_updated_at))
        .await?;
    let ttl = std::time::Duration::from_secs(state.config.uploads.download_url_ttl_secs);
    let presigned = storage
        .presign_get_inline(key, format.content_type(), cache_control, ttl)
        .await?;
    let location = HeaderValue::from_str(&presigned.url).map_err(|e| ApiError::Internal(Box::new(e)))?;
    let mut response = StatusCode::FOUND.into_response();
    let h = response.headers_mut();
    h.insert(header::LOCATION, location);
    let max_age = (ttl.as_secs() / 2).min(60);
    if let Ok(v) = HeaderValue::from_str(&format!("private, max-age={max_age}")) {
        h.insert(header::CACHE_CONTROL, v);
    }
    Ok(response)
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
