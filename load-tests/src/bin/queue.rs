//! `carcosa-queue`: Carcosa's side of the queue benchmark (driven by `load-tests/queue.py`).
//! A no-op job on a queue of its own, run by the *same* apalis backend and settings as
//! `carcosa work` gives its queues of short jobs (`complete_upload`, `delete_objects`):
//! `carcosa_worker::jobs::backend` with LISTEN/NOTIFY, heartbeat poll and fetch batch =
//! `SHORT_JOBS_BATCH_PER_SLOT` × concurrency.
//!
//! * `setup DB_URL` — apply Carcosa's migrations (which include apalis' tables).
//! * `enqueue DB_URL N` — insert N jobs in one transaction (batches of 1,000 rows); prints the
//!   commit time (µs since the epoch) — the moment they all become visible.
//! * `trickle DB_URL RATE SECONDS` — insert one job per transaction at RATE per second.
//! * `work DB_URL CONCURRENCY OUT` — run until SIGTERM/SIGINT, then write one line per job to
//!   OUT: `enqueued_us started_us` (wall clock, µs). Prints `ready` once listening.
//!
//! Every job's payload carries the time it was enqueued, so enqueue→start is measured the same
//! way for both systems: handler start minus payload time.

use std::io::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, bail};
use apalis::prelude::*;
use carcosa_common::jobs::{self, Job};
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgPoolOptions;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Noop {
    t: i64,
}

impl Job for Noop {
    const QUEUE: &'static str = "bench_noop";
}

fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64)
}

type Log = Arc<Mutex<Vec<(i64, i64)>>>;

async fn noop(job: Noop, log: Data<Log>) -> Result<(), BoxDynError> {
    let started = now_us();
    if let Ok(mut log) = log.lock() {
        log.push((job.t, started));
    }
    Ok(())
}

async fn pool(url: &str, size: u32) -> anyhow::Result<sqlx::PgPool> {
    PgPoolOptions::new()
        .max_connections(size)
        .connect(url)
        .await
        .with_context(|| format!("connecting to {url}"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| {
        args.get(i)
            .map(String::as_str)
            .context("missing argument (see the module docs)")
    };
    // `carcosa work`'s defaults, with any CARCOSA_WORKER__* overrides from the environment
    // (CARCOSA_WORKER__FETCH_BATCH=32, say), exactly as `carcosa work` would read them.
    let cfg = carcosa_common::Config::load()?.worker;
    match arg(0)? {
        "setup" => {
            let db = pool(arg(1)?, 2).await?;
            carcosa_common::db::migrate(&db).await?;
        }
        "enqueue" => {
            let db = pool(arg(1)?, 2).await?;
            let n: usize = arg(2)?.parse()?;
            let mut tx = db.begin().await?;
            let mut left = n;
            while left > 0 {
                let batch = left.min(1000);
                let t = now_us();
                let payloads: Vec<Noop> = (0..batch).map(|_| Noop { t }).collect();
                jobs::enqueue_many(&mut tx, &payloads, cfg.max_attempts).await?;
                left -= batch;
            }
            tx.commit().await?;
            println!("{}", now_us());
        }
        "trickle" => {
            let db = pool(arg(1)?, 4).await?;
            let rate: f64 = arg(2)?.parse()?;
            let secs: f64 = arg(3)?.parse()?;
            let total = (rate * secs) as u64;
            let start = Instant::now();
            for i in 0..total {
                let due = start + Duration::from_secs_f64(i as f64 / rate);
                tokio::time::sleep_until(due.into()).await;
                let mut conn = db.acquire().await?;
                jobs::enqueue(&mut conn, &Noop { t: now_us() }, cfg.max_attempts).await?;
            }
        }
        "work" => {
            let url = arg(1)?;
            let concurrency: usize = arg(2)?.parse()?;
            let out = arg(3)?.to_owned();
            // As `carcosa work` sizes it: the queue's fetches, acks and heartbeats, plus slack.
            let db = pool(url, (concurrency as u32 + 4).max(8)).await?;
            let log: Log = Arc::new(Mutex::new(Vec::with_capacity(100_000)));
            let name = format!("bench_noop-{}", std::process::id());
            let (db2, log2) = (db.clone(), log.clone());
            let monitor = Monitor::new().register(move |_| {
                WorkerBuilder::new(name.clone())
                    .backend(carcosa_worker::jobs::backend::<Noop>(
                        &db2,
                        &cfg,
                        concurrency,
                        carcosa_worker::jobs::SHORT_JOBS_BATCH_PER_SLOT,
                    ))
                    .data(log2.clone())
                    .concurrency(concurrency)
                    .build(noop)
            });
            println!("ready");
            std::io::stdout().flush()?;
            monitor
                .run_with_signal(async {
                    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
                    tokio::select! {
                        _ = term.recv() => {}
                        _ = tokio::signal::ctrl_c() => {}
                    }
                    Ok(())
                })
                .await?;
            let log = log.lock().map_err(|_| anyhow::anyhow!("log poisoned"))?;
            let mut file = std::io::BufWriter::new(std::fs::File::create(&out)?);
            for (enqueued, started) in log.iter() {
                writeln!(file, "{enqueued} {started}")?;
            }
            file.flush()?;
        }
        other => bail!("unknown command {other:?}"),
    }
    Ok(())
}
