//! The worker's own series (names are described in `carcosa_common::metrics`). Every series is
//! registered at zero when the worker starts ([`register_all`]), so a scraper sees the whole set
//! — and a dashboard its zeros — before the first job runs.

use std::time::Duration;

use carcosa_common::jobs::QUEUES;

use crate::jobs::Outcome;

/// Registers every counter of every queue at zero.
pub fn register_all() {
    carcosa_common::metrics::install();
    for &queue in QUEUES {
        for name in [
            "carcosa_jobs_started_total",
            "carcosa_jobs_succeeded_total",
            "carcosa_jobs_failed_total",
            "carcosa_jobs_retried_total",
            "carcosa_jobs_gave_up_total",
        ] {
            metrics::counter!(name, "queue" => queue).increment(0);
        }
    }
    for name in [
        "carcosa_worker_restarts_total",
        "carcosa_worker_bytes_read_total",
        "carcosa_worker_bytes_written_total",
        "carcosa_transform_renders_killed_total",
    ] {
        metrics::counter!(name).increment(0);
    }
}

/// Counts one finished attempt and records its duration.
pub fn job_finished(queue: &'static str, outcome: Outcome, elapsed: Duration) {
    metrics::histogram!("carcosa_jobs_duration_seconds", "queue" => queue, "outcome" => outcome.as_str())
        .record(elapsed.as_secs_f64());
    match outcome {
        Outcome::Succeeded => metrics::counter!("carcosa_jobs_succeeded_total", "queue" => queue).increment(1),
        Outcome::Retried => {
            metrics::counter!("carcosa_jobs_failed_total", "queue" => queue).increment(1);
            metrics::counter!("carcosa_jobs_retried_total", "queue" => queue).increment(1);
        }
        Outcome::GaveUp => {
            metrics::counter!("carcosa_jobs_failed_total", "queue" => queue).increment(1);
            metrics::counter!("carcosa_jobs_gave_up_total", "queue" => queue).increment(1);
        }
    }
}
