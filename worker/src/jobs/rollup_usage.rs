//! `rollup_usage` (cron, `worker.rollup_schedule`): folds raw usage events into `usage_daily`
//! and deletes them, a batch per transaction. Each event is folded exactly once however many
//! workers run the cron (they skip each other's locked rows), and running it again when nothing
//! new happened changes nothing.

use apalis::prelude::*;
use apalis_cron::Tick;
use carcosa_common::db::usage;

use crate::WorkerState;

/// Name the cron worker registers under.
pub const QUEUE: &str = "rollup_usage";

/// Events per transaction.
pub const BATCH: i64 = 10_000;

/// apalis entry point (one run per cron tick).
pub async fn handle(_tick: Tick, state: Data<WorkerState>) -> Result<(), BoxDynError> {
    match run(&state.db).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(events = n, "usage rolled up"),
        // Nothing is half-done (each batch is one statement); the next tick tries again.
        Err(e) => tracing::warn!(error = %e, "usage roll-up failed"),
    }
    Ok(())
}

/// Folds every pending event; returns how many.
pub async fn run(db: &sqlx::PgPool) -> sqlx::Result<u64> {
    let mut total = 0;
    loop {
        let n = usage::fold(db, BATCH).await?;
        total += n;
        if n < BATCH as u64 {
            return Ok(total);
        }
    }
}
