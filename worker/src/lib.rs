//! `carcosa-worker`: runs every job. One apalis worker per queue, all registered in [`jobs`],
//! polling Postgres with LISTEN/NOTIFY (plus the heartbeat as a fallback poll). Jobs are
//! idempotent, retried with exponential backoff up to `worker.max_attempts`, and a job that
//! exhausts its attempts records a visible failure instead of vanishing.

pub mod imaging;
pub mod jobs;
pub mod metrics;
pub mod render;
pub mod variants;
pub mod wakeups;
pub mod webhooks;

use std::sync::Arc;

use carcosa_common::Config;
use carcosa_common::crypto::Sealer;
use carcosa_common::db::buckets;
use carcosa_common::domain::BucketId;
use carcosa_common::events::Bus;
use carcosa_common::outbound::Outbound;
use carcosa_common::storage::{Storage, StorageCache};
use render::Renderer;
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
    /// Render processes for upload presets.
    pub preset_renderer: Renderer,
    /// Render processes for on-demand transforms (their own, so requests never wait behind
    /// a backlog of uploads).
    pub transform_renderer: Renderer,
    /// Opens sealed secrets (webhook signing secrets).
    pub sealer: Arc<Sealer>,
    /// What outbound requests may reach (the SSRF guard).
    pub outbound: Outbound,
    /// The client webhook deliveries go through (guarded, no redirects, the webhook timeout).
    pub webhook_client: reqwest::Client,
    /// The client URL imports go through (guarded, redirects followed by hand, the import
    /// timeout).
    pub ingest_client: reqwest::Client,
}

impl WorkerState {
    /// Builds state from a pool, the config and the credentials sealer. Renders run in child
    /// processes of `worker.render_exe` (default: this executable, which must then be the
    /// `carcosa` binary).
    pub fn new(db: PgPool, config: Arc<Config>, sealer: Arc<Sealer>) -> Self {
        metrics::register_all();
        let program = config
            .worker
            .render_exe
            .clone()
            .or_else(|| std::env::current_exe().ok())
            .unwrap_or_else(|| "carcosa".into());
        let slots = jobs::cpu_concurrency(&config.worker);
        let timeout = std::time::Duration::from_secs(config.transforms.render_timeout_secs);
        let outbound = config.outbound.policy();
        let webhook_client = outbound.client(
            std::time::Duration::from_secs(config.webhooks.timeout_secs),
            concat!("Carcosa-Webhooks/", env!("CARGO_PKG_VERSION")),
        );
        let ingest_client = outbound.client(
            std::time::Duration::from_secs(config.ingest.timeout_secs),
            concat!("Carcosa-Import/", env!("CARGO_PKG_VERSION")),
        );
        Self {
            db,
            ingest_client,
            storage: StorageCache::new(sealer.clone()),
            sealer,
            outbound,
            webhook_client,
            events: Bus::Off,
            preset_renderer: Renderer::new(program.clone(), slots, timeout),
            transform_renderer: Renderer::new(program, slots, timeout),
            config,
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
///
/// apalis stops a queue worker for good when a database call in its fetch or heartbeat fails
/// (a Postgres restart, a failover), and its monitor can only restart at once, with no pause. So
/// the first such failure stops this process's whole set of queue workers (gracefully), and the
/// set is started again after a pause that doubles from 0.5 s to 30 s while failures continue.
/// Jobs the failed worker held are re-run by the usual missed-heartbeat recovery.
pub async fn run(state: WorkerState, shutdown: CancellationToken) -> anyhow::Result<()> {
    carcosa_common::metrics::spawn_queue_sampler(&state.db, &state.config.metrics, &shutdown);
    webhooks::spawn_dispatcher(state.clone(), shutdown.clone());
    let mut generation = 0u32;
    let mut pause = RESTART_PAUSE_MIN;
    loop {
        let failed = CancellationToken::new();
        let on_failure = failed.clone();
        let started = std::time::Instant::now();
        let result = jobs::monitor(state.clone(), generation)
            .should_restart(move |worker, error| {
                tracing::error!(worker = worker.name(), error = %error, "queue worker failed; restarting this process's queue workers");
                ::metrics::counter!("carcosa_worker_restarts_total").increment(1);
                on_failure.cancel();
                false
            })
            .run_with_signal({
                let (shutdown, failed) = (shutdown.clone(), failed.clone());
                async move {
                    tokio::select! {
                        _ = shutdown.cancelled() => {}
                        _ = failed.cancelled() => {}
                    }
                    Ok(())
                }
            })
            .await;
        if shutdown.is_cancelled() {
            return Ok(());
        }
        if !failed.is_cancelled() {
            // Every worker ended on its own: nothing left to supervise.
            return result.map_err(Into::into);
        }
        if started.elapsed() > RESTART_PAUSE_MAX * 2 {
            pause = RESTART_PAUSE_MIN;
        }
        tracing::warn!(
            pause_ms = pause.as_millis() as u64,
            "queue workers stopped after a failure; starting them again"
        );
        tokio::select! {
            _ = shutdown.cancelled() => return Ok(()),
            _ = tokio::time::sleep(pause) => {}
        }
        pause = (pause * 2).min(RESTART_PAUSE_MAX);
        generation += 1;
    }
}

/// First pause before queue workers are started again after a failure.
const RESTART_PAUSE_MIN: std::time::Duration = std::time::Duration::from_millis(500);
/// Longest pause between restarts.
const RESTART_PAUSE_MAX: std::time::Duration = std::time::Duration::from_secs(30);

/// Serves `GET /metrics` (this process's Prometheus exposition) on `listener` until `shutdown`,
/// with the probes an orchestrator needs: `GET /healthz` (the process answers) and
/// `GET /readyz` (and Postgres answers it; 503 otherwise).
pub async fn serve_metrics(
    listener: tokio::net::TcpListener,
    db: sqlx::PgPool,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    use axum::http::StatusCode;
    carcosa_common::metrics::install();
    let app = axum::Router::new()
        .route(
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
        )
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .route(
            "/readyz",
            axum::routing::get(move || async move {
                if carcosa_common::db::ping(&db).await {
                    (StatusCode::OK, "ready")
                } else {
                    (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
                }
            }),
        );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
}
