//! Prometheus metrics: the process-wide recorder ([`install`]) and the queue gauges
//! ([`sample_queues`]). Names follow `carcosa_<area>_<what>_<unit>`; `grafana/README.md`
//! (and `deploy/README.md`) say what each one means.
//!
//! Queue depth and age come from Postgres, not from a worker's own view, so they stay right
//! when workers come and go — and when there are none at all, which is when an autoscaler needs
//! them most. One process at a time reads them: whoever holds a Postgres advisory lock (API and
//! workers all compete; the lock moves when its holder dies). Everyone else reports zero, so
//! `max by (queue)` across targets is the true value.

use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sqlx::{ConnectOptions as _, Connection as _, PgConnection, PgPool, Row as _};
use tokio_util::sync::CancellationToken;

/// Histogram buckets of every `*_seconds` histogram (request and job durations, render CPU
/// time): 1 ms to 60 s.
const DURATION_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the global recorder (once per process; later calls return the same handle).
/// Without it every `metrics::counter!` is a no-op.
pub fn install() -> PrometheusHandle {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), DURATION_BUCKETS)
                .unwrap_or_else(|_| PrometheusBuilder::new());
            match builder.install_recorder() {
                Ok(handle) => {
                    describe();
                    handle
                }
                // Another recorder is already installed (a test harness's, say): keep a handle
                // of our own so /metrics still answers, if only with what we record directly.
                Err(e) => {
                    tracing::warn!(error = %e, "a metrics recorder was already installed");
                    PrometheusBuilder::new().build_recorder().handle()
                }
            }
        })
        .clone()
}

/// The exposition text of everything recorded so far.
pub fn render() -> String {
    install().render()
}

fn describe() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        "carcosa_http_requests_total",
        "HTTP requests answered, by route, method and status"
    );
    describe_histogram!(
        "carcosa_http_request_duration_seconds",
        Unit::Seconds,
        "HTTP request latency, by route, method and status"
    );
    describe_gauge!("carcosa_http_requests_in_flight", "HTTP requests being handled now");
    describe_gauge!("carcosa_ws_sessions", "Open WebSocket sessions");
    describe_counter!("carcosa_uploads_presigned_total", "Upload URLs issued");
    describe_counter!(
        "carcosa_ratelimit_rejected_total",
        "Requests answered 429, by policy (tier, login, ws-connect)"
    );
    describe_counter!(
        "carcosa_ratelimit_redis_errors_total",
        "Rate-limit checks that could not reach Redis and let the request through"
    );
    describe_counter!("carcosa_jobs_started_total", "Job attempts started, by queue");
    describe_counter!("carcosa_jobs_succeeded_total", "Job attempts that finished, by queue");
    describe_counter!(
        "carcosa_jobs_failed_total",
        "Job attempts that failed (retried or not), by queue"
    );
    describe_counter!(
        "carcosa_jobs_retried_total",
        "Failed job attempts that will be retried, by queue"
    );
    describe_counter!(
        "carcosa_jobs_gave_up_total",
        "Jobs that failed their last attempt, by queue"
    );
    describe_histogram!(
        "carcosa_jobs_duration_seconds",
        Unit::Seconds,
        "Job attempt duration, by queue and outcome"
    );
    describe_histogram!(
        "carcosa_transform_cpu_seconds",
        Unit::Seconds,
        "CPU time of one image render (decode, resize, encode), by queue"
    );
    describe_counter!(
        "carcosa_transform_renders_killed_total",
        "Render processes killed for overrunning transforms.render_timeout_secs"
    );
    describe_counter!(
        "carcosa_worker_restarts_total",
        "Times this process restarted its queue workers after a database failure"
    );
    describe_counter!(
        "carcosa_worker_bytes_read_total",
        Unit::Bytes,
        "Bytes of originals fetched from buckets"
    );
    describe_counter!(
        "carcosa_worker_bytes_written_total",
        Unit::Bytes,
        "Bytes of variants written to buckets"
    );
    describe_gauge!("carcosa_queue_pending_jobs", "Jobs due and not started, by queue");
    describe_gauge!("carcosa_queue_running_jobs", "Jobs running now, by queue");
    describe_gauge!(
        "carcosa_queue_failed_jobs",
        "Jobs that failed for good (kept until pruned), by queue"
    );
    describe_gauge!(
        "carcosa_queue_oldest_pending_age_seconds",
        Unit::Seconds,
        "How long the oldest due job has waited, by queue"
    );
    describe_gauge!(
        "carcosa_queue_workers",
        "Worker processes that heartbeated recently, by queue"
    );
    describe_gauge!(
        "carcosa_queue_sampler_leader",
        "1 in the one process that currently reads the queue gauges"
    );
}

/// Advisory lock key of the queue sampler (per database).
const SAMPLER_LOCK: i64 = 0x6361_7263_6f73_6101;

/// One reading of one queue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueSample {
    /// Queue name.
    pub queue: String,
    /// Due, not started.
    pub pending: i64,
    /// Running.
    pub running: i64,
    /// Failed or killed.
    pub failed: i64,
    /// Age of the oldest due job, seconds (0 when none).
    pub oldest_pending_secs: f64,
    /// Workers that heartbeated within the last 30 s.
    pub workers: i64,
}

