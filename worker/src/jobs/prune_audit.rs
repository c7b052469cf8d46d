//! `prune_audit` (cron, `worker.audit_prune_schedule`, daily by default): deletes audit rows
//! older than `auth.audit_retention_days` (365 by default). The only delete the audit table
//! allows, and one statement: running it twice, or on several workers at once, deletes each old
//! row once and changes nothing else.

use apalis::prelude::*;
use apalis_cron::Tick;
use carcosa_common::db::audit;
use chrono::{Duration, Utc};

use crate::WorkerState;

/// Name the cron worker registers under.
pub const QUEUE: &str = "prune_audit";

/// apalis entry point (one run per cron tick).
pub async fn handle(_tick: Tick, state: Data<WorkerState>) -> Result<(), BoxDynError> {
    match run(&state.db, state.config.auth.audit_retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(rows = n, "audit log pruned"),
        // Nothing is half-done; the next tick tries again.
        Err(e) => tracing::warn!(error = %e, "audit prune failed"),
    }
    Ok(())
}

/// Deletes rows older than `retention_days`; returns how many.
pub async fn run(db: &sqlx::PgPool, retention_days: u32) -> sqlx::Result<u64> {
    audit::prune(db, Utc::now() - Duration::days(i64::from(retention_days))).await
}
