//! The organization's audit log: filters, keyset pages, and an export link to the API's NDJSON
//! export (the same route, the same session, itself audited).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use carcosa_common::db::audit::{self, AuditRow};
use chrono::{NaiveDate, TimeZone as _, Utc};
use serde::{Deserialize, Serialize};

use super::page::Query;
use super::page::{Chrome, Member, PageError, Problem, render};
use crate::auth::perm;
use crate::error::ApiError;
use crate::routes::audit_logs::{AuditQuery, cursor_of, filter};
use crate::state::AppState;

/// Events per page.
const PAGE: i64 = 50;

/// The filter form (dates as the date inputs send them).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AuditForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    until: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cursor: Option<String>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    org_slug: String,
    q: AuditForm,
    rows: Vec<AuditRow>,
    next: Option<String>,
    export: String,
    problem: Option<Problem>,
}

fn day(field: &'static str, value: &str, plus_days: i64) -> Result<Option<chrono::DateTime<Utc>>, ApiError> {
    if value.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| ApiError::validation(field, format!("{field} must be a date like 2026-12-01")))?;
    Ok(date
        .and_hms_opt(0, 0, 0)
        .map(|t| Utc.from_utc_datetime(&t) + chrono::Duration::days(plus_days)))
}

fn api_query(f: &AuditForm) -> Result<AuditQuery, ApiError> {
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(AuditQuery {
        actor: None,
        action: text(&f.action),
        target: text(&f.target),
        since: day("since", &f.since, 0)?,
        until: day("until", &f.until, 1)?,
        cursor: f.cursor.clone(),
        limit: None,
    })
}

/// `GET /orgs/{org}/audit`.
pub async fn audit_page(
    State(state): State<AppState>,
    member: Member<perm::AuditLogsRead>,
    Query(form): Query<AuditForm>,
) -> Result<Response, PageError> {
    let org = member.scope.org();
    let chrome = Chrome::load(&state, &member.viewer, Some(org), "Audit log", "audit").await?;
    let org_slug = chrome.org_slug().to_owned();
    let found = async {
        let q = api_query(&form)?;
        let mut rows = audit::page(&state.db, org, &filter(&q)?, PAGE + 1).await?;
        let next = (rows.len() as i64 > PAGE).then(|| {
            rows.truncate(PAGE as usize);
            rows.last().map(cursor_of)
        });
        Ok::<_, ApiError>((rows, next.flatten(), q))
    }
    .await;
    let (rows, next, problem, export_q) = match found {
        Ok((rows, next, q)) => (rows, next, None, Some(q)),
        Err(e) => {
            let (status, p) = Problem::from_error(e)?;
            (Vec::new(), None, Some((status, p)), None)
        }
    };
    let next = next.map(|cursor| {
        let more = AuditForm {
            cursor: Some(cursor),
            ..AuditForm {
                action: form.action.clone(),
                target: form.target.clone(),
                since: form.since.clone(),
                until: form.until.clone(),
                cursor: None,
            }
        };
        format!(
            "/orgs/{org_slug}/audit?{}",
            serde_urlencoded::to_string(&more).unwrap_or_default()
        )
    });
    let export = export_url(&org_slug, export_q.as_ref());
    let status = problem.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = AuditPage {
        chrome,
        org_slug,
        q: form,
        rows,
        next,
        export,
        problem: problem.map(|(_, p)| p),
    };
    Ok((status, render(&page)).into_response())
}

/// The API's export of the same filters.
fn export_url(org_slug: &str, q: Option<&AuditQuery>) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if let Some(q) = q {
        if let Some(a) = &q.action {
            pairs.push(("action", a.clone()));
        }
        if let Some(t) = &q.target {
            pairs.push(("target", t.clone()));
        }
        if let Some(s) = q.since {
            pairs.push(("since", s.to_rfc3339()));
        }
        if let Some(u) = q.until {
            pairs.push(("until", u.to_rfc3339()));
        }
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("/v1/orgs/{org_slug}/audit-logs/export?{query}")
}
