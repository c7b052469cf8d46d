//! `carcosa-chaos`: the chaos soak. A seeded open-loop stream of uploads of six kinds runs
//! against two `carcosa serve` and three `carcosa work` processes while a seeded fault injector
//! kills workers mid-job, kills API processes under their WebSocket clients, restarts Redis,
//! drops Postgres' connections (or restarts it), and stops the S3 server. Then, after a bounded
//! wait, a checker proves from Postgres and the bucket that nothing was lost, duplicated or left
//! behind (see `check.rs`). Any violation is printed and the exit status is 1.
//!
//! Run it through `load-tests/chaos.sh`, which prepares the database, the project and the S3
//! server; `--report` writes the markdown report with the fault log.

mod check;
mod client;
mod cluster;
mod plan;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use carcosa_common::storage::{BucketAccess, Storage};
use clap::Parser;
use rand::SeedableRng as _;
use rand::rngs::StdRng;
use tokio_util::sync::CancellationToken;

use crate::client::{Api, Done, Followers};
use crate::cluster::{Cluster, ClusterConfig, FaultRecord};

#[derive(Parser)]
struct Args {
    /// The `carcosa` binary under test.
    #[arg(long, default_value = "target/release/carcosa")]
    carcosa: PathBuf,
    #[arg(long, env = "DATABASE_URL", default_value = "")]
    database_url: String,
    /// An API key of the project (files:read, files:write, files:delete).
    #[arg(long, default_value = "")]
    key: String,
    /// The project's id.
    #[arg(long, default_value_t = uuid::Uuid::nil())]
    project: uuid::Uuid,
    /// The shared corpus (`../shared/corpus`).
    #[arg(long, default_value = "../shared/corpus")]
    corpus: PathBuf,
    /// Uploads in the stream.
    #[arg(long, default_value_t = 2000)]
    uploads: usize,
    /// Over this many seconds (open loop: a new upload starts every SECS/UPLOADS s).
    #[arg(long, default_value_t = 600.0)]
    secs: f64,
    /// A fault about this often (seconds, ±30 %).
    #[arg(long, default_value_t = 15.0)]
    fault_every: f64,
    #[arg(long, default_value_t = 7)]
    seed: u64,
    #[arg(long, default_value = "18181,18182", value_delimiter = ',')]
    api_ports: Vec<u16>,
    #[arg(long, default_value_t = 3)]
    workers: usize,
    #[arg(long, default_value_t = 8)]
    followers: usize,
    #[arg(long, default_value_t = 6390)]
    redis_port: u16,
    #[arg(long, default_value_t = 8433)]
    s3_port: u16,
    #[arg(long, default_value = "carcosa-chaos")]
    s3_bucket: String,
    /// A shell command that restarts Postgres (else the Postgres fault drops connections only).
    #[arg(long)]
    pg_restart: Option<String>,
    /// Longest wait, after the stream, for everything to settle before checking.
    #[arg(long, default_value_t = 240.0)]
    settle_secs: f64,
    /// Where the processes' logs go.
    #[arg(long, default_value = "load-tests/work/chaos")]
    work_dir: PathBuf,
    /// Markdown report to write.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Print the plan (kinds, files, predictions) and the fault schedule as JSON and stop.
    #[arg(long)]
    plan_only: bool,
}

