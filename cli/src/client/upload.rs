//! `carcosa upload FILE…`: presign, PUT straight to the bucket (streamed from disk, a progress bar
//! per file; large files in parallel parts, see [`super::multipart`]), complete, and wait for
//! `ready` — several files at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use clap::Args;
use futures::{StreamExt as _, TryStreamExt as _};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::AsyncReadExt as _;

use super::{ApiError, Client, Target};

/// `carcosa upload`
#[derive(Debug, Args)]
pub struct UploadArgs {
    /// Files to upload.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// A named upload route of the project.
    #[arg(long)]
    route: Option<String>,
    /// The tenant (slug) the files belong to.
    #[arg(long)]
    tenant: Option<String>,
    /// Metadata stored with each file, as a JSON object.
    #[arg(long)]
    metadata: Option<String>,
    /// The content type, instead of guessing it from the bytes and the extension.
    #[arg(long)]
    content_type: Option<String>,
    /// Files at once.
    #[arg(long, short = 'j', default_value_t = 4)]
    concurrency: usize,
    /// Return after completing, without waiting for `ready`.
    #[arg(long)]
    no_wait: bool,
    /// Print the results as JSON (one array) instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    target: Target,
}

/// What one file ended as.
struct Outcome {
    path: PathBuf,
    result: anyhow::Result<Value>,
}

