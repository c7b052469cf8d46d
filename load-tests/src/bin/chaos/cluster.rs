//! The processes under test and the faults done to them: two `carcosa serve`, three
//! `carcosa work`, a private `redis-server`, the S3 test server (stopped and started through
//! `scripts/s3-test-server.sh`) and the Postgres the database lives on (every connection dropped,
//! or the server restarted by a command the caller names).

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use rand::Rng as _;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom as _, SliceRandom as _};
use sqlx::Connection as _;

/// One process Carcosa's cluster is made of.
struct Proc {
    name: String,
    child: Option<Child>,
    /// How many times it was started.
    starts: u32,
}

impl Proc {
    fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// SIGKILL: no shutdown hooks, no cleanup.
    fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// What the cluster is started with.
pub struct ClusterConfig {
    pub carcosa: PathBuf,
    pub work_dir: PathBuf,
    pub api_ports: Vec<u16>,
    pub workers: usize,
    pub redis_port: u16,
    pub s3_port: u16,
    pub s3_bucket: String,
    pub database_url: String,
    /// A shell command that restarts the Postgres server; without it the Postgres fault drops
    /// every connection to the database instead.
    pub pg_restart: Option<String>,
}

pub struct Cluster {
    cfg: ClusterConfig,
    apis: Vec<Proc>,
    workers: Vec<Proc>,
    redis: Proc,
    worker_seq: usize,
}

/// The faults, each a different part going away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// SIGKILL a worker (one with jobs running, if any) and start a new one.
    KillWorker,
    /// SIGKILL an API process (its WebSocket clients lose their connection) and start it again.
    KillApi,
    /// Stop Redis and start it again (it keeps nothing).
    RestartRedis,
    /// Drop every connection to the database.
    DropPostgresConnections,
    /// Restart the Postgres server.
    RestartPostgres,
    /// Stop the S3 server for a few seconds.
    StopS3,
}

impl Fault {
    pub fn name(self) -> &'static str {
        match self {
            Self::KillWorker => "kill-worker",
            Self::KillApi => "kill-api",
            Self::RestartRedis => "restart-redis",
            Self::DropPostgresConnections => "drop-pg-connections",
            Self::RestartPostgres => "restart-postgres",
            Self::StopS3 => "stop-s3",
        }
    }
}

/// One line of the fault log.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FaultRecord {
    /// Seconds since the stream started.
    pub at_s: f64,
    pub fault: &'static str,
    pub detail: String,
    /// How long the part was away (or the fault took).
    pub down_ms: u64,
}

fn log_file(dir: &Path, name: &str) -> anyhow::Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(format!("{name}.log")))
        .with_context(|| format!("opening {name}.log"))
}

