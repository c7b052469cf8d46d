//! A private PostgreSQL for `carcosa dev` when none answers: a cluster in `<data dir>/postgres`,
//! made with the system's `initdb` and run with `pg_ctl` on a port of its own
//! ([`PRIVATE_PORT`], loopback and a socket in the data dir), stopped when `dev` stops. Used
//! when the database URL is the default one and nothing listens there (a configured
//! `DATABASE_URL` is never second-guessed), or when asked with `--private-postgres`.
//!
//! `initdb` refuses to run as root, so as root the cluster is made and run as the `postgres`
//! user the Debian/Ubuntu package creates (`runuser -u postgres`).

use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;

/// Port of the private cluster (off the standard 5432, so it never shadows a real server); when
/// it is taken (another `carcosa dev`), any free port.
pub const PRIVATE_PORT: u16 = 54329;

fn free_port() -> anyhow::Result<u16> {
    if std::net::TcpListener::bind(("127.0.0.1", PRIVATE_PORT)).is_ok() {
        return Ok(PRIVATE_PORT);
    }
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A running private cluster; [`Private::stop`] shuts it down.
pub struct Private {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
}

/// Where the PostgreSQL server binaries are: `PATH`, then the newest `/usr/lib/postgresql/*/bin`.
fn find_bin() -> Option<PathBuf> {
    let on_path = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file());
    if on_path.is_some() {
        return on_path;
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

impl Private {
    /// Initializes (first time) and starts the cluster under `data_dir`; returns it and the URL
    /// of its `carcosa` database.
    pub fn start(data_dir: &Path) -> anyhow::Result<(Self, String)> {
        let bin = find_bin().context(
            "no PostgreSQL server answers on 127.0.0.1:5432, and no PostgreSQL is installed to start a \
             private one: install it (Debian/Ubuntu: apt-get install postgresql) or set DATABASE_URL",
        )?;
        let dir = std::path::absolute(data_dir.join("postgres")).context("locating the data dir")?;
        let me = Self {
            bin,
            dir,
            as_postgres: is_root(),
        };
        if !me.dir.join("PG_VERSION").is_file() {
            eprintln!(
                "carcosa dev: no PostgreSQL on 127.0.0.1:5432; creating a private one in {}",
                me.dir.display()
            );
            std::fs::create_dir_all(&me.dir).with_context(|| format!("creating {}", me.dir.display()))?;
            me.own_dir()?;
            me.run(
                "initdb",
                &["-D", &me.dir_str(), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
            )
            .with_context(|| {
                if me.as_postgres {
                    format!(
                        "as root the private cluster runs as the postgres user, which must be able to \
                         enter {} (use --data-dir somewhere it can, e.g. under /tmp)",
                        me.dir.display()
                    )
                } else {
                    format!("creating a cluster in {}", me.dir.display())
                }
            })?;
        }
        let port = free_port()?;
        let options = format!("-p {port} -k {} -h 127.0.0.1", me.dir_str());
        let log = format!("{}/server.log", me.dir_str());
        me.run(
            "pg_ctl",
            &["-D", &me.dir_str(), "-o", &options, "-l", &log, "-w", "start"],
        )?;
        eprintln!(
            "carcosa dev: private PostgreSQL on 127.0.0.1:{port} (data in {})",
            me.dir.display()
        );
        Ok((me, format!("postgres://postgres@127.0.0.1:{port}/carcosa")))
    }

    /// Stops the cluster (fast shutdown).
    pub fn stop(&self) {
        if let Err(e) = self.run("pg_ctl", &["-D", &self.dir_str(), "-m", "fast", "-w", "stop"]) {
            eprintln!("carcosa dev: stopping the private PostgreSQL failed: {e:#}");
        }
    }

    fn dir_str(&self) -> String {
        self.dir.display().to_string()
    }

    /// As root, the cluster belongs to `postgres`: initdb and the server refuse root.
    fn own_dir(&self) -> anyhow::Result<()> {
        if !self.as_postgres {
            return Ok(());
        }
        let status = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&self.dir)
            .status()
            .context("running chown")?;
        anyhow::ensure!(status.success(), "chown postgres {} failed", self.dir.display());
        Ok(())
    }

    fn run(&self, tool: &str, args: &[&str]) -> anyhow::Result<()> {
        let program = self.bin.join(tool);
        let output = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .output()
        } else {
            Command::new(&program).args(args).output()
        }
        .with_context(|| format!("running {}", program.display()))?;
        anyhow::ensure!(
            output.status.success(),
            "{tool} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        Ok(())
    }
}