/// The content type: sniffed from the first bytes, else from the extension.
async fn content_type(path: &Path) -> anyhow::Result<String> {
    let mut head = vec![0u8; 8192];
    let mut file = tokio::fs::File::open(path).await?;
    let n = file.read(&mut head).await?;
    head.truncate(n);
    if let Some(kind) = infer::get(&head) {
        return Ok(kind.mime_type().to_owned());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    Ok(match ext.as_str() {
        "txt" | "md" => "text/plain",
        "csv" => "text/csv",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "html" | "htm" => "text/html",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
    .to_owned())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{prefix:<24!} [{bar:30}] {bytes:>10}/{total_bytes:<10} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

async fn one(
    client: &Client,
    args: &UploadArgs,
    metadata: &Option<Value>,
    path: &Path,
    bar: &ProgressBar,
) -> anyhow::Result<Value> {
    let size = tokio::fs::metadata(path)
        .await
        .with_context(|| format!("reading {}", path.display()))?
        .len();
    let filename = path
        .file_name()
        .and_then(|n| n.to_str())
        .context("the file name is not UTF-8")?;
    let content_type = match &args.content_type {
        Some(t) => t.clone(),
        None => content_type(path).await?,
    };
    bar.set_length(size);
    bar.set_message("presigning");
    let mut body = json!({"filename": filename, "content_type": content_type, "size": size});
    if let Some(route) = &args.route {
        body["route"] = json!(route);
    }
    if let Some(tenant) = &args.tenant {
        body["tenant"] = json!(tenant);
    }
    if let Some(m) = metadata {
        body["metadata"] = m.clone();
    }
    // A retried presign (after a 429) returns the same upload.
    let idempotency = uuid::Uuid::now_v7().to_string();
    let upload: Value = client
        .call(
            Method::POST,
            "/v1/uploads",
            Some(&body),
            &[("idempotency-key", &idempotency)],
        )
        .await?;
    let id = upload["id"].as_str().context("no upload id in the answer")?.to_owned();
    bar.set_message("uploading");
    let mut state = if upload.get("multipart").is_some_and(Value::is_object) {
        let parts = super::multipart::send_parts(client, &upload, path, bar).await?;
        bar.set_message("verifying");
        client
            .call::<Value>(
                Method::POST,
                &format!("/v1/uploads/{id}/complete"),
                Some(&json!({ "parts": parts })),
                &[],
            )
            .await?
    } else {
        put_whole(client, &upload, path, size, bar).await?;
        client
            .call(Method::POST, &format!("/v1/uploads/{id}/complete"), None, &[])
            .await?
    };
    if args.no_wait {
        return Ok(state);
    }
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut delay = Duration::from_millis(100);
    while !matches!(state["status"].as_str(), Some("ready" | "failed" | "expired")) {
        if Instant::now() > deadline {
            bail!("upload {id} is still {} after 5 minutes", state["status"]);
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(1));
        state = client
            .call(Method::GET, &format!("/v1/uploads/{id}"), None, &[])
            .await?;
        bar.set_message(state["status"].as_str().unwrap_or("?").to_owned());
    }
    match state["status"].as_str() {
        Some("ready") => {
            bar.finish_with_message(format!("ready {}", state["file_id"].as_str().unwrap_or("")));
            Ok(state)
        }
        _ => {
            let reason = state["failure_reason"].as_str().unwrap_or("expired");
            bail!("upload {id} failed: {reason}")
        }
    }
}

/// One streamed PUT of the whole file to the presigned URL.
async fn put_whole(client: &Client, upload: &Value, path: &Path, size: u64, bar: &ProgressBar) -> anyhow::Result<()> {
    let put = &upload["upload"];
    let file = tokio::fs::File::open(path).await?;
    let progress = bar.clone();
    let stream = tokio_util::io::ReaderStream::with_capacity(file, 256 * 1024)
        .inspect_ok(move |chunk| progress.inc(chunk.len() as u64));
    let mut req = client
        .http()
        .put(put["url"].as_str().context("no upload URL")?)
        .body(reqwest::Body::wrap_stream(stream));
    for (k, v) in put["headers"].as_object().into_iter().flatten() {
        req = req.header(k.as_str(), v.as_str().unwrap_or_default());
    }
    let resp = req.send().await.context("uploading to the bucket")?;
    if !resp.status().is_success() {
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        bail!(
            "the bucket refused the upload ({status}): {}",
            text.chars().take(200).collect::<String>()
        );
    }
    bar.set_position(size);
    bar.set_message("verifying");
    Ok(())
}

/// Runs the command; fails (after reporting every file) if any file failed.
pub async fn run(args: UploadArgs) -> anyhow::Result<()> {
    let client = Client::from_target(&args.target)?;
    let metadata = match &args.metadata {
        None => None,
        Some(text) => {
            let value: Value = serde_json::from_str(text).context("--metadata is not JSON")?;
            if !value.is_object() {
                bail!("--metadata must be a JSON object");
            }
            Some(value)
        }
    };
    for path in &args.files {
        if !path.is_file() {
            bail!("{} is not a file", path.display());
        }
    }
    let multi = MultiProgress::new();
    let args = Arc::new(args);
    let outcomes: Vec<Outcome> = futures::stream::iter(args.files.clone())
        .map(|path| {
            let (client, args, metadata) = (client.clone(), args.clone(), metadata.clone());
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            let bar = multi.add(ProgressBar::new(size).with_style(bar_style()));
            bar.set_prefix(
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            async move {
                let result = one(&client, &args, &metadata, &path, &bar).await;
                if let Err(e) = &result {
                    bar.abandon_with_message(format!("failed: {e:#}"));
                }
                Outcome { path, result }
            }
        })
        .buffered(args.concurrency.max(1))
        .collect()
        .await;
    let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
    if args.json {
        let all: Vec<Value> = outcomes
            .iter()
            .map(|o| match &o.result {
                Ok(v) => json!({"path": o.path, "upload": v}),
                Err(e) => {
                    let code = e
                        .downcast_ref::<ApiError>()
                        .map_or("upload_failed", |a| a.code.as_str());
                    json!({"path": o.path, "error": {"code": code, "message": format!("{e:#}")}})
                }
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&all)?);
    } else {
        for o in &outcomes {
            match &o.result {
                Ok(v) => println!(
                    "{:<9} {:<36} {}",
                    v["status"].as_str().unwrap_or("?"),
                    v["file_id"].as_str().or(v["id"].as_str()).unwrap_or(""),
                    o.path.display()
                ),
                Err(e) => println!("{:<9} {:<36} {}: {e:#}", "failed", "", o.path.display()),
            }
        }
    }
    if failed > 0 {
        bail!("{failed} of {} uploads failed", outcomes.len());
    }
    Ok(())
}