impl Cluster {
    pub fn new(cfg: ClusterConfig) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&cfg.work_dir)?;
        let apis = (0..cfg.api_ports.len())
            .map(|i| Proc {
                name: format!("api{i}"),
                child: None,
                starts: 0,
            })
            .collect();
        let redis = Proc {
            name: "redis".into(),
            child: None,
            starts: 0,
        };
        let mut cluster = Self {
            cfg,
            apis,
            workers: Vec::new(),
            redis,
            worker_seq: 0,
        };
        cluster.start_redis()?;
        for i in 0..cluster.apis.len() {
            cluster.start_api(i)?;
        }
        for _ in 0..cluster.cfg.workers {
            cluster.add_worker()?;
        }
        Ok(cluster)
    }

    pub fn api_bases(&self) -> Vec<String> {
        self.cfg
            .api_ports
            .iter()
            .map(|p| format!("http://127.0.0.1:{p}"))
            .collect()
    }

    pub fn redis_url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.cfg.redis_port)
    }

    fn carcosa(&self, sub: &str, name: &str) -> anyhow::Result<Command> {
        let mut cmd = Command::new(&self.cfg.carcosa);
        cmd.arg(sub)
            .env("DATABASE_URL", &self.cfg.database_url)
            .env("REDIS_URL", self.redis_url())
            .env("CARCOSA_METRICS__WORKER_BIND", "")
            .stdin(Stdio::null())
            .stdout(log_file(&self.cfg.work_dir, name)?)
            .stderr(log_file(&self.cfg.work_dir, name)?);
        Ok(cmd)
    }

    fn start_api(&mut self, i: usize) -> anyhow::Result<()> {
        let name = self.apis[i].name.clone();
        let mut cmd = self.carcosa("serve", &name)?;
        cmd.env("CARCOSA_HTTP__BIND", format!("127.0.0.1:{}", self.cfg.api_ports[i]));
        self.apis[i].child = Some(cmd.spawn().context("starting carcosa serve")?);
        self.apis[i].starts += 1;
        Ok(())
    }

    fn add_worker(&mut self) -> anyhow::Result<()> {
        let name = format!("worker{}", self.worker_seq);
        self.worker_seq += 1;
        let child = self.carcosa("work", &name)?.spawn().context("starting carcosa work")?;
        self.workers.push(Proc {
            name,
            child: Some(child),
            starts: 1,
        });
        Ok(())
    }

    fn start_redis(&mut self) -> anyhow::Result<()> {
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port"])
            .arg(self.cfg.redis_port.to_string())
            .args(["--save", "", "--appendonly", "no"])
            .stdin(Stdio::null())
            .stdout(log_file(&self.cfg.work_dir, "redis")?)
            .stderr(log_file(&self.cfg.work_dir, "redis")?)
            .spawn()
            .context("starting redis-server")?;
        self.redis.child = Some(child);
        self.redis.starts += 1;
        Ok(())
    }

    fn s3(&self, verb: &str) -> anyhow::Result<()> {
        // Seconds of blocking (the server's start-up): off the runtime's worker thread.
        let out = tokio::task::block_in_place(|| {
            Command::new("scripts/s3-test-server.sh")
                .arg(verb)
                .env("S3_PORT", self.cfg.s3_port.to_string())
                .env("S3_BUCKETS", &self.cfg.s3_bucket)
                .output()
        })
        .context("running scripts/s3-test-server.sh")?;
        anyhow::ensure!(
            out.status.success(),
            "s3-test-server.sh {verb}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(())
    }

    /// Waits until every API process answers `/readyz`.
    pub async fn wait_ready(&self, http: &reqwest::Client, within: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + within;
        for base in self.api_bases() {
            loop {
                let ok = http
                    .get(format!("{base}/readyz"))
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
                if ok {
                    break;
                }
                anyhow::ensure!(Instant::now() < deadline, "{base} not ready within {within:?}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Ok(())
    }

    /// Pids of workers that are running jobs now (Postgres knows: apalis names a worker
    /// `{queue}-{host}-{pid}`, or `…-{pid}-g{n}` once it restarted its queue workers after a
    /// database outage, and locks its jobs with that name). Missing the `-g{n}` form made the
    /// first long soak kill idle workers 5 times out of 6.
    async fn busy_workers(&self, conn: &mut sqlx::PgConnection) -> Vec<(usize, i64)> {
        let mut busy = Vec::new();
        for (i, w) in self.workers.iter().enumerate() {
            let Some(pid) = w.pid() else { continue };
            let running: Option<i64> = sqlx::query_scalar(
                "SELECT count(*) FROM apalis.jobs WHERE status = 'Running' AND lock_by ~ ('-' || $1 || '(-g[0-9]+)?$')",
            )
            .bind(pid.to_string())
            .fetch_one(&mut *conn)
            .await
            .ok();
            if let Some(n) = running.filter(|n| *n > 0) {
                busy.push((i, n));
            }
        }
        busy
    }

    /// Does `fault`; returns what happened, for the log.
    pub async fn inject(&mut self, fault: Fault, rng: &mut StdRng) -> anyhow::Result<(String, Duration)> {
        let started = Instant::now();
        let detail = match fault {
            Fault::KillWorker => {
                // Mid-job: wait (up to 5 s) for a worker that is running something.
                let mut busy = Vec::new();
                if let Ok(mut conn) = sqlx::PgConnection::connect(&self.cfg.database_url).await {
                    let deadline = Instant::now() + Duration::from_secs(5);
                    busy = self.busy_workers(&mut conn).await;
                    while busy.is_empty() && Instant::now() < deadline {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        busy = self.busy_workers(&mut conn).await;
                    }
                }
                let (i, jobs) = match busy.choose(rng) {
                    Some(&(i, n)) => (i, n),
                    None => (rng.random_range(0..self.workers.len()), 0),
                };
                let old = self.workers.remove(i);
                let (name, pid) = (old.name.clone(), old.pid().unwrap_or_default());
                let mut old = old;
                old.kill9();
                tokio::time::sleep(Duration::from_millis(rng.random_range(200..1500))).await;
                self.add_worker()?;
                let new = self
                    .workers
                    .last()
                    .map(|w| (w.name.clone(), w.pid().unwrap_or_default()));
                let (new_name, new_pid) = new.unwrap_or_default();
                format!("SIGKILL {name} (pid {pid}, {jobs} job(s) running); started {new_name} (pid {new_pid})")
            }
            Fault::KillApi => {
                let i = rng.random_range(0..self.apis.len());
                let pid = self.apis[i].pid().unwrap_or_default();
                self.apis[i].kill9();
                tokio::time::sleep(Duration::from_millis(rng.random_range(500..3000))).await;
                self.start_api(i)?;
                format!(
                    "SIGKILL {} (pid {pid}, port {}); started again (pid {})",
                    self.apis[i].name,
                    self.cfg.api_ports[i],
                    self.apis[i].pid().unwrap_or_default()
                )
            }
            Fault::RestartRedis => {
                self.redis.kill9();
                let down = rng.random_range(1000..4000);
                tokio::time::sleep(Duration::from_millis(down)).await;
                self.start_redis()?;
                format!("SIGKILL redis-server; started again after {down} ms")
            }
            Fault::DropPostgresConnections => {
                let mut conn = sqlx::PgConnection::connect(&self.cfg.database_url).await?;
                let dropped: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = current_database() AND pid <> pg_backend_pid()) t",
                )
                .fetch_one(&mut conn)
                .await?;
                format!("pg_terminate_backend on {dropped} connection(s)")
            }
            Fault::RestartPostgres => {
                let cmd = self.cfg.pg_restart.clone().context("no restart command")?;
                let out = tokio::process::Command::new("sh").arg("-c").arg(&cmd).output().await?;
                anyhow::ensure!(out.status.success(), "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
                format!("`{cmd}`")
            }
            Fault::StopS3 => {
                self.s3("stop")?;
                let down = rng.random_range(2000..6000);
                tokio::time::sleep(Duration::from_millis(down)).await;
                self.s3("start")?;
                format!("stopped; started again after {down} ms (+ its start-up)")
            }
        };
        Ok((detail, started.elapsed()))
    }

    /// Processes that died on their own (not killed by a fault): a crash is a finding.
    pub fn crashed(&mut self) -> Vec<String> {
        let mut dead = Vec::new();
        for p in self
            .apis
            .iter_mut()
            .chain(self.workers.iter_mut())
            .chain([&mut self.redis])
        {
            if let Some(child) = p.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                dead.push(format!("{} exited with {status}", p.name));
                p.child = None;
            }
        }
        dead
    }

    /// Worker and API starts in all, for the report.
    pub fn starts(&self) -> (u32, usize) {
        (self.apis.iter().map(|p| p.starts).sum(), self.worker_seq)
    }

    /// Stops everything it started (the S3 server stays: the checker reads it).
    pub fn shutdown(&mut self) {
        for p in self
            .apis
            .iter_mut()
            .chain(self.workers.iter_mut())
            .chain([&mut self.redis])
        {
            p.kill9();
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The fault schedule: kinds in a seeded shuffled cycle (every kind once per round), at seeded
/// intervals around `every`.
pub fn schedule(kinds: &[Fault], every: Duration, until: Duration, rng: &mut StdRng) -> Vec<(Duration, Fault)> {
    let mut out = Vec::new();
    let mut at = every / 2;
    let mut round = Vec::new();
    while at < until {
        if round.is_empty() {
            round = kinds.to_vec();
            round.shuffle(rng);
        }
        let fault = round.pop().unwrap_or(Fault::KillWorker);
        out.push((at, fault));
        at += every.mul_f64(rng.random_range(0.7..1.3));
    }
    out
}

/// The faults a run injects: all of them, Postgres restarts only when it may restart Postgres.
pub fn fault_kinds(pg_restart: bool) -> Vec<Fault> {
    let mut all = vec![
        Fault::KillWorker,
        Fault::KillApi,
        Fault::RestartRedis,
        Fault::DropPostgresConnections,
        Fault::StopS3,
    ];
    if pg_restart {
        all.push(Fault::RestartPostgres);
    }
    all
}
