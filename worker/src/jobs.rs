//! Every queue the worker serves, registered in one place ([`monitor`]), and the wrapper that
//! gives each job the same retry discipline:
//!
//! * a job body returns `Ok` when it finished — including when it *decided* something failed
//!   (a type mismatch is an outcome, not an error) — and `Err` only for trouble that may pass
//!   (S3 or Postgres unreachable, a 5xx);
//! * `Err` is retried in-process with exponential backoff and jitter, up to
//!   `worker.max_attempts` runs in total (crash recoveries count as runs too);
//! * on the last attempt the job's `give_up` records a visible failure and the task is killed,
//!   so apalis never re-fetches it; panics are caught and handled the same way.

pub mod complete_upload;
pub mod delete_objects;
pub mod generate_variants;
pub mod rollup_usage;
pub mod sweep_uploads;
pub mod transform;

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::str::FromStr as _;
use std::time::Duration;

use apalis::layers::retry::backoff::{ExponentialBackoff, ExponentialBackoffMaker, MakeBackoff as _};
use apalis::layers::retry::{BackoffRetryPolicy, HasherRng, RetryPolicy};
use apalis::prelude::*;
use apalis_cron::CronScheduler;
use apalis_postgres::{PostgresStorage, Pubsub};
use carcosa_common::config::WorkerConfig;
use carcosa_common::jobs::Job;
use futures::FutureExt as _;

use crate::WorkerState;
use crate::wakeups::Coalesced;

/// Builds the monitor with every queue worker (and the cron sweep when enabled).
/// `generation` counts restarts of the whole set (see [`crate::run`]); it is part of every
/// worker's name, because apalis refuses a name whose last holder may still look alive.
pub fn monitor(state: WorkerState, generation: u32) -> Monitor {
    let name = match generation {
        0 => process_name(),
        g => format!("{}-g{g}", process_name()),
    };
    let cfg = state.config.worker.clone();
    let mut monitor = Monitor::new().shutdown_timeout(Duration::from_secs(30));
    {
        let (state, name, cfg) = (state.clone(), name.clone(), cfg.clone());
        monitor = monitor.register(move |_| {
            WorkerBuilder::new(format!("{}-{name}", complete_upload::QUEUE))
                .backend(backend::<carcosa_common::jobs::CompleteUpload>(
                    &state.db,
                    &cfg,
                    cfg.concurrency,
                ))
                .data(state.clone())
                .concurrency(cfg.concurrency)
                .retry(retry_policy(&cfg))
                .catch_panic()
                .build(complete_upload::handle)
        });
    }
    {
        let (state, name, cfg) = (state.clone(), name.clone(), cfg.clone());
        // Pixel work is CPU-bound and runs on blocking threads: one job per core is enough.
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        monitor = monitor.register(move |_| {
            WorkerBuilder::new(format!("{}-{name}", generate_variants::QUEUE))
                .backend(backend::<carcosa_common::jobs::GenerateVariants>(
                    &state.db,
                    &cfg,
                    cfg.concurrency.min(cores),
                ))
                .data(state.clone())
                .concurrency(cfg.concurrency.min(cores))
                .retry(retry_policy(&cfg))
                .catch_panic()
                .build(generate_variants::handle)
        });
    }
    {
        // On-demand transforms have their own pool, so a request never waits behind a backlog
        // of uploads' presets: this is what makes the queue "high priority".
        let (state, name, cfg) = (state.clone(), name.clone(), cfg.clone());
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        monitor = monitor.register(move |_| {
            WorkerBuilder::new(format!("{}-{name}", transform::QUEUE))
                .backend(backend::<carcosa_common::jobs::Transform>(
                    &state.db,
                    &cfg,
                    cfg.concurrency.min(cores),
                ))
                .data(state.clone())
                .concurrency(cfg.concurrency.min(cores))
                .retry(retry_policy(&cfg))
                .catch_panic()
                .build(transform::handle)
        });
    }
    {
        let (state, name, cfg) = (state.clone(), name.clone(), cfg.clone());
        monitor = monitor.register(move |_| {
            WorkerBuilder::new(format!("{}-{name}", delete_objects::QUEUE))
                .backend(backend::<carcosa_common::jobs::DeleteObjects>(
                    &state.db,
                    &cfg,
                    cfg.concurrency,
                ))
                .data(state.clone())
                .concurrency(cfg.concurrency)
                .retry(retry_policy(&cfg))
                .catch_panic()
                .build(delete_objects::handle)
        });
    }
    if cfg.run_cron {
        if let Some(schedule) = cron_schedule(&cfg.sweep_schedule, "worker.sweep_schedule") {
            let (state, name) = (state.clone(), name.clone());
            monitor = monitor.register(move |_| {
                WorkerBuilder::new(format!("{}-{name}", carcosa_common::jobs::SWEEP_UPLOADS_QUEUE))
                    .backend(CronScheduler::new(schedule.clone()))
                    .data(state.clone())
                    .catch_panic()
                    .build(sweep_uploads::handle)
            });
        }
        if let Some(schedule) = cron_schedule(&cfg.rollup_schedule, "worker.rollup_schedule") {
            monitor = monitor.register(move |_| {
                WorkerBuilder::new(format!("{}-{name}", rollup_usage::QUEUE))
                    .backend(CronScheduler::new(schedule.clone()))
                    .data(state.clone())
                    .catch_panic()
                    .build(rollup_usage::handle)
            });
        }
    }
    monitor
}

