//! A project's usage: daily charts (server-rendered SVG) of uploads, upload bytes, on-demand
//! transforms and stored bytes, with the quotas drawn in, for the whole project or one tenant —
//! the numbers `GET /v1/usage` answers, from the same function.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::charts::{Series, bars, line};
use super::files::scope_of;
use super::orgs::size;
use super::page::Query;
use super::page::{Chrome, Member, PageError, Problem, rerender};
use super::projects::project_chrome;
use crate::auth::perm;
use crate::routes::usage::{UsageQuery, UsageResponse, usage_of};
use crate::state::AppState;

/// The range form.
#[derive(Debug, Default, Deserialize)]
pub struct UsageForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    tenant: String,
}

#[derive(Template)]
#[template(path = "usage.html")]
struct UsagePage {
    chrome: Chrome,
    project_id: String,
    from: String,
    to: String,
    tenant: String,
    usage: Option<UsageResponse>,
    stored_files: i64,
    stored_bytes: String,
    quota_bytes: Option<String>,
    upload_bytes: String,
    charts: Vec<(&'static str, String)>,
    problem: Option<Problem>,
}

fn count(v: i64) -> String {
    v.to_string()
}

fn bytes(v: i64) -> String {
    size(v)
}

/// Stored bytes at the end of each day: today's level, walked back through each day's net
/// change (uploads in, deletes out).
fn stored_levels(u: &UsageResponse) -> Vec<i64> {
    let mut level = u.stored.bytes;
    let mut levels = vec![0; u.days.len()];
    for (i, d) in u.days.iter().enumerate().rev() {
        levels[i] = level.max(0);
        level -= d.counters.upload_bytes - d.counters.deleted_bytes;
    }
    levels
}

fn charts(u: &UsageResponse) -> Vec<(&'static str, String)> {
    let days: Vec<String> = u.days.iter().map(|d| d.day.format("%m-%d").to_string()).collect();
    let pick =
        |f: fn(&crate::routes::usage::Counters) -> i64| u.days.iter().map(|d| f(&d.counters)).collect::<Vec<_>>();
    let uploads = pick(|c| c.uploads);
    let upload_bytes = pick(|c| c.upload_bytes);
    let transforms = pick(|c| c.transforms);
    let stored = stored_levels(u);
    vec![
        (
            "Uploads a day",
            bars(&Series {
                title: "Uploads a day",
                days: &days,
                values: &uploads,
                quota: None,
                show: count,
            }),
        ),
        (
            "Bytes uploaded a day",
            bars(&Series {
                title: "Bytes uploaded a day",
                days: &days,
                values: &upload_bytes,
                quota: None,
                show: bytes,
            }),
        ),
        (
            "On-demand transforms a day",
            bars(&Series {
                title: "On-demand transforms a day",
                days: &days,
                values: &transforms,
                quota: None,
                show: count,
            }),
        ),
        (
            "Stored bytes (dashed: the quota)",
            line(&Series {
                title: "Stored bytes at the end of each day",
                days: &days,
                values: &stored,
                quota: u.quotas.limits.max_stored_bytes,
                show: bytes,
            }),
        ),
    ]
}

/// `GET /projects/{project}/usage`.
pub async fn usage_page(
    State(state): State<AppState>,
    member: Member<perm::UsageRead>,
    Query(form): Query<UsageForm>,
) -> Result<Response, PageError> {
    let (place, _, chrome) = project_chrome(&state, &member, "Usage", "usage").await?;
    let scope = scope_of(&state, place.project).await?;
    let text = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    let q = UsageQuery {
        from: text(&form.from),
        to: text(&form.to),
        tenant: text(&form.tenant),
    };
    let (usage, problem) = match usage_of(&state, &scope, q).await {
        Ok(u) => (Some(u), None),
        Err(e) => (None, Some(Problem::from_error(e)?)),
    };
    let status = problem.as_ref().map_or(axum::http::StatusCode::OK, |(s, _)| *s);
    let page = UsagePage {
        chrome,
        project_id: place.project.to_string(),
        from: usage.as_ref().map_or(form.from.clone(), |u| u.from.to_string()),
        to: usage.as_ref().map_or(form.to.clone(), |u| u.to.to_string()),
        tenant: form.tenant,
        stored_files: usage.as_ref().map_or(0, |u| u.stored.files),
        stored_bytes: size(usage.as_ref().map_or(0, |u| u.stored.bytes)),
        quota_bytes: usage.as_ref().and_then(|u| u.quotas.limits.max_stored_bytes).map(size),
        upload_bytes: size(usage.as_ref().map_or(0, |u| u.totals.upload_bytes)),
        charts: usage.as_ref().map(charts).unwrap_or_default(),
        usage,
        problem: problem.map(|(_, p)| p),
    };
    Ok(rerender(status, &page))
}
