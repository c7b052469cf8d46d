//! `[auth]` (sign-up policy, sessions, CSRF origins, audit retention) and `[rate_limits]` (the six
//! tiers and the login throttle).

use serde::{Deserialize, Serialize};

/// Who may create an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupPolicy {
    /// Nobody signs up over HTTP (operators use `carcosa admin user add`), except the very first
    /// user of an empty installation.
    Closed,
    /// Anyone can sign up; each new user gets an organization of their own.
    Open,
    /// Sign-up needs an invitation token, except the very first user of an empty installation.
    Invite,
}

/// Accounts and sessions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthConfig {
    /// `invite` (default), `open` or `closed`. The first user of an empty installation can always
    /// sign up, and becomes the owner of the first organization.
    pub signup: SignupPolicy,
    /// A session ends after this long without a request.
    pub session_idle_secs: u64,
    /// A session ends this long after sign-in, however active.
    pub session_max_secs: u64,
    /// Send the session cookie without `Secure`. Only `carcosa dev` on a loopback address turns
    /// this on (browsers do not send `Secure` cookies over plain http).
    pub insecure_cookies: bool,
    /// Origins (scheme://host[:port]) allowed to make state-changing requests with the session
    /// cookie, beside `http.public_url`'s own origin.
    pub allowed_origins: Vec<String>,
    /// Password hashes computed at once per process (each takes ~20 MiB and tens of ms of CPU);
    /// more wait their turn.
    pub max_concurrent_hashes: usize,
    /// How long an invitation token is valid.
    pub invitation_ttl_secs: u64,
    /// Audit rows older than this many days are pruned by the worker's cron.
    pub audit_retention_days: u32,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            signup: SignupPolicy::Invite,
            session_idle_secs: 2 * 24 * 3600,
            session_max_secs: 14 * 24 * 3600,
            insecure_cookies: false,
            allowed_origins: Vec::new(),
            max_concurrent_hashes: 4,
            invitation_ttl_secs: 7 * 24 * 3600,
            audit_retention_days: 365,
        }
    }
}

/// Requests per hour for each tier (DESIGN.md "Permissions and limits"); a project can override
/// any tier. Counted per API key, per signed-in user, or per client IP on routes without auth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierLimits {
    /// Reads: files, projects, keys, usage listings.
    pub read: u32,
    /// Ordinary management changes.
    pub standard: u32,
    /// Uploads.
    pub write: u32,
    /// Transforms and analytics.
    pub expensive: u32,
    /// Deletes.
    pub delete: u32,
    /// Keys, members, buckets, credentials.
    pub admin: u32,
}

impl Default for TierLimits {
    fn default() -> Self {
        Self {
            read: 10_000,
            standard: 1_000,
            write: 500,
            expensive: 100,
            delete: 50,
            admin: 20,
        }
    }
}

/// Rate limiting.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimitConfig {
    /// Off only for benchmarks that measure something else.
    pub enabled: bool,
    /// The default tiers.
    pub tiers: TierLimits,
    /// Failed-or-not login attempts per account per 15 minutes (guessing slowdown).
    pub login_per_15min: u32,
    /// WebSocket connections per key or IP per minute.
    pub ws_connects_per_min: u32,
    /// Subscribe messages per WebSocket connection per minute.
    pub ws_subscribes_per_min: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            tiers: TierLimits::default(),
            login_per_15min: 10,
            ws_connects_per_min: 60,
            ws_subscribes_per_min: 600,
        }
    }
}

impl AuthConfig {
    pub(super) fn validate(&self, bad: &mut Vec<String>) {
        if !(60..=30 * 24 * 3600).contains(&self.session_idle_secs) {
            bad.push("auth.session_idle_secs must be between 60 and 2592000 (30 days)".into());
        }
        if !(self.session_idle_secs..=365 * 24 * 3600).contains(&self.session_max_secs) {
            bad.push(
                "auth.session_max_secs must be at least auth.session_idle_secs and at most 31536000 (1 year)".into(),
            );
        }
        if !(1..=64).contains(&self.max_concurrent_hashes) {
            bad.push("auth.max_concurrent_hashes must be between 1 and 64".into());
        }
        if !(60..=90 * 24 * 3600).contains(&self.invitation_ttl_secs) {
            bad.push("auth.invitation_ttl_secs must be between 60 and 7776000 (90 days)".into());
        }
        if self.audit_retention_days == 0 {
            bad.push("auth.audit_retention_days must be at least 1".into());
        }
        for o in &self.allowed_origins {
            if !(o.starts_with("http://") || o.starts_with("https://")) || o.ends_with('/') {
                bad.push(format!(
                    "auth.allowed_origins: {o:?} must look like https://app.example.com (no path, no trailing slash)"
                ));
            }
        }
    }
}

impl RateLimitConfig {
    pub(super) fn validate(&self, bad: &mut Vec<String>) {
        let t = self.tiers;
        if [t.read, t.standard, t.write, t.expensive, t.delete, t.admin].contains(&0) {
            bad.push("rate_limits.tiers: every tier must allow at least 1 request per hour".into());
        }
        if self.login_per_15min == 0 || self.ws_connects_per_min == 0 || self.ws_subscribes_per_min == 0 {
            bad.push(
                "rate_limits: login_per_15min, ws_connects_per_min and ws_subscribes_per_min must be at least 1".into(),
            );
        }
    }
}
