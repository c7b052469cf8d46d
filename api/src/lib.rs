//! `carcosa-api`: the thin HTTP tier. A request is authenticated by an API-key extractor named in
//! the handler's signature, validated into domain types, answered from one or two queries, and —
//! where work is needed — turned into a job in the same transaction. No bytes pass through here.

pub mod auth;
pub mod error;
pub mod extract;
pub mod routes;
pub mod state;

use std::io;

use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use state::AppState;

/// The full router with its middleware.
pub fn router(state: AppState) -> Router {
    routes::router(state)
}

/// Serves the API on an already-bound listener until `shutdown` is cancelled, then drains
/// in-flight requests.
pub async fn serve(listener: TcpListener, state: AppState, shutdown: CancellationToken) -> io::Result<()> {
    let app = router(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
}