/// The run's plan and fault schedule, as `--plan-only` prints them.
fn print_plan(args: &Args, plan: &[plan::Planned], rng: &mut StdRng) {
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for p in plan {
        *kinds.entry(format!("{:?}", p.kind)).or_default() += 1;
    }
    let uploads: Vec<_> = plan
        .iter()
        .map(|p| serde_json::json!({"kind": p.kind, "file": p.source.name, "sha256": p.source.sha256}))
        .collect();
    let faults = cluster::fault_kinds(args.pg_restart.is_some());
    let schedule: Vec<_> = cluster::schedule(
        &faults,
        Duration::from_secs_f64(args.fault_every),
        Duration::from_secs_f64(args.secs),
        rng,
    )
    .into_iter()
    .map(|(at, f)| serde_json::json!({"at_s": at.as_secs_f64(), "fault": f.name()}))
    .collect();
    let out = serde_json::json!({
        "kinds": kinds,
        "uploads": uploads,
        "predictions": plan::predictions(plan),
        "faults": schedule,
    });
    println!("{out}");
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut rng = StdRng::seed_from_u64(args.seed);
    let t0 = Instant::now();
    let plan = plan::plan(&args.corpus, args.uploads, &mut rng)?;
    if args.plan_only {
        print_plan(&args, &plan, &mut rng);
        return Ok(());
    }
    eprintln!(
        "chaos: {} uploads planned and predicted in {:.1} s",
        plan.len(),
        t0.elapsed().as_secs_f64()
    );

    let _ = std::fs::remove_dir_all(&args.work_dir);
    let mut cluster = Cluster::new(ClusterConfig {
        carcosa: args.carcosa.clone(),
        work_dir: args.work_dir.clone(),
        api_ports: args.api_ports.clone(),
        workers: args.workers,
        redis_port: args.redis_port,
        s3_port: args.s3_port,
        s3_bucket: args.s3_bucket.clone(),
        database_url: args.database_url.clone(),
        pg_restart: args.pg_restart.clone(),
    })?;
    let http = reqwest::Client::builder().pool_max_idle_per_host(64).build()?;
    cluster.wait_ready(&http, Duration::from_secs(60)).await?;
    let api = Api {
        http,
        bases: Arc::new(cluster.api_bases()),
        key: args.key.clone().into(),
    };
    let stop = CancellationToken::new();
    let followers = Followers::start(args.followers, &api, &stop);
    tokio::time::sleep(Duration::from_millis(500)).await;

    // The stream.
    let stream_len = Duration::from_secs_f64(args.secs);
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(plan.len());
    for p in &plan {
        let at = started + stream_len.mul_f64(p.index as f64 / plan.len() as f64);
        let (api, p, followers, seed) = (api.clone(), p.clone(), followers.clone(), args.seed);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep_until(at.into()).await;
            client::run_upload(&api, &p, seed, &followers).await
        }));
    }

    // The faults, meanwhile.
    let schedule = cluster::schedule(
        &cluster::fault_kinds(args.pg_restart.is_some()),
        Duration::from_secs_f64(args.fault_every),
        stream_len,
        &mut rng,
    );
    let mut log: Vec<FaultRecord> = Vec::new();
    let mut crashes = Vec::new();
    for (at, fault) in schedule {
        tokio::time::sleep_until((started + at).into()).await;
        crashes.extend(cluster.crashed());
        let at_s = started.elapsed().as_secs_f64();
        let record = match cluster.inject(fault, &mut rng).await {
            Ok((detail, took)) => FaultRecord {
                at_s,
                fault: fault.name(),
                detail,
                down_ms: took.as_millis() as u64,
            },
            Err(e) => FaultRecord {
                at_s,
                fault: fault.name(),
                detail: format!("could not inject: {e:#}"),
                down_ms: 0,
            },
        };
        eprintln!("chaos: {:>6.1} s {} — {}", record.at_s, record.fault, record.detail);
        log.push(record);
    }
    let mut done: Vec<Done> = Vec::with_capacity(tasks.len());
    for t in tasks {
        done.push(t.await.context("an upload task panicked")?);
    }
    let stream_secs = started.elapsed().as_secs_f64();
    crashes.extend(cluster.crashed());
    eprintln!("chaos: stream over after {stream_secs:.1} s; waiting for the system to settle");

    // Settle: bounded.
    let db = sqlx::postgres::PgPoolOptions::new()
        .max_connections(4)
        .connect(&args.database_url)
        .await?;
    let storage = Storage::new(&BucketAccess {
        endpoint: Some(format!("http://127.0.0.1:{}", args.s3_port)),
        region: "us-east-1".into(),
        bucket_name: args.s3_bucket.clone(),
        force_path_style: true,
        access_key: std::env::var("S3_ACCESS_KEY")
            .unwrap_or_else(|_| "carcosatestkey".into())
            .into(),
        secret_key: std::env::var("S3_SECRET_KEY")
            .unwrap_or_else(|_| "carcosatestsecret123".into())
            .into(),
    });
    let settle_started = Instant::now();
    let settle_limit = Duration::from_secs_f64(args.settle_secs);
    let mut left;
    loop {
        left = check::outstanding(&db, &storage, args.project).await?;
        let unseen = followers.unfinished();
        if unseen > 0 {
            left.push(format!("{unseen} followed upload(s) whose end no socket delivered yet"));
        }
        if left.is_empty() || settle_started.elapsed() > settle_limit {
            break;
        }
        if settle_started.elapsed().as_secs() % 20 < 2 {
            eprintln!(
                "chaos: settling ({:.0} s): {}",
                settle_started.elapsed().as_secs_f64(),
                left.join(", ")
            );
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    let settle_secs = settle_started.elapsed().as_secs_f64();
    stop.cancel();
    crashes.extend(cluster.crashed());
    let (api_starts, worker_starts) = cluster.starts();
    cluster.shutdown();

    let mut verdict = check::check(&db, &storage, args.project, &plan, &done, &followers.reports()).await?;
    if !left.is_empty() {
        verdict
            .violations
            .insert(0, format!("not settled after {settle_secs:.0} s: {}", left.join(", ")));
    }
    for c in &crashes {
        verdict.violations.push(format!("a process died on its own: {c}"));
    }
    let retries: u32 = done.iter().map(|d| d.retries).sum();
    let summary = Summary {
        seed: args.seed,
        uploads: plan.len(),
        stream_secs,
        settle_secs,
        retries,
        api_starts,
        worker_starts,
        faults: log.len(),
    };
    let report = render_report(&args, &summary, &plan, &verdict, &log);
    if let Some(path) = &args.report {
        std::fs::write(path, &report).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("chaos: report written to {}", path.display());
    }
    println!("{report}");
    if verdict.violations.is_empty() {
        eprintln!("chaos: PASS — no violation");
        Ok(())
    } else {
        eprintln!("chaos: FAIL — {} violation(s)", verdict.violations.len());
        std::process::exit(1);
    }
}

struct Summary {
    seed: u64,
    uploads: usize,
    stream_secs: f64,
    settle_secs: f64,
    retries: u32,
    api_starts: u32,
    worker_starts: usize,
    faults: usize,
}

fn render_report(args: &Args, s: &Summary, plan: &[plan::Planned], v: &check::Verdict, log: &[FaultRecord]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "# Chaos soak — {}\n", chrono::Utc::now().format("%F"));
    let _ = writeln!(
        out,
        "`load-tests/chaos.sh` (seed {}): {} uploads over {:.0} s (open loop, {:.1}/s) against {} `carcosa serve` \
         and {} `carcosa work` processes, a private Redis, Postgres and the S3 test server, with a fault about \
         every {:.0} s. Then up to {:.0} s to settle and the checker.\n",
        s.seed,
        s.uploads,
        args.secs,
        s.uploads as f64 / args.secs,
        args.api_ports.len(),
        args.workers,
        args.fault_every,
        args.settle_secs
    );
    let verdict = if v.violations.is_empty() {
        "**PASS** — no violation"
    } else {
        "**FAIL**"
    };
    let _ = writeln!(out, "Result: {verdict}.\n");
    let _ = writeln!(out, "| | |\n|---|---|");
    for (k, val) in [
        ("stream", format!("{:.1} s", s.stream_secs)),
        ("settled after the stream in", format!("{:.1} s", s.settle_secs)),
        ("faults injected", s.faults.to_string()),
        (
            "API process starts / worker process starts",
            format!("{} / {}", s.api_starts, s.worker_starts),
        ),
        ("client calls retried (outages seen by clients)", s.retries.to_string()),
        (
            "objects read back and hashed",
            format!("{} ({:.1} MB)", v.objects_checked, v.bytes_hashed as f64 / 1e6),
        ),
        ("uploads followed over WebSockets", v.followed.to_string()),
        (
            "followers that reconnected / connections in all",
            format!("{} / {}", v.followers_reconnected, v.follower_connects),
        ),
    ] {
        let _ = writeln!(out, "| {k} | {val} |");
    }
    let _ = writeln!(
        out,
        "\n## Uploads by kind and final state\n\n| kind → state | uploads |\n|---|---|"
    );
    for (k, n) in &v.states {
        let _ = writeln!(out, "| {k} | {n} |");
    }
    let _ = writeln!(
        out,
        "\n## Predictions (made before the run by the worker's own sniff and pipeline)\n\n| file | must end |\n|---|---|"
    );
    let predictions: BTreeMap<_, _> = plan::predictions(plan);
    for (name, outcome) in predictions {
        let _ = writeln!(out, "| `{name}` | {outcome} |");
    }
    let _ = writeln!(out, "\n## Violations\n");
    if v.violations.is_empty() {
        let _ = writeln!(
            out,
            "None. Every upload ended in the predicted state; every ready file's original and variants are in \
             the bucket with the predicted bytes; no object without a row (staging keys included); no job left \
             pending, running, retrying or given up; no file recorded twice; usage equals the files; every \
             follower got the final state of every upload it followed."
        );
    }
    for line in &v.violations {
        let _ = writeln!(out, "* {line}");
    }
    let _ = writeln!(
        out,
        "\n## Fault log\n\n| at | fault | what happened | took |\n|---|---|---|---|"
    );
    for r in log {
        let _ = writeln!(
            out,
            "| {:.1} s | {} | {} | {} ms |",
            r.at_s,
            r.fault,
            r.detail.replace('|', "\\|"),
            r.down_ms
        );
    }
    out
}