/// A cron schedule. Schedules are validated at config load; one that still fails to parse
/// disables that job loudly instead of taking the worker down.
fn cron_schedule(expr: &str, setting: &'static str) -> Option<cron::Schedule> {
    cron::Schedule::from_str(expr)
        .inspect_err(|e| tracing::error!(error = %e, setting, "cron schedule does not parse; that job will not run"))
        .ok()
}

/// The Postgres backend every queue uses: LISTEN/NOTIFY for new jobs (notifications already
/// waiting are coalesced into one fetch, see [`Coalesced`]), the heartbeat as the fallback
/// poll, and fetches of `worker.fetch_batch` jobs (default 4 × the queue's concurrency). Public
/// so the queue benchmark (`load-tests/queue.sh`) measures exactly these settings.
pub fn backend<J: Job>(
    db: &sqlx::PgPool,
    cfg: &WorkerConfig,
    concurrency: usize,
) -> PollWith<PostgresStorage<J>, StreamStrategy<Coalesced<Pubsub>>> {
    let batch = match cfg.fetch_batch {
        0 => 4 * concurrency.max(1),
        n => n,
    };
    let config = apalis_postgres::Config::default()
        .queue(J::QUEUE)
        .heartbeat_interval(Duration::from_secs(cfg.heartbeat_secs))
        .missed_heartbeats(cfg.missed_heartbeats)
        .batch_size(batch);
    let wakeups = Coalesced::new(Pubsub::new(db.clone(), J::QUEUE.to_owned()), batch);
    PollWith::new(
        PostgresStorage::<J>::new(db).with_config(config),
        StreamStrategy::new(wakeups),
    )
}

fn retry_policy(cfg: &WorkerConfig) -> BackoffRetryPolicy<ExponentialBackoff> {
    let min = Duration::from_millis(cfg.retry_base_delay_ms);
    let max = Duration::from_millis(cfg.retry_max_delay_ms);
    // The config validator guarantees 0 < min <= max, which is all the maker checks.
    let backoff = ExponentialBackoffMaker::new(min, max, 0.5, HasherRng::default())
        .unwrap_or_default()
        .make_backoff();
    RetryPolicy::retries(cfg.max_attempts.saturating_sub(1)).with_backoff(backoff)
}

/// `<host>-<pid>`: apalis refuses two live workers with one name, so every process needs its own.
fn process_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_else(|_| "host".into());
    format!("{}-{}", host.trim(), std::process::id())
}

/// Runs one attempt of a job body with the shared retry discipline (see the module docs).
pub(crate) async fn attempt<F, G>(
    queue: &'static str,
    state: &WorkerState,
    attempt: &Attempt,
    body: F,
    give_up: impl FnOnce(anyhow::Error) -> G,
) -> Result<(), BoxDynError>
where
    F: Future<Output = anyhow::Result<()>>,
    G: Future<Output = ()>,
{
    let started = std::time::Instant::now();
    metrics::counter!("carcosa_jobs_started_total", "queue" => queue).increment(1);
    let result = match AssertUnwindSafe(body).catch_unwind().await {
        Ok(result) => result,
        Err(_) => Err(anyhow::anyhow!("job panicked")),
    };
    let n = attempt.current();
    let max = state.config.worker.max_attempts;
    let outcome = match (&result, n >= max) {
        (Ok(()), _) => "succeeded",
        (Err(_), true) => "gave_up",
        (Err(_), false) => "retried",
    };
    metrics::histogram!("carcosa_jobs_duration_seconds", "queue" => queue, "outcome" => outcome)
        .record(started.elapsed().as_secs_f64());
    match outcome {
        "succeeded" => metrics::counter!("carcosa_jobs_succeeded_total", "queue" => queue).increment(1),
        "retried" => {
            metrics::counter!("carcosa_jobs_failed_total", "queue" => queue).increment(1);
            metrics::counter!("carcosa_jobs_retried_total", "queue" => queue).increment(1);
        }
        _ => {
            metrics::counter!("carcosa_jobs_failed_total", "queue" => queue).increment(1);
            metrics::counter!("carcosa_jobs_gave_up_total", "queue" => queue).increment(1);
        }
    }
    match result {
        Ok(()) => {
            tracing::debug!(
                job.queue = queue,
                job.attempt = n,
                duration_ms = started.elapsed().as_millis() as u64,
                "job done"
            );
            Ok(())
        }
        Err(e) if n >= max => {
            tracing::error!(
                job.queue = queue,
                job.attempt = n,
                error = format!("{e:#}"),
                "job gave up"
            );
            give_up(e).await;
            Err(Box::new(AbortError::new(GaveUp)))
        }
        Err(e) => {
            tracing::warn!(
                job.queue = queue,
                job.attempt = n,
                job.max_attempts = max,
                error = format!("{e:#}"),
                "job failed; will retry"
            );
            Err(e.into())
        }
    }
}

/// The error a job ends with after its last attempt.
#[derive(Debug, thiserror::Error)]
#[error("gave up after the last attempt")]
struct GaveUp;
