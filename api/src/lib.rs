//! `carcosa-api`: the thin HTTP tier. A request is authenticated by an API-key extractor named in
//! the handler's signature, validated into domain types, answered from one or two queries, and —
//! where work is needed — turned into a job in the same transaction. No bytes pass through here.

pub mod auth;
pub mod error;
pub mod extract;
pub mod metrics;
pub mod realtime;
pub mod routes;
pub mod state;
pub mod transform_waiters;
pub mod upload_writer;

use std::io;

use axum::Router;
use axum::serve::ListenerExt as _;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use state::AppState;

/// The full router with its middleware.
pub fn router(state: AppState) -> Router {
    carcosa_common::metrics::install();
    routes::router(state)
}

/// Serves the API on an already-bound listener until `shutdown` is cancelled, then drains
/// in-flight requests. Also keeps the API-key cache coherent for as long as it serves.
pub async fn serve(listener: TcpListener, state: AppState, shutdown: CancellationToken) -> io::Result<()> {
    tokio::spawn(state.keys.clone().listen(state.db.clone(), shutdown.clone()));
    tokio::spawn(state.transforms.clone().listen(state.db.clone(), shutdown.clone()));
    tokio::spawn(state.realtime.clone().run(state.events.clone(), shutdown.clone()));
    carcosa_common::metrics::spawn_queue_sampler(&state.db, &state.config.metrics, &shutdown);
    {
        let (hub, shutdown) = (state.realtime.closing.clone(), shutdown.clone());
        tokio::spawn(async move {
            shutdown.cancelled().await;
            hub.cancel();
        });
    }
    let app = router(state);
    // Small request/response pairs on keep-alive connections: without TCP_NODELAY, Nagle's
    // algorithm meeting the peer's delayed ACK stalled ~2% of presigns by 40 ms (measured).
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
}
