//! The one `Config` tree, loaded once at start: embedded defaults → optional `carcosa.toml` (or
//! the file named by `CARCOSA_CONFIG`) → `CARCOSA_*` environment variables (`__` separates
//! nesting levels, e.g. `CARCOSA_HTTP__BIND`), plus the conventional `DATABASE_URL` and
//! `REDIS_URL`. Nothing else in Carcosa reads the environment.
//!
//! [`Config::validate`] checks every field and reports all bad ones at once, each with the name
//! of the setting and what was wrong, so a typo fails at start and not at the first request.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

mod access;

pub use access::{AuthConfig, RateLimitConfig, SignupPolicy, TierLimits};

use base64::Engine as _;
use figment::Figment;
use figment::providers::{Env, Format as _, Serialized, Toml};
use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};

/// Where `carcosa dev` and the defaults expect Postgres when nothing is configured.
pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/carcosa";

/// Everything Carcosa can be configured with. See `carcosa.example.toml` for a commented copy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Postgres: rows and job queues.
    pub database: DatabaseConfig,
    /// Redis, for live progress and shared rate limits (used by later features; optional).
    pub redis: RedisConfig,
    /// The API's HTTP listener.
    pub http: HttpConfig,
    /// Upload URL lifetimes and the expiry sweep.
    pub uploads: UploadsConfig,
    /// Worker concurrency, heartbeats and retries.
    pub worker: WorkerConfig,
    /// Prometheus metrics.
    #[serde(default)]
    pub metrics: MetricsConfig,
    /// On-demand transforms: delivery, limits, render budget, failure memory.
    #[serde(default)]
    pub transforms: TransformsConfig,
    /// Accounts, sessions, CSRF origins, audit retention.
    #[serde(default)]
    pub auth: AuthConfig,
    /// Request limits per key, user and IP.
    #[serde(default)]
    pub rate_limits: RateLimitConfig,
    /// What webhook deliveries and URL imports may connect to (the SSRF guard).
    #[serde(default)]
    pub outbound: OutboundConfig,
    /// Webhook delivery: timeout, when failing endpoints are switched off, secret rotation.
    #[serde(default)]
    pub webhooks: WebhooksConfig,
    /// URL imports: time and redirect limits.
    #[serde(default)]
    pub ingest: IngestConfig,
    /// Base64 of the 32-byte key that seals bucket credentials (XChaCha20-Poly1305). Never
    /// serialized (secrets are read into the tree, never written out of it).
    #[serde(default, skip_serializing)]
    pub credentials_key: Option<SecretString>,
    /// Identifier stored beside every sealed blob, so keys can be rotated later.
    pub credentials_key_id: String,
    /// Keys being rotated out, by id (`CARCOSA_CREDENTIALS_PREVIOUS_KEYS__K1=<base64>`): blobs
    /// sealed under them still open while `carcosa admin rotate-credentials-key` re-seals
    /// every bucket under the active key. Never serialized.
    #[serde(default, skip_serializing)]
    pub credentials_previous_keys: std::collections::BTreeMap<String, SecretString>,
    /// Settings only `carcosa dev` uses.
    pub dev: DevConfig,
    /// Log filter in `tracing_subscriber::EnvFilter` syntax.
    pub log: String,
}

/// The SSRF guard of outbound requests (`outbound`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OutboundConfig {
    /// Address ranges (`10.0.0.0/8`, `fd00::/8`, a single address) webhooks and URL imports may
    /// reach although they are private or special. Empty: the public internet only.
    pub allow_cidrs: Vec<String>,
    /// Allow loopback (`127.0.0.0/8`, `::1`). `carcosa dev` turns it on, so webhooks reach a
    /// receiver on the developer's own machine; never in production.
    pub allow_loopback: bool,
}

impl OutboundConfig {
    /// The policy these settings describe (the CIDRs were checked at load).
    pub fn policy(&self) -> crate::outbound::Outbound {
        let allow = crate::outbound::Outbound::parse_cidrs(&self.allow_cidrs).unwrap_or_default();
        crate::outbound::Outbound::new(allow, self.allow_loopback)
    }
}

