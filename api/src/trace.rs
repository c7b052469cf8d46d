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

/// Runs the request in its span and echoes its id.
pub async fn trace(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| is_plain(v))
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned);
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_owned();
    let span = tracing::info_span!("request", request.id = %id, method = %req.method(), route = %route);
    let value = HeaderValue::from_str(&id).ok();
    if let Some(value) = &value {
        req.headers_mut().insert(REQUEST_ID, value.clone());
    }
    let started = std::time::Instant::now();
    let mut response = next.run(req).instrument(span.clone()).await;
    span.in_scope(|| {
        tracing::debug!(
            status = response.status().as_u16(),
            duration_ms = started.elapsed().as_millis() as u64,
            "request done"
        );
    });
    if let Some(value) = value {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    response
}

fn is_plain(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}
