//! Postgres: the pool, the migrations (Carcosa's own plus apalis' queue tables), and one module
//! of queries per aggregate. Queries are free functions taking `impl PgExecutor`, so the caller
//! picks a pool or a transaction; tenant-scoped ones take the project id first.

pub mod api_keys;
pub mod audit;
pub mod browse;
pub mod buckets;
pub mod files;
pub mod invitations;
pub mod members;
pub mod orgs;
pub mod projects;
pub mod sessions;
pub mod sign_in_links;
pub mod tenants;
pub mod upload_routes;
pub mod uploads;
pub mod usage;
pub mod users;
pub mod variants;
pub mod webhooks;

use std::str::FromStr as _;
use std::time::Duration;

use secrecy::ExposeSecret as _;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions as _, Connection as _, PgPool};

use crate::config::DatabaseConfig;

/// Carcosa's schema migrations (`migrations/` at the workspace root).
pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// Why the schema could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    /// Carcosa's own migrations failed.
    #[error("applying Carcosa's migrations failed")]
    Schema(#[from] sqlx::migrate::MigrateError),
    /// apalis' queue migrations failed.
    #[error("applying the job-queue migrations failed")]
    Queue(#[from] apalis_postgres::Error),
}

/// Opens a pool.
pub async fn connect(config: &DatabaseConfig) -> Result<PgPool, sqlx::Error> {
    let options = PgConnectOptions::from_str(config.url.expose_secret())?
        .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_secs(1));
    PgPoolOptions::new()
        .max_connections(config.max_connections)
        // Opening a connection (TLS, auth, setup) took ~80 ms here; keep a few ready so the
        // first requests after start or a quiet spell do not pay for it.
        .min_connections(config.max_connections.min(4))
        .acquire_timeout(Duration::from_secs(config.acquire_timeout_secs))
        .connect_with(options)
        .await
}

/// How long a starting process waits for Postgres to come up (see [`connect_patiently`]).
pub const STARTUP_WAIT: Duration = Duration::from_secs(30);

/// [`connect`], retried with backoff (0.2 s, doubling to 2 s) for up to `wait` while the server
/// is unreachable, restarting or shutting down — so a process started during a database restart
/// or failover waits it out instead of exiting. A bad URL or refused credentials fail at once.
pub async fn connect_patiently(config: &DatabaseConfig, wait: Duration) -> Result<PgPool, sqlx::Error> {
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(200);
    loop {
        match connect(config).await {
            Ok(pool) => return Ok(pool),
            Err(e) if is_transient(&e) && started.elapsed() + pause < wait => {
                tracing::warn!(error = %e, retry_in_ms = pause.as_millis() as u64, "Postgres is not answering yet; retrying");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(2));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Whether a connection error may go away by itself: the network or the server process, not
/// the request (`57P01` admin shutdown, `57P03` cannot connect now: starting or stopping). A
/// server that hangs up mid-handshake shows up as an I/O or a protocol error (sqlx reads the
/// missing answer to its SSL request as `0x00`); a URL that points at something that is not
/// Postgres also gives a protocol error, and fails once the wait is over.
fn is_transient(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_) | sqlx::Error::Protocol(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => true,
        sqlx::Error::Database(db) => matches!(db.code().as_deref(), Some("57P01" | "57P02" | "57P03")),
        _ => false,
    }
}

/// Creates the database named in `url` if it does not exist (used by `carcosa dev` and
/// `carcosa migrate`, so a first run needs nothing but a Postgres server).
pub async fn create_database_if_missing(config: &DatabaseConfig) -> Result<bool, sqlx::Error> {
    let options = PgConnectOptions::from_str(config.url.expose_secret())?;
    let Some(name) = options.get_database().map(str::to_owned) else {
        return Ok(false);
    };
    let mut admin = sqlx::PgConnection::connect_with(&options.clone().database("postgres")).await?;
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(&name)
        .fetch_one(&mut admin)
        .await?;
    if !exists {
        // Identifiers cannot be bound as parameters; quote it.
        let quoted = name.replace('"', "\"\"");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{quoted}\"")))
            .execute(&mut admin)
            .await?;
    }
    admin.close().await?;
    Ok(!exists)
}

/// Applies Carcosa's migrations and apalis' queue tables. Safe to run from several processes at
/// once: both migrators hold an advisory lock while they work.
pub async fn migrate(pool: &PgPool) -> Result<(), MigrateError> {
    MIGRATOR.run(pool).await?;
    apalis_postgres::PostgresStorage::setup(pool).await?;
    Ok(())
}

/// True when the database answers a trivial query.
pub async fn ping(pool: &PgPool) -> bool {
    sqlx::query("SELECT 1").execute(pool).await.is_ok()
}