/// Webhook delivery settings (`webhooks`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhooksConfig {
    /// Seconds a receiver has to answer one delivery attempt.
    pub timeout_secs: u64,
    /// An endpoint whose deliveries have failed for this many days (no success since) is
    /// switched off, with the reason shown to the project's owners.
    pub disable_after_days: u32,
    /// After a secret rotation, deliveries are also signed with the old secret for this long.
    pub secret_grace_hours: u32,
    /// Endpoints one project may have.
    pub max_endpoints_per_project: u32,
    /// Finished deliveries (with their attempts) are kept this many days in the delivery log;
    /// dispatched events a week.
    pub log_retention_days: u32,
}

impl Default for WebhooksConfig {
    fn default() -> Self {
        Self {
            timeout_secs: 15,
            disable_after_days: 5,
            secret_grace_hours: 24,
            max_endpoints_per_project: 20,
            log_retention_days: 30,
        }
    }
}

/// URL import settings (`ingest`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct IngestConfig {
    /// Longest a whole fetch may take (connect, every redirect and the body, stored as it
    /// arrives).
    pub timeout_secs: u64,
    /// Redirects followed (each one checked by the outbound guard).
    pub max_redirects: u32,
}

impl Default for IngestConfig {
    fn default() -> Self {
        Self {
            timeout_secs: 120,
            max_redirects: 5,
        }
    }
}

/// Postgres connection settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatabaseConfig {
    /// Connection URL (`DATABASE_URL` also sets it). It may hold a password, so it is never
    /// serialized; the default comes from [`DEFAULT_DATABASE_URL`].
    #[serde(default = "default_database_url", skip_serializing)]
    pub url: SecretString,
    /// Pool size per process.
    pub max_connections: u32,
    /// How long a request waits for a pooled connection before failing.
    pub acquire_timeout_secs: u64,
}

/// Redis connection settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RedisConfig {
    /// Connection URL (`REDIS_URL` also sets it). None: single-process fallbacks. Never
    /// serialized (it may hold a password).
    #[serde(default, skip_serializing)]
    pub url: Option<SecretString>,
}

fn default_database_url() -> SecretString {
    SecretString::from(DEFAULT_DATABASE_URL)
}

/// HTTP listener settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HttpConfig {
    /// Address `carcosa serve` binds.
    pub bind: String,
    /// Largest JSON request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Base URL clients reach the API at (`https://media.example.com`), used in URLs the API
    /// mints (signed transform URLs). Unset: `http://` + `http.bind` (what `carcosa dev` and a
    /// loopback deployment want); a request's `Host` header is never used, since any client
    /// can set it.
    #[serde(default)]
    pub public_url: Option<String>,
    /// How long `GET /v1/transform/…` waits for a worker on a cache miss before answering 503
    /// with `Retry-After`.
    #[serde(default = "default_transform_wait_secs")]
    pub transform_wait_secs: u64,
    /// A connection must send a request's headers within this many seconds of starting to
    /// (or of its previous response, on keep-alive), or it is closed.
    #[serde(default = "default_header_read_timeout_secs")]
    pub header_read_timeout_secs: u64,
    /// Open connections this process accepts at once; more wait in the kernel's backlog.
    #[serde(default = "default_max_connections")]
    pub max_connections: usize,
    /// Reverse proxies in front of the API that append to `X-Forwarded-For` (0: none, the
    /// connection's peer is the client). With N, the client is the address N entries from the
    /// right, so a client cannot pick its own address for rate limits and the audit log.
    #[serde(default)]
    pub forwarded_hops: usize,
}

fn default_transform_wait_secs() -> u64 {
    10
}
fn default_header_read_timeout_secs() -> u64 {
    10
}
fn default_max_connections() -> usize {
    10_000
}

impl HttpConfig {
    /// The base of URLs the API mints: `public_url`, or `http://{bind}` (an unspecified bind
    /// address such as `0.0.0.0` is shown as `127.0.0.1`).
    pub fn public_base(&self) -> String {
        if let Some(url) = &self.public_url {
            return url.clone();
        }
        match self.bind.parse::<SocketAddr>() {
            Ok(mut addr) => {
                if addr.ip().is_unspecified() {
                    addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
                }
                format!("http://{addr}")
            }
            Err(_) => format!("http://{}", self.bind),
        }
    }
}

/// How transform responses leave the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransformDelivery {
    /// The API streams the variant from the bucket (bounded memory per response).
    #[default]
    Stream,
    /// The API answers `302` to a short-lived presigned GET; the client fetches from the bucket.
    Redirect,
}

