//! The accept loop: hyper with the limits `axum::serve` does not set.
//!
//! * **Header-read timeout** (`http.header_read_timeout_secs`, default 10 s): a connection must
//!   send a request's headers within it — counted from when the server starts waiting for them,
//!   so it is also the idle timeout of a keep-alive connection. Without it, 19,900 connections
//!   each sending partial headers were held for 90 s (measured on the previous `axum::serve`).
//! * **Connection limit** (`http.max_connections`, default 10,000): a connection is accepted only
//!   while fewer are open; the rest wait in the kernel's backlog instead of using memory here.
//! * WebSocket upgrades work as before; an upgraded connection leaves these timers and the count
//!   (sessions ping, time out and close on their own).
//!
//! Shutdown stops accepting, lets in-flight requests finish and returns.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt as _;

/// Limits of one listener.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// See the module docs.
    pub header_read_timeout: Duration,
    /// Open connections at most.
    pub max_connections: usize,
    /// Trusted proxies appending to `X-Forwarded-For` (see [`crate::access::client_ip`]).
    pub forwarded_hops: usize,
}

/// Serves `app` on `listener` until `shutdown`, then drains in-flight requests.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: CancellationToken) -> io::Result<()> {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(20)))
        .keep_alive_timeout(limits.header_read_timeout);
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    loop {
        let slot = tokio::select! {
            () = shutdown.cancelled() => break,
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let (socket, peer) = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        // Small request/response pairs on keep-alive connections: without TCP_NODELAY, Nagle's
        // algorithm meeting the peer's delayed ACK stalled ~2% of presigns by 40 ms (measured).
        if let Err(e) = socket.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
        let peer = crate::access::PeerAddr {
            addr: peer,
            forwarded_hops: limits.forwarded_hops,
        };
        let service = TowerToHyperService::new(app.clone().map_request(
            move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(peer);
                req
            },
        ));
        let conn = builder
            .serve_connection_with_upgrades(TokioIo::new(socket), service)
            .into_owned();
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(slot);
        });
    }
    graceful.shutdown().await;
    Ok(())
}
