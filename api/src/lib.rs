//! `carcosa-api`: the thin HTTP tier. A request is authenticated by an API-key extractor named in
//! the handler's signature, validated into domain types, answered from one or two queries, and —
//! where work is needed — turned into a job in the same transaction. No bytes pass through here.

pub mod access;
pub mod auth;
pub mod dashboard;
pub mod error;
pub mod extract;
pub mod limits;
pub mod listen;
pub mod metrics;
pub mod openapi;
pub mod realtime;
pub mod routes;
pub mod server;
pub mod session;
pub mod state;
pub mod trace;
pub mod transform_waiters;
pub mod upload_writer;

use std::io;

use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use state::AppState;

/// The full router with its middleware.
pub fn router(state: AppState) -> Router {
    carcosa_common::metrics::install();
    routes::router(state)
}

/// How often the keys of open WebSocket sessions are re-checked even without a notification
/// (a backstop for notifications missed while the listener reconnected).
const KEY_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// Serves the API on an already-bound listener until `shutdown` is cancelled, then drains
/// in-flight requests. Also keeps the API-key cache coherent (and closes WebSocket sessions of
/// revoked keys) for as long as it serves.
pub async fn serve(listener: TcpListener, state: AppState, shutdown: CancellationToken) -> io::Result<()> {
    match &state.limiter {
        limits::Limiter::Local(_) => tracing::warn!(
            "rate limits are counted in this process only: with several API processes each allows the full limit; set redis.url (REDIS_URL) to share them"
        ),
        limiter => tracing::info!(rate_limits = limiter.describe(), "rate limiting"),
    }
    spawn_listeners(&state, &shutdown);
    tokio::spawn(state.realtime.clone().run(state.events.clone(), shutdown.clone()));
    tokio::spawn(state.realtime.clone().run_settled(state.db.clone(), shutdown.clone()));
    carcosa_common::metrics::spawn_queue_sampler(&state.db, &state.config.metrics, &shutdown);
    {
        let (hub, shutdown) = (state.realtime.closing.clone(), shutdown.clone());
        tokio::spawn(async move {
            shutdown.cancelled().await;
            hub.cancel();
        });
    }
    let limits = server::Limits {
        header_read_timeout: std::time::Duration::from_secs(state.config.http.header_read_timeout_secs),
        max_connections: state.config.http.max_connections,
        forwarded_hops: state.config.http.forwarded_hops,
    };
    server::serve(listener, router(state), limits, shutdown).await
}

/// The `LISTEN`s: auth changes (key cache, WebSocket sessions of revoked keys) and transform
/// outcomes; plus the periodic key check.
fn spawn_listeners(state: &AppState, shutdown: &CancellationToken) {
    let (keys, hub, db) = (state.keys.clone(), state.realtime.clone(), state.db.clone());
    let checks = tokio::sync::Notify::new();
    let checks = std::sync::Arc::new(checks);
    let wake = checks.clone();
    tokio::spawn(listen::run(
        state.db.clone(),
        &[auth::key_cache::CHANNEL],
        "auth changes",
        shutdown.clone(),
        move |heard| {
            keys.heard(&heard);
            if !matches!(heard, listen::Heard::Lost) {
                wake.notify_one();
            }
        },
    ));
    let shutdown_checks = shutdown.clone();
    tokio::spawn(async move {
        loop {
            tokio::select! {
                () = shutdown_checks.cancelled() => return,
                () = checks.notified() => {}
                () = tokio::time::sleep(KEY_CHECK_EVERY) => {}
            }
            hub.check_keys(&db).await;
        }
    });
    let waiters = state.transforms.clone();
    tokio::spawn(listen::run(
        state.db.clone(),
        &[carcosa_common::jobs::TRANSFORM_DONE_CHANNEL],
        "transform outcomes",
        shutdown.clone(),
        move |heard| waiters.heard(&heard),
    ));
}
