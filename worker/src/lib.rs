//! `carcosa-worker`: runs every job. One apalis worker per queue, all registered in [`jobs`],
//! polling Postgres with LISTEN/NOTIFY (plus the heartbeat as a fallback poll). Jobs are
//! idempotent, retried with exponential backoff up to `worker.max_attempts`, and a job that
//! exhausts its attempts records a visible failure instead of vanishing.

pub mod imaging;
pub mod jobs;
pub mod sniff;
pub mod wakeups;

use std::sync::Arc;

use carcosa_common::Config;
use carcosa_common::crypto::Sealer;
use carcosa_common::db::buckets;
use carcosa_common::domain::BucketId;
use carcosa_common::events::Bus;
use carcosa_common::storage::{Storage, StorageCache};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

/// What every job handler gets.
#[derive(Clone)]
pub struct WorkerState {
    /// Postgres pool.
    pub db: PgPool,
    /// Loaded configuration.
    pub config: Arc<Config>,
    /// Per-bucket S3 clients.
    pub storage: StorageCache,
    /// Where live progress events go (off unless [`WorkerState::with_events`]).
    pub events: Bus,
}

impl WorkerState {
    /// Builds state from a pool, the config and the credentials sealer.
    pub fn new(db: PgPool, config: Arc<Config>, sealer: Arc<Sealer>) -> Self {
        carcosa_common::metrics::install();
        Self {
            db,
            config,
            storage: StorageCache::new(sealer),
            events: Bus::Off,
        }
    }

    /// Publishes live progress on `bus`.
    pub fn with_events(mut self, bus: Bus) -> Self {
        self.events = bus;
        self
    }

    /// The client for a bucket, or `None` if the bucket row is gone.
    pub async fn bucket(&self, id: BucketId) -> anyhow::Result<Option<Storage>> {
        use anyhow::Context as _;
        let Some(row) = buckets::get(&self.db, id).await.context("loading bucket")? else {
            return Ok(None);
        };
        Ok(Some(self.storage.get(&row).context("opening bucket credentials")?))
    }
}

/// Runs all queue workers (and, if configured, the cron jobs) until `shutdown` is cancelled;
/// in-flight jobs get up to 30 s to finish.
pub async fn run(state: WorkerState, shutdown: CancellationToken) -> anyhow::Result<()> {
    carcosa_common::metrics::spawn_queue_sampler(&state.db, &state.config.metrics, &shutdown);
    jobs::monitor(state)
        .run_with_signal(async move {
            shutdown.cancelled().await;
            Ok(())
        })
        .await?;
    Ok(())
}

/// Serves `GET /metrics` (this process's Prometheus exposition) on `listener` until `shutdown`.
pub async fn serve_metrics(listener: tokio::net::TcpListener, shutdown: CancellationToken) -> std::io::Result<()> {
    carcosa_common::metrics::install();
    let app = axum::Router::new().route(
        "/metrics",
        axum::routing::get(|| async {
            (
                [(
                    axum::http::header::CONTENT_TYPE,
                    "text/plain; version=0.0.4; charset=utf-8",
                )],
                carcosa_common::metrics::render(),
            )
        }),
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
}
