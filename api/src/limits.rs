//! Rate limits: GCRA (the generic cell rate algorithm) per caller and tier. With Redis
//! configured, one Lua script holds each limiter's state (its "theoretical arrival time") in one
//! key and uses Redis' own clock, so every replica enforces the same limit; an in-process table
//! is used only when Redis is not configured (one process; `serve` logs it loudly). When Redis
//! fails mid-flight, requests are let through and `carcosa_ratelimit_redis_errors_total` counts
//! them: an outage of the limiter must not become an outage of the API.
//!
//! A limit of N per hour admits a burst of N and then one request every 3600/N seconds: the
//! "N per hour" a user reads in the docs, without a window edge to game.
//!
//! Answers carry the IETF fields `RateLimit-Policy: "write";q=500;w=3600` and
//! `RateLimit: "write";r=499;t=8` (remaining and seconds until the next request is earned or the
//! burst is whole again), and a 429 adds `Retry-After`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use carcosa_common::config::TierLimits;
use carcosa_common::domain::Permission;

use carcosa_common::audit::{Actor, Event, Outcome};

use crate::auth::KeyCaller;

mod store;

use crate::error::ApiError;
use crate::state::AppState;
use store::LOCAL_PRUNE_AT;
pub use store::Limiter;

/// The six tiers of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Reads.
    Read,
    /// Ordinary management changes.
    Standard,
    /// Uploads.
    Write,
    /// Transforms and analytics.
    Expensive,
    /// Deletes.
    Delete,
    /// Keys, members, buckets, credentials.
    Admin,
}

impl Tier {
    /// The tier's name in policies, overrides and config.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Read => "read",
            Tier::Standard => "standard",
            Tier::Write => "write",
            Tier::Expensive => "expensive",
            Tier::Delete => "delete",
            Tier::Admin => "admin",
        }
    }

    /// The tier of a route needing `perms`: the strictest of its permissions' tiers.
    pub fn for_permissions(perms: &[Permission]) -> Tier {
        perms
            .iter()
            .map(|p| Self::of(*p))
            .min_by_key(|t| Self::strictness(*t))
            .unwrap_or(Tier::Standard)
    }

    fn of(p: Permission) -> Tier {
        use Permission::*;
        match p {
            FilesRead | TransformsRead | ProjectsRead | ApiKeysRead | AuditLogsRead => Tier::Read,
            FilesWrite => Tier::Write,
            TransformsExecute | UsageRead => Tier::Expensive,
            FilesDelete | TransformsDelete | ProjectsDelete | ApiKeysDelete => Tier::Delete,
            TransformsWrite | ProjectsWrite | TenantsManage => Tier::Standard,
            ApiKeysWrite | Admin => Tier::Admin,
        }
    }

    /// Lower is stricter (by default limits).
    fn strictness(t: Tier) -> u8 {
        match t {
            Tier::Admin => 0,
            Tier::Delete => 1,
            Tier::Expensive => 2,
            Tier::Write => 3,
            Tier::Standard => 4,
            Tier::Read => 5,
        }
    }

    /// Requests per hour from the configured defaults.
    pub fn default_limit(self, t: &TierLimits) -> u32 {
        match self {
            Tier::Read => t.read,
            Tier::Standard => t.standard,
            Tier::Write => t.write,
            Tier::Expensive => t.expensive,
            Tier::Delete => t.delete,
            Tier::Admin => t.admin,
        }
    }
}

/// One limiter check's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// Policy name (a tier, or `login`, `ws-connect`, `ws-subscribe`).
    pub policy: &'static str,
    /// Requests per window.
    pub quota: u32,
    /// Window, seconds.
    pub window_secs: u32,
    /// Whether this request may proceed.
    pub allowed: bool,
    /// Requests left right now.
    pub remaining: u32,
    /// Seconds until the next request is allowed (denied) or the burst is whole (allowed).
    pub reset_secs: u64,
}

impl Decision {
    /// Adds `RateLimit-Policy`, `RateLimit` and (when denied) `Retry-After`.
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        let policy = format!("\"{}\";q={};w={}", self.policy, self.quota, self.window_secs);
        let limit = format!("\"{}\";r={};t={}", self.policy, self.remaining, self.reset_secs);
        if let (Ok(p), Ok(l)) = (HeaderValue::from_str(&policy), HeaderValue::from_str(&limit)) {
            headers.insert("ratelimit-policy", p);
            headers.insert("ratelimit", l);
        }
        if !self.allowed {
            headers.insert(
                axum::http::header::RETRY_AFTER,
                HeaderValue::from(self.reset_secs.max(1)),
            );
        }
    }

    fn into_result(self, what: &str) -> Result<Decision, ApiError> {
        if self.allowed {
            Ok(self)
        } else {
            metrics::counter!("carcosa_ratelimit_rejected_total", "policy" => self.policy).increment(1);
            Err(ApiError::RateLimited {
                message: format!(
                    "{what} is limited to {} requests per {} s; retry in {} s",
                    self.quota,
                    self.window_secs,
                    self.reset_secs.max(1)
                ),
                decision: self,
            })
        }
    }
}

tokio::task_local! {
    /// Where a request's decision waits for its response (see [`headers`]). Task-local, not a
    /// request extension: the extractor and the middleware run in the same task, and this costs
    /// no allocation per request.
    static DECISION: std::cell::Cell<Option<Decision>>;
}