/// On-demand transform settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct TransformsConfig {
    /// `stream` (default) or `redirect`.
    pub delivery: TransformDelivery,
    /// Transform responses one API process streams at once; more get `503 transforms_busy`.
    pub max_concurrent_responses: usize,
    /// Wall-clock budget of one render (decode, resize, encode) in the worker; past it the
    /// render process is killed and the transform fails with `processing_timeout`.
    pub render_timeout_secs: u64,
    /// A render that failed for a (file, transform) is remembered this long: requests for it
    /// get the same `422` without rendering again.
    pub failure_memory_secs: u64,
}

impl Default for TransformsConfig {
    fn default() -> Self {
        Self {
            delivery: TransformDelivery::Stream,
            max_concurrent_responses: 256,
            render_timeout_secs: 30,
            failure_memory_secs: 3600,
        }
    }
}

/// Upload lifecycle settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadsConfig {
    /// Default lifetime of a presigned upload URL.
    pub url_ttl_secs: u64,
    /// Upper bound for any requested or per-project lifetime (S3 itself allows at most 7 days).
    pub max_url_ttl_secs: u64,
    /// Lifetime of presigned download URLs.
    pub download_url_ttl_secs: u64,
    /// How long after its URL expired a pending upload is swept, so a PUT started just before
    /// expiry can still finish.
    pub sweep_grace_secs: u64,
    /// Largest `metadata` document accepted with an upload, in bytes of JSON.
    pub max_metadata_bytes: usize,
    /// How long a multipart upload may take from presign to complete (default 24 h, at most
    /// 7 days); its part URLs are signed in batches, each for `url_ttl_secs`.
    #[serde(default = "default_multipart_ttl_secs")]
    pub multipart_ttl_secs: u64,
}

fn default_multipart_ttl_secs() -> u64 {
    24 * 60 * 60
}

/// Worker settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkerConfig {
    /// Jobs one worker process runs at the same time, per queue.
    pub concurrency: usize,
    /// How often a worker reports it is alive (and polls when idle).
    pub heartbeat_secs: u64,
    /// Heartbeats a worker may miss before its jobs are handed to another worker.
    pub missed_heartbeats: usize,
    /// Attempts per job before it is given up and its failure recorded.
    pub max_attempts: usize,
    /// First retry delay; doubles per attempt up to `retry_max_delay_ms`.
    pub retry_base_delay_ms: u64,
    /// Longest retry delay.
    pub retry_max_delay_ms: u64,
    /// Cron schedule (seconds first) of the expired-upload sweep.
    pub sweep_schedule: String,
    /// Whether this process runs the cron jobs (sweeps are idempotent, so several may).
    pub run_cron: bool,
    /// Finished jobs are deleted from the queue tables after this many hours (by the sweep).
    pub job_retention_hours: u64,
    /// Jobs one fetch takes (and one acknowledgement batch holds) per queue; 0 (the default)
    /// means 16 × the queue's concurrency on queues of short jobs (`complete_upload`,
    /// `delete_objects`) and 4 × elsewhere. Larger batches cut queue round trips for short jobs
    /// (measured: batches of 8 / 32 / 128 drained 2.1k / 6.3k / 13.7k no-op jobs/s with one
    /// worker, load-tests/queue.sh), but a worker holds fetched jobs other workers could have
    /// started, so queues of long jobs (pixel work, webhooks, imports) keep small batches.
    #[serde(default)]
    pub fetch_batch: usize,
    /// Cron schedule (seconds first) of the usage roll-up.
    #[serde(default = "default_rollup_schedule")]
    pub rollup_schedule: String,
    /// Cron schedule (seconds first) of the audit-log prune (rows older than
    /// `auth.audit_retention_days`).
    #[serde(default = "default_audit_prune_schedule")]
    pub audit_prune_schedule: String,
    /// The `carcosa` binary image renders run in (as `carcosa render-child` processes, killed
    /// when they overrun `transforms.render_timeout_secs`). Default: the running executable.
    #[serde(default)]
    pub render_exe: Option<PathBuf>,
    /// The queues this process serves (names from [`crate::jobs::QUEUES`]); empty (the default)
    /// means every queue. Lets a deployment run separate pools — image workers on
    /// `generate_variants` and `transform`, general workers on the rest — scaled apart.
    #[serde(default)]
    pub queues: Vec<String>,
}

