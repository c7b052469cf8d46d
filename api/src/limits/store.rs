//! Where GCRA state lives: one Lua script on Redis (shared by every replica, Redis' clock), or a
//! table in this process. Each check stores the request's new "theoretical arrival time"; a
//! request is refused when that time would run more than the window ahead of now.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use redis::Script;
use redis::aio::ConnectionManager;

use super::Decision;

const GCRA: &str = r#"
local now_t = redis.call('TIME')
local now = tonumber(now_t[1]) * 1000000 + tonumber(now_t[2])
local interval = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local new_tat = tat + interval * cost
if new_tat - window > now then
  return {0, 0, math.ceil((new_tat - window - now) / 1000000)}
end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1000)
return {1, math.floor((window - (new_tat - now)) / interval), math.ceil((new_tat - now) / 1000000)}
"#;

/// Where limiter state lives.
#[derive(Clone)]
pub enum Limiter {
    /// No limits (`rate_limits.enabled = false`).
    Off,
    /// This process only.
    Local(Arc<Mutex<HashMap<String, i64>>>),
    /// Shared by every replica.
    Redis(Arc<Shared>),
}

/// The Redis limiter's parts, behind one `Arc` (the state is cloned for every request).
pub struct Shared {
    /// One multiplexed connection, reconnected in the background when it breaks: concurrent
    /// checks are pipelined on it. (A pooled connection costs an extra UNWATCH + PING round trip
    /// on every checkout — deadpool-redis' recycle check — which measured 22% of the presign
    /// rate on two cores.)
    conn: ConnectionManager,
    /// The GCRA script (sent by hash; reloaded by the client when Redis lost it).
    script: Script,
    /// When the last "Redis unavailable" warning was logged (ms since the epoch).
    warned_at: AtomicI64,
    /// Requests this process took from a shared limiter in advance (see [`Lease`]).
    leases: Mutex<HashMap<String, Lease>>,
}

/// Requests taken from a shared limiter in one call and spent locally, so a subject with a large
/// quota costs one Redis call per [`LEASE_MS`] instead of one per request. The lease is
/// `quota × LEASE_MS / window` requests (so a limit below 36 000/h is checked exactly, one
/// request per call); tokens taken are gone from the shared budget, and any left when the lease
/// expires are simply not used — a lease can only make the limit stricter, never looser.
#[derive(Debug, Clone, Copy)]
pub struct Lease {
    tokens: i64,
    until_ms: i64,
    remaining: i64,
    reset: i64,
}

/// How long a lease may be spent.
const LEASE_MS: i64 = 100;

/// Local tables are pruned of idle limiters when they grow past this.
pub(super) const LOCAL_PRUNE_AT: usize = 100_000;

impl Limiter {
    /// The in-process limiter.
    pub fn local() -> Self {
        Limiter::Local(Arc::default())
    }

    /// The shared limiter on the Redis at `url`. The connection is made on first use; connects
    /// and answers time out fast, so a dead Redis costs a request at most [`REDIS_BUDGET`].
    pub fn redis(url: &str) -> redis::RedisResult<Self> {
        Ok(Limiter::Redis(Arc::new(Shared {
            conn: carcosa_common::events::redis_connection(url, REDIS_BUDGET)?,
            script: Script::new(GCRA),
            warned_at: AtomicI64::default(),
            leases: Mutex::default(),
        })))
    }

