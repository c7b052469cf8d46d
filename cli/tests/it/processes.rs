//! Running the real `carcosa` binary from tests.

#![allow(dead_code)]

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use carcosa_common::testing::{TEST_CREDENTIALS_KEY, TestEnv};

/// `carcosa` with a clean environment pointing at the test database.
pub fn carcosa(database_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_carcosa"));
    for (name, _) in std::env::vars() {
        if name.starts_with("CARCOSA_") || name == "DATABASE_URL" || name == "REDIS_URL" {
            cmd.env_remove(name);
        }
    }
    cmd.env("DATABASE_URL", database_url)
        .env("CARCOSA_CONFIG", "/nonexistent/carcosa.toml");
    cmd
}

/// Runs to completion and returns the output.
pub fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("carcosa runs")
}

/// A child process whose stdout is collected line by line in the background.
pub struct Proc {
    pub child: Child,
    pub lines: Arc<Mutex<Vec<String>>>,
}

impl Proc {
    pub fn spawn(cmd: &mut Command) -> Self {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn carcosa");
        let stdout = child.stdout.take().expect("piped stdout");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Self { child, lines }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Lines containing `needle`.
    pub fn count(&self, needle: &str) -> usize {
        self.lines.lock().unwrap().iter().filter(|l| l.contains(needle)).count()
    }

    /// Waits for a line containing `needle` and returns it.
    pub fn wait_line(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(line) = self.lines.lock().unwrap().iter().find(|l| l.contains(needle)) {
                return line.clone();
            }
            assert!(
                Instant::now() < deadline,
                "no line with {needle:?} in {:#?}",
                self.lines.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for a log line containing `needle` and returns the value of its `addr=` field.
    pub fn wait_addr(&self, needle: &str, timeout: Duration) -> String {
        let line = self.wait_line(needle, timeout);
        line.split_whitespace()
            .find_map(|w| w.strip_prefix("addr="))
            .unwrap_or_else(|| panic!("no addr in {line:?}"))
            .to_owned()
    }

    /// SIGKILL: no shutdown hooks, no cleanup.
    pub fn kill9(&mut self) {
        self.child.kill().expect("kill");
        self.child.wait().expect("reap");
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `carcosa work` against the test database, with the test config's short heartbeats.
pub fn worker(env: &TestEnv) -> Proc {
    Proc::spawn(&mut worker_command(env))
}

/// The command [`worker`] runs (to add settings before spawning).
pub fn worker_command(env: &TestEnv) -> Command {
    let cfg = &env.config.worker;
    let mut cmd = carcosa(&env.database_url);
    cmd.arg("work")
        .env("CARCOSA_CREDENTIALS_KEY", TEST_CREDENTIALS_KEY)
        .env("CARCOSA_WORKER__HEARTBEAT_SECS", cfg.heartbeat_secs.to_string())
        .env("CARCOSA_WORKER__MISSED_HEARTBEATS", cfg.missed_heartbeats.to_string())
        .env("CARCOSA_WORKER__MAX_ATTEMPTS", cfg.max_attempts.to_string())
        .env("CARCOSA_WORKER__RUN_CRON", "false")
        .env("CARCOSA_METRICS__WORKER_BIND", "127.0.0.1:0")
        .env("CARCOSA_LOG", "info,carcosa_worker=debug");
    cmd
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures")
            .join(name),
    )
    .expect("fixture")
}