impl WorkerConfig {
    /// Whether this process serves `queue`.
    pub fn serves(&self, queue: &str) -> bool {
        self.queues.is_empty() || self.queues.iter().any(|q| q == queue)
    }
}

fn default_rollup_schedule() -> String {
    "30 */5 * * * *".into()
}

fn default_audit_prune_schedule() -> String {
    "0 17 3 * * *".into()
}

/// Prometheus metrics settings. The API serves `/metrics` on its own listener; a worker
/// process (`carcosa work`) serves it on `worker_bind`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetricsConfig {
    /// Address `carcosa work` serves `GET /metrics` on; empty: no listener.
    pub worker_bind: String,
    /// How often queue depth and age are read from Postgres (by one process at a time);
    /// 0 turns the gauges off.
    pub queue_sample_secs: u64,
}

impl Default for MetricsConfig {
    fn default() -> Self {
        Self {
            worker_bind: "127.0.0.1:9464".into(),
            queue_sample_secs: 5,
        }
    }
}

/// Settings for `carcosa dev`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevConfig {
    /// Directory for the embedded bucket's files and the generated credentials key.
    pub data_dir: PathBuf,
    /// Address of the embedded S3-compatible endpoint.
    pub s3_bind: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database: DatabaseConfig {
                url: SecretString::from(DEFAULT_DATABASE_URL),
                max_connections: 32,
                acquire_timeout_secs: 5,
            },
            redis: RedisConfig { url: None },
            http: HttpConfig {
                bind: "127.0.0.1:8080".into(),
                max_body_bytes: 64 * 1024,
                public_url: None,
                transform_wait_secs: default_transform_wait_secs(),
                header_read_timeout_secs: default_header_read_timeout_secs(),
                max_connections: default_max_connections(),
                forwarded_hops: 0,
            },
            uploads: UploadsConfig {
                url_ttl_secs: 15 * 60,
                max_url_ttl_secs: 60 * 60,
                download_url_ttl_secs: 5 * 60,
                sweep_grace_secs: 5 * 60,
                max_metadata_bytes: 4096,
                multipart_ttl_secs: default_multipart_ttl_secs(),
            },
            worker: WorkerConfig {
                concurrency: 8,
                heartbeat_secs: 5,
                missed_heartbeats: 3,
                // 10 runs at 0.5 s doubling to 30 s: about two minutes of retries, so an S3 or
                // database outage of a minute does not fail uploads (5 runs, ~7 s, did in the
                // chaos soak: a 10 s S3 stop turned a good upload into `verification_error`).
                max_attempts: 10,
                retry_base_delay_ms: 500,
                retry_max_delay_ms: 30_000,
                sweep_schedule: "0 * * * * *".into(),
                run_cron: true,
                job_retention_hours: 72,
                fetch_batch: 0,
                rollup_schedule: default_rollup_schedule(),
                audit_prune_schedule: default_audit_prune_schedule(),
                render_exe: None,
                queues: Vec::new(),
            },
            credentials_key: None,
            credentials_key_id: "k1".into(),
            credentials_previous_keys: Default::default(),
            metrics: MetricsConfig::default(),
            transforms: TransformsConfig::default(),
            auth: AuthConfig::default(),
            rate_limits: RateLimitConfig::default(),
            outbound: OutboundConfig::default(),
            webhooks: WebhooksConfig::default(),
            ingest: IngestConfig::default(),
            dev: DevConfig {
                data_dir: PathBuf::from(".carcosa"),
                s3_bind: "127.0.0.1:9000".into(),
            },
            log: "info,sqlx=warn,aws_config=warn,aws_smithy_runtime=warn".into(),
        }
    }
}

/// A configuration that could not be loaded or did not validate; the message names each field.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file or environment could not be parsed into the config tree.
    #[error("configuration could not be read: {0}")]
    Load(#[from] Box<figment::Error>),
    /// One line per invalid field.
    #[error("invalid configuration:\n  - {}", .0.join("\n  - "))]
    Invalid(Vec<String>),
}

impl Config {
    /// Loads defaults, then the config file (if any), then the environment, then validates.
    pub fn load() -> Result<Self, ConfigError> {
        Self::from_figment(Self::figment())
    }