    /// A short description for the start-up log.
    pub fn describe(&self) -> &'static str {
        match self {
            Limiter::Off => "off",
            Limiter::Local(_) => "in-process (correct only for a single API process)",
            Limiter::Redis(_) => "shared in Redis",
        }
    }

    /// Counts one request against `key`'s `quota` per `window_secs`. The quota is part of the
    /// stored key: a changed limit (a project override, say) starts counting afresh instead of
    /// reading state kept in the old limit's units.
    pub async fn check(&self, key: &str, policy: &'static str, quota: u32, window_secs: u32) -> Decision {
        let key = &format!("{key}:{quota}/{window_secs}");
        let window = i64::from(window_secs) * 1_000_000;
        let interval = (window / i64::from(quota.max(1))).max(1);
        let (allowed, remaining, reset) = match self {
            Limiter::Off => (true, quota as i64, 0),
            Limiter::Local(table) => local_gcra(table, key, interval, window),
            Limiter::Redis(shared) => {
                let Shared {
                    conn,
                    script,
                    warned_at,
                    leases,
                } = &**shared;
                let lease = (i64::from(quota) * LEASE_MS / (i64::from(window_secs) * 1000)).max(1);
                match shared_gcra(conn, script, leases, key, interval, window, lease).await {
                    Ok(answer) => answer,
                    Err(e) => {
                        metrics::counter!("carcosa_ratelimit_redis_errors_total").increment(1);
                        // Once every 10 s, not once per request: an outage must not flood the logs.
                        let now = chrono::Utc::now().timestamp_millis();
                        let last = warned_at.load(Ordering::Relaxed);
                        if now - last > 10_000
                            && warned_at
                                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                                .is_ok()
                        {
                            tracing::warn!(error = %e, "rate limiter unavailable; letting requests through");
                        }
                        (true, quota as i64, 0)
                    }
                }
            }
        };
        Decision {
            policy,
            quota,
            window_secs,
            allowed,
            remaining: remaining.clamp(0, i64::from(quota)) as u32,
            reset_secs: reset.max(0) as u64,
        }
    }
}

/// The most one limiter check waits for Redis before letting the request through.
const REDIS_BUDGET: std::time::Duration = std::time::Duration::from_millis(250);

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// One check against the shared limiter, through this process's lease when the quota is large
/// enough for one (`lease > 1`).
async fn shared_gcra(
    conn: &ConnectionManager,
    script: &Script,
    leases: &Mutex<HashMap<String, Lease>>,
    key: &str,
    interval: i64,
    window: i64,
    lease: i64,
) -> Result<(bool, i64, i64), BoxError> {
    if lease == 1 {
        return redis_gcra(conn, script, key, interval, window, 1).await;
    }
    let now = chrono::Utc::now().timestamp_millis();
    if let Ok(mut held) = leases.lock()
        && let Some(l) = held.get_mut(key)
        && l.tokens > 0
        && l.until_ms > now
    {
        l.tokens -= 1;
        return Ok((true, l.remaining + l.tokens, l.reset));
    }
    let (allowed, remaining, reset) = redis_gcra(conn, script, key, interval, window, lease).await?;
    if !allowed {
        // Not room for a whole lease: the last requests of the budget are checked one by one.
        return redis_gcra(conn, script, key, interval, window, 1).await;
    }
    if let Ok(mut held) = leases.lock() {
        if held.len() > LOCAL_PRUNE_AT {
            held.retain(|_, l| l.until_ms > now);
        }
        let l = Lease {
            tokens: lease - 1,
            until_ms: now + LEASE_MS,
            remaining,
            reset,
        };
        held.insert(key.to_owned(), l);
    }
    Ok((true, remaining + lease - 1, reset))
}

async fn redis_gcra(
    conn: &ConnectionManager,
    script: &Script,
    key: &str,
    interval: i64,
    window: i64,
    cost: i64,
) -> Result<(bool, i64, i64), BoxError> {
    let mut conn = conn.clone();
    let mut invocation = script.key(key);
    invocation.arg(interval).arg(window).arg(cost);
    let call = invocation.invoke_async::<(i64, i64, i64)>(&mut conn);
    let (allowed, remaining, reset) = tokio::time::timeout(REDIS_BUDGET, call).await??;
    Ok((allowed == 1, remaining, reset))
}

fn local_gcra(table: &Mutex<HashMap<String, i64>>, key: &str, interval: i64, window: i64) -> (bool, i64, i64) {
    let now = chrono::Utc::now().timestamp_micros();
    let Ok(mut table) = table.lock() else {
        return (true, 0, 0);
    };
    if table.len() > LOCAL_PRUNE_AT {
        table.retain(|_, tat| *tat > now);
    }
    let tat = table.get(key).copied().unwrap_or(0).max(now);
    let new_tat = tat + interval;
    if new_tat - window > now {
        return (false, 0, (new_tat - window - now + 999_999) / 1_000_000);
    }
    table.insert(key.to_owned(), new_tat);
    (
        true,
        (window - (new_tat - now)) / interval,
        (new_tat - now + 999_999) / 1_000_000,
    )
}
