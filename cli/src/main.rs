//! `carcosa`: the one binary users run.
//!
//! * `carcosa dev` — everything in one process on embedded defaults (Postgres database created if
//!   missing, an embedded S3 endpoint, API, worker, a demo project and API key).
//! * `carcosa serve` — the API. `carcosa work` — a worker. `carcosa migrate` — the schema.
//! * `carcosa admin …` — organizations, teams, buckets, projects, tenants and API keys.

mod admin;
mod client;
mod dev;
mod embedded_s3;
mod inspect;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use carcosa_common::Config;
use carcosa_common::crypto::Sealer;
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

// The request path allocates a lot of small, short-lived objects (the S3 SDK's presign pipeline
// above all); glibc malloc was ~20% of `carcosa serve`'s CPU under the presign benchmark.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "carcosa",
    version,
    about = "Self-hosted media uploads on your own S3-compatible bucket"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run everything in one process for a first try (embedded S3, API, worker, demo project).
    Dev(dev::DevArgs),
    /// Run the HTTP API.
    Serve,
    /// Run a worker (as many as you like, on any host).
    Work,
    /// Create the database if needed and apply migrations.
    Migrate,
    /// Run the image pipeline on a local file and report what an upload of it would get.
    InspectImage(inspect::InspectArgs),
    /// Manage organizations, teams, buckets, projects, tenants and API keys.
    Admin(admin::AdminArgs),
    /// Client commands against any Carcosa over HTTP (login, upload, files, routes).
    #[command(flatten)]
    Client(client::ClientCommand),
    /// Print the API's OpenAPI 3.1 document (what `GET /openapi.json` serves) and exit.
    Openapi,
    /// Serve image renders on stdin/stdout (started by `carcosa work`; not for direct use).
    #[command(name = "render-child", hide = true)]
    RenderChild,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::RenderChild = cli.command {
        // A worker's render process: no config, no runtime, no logging to stdout (the protocol).
        return match carcosa_worker::render::child_main() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("carcosa render-child: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    if let Command::Client(command) = cli.command {
        // No config, no database: these speak the HTTP API.
        let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
            Ok(rt) => rt,
            Err(e) => {
                eprintln!("carcosa: {e}");
                return ExitCode::FAILURE;
            }
        };
        return match runtime.block_on(client::run(command)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("carcosa: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    if let Command::Openapi = cli.command {
        // No config, no database: the document is compiled into the binary.
        println!("{}", carcosa_api::openapi::json());
        return ExitCode::SUCCESS;
    }
    let config = match Config::load() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("carcosa: {e}");
            return ExitCode::from(2);
        }
    };
    init_tracing(&config);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("carcosa: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("carcosa: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Dev(args) => dev::run(config, args).await,
        Command::Serve => serve(config).await,
        Command::Work => work(config).await,
        Command::Migrate => migrate(&config).await,
        Command::InspectImage(args) => inspect::run(args),
        Command::Admin(args) => admin::run(config, args).await,
        Command::RenderChild | Command::Openapi | Command::Client(_) => Ok(()),
    }
}

fn init_tracing(config: &Config) {
    let filter = EnvFilter::try_new(&config.log).unwrap_or_else(|_| EnvFilter::new("info"));
    // Colours only on a terminal: piped logs stay plain text for grep and log shippers.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(ansi)
        .init();
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let (pool, sealer, config) = connect(config, carcosa_common::db::STARTUP_WAIT).await?;
    let listener = TcpListener::bind(&config.http.bind)
        .await
        .with_context(|| format!("binding {}", config.http.bind))?;
    tracing::info!(addr = %listener.local_addr()?, "API listening");
    let shutdown = shutdown_on_signal();
    let bus = event_bus(&config, "serve")?;
    carcosa_api::serve(
        listener,
        carcosa_api::AppState::new(pool, config, sealer).with_events(bus),
        shutdown,
    )
    .await?;
    Ok(())
}