    /// The layered sources, exposed so tests and the CLI can merge overrides on top.
    pub fn figment() -> Figment {
        let file = std::env::var("CARCOSA_CONFIG").unwrap_or_else(|_| "carcosa.toml".into());
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Env::raw().only(&["DATABASE_URL"]).map(|_| "database.url".into()))
            .merge(Env::raw().only(&["REDIS_URL"]).map(|_| "redis.url".into()))
            .merge(Env::prefixed("CARCOSA_").ignore(&["CONFIG"]).split("__"))
    }

    /// Extracts and validates a config from any figment.
    pub fn from_figment(figment: Figment) -> Result<Self, ConfigError> {
        let config: Config = figment.extract().map_err(Box::new)?;
        config.validate()?;
        Ok(config)
    }

    /// Checks every field; all problems are reported together.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let mut bad = Vec::new();
        let url = self.database.url.expose_secret();
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            bad.push("database.url (DATABASE_URL) must start with postgres:// or postgresql://".into());
        }
        if self.database.max_connections == 0 {
            bad.push("database.max_connections must be at least 1".into());
        }
        if let Some(redis) = &self.redis.url
            && !redis.expose_secret().starts_with("redis://")
            && !redis.expose_secret().starts_with("rediss://")
        {
            bad.push("redis.url (REDIS_URL) must start with redis:// or rediss://".into());
        }
        if self.http.bind.parse::<SocketAddr>().is_err() {
            bad.push(format!(
                "http.bind {:?} is not an address like 127.0.0.1:8080",
                self.http.bind
            ));
        }
        if self.dev.s3_bind.parse::<SocketAddr>().is_err() {
            bad.push(format!(
                "dev.s3_bind {:?} is not an address like 127.0.0.1:9000",
                self.dev.s3_bind
            ));
        }
        if let Some(url) = &self.http.public_url
            && !((url.starts_with("http://") || url.starts_with("https://")) && !url.ends_with('/'))
        {
            bad.push(format!(
                "http.public_url {url:?} must start with http:// or https:// and not end with /"
            ));
        }
        if !(1..=60).contains(&self.http.transform_wait_secs) {
            bad.push("http.transform_wait_secs must be between 1 and 60".into());
        }
        if !(1..=300).contains(&self.http.header_read_timeout_secs) {
            bad.push("http.header_read_timeout_secs must be between 1 and 300".into());
        }
        if !(1..=1_000_000).contains(&self.http.max_connections) {
            bad.push("http.max_connections must be between 1 and 1000000".into());
        }
        let t = &self.transforms;
        if !(1..=100_000).contains(&t.max_concurrent_responses) {
            bad.push("transforms.max_concurrent_responses must be between 1 and 100000".into());
        }
        if !(1..=600).contains(&t.render_timeout_secs) {
            bad.push("transforms.render_timeout_secs must be between 1 and 600".into());
        }
        if t.failure_memory_secs > 30 * 86_400 {
            bad.push("transforms.failure_memory_secs must be at most 2592000 (30 days; 0 = off)".into());
        }
        self.validate_uploads(&mut bad);
        self.validate_worker(&mut bad);
        self.auth.validate(&mut bad);
        self.rate_limits.validate(&mut bad);
        if let Some(key) = &self.credentials_key
            && let Err(msg) = decode_credentials_key(key)
        {
            bad.push(format!("credentials_key (CARCOSA_CREDENTIALS_KEY) {msg}"));
        }
        for (id, key) in &self.credentials_previous_keys {
            if let Err(msg) = decode_credentials_key(key) {
                bad.push(format!("credentials_previous_keys.{id} {msg}"));
            }
        }
        if self.credentials_key_id.is_empty() || self.credentials_key_id.len() > 32 {
            bad.push("credentials_key_id must be 1 to 32 characters".into());
        }
        if bad.is_empty() {
            Ok(())
        } else {
            Err(ConfigError::Invalid(bad))
        }
    }

    fn validate_uploads(&self, bad: &mut Vec<String>) {
        let u = &self.uploads;
        if !(60..=604_800).contains(&u.max_url_ttl_secs) {
            bad.push("uploads.max_url_ttl_secs must be between 60 and 604800 (7 days)".into());
        }
        if u.url_ttl_secs < 60 || u.url_ttl_secs > u.max_url_ttl_secs {
            bad.push("uploads.url_ttl_secs must be at least 60 and at most uploads.max_url_ttl_secs".into());
        }
        if !(600..=604_800).contains(&u.multipart_ttl_secs) {
            bad.push("uploads.multipart_ttl_secs must be between 600 and 604800 (7 days)".into());
        }
        if let Err(e) = crate::outbound::Outbound::parse_cidrs(&self.outbound.allow_cidrs) {
            bad.push(e);
        }
        if !(1..=60).contains(&self.webhooks.timeout_secs) {
            bad.push("webhooks.timeout_secs must be between 1 and 60".into());
        }
        if !(10..=604_800).contains(&u.download_url_ttl_secs) {
            bad.push("uploads.download_url_ttl_secs must be between 10 and 604800".into());
        }
    }

    fn validate_worker(&self, bad: &mut Vec<String>) {
        let w = &self.worker;
        for q in &w.queues {
            if !crate::jobs::QUEUES.contains(&q.as_str()) {
                bad.push(format!(
                    "worker.queues: unknown queue {q:?} (known: {})",
                    crate::jobs::QUEUES.join(", ")
                ));
            }
        }
        if !(1..=1024).contains(&w.concurrency) {
            bad.push("worker.concurrency must be between 1 and 1024".into());
        }
        if w.heartbeat_secs == 0 || w.missed_heartbeats == 0 {
            bad.push("worker.heartbeat_secs and worker.missed_heartbeats must be at least 1".into());
        }
        if w.fetch_batch > 10_000 {
            bad.push("worker.fetch_batch must be at most 10000 (0 = a multiple of worker.concurrency)".into());
        }
        if w.job_retention_hours == 0 {
            bad.push("worker.job_retention_hours must be at least 1".into());
        }
        if !(1..=100).contains(&w.max_attempts) {
            bad.push("worker.max_attempts must be between 1 and 100".into());
        }
        if w.retry_base_delay_ms == 0 || w.retry_max_delay_ms < w.retry_base_delay_ms {
            bad.push("worker.retry_base_delay_ms must be > 0 and <= worker.retry_max_delay_ms".into());
        }
        if w.audit_prune_schedule.parse::<CronCheck>().is_err() {
            bad.push(format!(
                "worker.audit_prune_schedule {:?} must be a cron expression with 6 or 7 fields, seconds first",
                w.audit_prune_schedule
            ));
        }
        if w.rollup_schedule.parse::<CronCheck>().is_err() {
            bad.push(format!(
                "worker.rollup_schedule {:?} must be a cron expression with 6 or 7 fields, seconds first",
                w.rollup_schedule
            ));
        }
        if !self.metrics.worker_bind.is_empty() && self.metrics.worker_bind.parse::<SocketAddr>().is_err() {
            bad.push(format!(
                "metrics.worker_bind {:?} is not an address like 127.0.0.1:9464 (or empty for none)",
                self.metrics.worker_bind
            ));
        }
        if self.metrics.queue_sample_secs > 3600 {
            bad.push("metrics.queue_sample_secs must be at most 3600 (0 turns the gauges off)".into());
        }
        if w.sweep_schedule.parse::<CronCheck>().is_err() {
            bad.push(format!(
                "worker.sweep_schedule {:?} must be a cron expression with 6 or 7 fields, seconds first",
                w.sweep_schedule
            ));
        }
    }

    /// The decoded credentials key, if one is configured.
    pub fn credentials_key_bytes(&self) -> Option<[u8; 32]> {
        self.credentials_key
            .as_ref()
            .and_then(|k| decode_credentials_key(k).ok())
    }

    /// The sealer for bucket credentials: the active key, plus any previous keys (to open blobs
    /// sealed before a rotation). `None` without a credentials key.
    pub fn sealer(&self) -> Option<crate::crypto::Sealer> {
        let key = self.credentials_key_bytes()?;
        let mut sealer = crate::crypto::Sealer::new(&self.credentials_key_id, &key);
        for (id, old) in &self.credentials_previous_keys {
            if let Ok(old) = decode_credentials_key(old) {
                sealer = sealer.with_previous(id, &old);
            }
        }
        Some(sealer)
    }

    /// How long a worker may stay silent before its jobs are re-enqueued.
    pub fn orphan_timeout(&self) -> Duration {
        Duration::from_secs(self.worker.heartbeat_secs * self.worker.missed_heartbeats as u64)
    }
}