/// Reads every queue's depth and age (queues apalis has seen, plus `known`).
pub async fn read_queues(conn: &mut PgConnection, known: &[&str]) -> sqlx::Result<Vec<QueueSample>> {
    // apalis owns this schema, so these are plain queries rather than checked macros.
    let rows = sqlx::query(
        "WITH q AS (
             SELECT job_type,
                    count(*) FILTER (WHERE status IN ('Pending', 'Queued') AND run_at <= now()) AS pending,
                    count(*) FILTER (WHERE status = 'Running') AS running,
                    count(*) FILTER (WHERE status IN ('Failed', 'Killed')) AS failed,
                    coalesce(extract(epoch FROM now() - min(run_at)
                        FILTER (WHERE status IN ('Pending', 'Queued') AND run_at <= now())), 0)::float8 AS oldest
             FROM apalis.jobs WHERE status <> 'Done' GROUP BY job_type
         ), w AS (
             SELECT worker_type, count(*) AS workers FROM apalis.workers
             WHERE last_seen > now() - interval '30 seconds' GROUP BY worker_type
         ), names AS (
             SELECT job_type AS name FROM q UNION SELECT worker_type FROM w UNION SELECT unnest($1::text[])
         )
         SELECT n.name, coalesce(q.pending, 0) AS pending, coalesce(q.running, 0) AS running,
                coalesce(q.failed, 0) AS failed, coalesce(q.oldest, 0) AS oldest, coalesce(w.workers, 0) AS workers
         FROM names n LEFT JOIN q ON q.job_type = n.name LEFT JOIN w ON w.worker_type = n.name
         ORDER BY n.name",
    )
    .bind(known.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(QueueSample {
                queue: r.try_get("name")?,
                pending: r.try_get("pending")?,
                running: r.try_get("running")?,
                failed: r.try_get("failed")?,
                oldest_pending_secs: r.try_get("oldest")?,
                workers: r.try_get("workers")?,
            })
        })
        .collect()
}

fn publish(s: &QueueSample) {
    let q = s.queue.clone();
    metrics::gauge!("carcosa_queue_pending_jobs", "queue" => q.clone()).set(s.pending as f64);
    metrics::gauge!("carcosa_queue_running_jobs", "queue" => q.clone()).set(s.running as f64);
    metrics::gauge!("carcosa_queue_failed_jobs", "queue" => q.clone()).set(s.failed as f64);
    metrics::gauge!("carcosa_queue_oldest_pending_age_seconds", "queue" => q.clone()).set(s.oldest_pending_secs);
    metrics::gauge!("carcosa_queue_workers", "queue" => q).set(s.workers as f64);
}

/// Every `every`, if this process holds the sampler lock (taking it when free), reads the queue
/// gauges from Postgres and publishes them; a process that loses the lock zeroes what it
/// published. Runs until `shutdown`. `known` queues are reported even before their first job.
pub async fn sample_queues(db: PgPool, every: Duration, known: Vec<&'static str>, shutdown: CancellationToken) {
    // The gauges are per process: a second sampler here (API and worker in one `carcosa dev`)
    // would only fight the first over them.
    static RUNNING: AtomicBool = AtomicBool::new(false);
    if RUNNING.swap(true, Ordering::AcqRel) {
        return;
    }
    let mut leader: Option<PgConnection> = None;
    let mut published: BTreeSet<String> = BTreeSet::new();
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = ticker.tick() => {}
        }
        if leader.is_none() {
            leader = try_lead(&db).await;
        }
        let Some(conn) = leader.as_mut() else {
            metrics::gauge!("carcosa_queue_sampler_leader").set(0.0);
            continue;
        };
        match read_queues(conn, &known).await {
            Ok(samples) => {
                metrics::gauge!("carcosa_queue_sampler_leader").set(1.0);
                for s in &samples {
                    publish(s);
                    published.insert(s.queue.clone());
                }
            }
            Err(e) => {
                // The connection (and with it the lock) is likely gone; someone else may lead
                // now, so stop reporting numbers that would go stale.
                tracing::warn!(error = %e, "reading queue gauges failed; giving up the sampler lock");
                leader = None;
                metrics::gauge!("carcosa_queue_sampler_leader").set(0.0);
                for queue in &published {
                    publish(&QueueSample {
                        queue: queue.clone(),
                        ..QueueSample::default()
                    });
                }
            }
        }
    }
    if let Some(conn) = leader {
        let _ = conn.close().await;
    }
    RUNNING.store(false, Ordering::Release);
}

/// Starts [`sample_queues`] for every Carcosa queue if `metrics.queue_sample_secs` is not 0.
/// Both `carcosa serve` and `carcosa work` call it: with workers scaled to zero, an API process
/// still reports the backlog that should scale them up.
pub fn spawn_queue_sampler(db: &PgPool, config: &crate::config::MetricsConfig, shutdown: &CancellationToken) {
    if config.queue_sample_secs > 0 {
        tokio::spawn(sample_queues(
            db.clone(),
            Duration::from_secs(config.queue_sample_secs),
            crate::jobs::QUEUES.to_vec(),
            shutdown.clone(),
        ));
    }
}

/// A dedicated connection (not pooled: a session lock must not leak into the pool) holding the
/// sampler lock, or `None` if another process holds it.
async fn try_lead(db: &PgPool) -> Option<PgConnection> {
    let options = db.connect_options().as_ref().clone();
    let mut conn = match options.connect().await {
        Ok(conn) => conn,
        Err(e) => {
            tracing::debug!(error = %e, "queue sampler could not connect");
            return None;
        }
    };
    let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(SAMPLER_LOCK)
        .fetch_one(&mut conn)
        .await
        .unwrap_or(false);
    if got {
        tracing::info!("this process now reads the queue gauges");
        Some(conn)
    } else {
        let _ = conn.close().await;
        None
    }
}
