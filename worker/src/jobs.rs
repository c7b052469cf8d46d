//! Every queue the worker serves, registered in one place ([`monitor`]), and the wrapper that
//! gives each job the same retry discipline:
//!
//! * a job body returns `Ok` when it finished — including when it *decided* something failed
//!   (a type mismatch is an outcome, not an error) — and `Err` only for trouble that may pass
//!   (S3 or Postgres unreachable, a 5xx);
//! * `Err` is retried in-process with exponential backoff and jitter, up to
//!   `worker.max_attempts` runs in total (crash recoveries count as runs too);
//! * on the last attempt the job's `give_up` records a visible failure and the task is killed,
//!   so apalis never re-fetches it; panics are caught and handled the same way;
//! * every attempt runs in a span naming its queue, attempt and subject (upload or file id).

pub mod complete_upload;
pub mod delete_objects;
pub mod deliver_webhook;
pub mod generate_variants;
pub mod ingest_url;
pub mod prune_audit;
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
use tracing::Instrument as _;

use crate::WorkerState;
use crate::wakeups::Coalesced;

/// A queue's job: its body, what is recorded when it gives up, and how it shows in traces.
/// Registered with [`register`]; every queue gets the same backend, retry policy, panic
/// catching, metrics and span.
pub trait QueueJob: Job + Clone + std::fmt::Debug {
    /// CPU-bound jobs (pixel work) run at most one per core; others at `worker.concurrency`.
    const CPU_BOUND: bool;

    /// Jobs one fetch takes per concurrency slot when `worker.fetch_batch` is 0 (the default).
    /// Fetched jobs wait in this process even when another worker is idle, and a killed worker's
    /// fetched jobs wait for its missed heartbeats, so only queues of short jobs take
    /// [`SHORT_JOBS_BATCH_PER_SLOT`].
    const BATCH_PER_SLOT: usize = DEFAULT_BATCH_PER_SLOT;

    /// One attempt. `Ok` when the job finished — including when it *decided* something failed
    /// (a refused upload is an outcome, not an error); `Err` only for trouble that may pass.
    fn run(&self, state: &WorkerState) -> impl Future<Output = anyhow::Result<()>> + Send;

    /// Records a visible failure after the last attempt failed.
    fn give_up(&self, state: &WorkerState) -> impl Future<Output = ()> + Send;

    /// The span the attempt runs in (queue and attempt are added by [`register`]'s handler).
    fn span(&self, attempt: usize) -> tracing::Span;
}

/// Jobs per fetch per concurrency slot on queues whose jobs may wait long (pixel work, remote
/// servers): a worker holds few jobs another worker could have started.
pub const DEFAULT_BATCH_PER_SLOT: usize = 4;

/// Jobs per fetch per concurrency slot on queues of short jobs (verification, deletes: a few
/// round trips each). Measured with `load-tests/queue.sh` (no-op jobs, one worker of 8): batches
/// of 32 / 128 drained 6.3k / 13.7k jobs/s at 106 / 52 ms of Postgres CPU per 1 000 jobs.
pub const SHORT_JOBS_BATCH_PER_SLOT: usize = 16;

/// Builds the monitor with every queue worker (and the cron jobs when enabled).
/// `generation` counts restarts of the whole set (see [`crate::run`]); it is part of every
/// worker's name, because apalis refuses a name whose last holder may still look alive.
pub fn monitor(state: WorkerState, generation: u32) -> Monitor {
    let name = match generation {
        0 => process_name(),
        g => format!("{}-g{g}", process_name()),
    };
    let mut monitor = Monitor::new().shutdown_timeout(Duration::from_secs(30));
    monitor = register::<carcosa_common::jobs::CompleteUpload>(monitor, &state, &name);
    monitor = register::<carcosa_common::jobs::GenerateVariants>(monitor, &state, &name);
    // On-demand transforms have their own pool, so a request never waits behind a backlog of
    // uploads' presets: this is what makes the queue "high priority".
    monitor = register::<carcosa_common::jobs::Transform>(monitor, &state, &name);
    monitor = register::<carcosa_common::jobs::DeleteObjects>(monitor, &state, &name);
    // Webhook deliveries have their own pool: a slow receiver never holds up uploads.
    monitor = register::<carcosa_common::jobs::DeliverWebhook>(monitor, &state, &name);
    // URL imports wait on remote servers: their own pool too.
    monitor = register::<carcosa_common::jobs::IngestUrl>(monitor, &state, &name);
    let cfg = &state.config.worker;
    if cfg.run_cron {
        // One cron worker per schedule; the same block for each, so it is a macro.
        macro_rules! cron {
            ($schedule:expr, $setting:literal, $queue:expr, $handler:path) => {
                if let Some(schedule) = cron_schedule(&$schedule, $setting) {
                    let (state, name) = (state.clone(), name.clone());
                    monitor = monitor.register(move |_| {
                        WorkerBuilder::new(format!("{}-{name}", $queue))
                            .backend(CronScheduler::new(schedule.clone()))
                            .data(state.clone())
                            .catch_panic()
                            .build($handler)
                    });
                }
            };
        }
        cron!(
            cfg.sweep_schedule,
            "worker.sweep_schedule",
            carcosa_common::jobs::SWEEP_UPLOADS_QUEUE,
            sweep_uploads::handle
        );
        cron!(
            cfg.rollup_schedule,
            "worker.rollup_schedule",
            rollup_usage::QUEUE,
            rollup_usage::handle
        );
        cron!(
            cfg.audit_prune_schedule,
            "worker.audit_prune_schedule",
            prune_audit::QUEUE,
            prune_audit::handle
        );
    }
    monitor
}

