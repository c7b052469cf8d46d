//! Request tracing: every request runs in a span carrying its request id, method and route
//! pattern, and the id is echoed as `x-request-id` so a client can quote it. A client may send
//! its own id (a proxy's, say) when it is short and plain; anything else is replaced, so no
//! caller controls what lands in the logs.

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument as _;

/// The header carrying the id, both ways.
pub const REQUEST_ID: &str = "x-request-id";

/// Longest client-sent id kept.
const MAX_ID_LEN: usize = 64;

/// The request's id, for handlers (the audit log records it).
#[derive(Debug, Clone)]
pub struct RequestId(pub HeaderValue);

/// Runs the request in its span and echoes its id.
pub async fn trace(mut req: Request, next: Next) -> Response {
    let id = match req.headers().get(REQUEST_ID) {
        Some(v) if v.to_str().is_ok_and(is_plain) => v.clone(),
        _ => {
            let mut buf = uuid::Uuid::encode_buffer();
            let text = uuid::Uuid::now_v7().hyphenated().encode_lower(&mut buf);
            HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static("-"))
        }
    };
    req.extensions_mut().insert(RequestId(id.clone()));
    // Fields are only formatted when the span is enabled (INFO by default).
    let route = req.extensions().get::<MatchedPath>().cloned();
    let span = tracing::info_span!(
        "request",
        request.id = id.to_str().unwrap_or("-"),
        method = %req.method(),
        route = route.as_ref().map_or("unmatched", MatchedPath::as_str),
    );
    let started = std::time::Instant::now();
    let mut response = next.run(req).instrument(span.clone()).await;
    span.in_scope(|| {
        tracing::debug!(
            status = response.status().as_u16(),
            duration_ms = started.elapsed().as_millis() as u64,
            "request done"
        );
    });
    response.headers_mut().insert(REQUEST_ID, id);
    response
}

fn is_plain(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}