async fn work(config: Config) -> anyhow::Result<()> {
    let (pool, sealer, config) = connect(config, carcosa_common::db::STARTUP_WAIT).await?;
    tracing::info!(
        concurrency = config.worker.concurrency,
        cron = config.worker.run_cron,
        "worker starting"
    );
    let shutdown = shutdown_on_signal();
    if !config.metrics.worker_bind.is_empty() {
        // A second worker on one host with the default address must still work: it runs
        // without a metrics listener and says so, rather than refusing to start.
        match TcpListener::bind(&config.metrics.worker_bind).await {
            Ok(listener) => {
                tracing::info!(addr = %listener.local_addr()?, "worker metrics listening on /metrics");
                let (shutdown, db) = (shutdown.clone(), pool.clone());
                tokio::spawn(async move {
                    if let Err(e) = carcosa_worker::serve_metrics(listener, db, shutdown).await {
                        tracing::warn!(error = %e, "worker metrics listener stopped");
                    }
                });
            }
            Err(e) => tracing::warn!(
                addr = %config.metrics.worker_bind,
                error = %e,
                "no metrics listener for this worker: set metrics.worker_bind (CARCOSA_METRICS__WORKER_BIND) \
                 to a free address, or \"\" to turn it off"
            ),
        }
    }
    carcosa_worker::run(
        carcosa_worker::WorkerState::new(pool, config.clone(), sealer).with_events(event_bus(&config, "work")?),
        shutdown,
    )
    .await
}

async fn migrate(config: &Config) -> anyhow::Result<()> {
    if carcosa_common::db::create_database_if_missing(&config.database)
        .await
        .context("creating the database")?
    {
        println!("created the database");
    }
    let pool = carcosa_common::db::connect(&config.database)
        .await
        .context("connecting to Postgres")?;
    carcosa_common::db::migrate(&pool).await?;
    println!("migrations applied");
    Ok(())
}

/// Pool, sealer and shared config for `serve`, `work` and `admin`. Refuses to start without a
/// credentials key: bucket credentials cannot be opened or sealed without it. Waits up to `wait`
/// for an unreachable or restarting Postgres (long-running processes wait; commands fail fast).
async fn connect(config: Config, wait: Duration) -> anyhow::Result<(sqlx::PgPool, Arc<Sealer>, Arc<Config>)> {
    let sealer = Arc::new(config.sealer().context(
        "CARCOSA_CREDENTIALS_KEY is not set: it must be the base64 of 32 random bytes \
         (generate one with `carcosa admin gen-key`, keep it safe, and give every process the same one)",
    )?);
    let pool = carcosa_common::db::connect_patiently(&config.database, wait)
        .await
        .context("connecting to Postgres")?;
    Ok((pool, sealer, Arc::new(config)))
}

/// A token cancelled on Ctrl-C or SIGTERM.
fn shutdown_on_signal() -> CancellationToken {
    let token = CancellationToken::new();
    let trigger = token.clone();
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    trigger.cancel();
                    return;
                }
            };
            tokio::select! {
                _ = ctrl_c => {},
                _ = term.recv() => {},
            }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        tracing::info!("shutting down");
        trigger.cancel();
    });
    token
}

/// The live-progress bus for a separate `serve` or `work` process: Redis when configured;
/// otherwise off, said loudly, since processes cannot share an in-process channel.
fn event_bus(config: &Config, role: &str) -> anyhow::Result<carcosa_common::events::Bus> {
    use secrecy::ExposeSecret as _;
    match &config.redis.url {
        Some(url) => Ok(carcosa_common::events::Bus::redis(url.expose_secret())?),
        None => {
            tracing::warn!(
                role,
                "LIVE PROGRESS IS OFF: no redis.url (REDIS_URL) is configured, so `{role}` cannot publish or \
                 receive upload events across processes; /v1/ws sessions will only get current states"
            );
            Ok(carcosa_common::events::Bus::Off)
        }
    }
}