/// Middleware: collects the decision the route's extractor made and writes it onto the
/// response, so every limited route answers with its `RateLimit` fields.
pub async fn headers(req: Request, next: Next) -> Response {
    let (mut response, decision) = DECISION
        .scope(std::cell::Cell::new(None), async move {
            let response = next.run(req).await;
            (response, DECISION.with(std::cell::Cell::take))
        })
        .await;
    if let Some(decision) = decision
        && !response.headers().contains_key("ratelimit")
    {
        decision.write_headers(response.headers_mut());
    }
    response
}

fn remember(decision: Decision) {
    // Outside the middleware (a limiter used from elsewhere) there is nowhere to put it.
    let _ = DECISION.try_with(|d| d.set(Some(decision)));
}

/// Limits an API key on a route needing `perms` (the project's overrides apply).
pub async fn enforce_key(
    state: &AppState,
    parts: &axum::http::request::Parts,
    key: &KeyCaller,
    perms: &[Permission],
) -> Result<(), ApiError> {
    let tier = Tier::for_permissions(perms);
    let quota = key
        .row
        .rate_limits
        .get(tier.name())
        .and_then(serde_json::Value::as_u64)
        .map_or_else(
            || tier.default_limit(&state.config.rate_limits.tiers),
            |n| n.clamp(1, u64::from(u32::MAX)) as u32,
        );
    let subject = format!("carcosa:rl:{}:k:{}", tier.name(), key.row.id);
    let result = enforce(state, &subject, tier.name(), quota, 3600, "this API key").await;
    if result.is_err() {
        let r = &key.row;
        let event =
            Event::new("rate_limit.exceeded", "api_key", r.id).project(r.organization_id, r.team_id, r.project_id);
        note_limited(
            state,
            parts,
            &subject,
            Actor::api_key(r.id, &key.label()),
            event.with("policy", tier.name()),
        )
        .await;
    }
    result
}

/// Limits a signed-in user on a route of `tier`.
pub async fn enforce_user(
    state: &AppState,
    parts: &axum::http::request::Parts,
    user: carcosa_common::domain::UserId,
    tier: Tier,
) -> Result<(), ApiError> {
    let quota = tier.default_limit(&state.config.rate_limits.tiers);
    let subject = format!("carcosa:rl:{}:u:{user}", tier.name());
    let result = enforce(state, &subject, tier.name(), quota, 3600, "this account").await;
    if result.is_err() {
        let event = Event::new("rate_limit.exceeded", "user", user).with("policy", tier.name());
        note_limited(state, parts, &subject, Actor::user(user, &user.to_string()), event).await;
    }
    result
}

/// Limits an unauthenticated caller by address on a route of `tier`.
pub async fn enforce_ip(state: &AppState, parts: &axum::http::request::Parts, tier: Tier) -> Result<(), ApiError> {
    let quota = tier.default_limit(&state.config.rate_limits.tiers);
    let ip = crate::access::client_ip(parts).unwrap_or_else(|| "unknown".into());
    let subject = format!("carcosa:rl:{}:ip:{ip}", tier.name());
    let result = enforce(state, &subject, tier.name(), quota, 3600, "this address").await;
    if result.is_err() {
        let event = Event::new("rate_limit.exceeded", "address", &ip).with("policy", tier.name());
        note_limited(state, parts, &subject, Actor::anonymous(), event).await;
    }
    result
}

/// How often one limiter subject's refusals are written to the audit log (per process): an
/// attacker hammering a limit must not turn every 429 into a database write.
const NOTE_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Subjects whose refusal was recently audited, and when.
#[derive(Clone, Default)]
pub struct Noted(Arc<Mutex<HashMap<String, std::time::Instant>>>);

impl Noted {
    /// Whether `subject`'s refusal should be written now (at most once per [`NOTE_EVERY`]).
    fn due(&self, subject: &str) -> bool {
        let Ok(mut map) = self.0.lock() else { return false };
        let now = std::time::Instant::now();
        if map.len() > LOCAL_PRUNE_AT {
            map.retain(|_, at| now.duration_since(*at) < NOTE_EVERY);
        }
        match map.get(subject) {
            Some(at) if now.duration_since(*at) < NOTE_EVERY => false,
            _ => {
                map.insert(subject.to_owned(), now);
                true
            }
        }
    }
}

/// Writes `rate_limit.exceeded` (best effort, at most once a minute per subject and process).
async fn note_limited(state: &AppState, parts: &axum::http::request::Parts, subject: &str, actor: Actor, event: Event) {
    if !state.limited_noted.due(subject) {
        return;
    }
    let ctx = crate::access::request_context(parts);
    let event = event.outcome(Outcome::Denied).with("route", parts.uri.path());
    if let Err(e) = carcosa_common::db::audit::record(&state.db, &actor, &ctx, &event).await {
        tracing::warn!(error = %e, "could not record a rate-limit refusal");
    }
}

/// Counts a request against any limiter and remembers the decision for the response headers.
pub async fn enforce(
    state: &AppState,
    subject: &str,
    policy: &'static str,
    quota: u32,
    window_secs: u32,
    who: &str,
) -> Result<(), ApiError> {
    if !state.config.rate_limits.enabled {
        return Ok(());
    }
    let decision = state.limiter.check(subject, policy, quota, window_secs).await;
    remember(decision);
    decision.into_result(who).map(drop)
}

/// Counts a login attempt for `email` (`rate_limits.login_per_15min` per account): password
/// guessing against one account slows to that pace whatever addresses it comes from.
pub async fn login_attempt(state: &AppState, email: &str) -> Result<(), ApiError> {
    if !state.config.rate_limits.enabled {
        return Ok(());
    }
    let quota = state.config.rate_limits.login_per_15min;
    let subject = format!("carcosa:rl:login:{email}");
    let decision = state.limiter.check(&subject, "login", quota, 900).await;
    decision.into_result("signing in to this account").map(drop)
}