/// Jobs at once on a CPU-bound queue: pixel work runs in render processes, one per core is
/// enough.
pub fn cpu_concurrency(cfg: &WorkerConfig) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    cfg.concurrency.min(cores)
}

/// Adds the worker of queue `J` to `monitor`.
/// A queue this process does not serve (`worker.queues`) is left out.
fn register<J: QueueJob>(monitor: Monitor, state: &WorkerState, name: &str) -> Monitor {
    let (state, name) = (state.clone(), name.to_owned());
    let cfg = state.config.worker.clone();
    if !cfg.serves(J::QUEUE) {
        return monitor;
    }
    let concurrency = if J::CPU_BOUND {
        cpu_concurrency(&cfg)
    } else {
        cfg.concurrency
    };
    monitor.register(move |_| {
        WorkerBuilder::new(format!("{}-{name}", J::QUEUE))
            .backend(backend::<J>(&state.db, &cfg, concurrency, J::BATCH_PER_SLOT))
            .data(state.clone())
            .concurrency(concurrency)
            .retry(retry_policy(&cfg))
            .catch_panic()
            .build(handle::<J>)
    })
}

/// The apalis handler of every queue: one attempt of `J` in its span.
async fn handle<J: QueueJob>(job: J, attempt: Attempt, state: Data<WorkerState>) -> Result<(), BoxDynError> {
    let span = job.span(attempt.current());
    run_attempt(&job, &state, attempt.current()).instrument(span).await
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
/// poll, and fetches of `worker.fetch_batch` jobs (default `per_slot` × the queue's
/// concurrency, see [`QueueJob::BATCH_PER_SLOT`]). Public so the queue benchmark
/// (`load-tests/queue.sh`) measures exactly these settings.
pub fn backend<J: Job>(
    db: &sqlx::PgPool,
    cfg: &WorkerConfig,
    concurrency: usize,
    per_slot: usize,
) -> PollWith<PostgresStorage<J>, StreamStrategy<Coalesced<Pubsub>>> {
    let batch = match cfg.fetch_batch {
        0 => per_slot * concurrency.max(1),
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

/// How one attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The body finished.
    Succeeded,
    /// The body failed and another attempt will follow.
    Retried,
    /// The body failed on its last attempt; its failure was recorded.
    GaveUp,
}

impl Outcome {
    /// Metric label.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::Retried => "retried",
            Self::GaveUp => "gave_up",
        }
    }

    fn of(result: &anyhow::Result<()>, attempt: usize, max: usize) -> Self {
        match result {
            Ok(()) => Self::Succeeded,
            Err(_) if attempt >= max => Self::GaveUp,
            Err(_) => Self::Retried,
        }
    }
}

/// Runs one attempt of `job` with the shared retry discipline (see the module docs).
async fn run_attempt<J: QueueJob>(job: &J, state: &WorkerState, n: usize) -> Result<(), BoxDynError> {
    let queue = J::QUEUE;
    let started = std::time::Instant::now();
    metrics::counter!("carcosa_jobs_started_total", "queue" => queue).increment(1);
    let result = match AssertUnwindSafe(job.run(state)).catch_unwind().await {
        Ok(result) => result,
        Err(_) => Err(anyhow::anyhow!("job panicked")),
    };
    let max = state.config.worker.max_attempts;
    let outcome = Outcome::of(&result, n, max);
    crate::metrics::job_finished(queue, outcome, started.elapsed());
    match (result, outcome) {
        (Ok(()), _) => {
            tracing::debug!(duration_ms = started.elapsed().as_millis() as u64, "job done");
            Ok(())
        }
        (Err(e), Outcome::GaveUp) => {
            tracing::error!(error = format!("{e:#}"), "job gave up");
            job.give_up(state).await;
            Err(Box::new(AbortError::new(GaveUp)))
        }
        (Err(e), _) => {
            tracing::warn!(
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
