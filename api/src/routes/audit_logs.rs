//! `GET /v1/orgs/{org}/audit-logs` (filters, keyset pages) and `GET
//! /v1/orgs/{org}/audit-logs/export` (NDJSON, streamed page by page so memory stays flat however
//! long the log). Both need `audit-logs:read` and only ever read the caller's organization —
//! the scope comes from the resolved path, never from the query. Exporting is itself audited.

use axum::body::Body;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use carcosa_common::audit::Event;
use carcosa_common::db::audit::{self, AuditRow, Filter};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::access::Access;
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Query};
use crate::openapi::{ACCESS, QUERY, errors};
use crate::routes::Routes;
use crate::state::AppState;

/// Largest page.
const MAX_LIMIT: i64 = 500;
/// Rows per database round trip while exporting.
const EXPORT_PAGE: i64 = 1000;

/// Query of both routes.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only this actor id.
    pub actor: Option<String>,
    /// Only this action (or a prefix ending in `.`, e.g. `api_key.`).
    pub action: Option<String>,
    /// Only this target id.
    pub target: Option<String>,
    /// At or after (RFC 3339).
    pub since: Option<DateTime<Utc>>,
    /// Before (RFC 3339).
    pub until: Option<DateTime<Utc>>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Page size (1-500, default 100).
    pub limit: Option<i64>,
}

/// A page.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditPage {
    /// Rows, newest first.
    pub data: Vec<AuditRow>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

pub(crate) fn filter(q: &AuditQuery) -> Result<Filter, ApiError> {
    let before = match q.cursor.as_deref() {
        Some(c) => Some(parse_cursor(c).ok_or_else(|| ApiError::Validation {
            code: "invalid_cursor",
            field: Some("cursor"),
            message: "the cursor is not one this API issued".into(),
        })?),
        None => None,
    };
    Ok(Filter {
        actor: q.actor.clone(),
        action: q.action.clone(),
        target: q.target.clone(),
        since: q.since,
        until: q.until,
        before,
    })
}

pub(crate) fn cursor_of(row: &AuditRow) -> String {
    format!("{}_{}", row.at.timestamp_micros(), row.id)
}

fn parse_cursor(c: &str) -> Option<(DateTime<Utc>, i64)> {
    let (micros, id) = c.split_once('_')?;
    Some((DateTime::from_timestamp_micros(micros.parse().ok()?)?, id.parse().ok()?))
}

errors!(AuditErrors = ACCESS, QUERY, &[(400, &["invalid_cursor"])]);

/// `GET /v1/orgs/{org}/audit-logs`.
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/audit-logs",
    tag = "audit",
    summary = "List audit events",
    description = "Newest first, filtered by actor, action (or a prefix ending in `.`), target and time; keyset pages of `limit` (1–500).",
    params(("org" = String, Path, description = "Organization id or slug."), AuditQuery),
    responses((status = 200, description = "A page.", body = AuditPage), AuditErrors),
    security(("session" = []), ("api_key" = ["audit-logs:read"])),
)]
pub async fn list_audit_logs(
    State(state): State<AppState>,
    access: Access<perm::AuditLogsRead>,
    Query(q): Query<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    let limit = q.limit.unwrap_or(100);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::validation(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let mut rows = audit::page(&state.db, access.scope.org(), &filter(&q)?, limit + 1).await?;
    let next_cursor = (rows.len() as i64 > limit).then(|| {
        rows.truncate(limit as usize);
        rows.last().map(cursor_of)
    });
    Ok(Json(AuditPage {
        data: rows,
        next_cursor: next_cursor.flatten(),
    }))
}

/// `GET /v1/orgs/{org}/audit-logs/export`: every matching row as NDJSON, newest first.
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/audit-logs/export",
    tag = "audit",
    summary = "Export audit events",
    description = "Every matching event as NDJSON, streamed, newest first. The export is itself audited.",
    params(("org" = String, Path, description = "Organization id or slug."), AuditQuery),
    responses((status = 200, description = "One JSON event per line.", content_type = "application/x-ndjson", body = AuditRow), AuditErrors),
    security(("session" = []), ("api_key" = ["audit-logs:read"])),
)]
pub async fn export_audit_logs(
    State(state): State<AppState>,
    access: Access<perm::AuditLogsRead>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, ApiError> {
    let org = access.scope.org();
    let start = filter(&q)?;
    let event = Event::new("audit_log.exported", "org", org).org(org).with(
        "filter",
        serde_json::json!({
            "actor": q.actor, "action": q.action, "target": q.target, "since": q.since, "until": q.until,
        }),
    );
    access.acting.record(&state.db, &event).await?;
    let db = state.db.clone();
    let pages = futures::stream::unfold(Some(start), move |next| {
        let db = db.clone();
        async move {
            let f = next?;
            match audit::page(&db, org, &f, EXPORT_PAGE).await {
                Ok(rows) => {
                    let more = (rows.len() as i64 == EXPORT_PAGE).then(|| Filter {
                        before: rows.last().map(|r| (r.at, r.id)),
                        ..f
                    });
                    let mut chunk = Vec::new();
                    for row in &rows {
                        if serde_json::to_writer(&mut chunk, row).is_ok() {
                            chunk.push(b'\n');
                        }
                    }
                    Some((Ok::<_, sqlx::Error>(chunk), more))
                }
                Err(e) => {
                    tracing::error!(error = %e, "audit export failed midway");
                    Some((Err(e), None))
                }
            }
        }
    });
    Ok(([(CONTENT_TYPE, "application/x-ndjson")], Body::from_stream(pages)).into_response())
}

/// The audit-log routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(list_audit_logs))
        .route(routes!(export_audit_logs))
}