/// Decodes a base64 credentials key and checks it is exactly 32 bytes.
pub fn decode_credentials_key(key: &SecretString) -> Result<[u8; 32], String> {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(key.expose_secret().trim())
        .map_err(|_| "is not valid base64".to_owned())?;
    <[u8; 32]>::try_from(raw.as_slice()).map_err(|_| format!("must decode to 32 bytes, got {}", raw.len()))
}

/// Field-count check for cron expressions, so a bad schedule fails at start with a clear message
/// (the worker parses it for real with the `cron` crate).
struct CronCheck;

impl std::str::FromStr for CronCheck {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let n = s.split_whitespace().count();
        if (6..=7).contains(&n) { Ok(CronCheck) } else { Err(()) }
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment's Jail fixes the closure's error type
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn defaults_validate() {
        Config::default().validate().unwrap();
    }

    #[test]
    fn env_overrides_file_and_defaults() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "carcosa.toml",
                "[http]\nbind = \"127.0.0.1:7000\"\n[worker]\nconcurrency = 3\n",
            )?;
            jail.set_env("CARCOSA_WORKER__CONCURRENCY", "5");
            jail.set_env("DATABASE_URL", "postgres://u@h/db");
            let c = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(c.http.bind, "127.0.0.1:7000");
            assert_eq!(c.worker.concurrency, 5);
            assert_eq!(c.database.url.expose_secret(), "postgres://u@h/db");
            Ok(())
        });
    }

    #[test]
    fn worker_queues_from_the_environment() {
        Jail::expect_with(|jail| {
            jail.set_env("CARCOSA_WORKER__QUEUES", "[generate_variants,transform]");
            let c = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(c.worker.queues, ["generate_variants", "transform"]);
            assert!(c.worker.serves("transform") && !c.worker.serves("complete_upload"));
            assert!(Config::default().worker.serves("complete_upload"));
            jail.set_env("CARCOSA_WORKER__QUEUES", "[thumbnails]");
            let err = Config::load().map(|_| ()).unwrap_err().to_string();
            assert!(err.contains("worker.queues: unknown queue \"thumbnails\""), "{err}");
            Ok(())
        });
    }

    #[test]
    fn every_bad_field_is_named() {
        Jail::expect_with(|jail| {
            jail.set_env("CARCOSA_HTTP__BIND", "nope");
            jail.set_env("CARCOSA_CREDENTIALS_KEY", "c2hvcnQ=");
            jail.set_env("CARCOSA_WORKER__SWEEP_SCHEDULE", "* *");
            let err = Config::load().unwrap_err().to_string();
            assert!(err.contains("http.bind"), "{err}");
            assert!(
                err.contains("credentials_key (CARCOSA_CREDENTIALS_KEY) must decode to 32 bytes"),
                "{err}"
            );
            assert!(err.contains("worker.sweep_schedule"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn the_example_file_is_valid() {
        let figment = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(include_str!("../../carcosa.example.toml")));
        Config::from_figment(figment).unwrap();
    }

    #[test]
    fn secrets_are_never_serialized() {
        let c = Config {
            credentials_key: Some(SecretString::from("c2VjcmV0LWtleS1ieXRlcw==")),
            database: DatabaseConfig {
                url: SecretString::from("postgres://u:hunter2@db/x"),
                ..Config::default().database
            },
            redis: RedisConfig {
                url: Some(SecretString::from("redis://:hunter3@r:6379")),
            },
            ..Config::default()
        };
        let shown = serde_json::to_string(&c).unwrap();
        for secret in ["c2VjcmV0", "hunter2", "hunter3"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        // The defaults still load without them.
        let back = Config::from_figment(Figment::from(Serialized::defaults(Config::default()))).unwrap();
        assert_eq!(back.database.url.expose_secret(), DEFAULT_DATABASE_URL);
    }

    #[test]
    fn public_base_never_comes_from_a_request() {
        let mut http = Config::default().http;
        assert_eq!(http.public_base(), "http://127.0.0.1:8080");
        http.bind = "0.0.0.0:9000".into();
        assert_eq!(http.public_base(), "http://127.0.0.1:9000");
        http.public_url = Some("https://media.example.com".into());
        assert_eq!(http.public_base(), "https://media.example.com");
    }

    #[test]
    fn debug_never_prints_secrets() {
        let c = Config {
            credentials_key: Some(SecretString::from("c2VjcmV0LWtleS1ieXRlcw==")),
            ..Config::default()
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
    }
}
