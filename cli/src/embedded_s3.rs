//! The embedded S3-compatible endpoint `carcosa dev` runs on loopback: `s3s` (the S3 protocol and
//! SigV4 checks, including presigned URLs) over [`store::LocalStore`] (objects as files under a
//! local directory), wrapped in a CORS layer so a browser page can PUT to presigned URLs. The API
//! and workers reach it through the same aws-sdk-s3 code as any production bucket.

pub mod store;

use std::path::Path;

use anyhow::Context as _;
use http::{Method, header};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use hyper_util::service::TowerToHyperService;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Serves the bucket directories under `root` on `listener` until `shutdown` is cancelled.
/// Every request must be signed (SigV4) with `access_key`/`secret_key`.
pub async fn serve(
    listener: TcpListener,
    root: &Path,
    access_key: &str,
    secret_key: &str,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let store = store::LocalStore::new(root).with_context(|| format!("opening {}", root.display()))?;
    let mut builder = S3ServiceBuilder::new(store);
    builder.set_auth(SimpleAuth::from_single(access_key, secret_key));
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::GET, Method::PUT, Method::HEAD, Method::POST, Method::DELETE])
        .allow_headers(tower_http::cors::Any)
        .expose_headers([header::ETAG])
        .max_age(std::time::Duration::from_secs(600));
    let service = ServiceBuilder::new().layer(cors).service(builder.build());
    let service = TowerToHyperService::new(service);
    let http = ConnBuilder::new(TokioExecutor::new());
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        let socket = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((socket, _)) => socket,
                Err(e) => {
                    tracing::warn!(error = %e, "embedded S3: accept failed");
                    continue;
                }
            },
            () = shutdown.cancelled() => break,
        };
        let conn = http
            .serve_connection(TokioIo::new(socket), service.clone())
            .into_owned();
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _closed = conn.await;
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(std::time::Duration::from_secs(5)) => {},
    }
    Ok(())
}
