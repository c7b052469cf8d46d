//! The client commands: `carcosa login`, `upload`, `files`, `routes`. They speak Carcosa's HTTP
//! API (never the database), so they work against any Carcosa the user can reach with a key.
//!
//! Where the server and key come from, first match wins: `--url`/`--key`, `CARCOSA_URL`/
//! `CARCOSA_KEY`, then what `carcosa login` stored in `$XDG_CONFIG_HOME/carcosa/credentials.json`
//! (default `~/.config/carcosa/`, mode 0600).

mod files;
mod multipart;
mod routes;
mod upload;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use files::FilesCommand;
pub use routes::RoutesCommand;
pub use upload::UploadArgs;

/// Which server, which key.
#[derive(Debug, Clone, Args)]
pub struct Target {
    /// Carcosa's URL (default: CARCOSA_URL, then what `carcosa login` stored).
    #[arg(long, global = true)]
    url: Option<String>,
    /// An API key (default: CARCOSA_KEY, then what `carcosa login` stored).
    #[arg(long, global = true, hide_env_values = true)]
    key: Option<String>,
}

/// `carcosa login`
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Carcosa's URL.
    #[arg(long, env = "CARCOSA_URL", default_value = "http://127.0.0.1:8080")]
    url: String,
    /// The API key (read from stdin when not given).
    #[arg(long, env = "CARCOSA_KEY", hide_env_values = true)]
    key: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Credentials {
    url: String,
    key: String,
}

fn credentials_path() -> anyhow::Result<PathBuf> {
    let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME").context("HOME is not set")?).join(".config"),
    };
    Ok(base.join("carcosa").join("credentials.json"))
}

/// An answer the API refused, with its stable code.
#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable code.
    pub code: String,
    /// The server's words.
    pub message: String,
}

/// A Carcosa server and a key.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    url: String,
    key: String,
}

impl Client {
    fn new(url: &str, key: &str) -> anyhow::Result<Self> {
        let url = url.trim_end_matches('/').to_owned();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            bail!("the URL must start with http:// or https:// (got {url:?})");
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("carcosa-cli/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .build()?;
        Ok(Self {
            http,
            url,
            key: key.trim().to_owned(),
        })
    }

    /// Flags, then the environment, then the stored login.
    pub fn from_target(target: &Target) -> anyhow::Result<Self> {
        let env = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        let stored = || -> Option<Credentials> {
            let text = std::fs::read_to_string(credentials_path().ok()?).ok()?;
            serde_json::from_str(&text).ok()
        };
        let (url, key) = match (
            target.url.clone().or_else(|| env("CARCOSA_URL")),
            target.key.clone().or_else(|| env("CARCOSA_KEY")),
        ) {
            (Some(url), Some(key)) => (url, key),
            (url, key) => match stored() {
                Some(c) => (url.unwrap_or(c.url), key.unwrap_or(c.key)),
                None => match (url, key) {
                    (_, None) => bail!("no API key: run `carcosa login`, or pass --key / set CARCOSA_KEY"),
                    (None, Some(_)) => bail!("no server: pass --url or set CARCOSA_URL"),
                    (Some(url), Some(key)) => (url, key),
                },
            },
        };
        Self::new(&url, &key)
    }

    /// One JSON request; a refusal becomes an [`ApiError`]. `429`/`503` are retried after
    /// `Retry-After` (3 times).
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> anyhow::Result<T> {
        for attempt in 0.. {
            let mut req = self
                .http
                .request(method.clone(), format!("{}{path}", self.url))
                .bearer_auth(&self.key)
                .timeout(Duration::from_secs(60));
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            if let Some(body) = body {
                req = req.json(body);
            }
            let resp = req
                .send()
                .await
                .with_context(|| format!("cannot reach Carcosa at {}", self.url))?;
            let status = resp.status();
            if (status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE) && attempt < 3 {
                let wait = resp
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(1)
                    .min(30);
                tokio::time::sleep(Duration::from_secs(wait)).await;
                continue;
            }
            let text = resp.text().await?;
            if status.is_success() {
                let text = if text.is_empty() { "null" } else { &text };
                return serde_json::from_str(text).with_context(|| format!("unexpected answer from {path}"));
            }
            let error: Value = serde_json::from_str(&text).unwrap_or_default();
            return Err(ApiError {
                status,
                code: error["error"]["code"].as_str().unwrap_or("http_error").to_owned(),
                message: error["error"]["message"]
                    .as_str()
                    .map_or_else(|| format!("HTTP {status}"), str::to_owned),
            }
            .into());
        }
        unreachable!("the loop returns")
    }

    /// The HTTP client (for bucket PUTs).
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }
}

/// `carcosa login`: checks the key against the server, then stores both (0600).
pub async fn login(args: LoginArgs) -> anyhow::Result<()> {
    let key = match args.key {
        Some(key) => key,
        None => {
            eprint!("API key for {}: ", args.url);
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).context("reading the key")?;
            line.trim().to_owned()
        }
    };
    if key.is_empty() {
        bail!("no key given");
    }
    let client = Client::new(&args.url, &key)?;
    // Any authenticated answer will do: a 403 still proves the key is good.
    match client
        .call::<Value>(Method::GET, "/v1/projects/current", None, &[])
        .await
    {
        Ok(project) => eprintln!(
            "carcosa: key for project {} ({})",
            project["slug"].as_str().unwrap_or("?"),
            project["id"].as_str().unwrap_or("?")
        ),
        Err(e) => match e.downcast_ref::<ApiError>() {
            Some(api) if api.status == StatusCode::FORBIDDEN => {
                eprintln!("carcosa: key accepted (it cannot read project settings)");
            }
            _ => return Err(e.context("checking the key")),
        },
    }
    let path = credentials_path()?;
    let dir = path.parent().context("credentials path")?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let body = serde_json::to_string_pretty(&Credentials { url: client.url, key })?;
    write_private(&path, &body)?;
    eprintln!("carcosa: saved to {}", path.display());
    Ok(())
}

/// Replaces `path` with `body`, readable only by its owner from the first byte.
fn write_private(path: &std::path::Path, body: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .with_context(|| format!("creating {}", tmp.display()))?;
    file.write_all(body.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

/// Percent-encodes one path segment or query value.
pub fn encode_path(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The client commands, dispatched.
#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Store a server URL and API key for the other client commands.
    Login(LoginArgs),
    /// Upload files (progress bar per file, several at once) and print their file ids.
    Upload(UploadArgs),
    /// List, show, delete files and make URLs for them.
    Files {
        #[command(subcommand)]
        command: FilesCommand,
        #[command(flatten)]
        target: Target,
    },
    /// Named upload routes: show them, or push a set from a file (diff first).
    Routes {
        #[command(subcommand)]
        command: RoutesCommand,
        #[command(flatten)]
        target: Target,
    },
}

/// Runs a client command.
pub async fn run(command: ClientCommand) -> anyhow::Result<()> {
    match command {
        ClientCommand::Login(args) => login(args).await,
        ClientCommand::Upload(args) => upload::run(args).await,
        ClientCommand::Files { command, target } => files::run(&Client::from_target(&target)?, command).await,
        ClientCommand::Routes { command, target } => routes::run(&Client::from_target(&target)?, command).await,
    }
}
