//! The audit log: one append-only row per event (a trigger refuses updates and any delete but
//! the retention prune's). Pages are keyset-paginated on `(at, id)`, newest first.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::PgExecutor;

use crate::audit::{Actor, ActorKind, Event, Outcome, RequestContext};
use crate::domain::OrgId;

/// Writes one event (in the caller's transaction, next to the change it records).
pub async fn record(db: impl PgExecutor<'_>, actor: &Actor, ctx: &RequestContext, e: &Event) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO audit_logs (organization_id, team_id, project_id, actor_type, actor_id, actor_label,
               action, target_type, target_id, target_name, outcome, ip, user_agent, request_id, diff, metadata)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text::inet, $13, $14, $15, $16)"#,
        e.org.map(|o| o.0),
        e.team.map(|t| t.0),
        e.project.map(|p| p.0),
        actor.kind as ActorKind,
        actor.id,
        actor.label,
        e.action,
        e.target_type,
        e.target_id,
        e.target_name,
        e.outcome as Outcome,
        ctx.ip,
        ctx.user_agent,
        ctx.request_id,
        e.diff,
        e.metadata
    )
    .execute(db)
    .await?;
    Ok(())
}

/// One audit row as the API returns it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditRow {
    /// Row id (ascending with insertion).
    pub id: i64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Organization.
    pub organization_id: Option<uuid::Uuid>,
    /// Team.
    pub team_id: Option<uuid::Uuid>,
    /// Project.
    pub project_id: Option<uuid::Uuid>,
    /// Actor kind.
    pub actor_type: ActorKind,
    /// Actor id.
    pub actor_id: String,
    /// Actor label.
    pub actor_label: String,
    /// Dotted action.
    pub action: String,
    /// Target kind.
    pub target_type: String,
    /// Target id.
    pub target_id: String,
    /// Target name.
    pub target_name: Option<String>,
    /// Outcome.
    pub outcome: Outcome,
    /// Client address.
    pub ip: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
    /// Request id.
    pub request_id: Option<String>,
    /// Before/after.
    pub diff: Option<Value>,
    /// Other details.
    pub metadata: Value,
}

/// Filters for a page of an organization's log.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this actor id.
    pub actor: Option<String>,
    /// Only this action, or actions under a prefix ending in `.` (e.g. `api_key.`).
    pub action: Option<String>,
    /// Only this target id.
    pub target: Option<String>,
    /// At or after.
    pub since: Option<DateTime<Utc>>,
    /// Before.
    pub until: Option<DateTime<Utc>>,
    /// Keyset cursor: rows strictly older than this `(at, id)`.
    pub before: Option<(DateTime<Utc>, i64)>,
}

/// Up to `limit` rows of an organization's log, newest first.
pub async fn page(db: impl PgExecutor<'_>, org: OrgId, f: &Filter, limit: i64) -> sqlx::Result<Vec<AuditRow>> {
    let (before_at, before_id) = f.before.map_or((None, None), |(at, id)| (Some(at), Some(id)));
    let action_prefix = f.action.as_deref().filter(|a| a.ends_with('.'));
    let action_exact = f.action.as_deref().filter(|a| !a.ends_with('.'));
    sqlx::query_as!(
        AuditRow,
        r#"SELECT id, at, organization_id, team_id, project_id, actor_type AS "actor_type: ActorKind",
                  actor_id, actor_label, action, target_type, target_id, target_name,
                  outcome AS "outcome: Outcome", host(ip) AS ip, user_agent, request_id, diff, metadata
           FROM audit_logs
           WHERE organization_id = $1
             AND ($2::text IS NULL OR actor_id = $2)
             AND ($3::text IS NULL OR action = $3)
             AND ($4::text IS NULL OR starts_with(action, $4))
             AND ($5::text IS NULL OR target_id = $5)
             AND ($6::timestamptz IS NULL OR at >= $6)
             AND ($7::timestamptz IS NULL OR at < $7)
             AND ($8::timestamptz IS NULL OR (at, id) < ($8, $9::bigint))
           ORDER BY at DESC, id DESC
           LIMIT $10"#,
        org.0,
        f.actor,
        action_exact,
        action_prefix,
        f.target,
        f.since,
        f.until,
        before_at,
        before_id,
        limit
    )
    .fetch_all(db)
    .await
}

/// Deletes rows older than `before` (the retention prune; the only delete the table allows).
pub async fn prune(db: &sqlx::PgPool, before: DateTime<Utc>) -> sqlx::Result<u64> {
    let mut tx = db.begin().await?;
    sqlx::query_scalar!("SELECT set_config('carcosa.audit_prune', 'on', true)")
        .fetch_one(&mut *tx)
        .await?;
    let done = sqlx::query!("DELETE FROM audit_logs WHERE at < $1", before)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}
