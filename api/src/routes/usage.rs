//! `GET /v1/usage`: daily usage series and totals, what is stored now, and the quotas against
//! it. Numbers are live: the daily rows the roll-up folded plus the events it has not folded yet.

use axum::extract::State;
use carcosa_common::db::usage::{self, DayUsage};
use carcosa_common::domain::Quotas;
use chrono::{Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::auth::{Auth, ProjectScope, perm};
use crate::error::ApiError;
use crate::extract::{Json, Query};
use crate::openapi::{KEY, NOT_FOUND, QUERY, errors};
use crate::routes::Routes;
use crate::state::AppState;

/// Longest range one request may cover.
pub const MAX_DAYS: i64 = 366;
/// Range when `from` is not given: the last 30 days up to `to`.
const DEFAULT_DAYS: i64 = 30;

/// Query of `GET /v1/usage`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UsageQuery {
    /// First day (`YYYY-MM-DD`, UTC), inclusive. Default: 29 days before `to`.
    pub from: Option<String>,
    /// Last day, inclusive. Default: today (UTC).
    pub to: Option<String>,
    /// Tenant slug: only that tenant's usage.
    pub tenant: Option<String>,
}

/// Counters of one day, or of the whole range.
#[derive(Debug, Default, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Counters {
    /// Uploads verified.
    pub uploads: i64,
    /// Bytes of verified uploads.
    pub upload_bytes: i64,
    /// Files deleted.
    pub deletes: i64,
    /// Bytes freed by deletes.
    pub deleted_bytes: i64,
    /// Variants made (presets and on-demand transforms).
    pub variants: i64,
    /// Bytes of variants.
    pub variant_bytes: i64,
    /// On-demand transforms made (also counted in `variants`).
    pub transforms: i64,
    /// Download URLs issued.
    pub downloads: i64,
}

impl Counters {
    fn add(&mut self, d: &DayUsage) {
        self.uploads += d.uploads_count;
        self.upload_bytes += d.uploads_bytes;
        self.deletes += d.deleted_count;
        self.deleted_bytes += d.deleted_bytes;
        self.variants += d.variants_count;
        self.variant_bytes += d.variants_bytes;
        self.transforms += d.transforms_count;
        self.downloads += d.downloads_count;
    }
}

/// One day of the series.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Day {
    /// UTC day.
    pub day: NaiveDate,
    /// Its counters.
    #[serde(flatten)]
    pub counters: Counters,
}

/// What is stored now.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Stored {
    /// Files.
    pub files: i64,
    /// Bytes of files (originals; variants are not counted).
    pub bytes: i64,
}

/// The project's quotas and how much of the monthly one is used.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QuotaStatus {
    /// Limits (`null`: unlimited).
    #[serde(flatten)]
    pub limits: Quotas,
    /// On-demand transforms made this calendar month (UTC), whole project.
    pub transforms_this_month: i64,
}

/// `GET /v1/usage` answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UsageResponse {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Tenant slug, when filtered.
    pub tenant: Option<String>,
    /// One entry per day of the range, zeros included, oldest first.
    pub days: Vec<Day>,
    /// Sums over the range.
    pub totals: Counters,
    /// Stored now (for the tenant, when filtered).
    pub stored: Stored,
    /// Project quotas.
    pub quotas: QuotaStatus,
}

/// The earliest day a range may start on: nothing was recorded before Carcosa existed, and the
/// bound keeps every date computation far from chrono's limits.
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};
/// The latest day a range may end on.
const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(day) => day,
    None => NaiveDate::MAX,
};

fn parse_day(field: &'static str, value: &str) -> Result<NaiveDate, ApiError> {
    let day = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| ApiError::validation(field, format!("{field} must be a date like 2026-11-26, got {value:?}")))?;
    if !(EARLIEST..=LATEST).contains(&day) {
        return Err(ApiError::Validation {
            code: "invalid_range",
            field: Some(field),
            message: format!("{field} must be between {EARLIEST} and {LATEST}, got {day}"),
        });
    }
    Ok(day)
}

errors!(UsageErrors = KEY, QUERY, NOT_FOUND, &[(400, &["invalid_range"])]);

/// `GET /v1/usage?from=&to=&tenant=` (permission `usage:read`).
#[utoipa::path(
    get,
    path = "/v1/usage",
    tag = "usage",
    summary = "Usage and quotas",
    description = "Daily counters over a range (default the last 30 days, at most 366), their totals, what is \
                   stored now, and the project's quotas. Live: includes events not yet rolled up.",
    params(UsageQuery),
    responses((status = 200, description = "Usage.", body = UsageResponse), UsageErrors),
    security(("api_key" = ["usage:read"])),
)]
async fn get_usage(
    auth: Auth<perm::UsageRead>,
    State(state): State<AppState>,
    Query(q): Query<UsageQuery>,
) -> Result<Json<UsageResponse>, ApiError> {
    Ok(Json(usage_of(&state, &auth.project, q).await?))
}

/// A project's usage over a range (the API's `GET /v1/usage`, and the dashboard's usage page).
pub(crate) async fn usage_of(
    state: &AppState,
    project: &ProjectScope,
    q: UsageQuery,
) -> Result<UsageResponse, ApiError> {
    let now = Utc::now();
    let to = match q.to.as_deref() {
        Some(v) => parse_day("to", v)?,
        None => now.date_naive(),
    };
    let from = match q.from.as_deref() {
        Some(v) => parse_day("from", v)?,
        None => to
            .checked_sub_signed(Duration::days(DEFAULT_DAYS - 1))
            .unwrap_or(EARLIEST)
            .max(EARLIEST),
    };
    if from > to {
        return Err(ApiError::Validation {
            code: "invalid_range",
            field: Some("from"),
            message: format!("from ({from}) is after to ({to})"),
        });
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(ApiError::Validation {
            code: "invalid_range",
            field: Some("from"),
            message: format!("a request covers at most {MAX_DAYS} days"),
        });
    }
    let tenant = super::tenant_id(state, project, q.tenant.as_deref()).await?;
    let rows = usage::daily(&state.db, project.id, tenant, from, to).await?;
    let (files, bytes) = usage::stored(&state.db, project.id, tenant).await?;
    let transforms_this_month = usage::transforms_since(&state.db, project.id, usage::month_start(now)).await?;

    let mut totals = Counters::default();
    let mut rows = rows.into_iter().peekable();
    let mut days = Vec::with_capacity((to - from).num_days() as usize + 1);
    for day in from.iter_days().take_while(|d| *d <= to) {
        let mut counters = Counters::default();
        if let Some(row) = rows.next_if(|r| r.day == day) {
            counters.add(&row);
            totals.add(&row);
        }
        days.push(Day { day, counters });
    }
    Ok(UsageResponse {
        from,
        to,
        tenant: q.tenant,
        days,
        totals,
        stored: Stored { files, bytes },
        quotas: QuotaStatus {
            limits: project.quotas,
            transforms_this_month,
        },
    })
}

/// Usage routes.
pub fn router() -> Routes {
    Routes::new().route(routes!(get_usage))
}
