//! HTTP metrics: one middleware around every route, and `GET /metrics`.
//!
//! `/metrics` is unauthenticated, like every Prometheus target: it shows counts and latencies,
//! never ids, keys or URLs (routes are labelled by their pattern, `/v1/files/{id}`). Keep it off
//! the public internet at the ingress if that matters to you (see deploy/README.md).
//!
//! No label takes a value a caller controls: `route` is a pattern of the route table (or
//! `unmatched`), `method` one of the standard methods (or `other`), `status` a status this server
//! chose. So the number of series is bounded whatever requests arrive.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Records count, latency and in-flight requests, labelled by route pattern, method and status.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    // Scrapes are not traffic.
    if route == "/metrics" {
        return next.run(req).await;
    }
    let method = method_label(req.method()).to_owned();
    let in_flight = metrics::gauge!("carcosa_http_requests_in_flight");
    in_flight.increment(1.0);
    let started = Instant::now();
    let response = next.run(req).await;
    in_flight.decrement(1.0);
    let labels = [
        ("route", route),
        ("method", method),
        ("status", response.status().as_str().to_owned()),
    ];
    metrics::counter!("carcosa_http_requests_total", &labels).increment(1);
    metrics::histogram!("carcosa_http_request_duration_seconds", &labels).record(started.elapsed().as_secs_f64());
    response
}

/// The `method` label: a standard method by name, anything else `other`.
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => "other",
    }
}

/// `GET /metrics`: the Prometheus exposition of this process.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "operations",
    summary = "Prometheus metrics",
    description = "The Prometheus text exposition of this process (request, upload, queue and rate-limit \
                   series; see `deploy/README.md`). Unauthenticated: expose it only to your scraper.",
    responses((status = 200, description = "Metrics.", content_type = "text/plain", body = String)),
    security(()),
)]
pub async fn render() -> Response {
    let mut response = carcosa_common::metrics::render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

/// The metrics route.
pub fn router() -> crate::routes::Routes {
    crate::routes::Routes::new().route(utoipa_axum::routes!(render))
}
