//! `carcosa files ls|get|rm|url`.

use anyhow::{Context as _, bail};
use clap::Subcommand;
use reqwest::Method;
use serde_json::{Value, json};

use super::{Client, encode_path as encode};

/// File commands.
#[derive(Debug, Subcommand)]
pub enum FilesCommand {
    /// List files, newest first.
    Ls {
        /// Only this tenant's files.
        #[arg(long)]
        tenant: Option<String>,
        /// How many (default 20; `--all` for every file).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Every file, page by page.
        #[arg(long)]
        all: bool,
        /// JSON lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show a file with its variants (JSON).
    Get {
        /// File id.
        id: String,
    },
    /// Delete files.
    Rm {
        /// File ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// A URL for a file: a short-lived download URL, or a signed transform URL.
    Url {
        /// File id.
        id: String,
        /// A preset of the project (`thumb`).
        #[arg(long, conflicts_with_all = ["width", "height", "format"])]
        preset: Option<String>,
        /// Width in pixels.
        #[arg(long)]
        width: Option<u32>,
        /// Height in pixels.
        #[arg(long)]
        height: Option<u32>,
        /// `webp`, `avif`, `jpeg`, `png` or `auto`.
        #[arg(long)]
        format: Option<String>,
    },
}

/// Runs a file command.
pub async fn run(client: &Client, command: FilesCommand) -> anyhow::Result<()> {
    match command {
        FilesCommand::Ls {
            tenant,
            limit,
            all,
            json,
        } => {
            let mut cursor: Option<String> = None;
            let mut shown = 0usize;
            loop {
                let page_size = if all { 100 } else { (limit - shown).clamp(1, 100) };
                let mut path = format!("/v1/files?limit={page_size}");
                if let Some(t) = &tenant {
                    path.push_str(&format!("&tenant={}", encode(t)));
                }
                if let Some(c) = &cursor {
                    path.push_str(&format!("&cursor={}", encode(c)));
                }
                let page: Value = client.call(Method::GET, &path, None, &[]).await?;
                for f in page["data"].as_array().into_iter().flatten() {
                    if json {
                        println!("{f}");
                    } else {
                        println!(
                            "{}  {:>10}  {:<20}  {}  {}",
                            f["id"].as_str().unwrap_or(""),
                            f["size"].as_i64().unwrap_or(0),
                            f["content_type"].as_str().unwrap_or(""),
                            f["created_at"].as_str().unwrap_or("").get(..19).unwrap_or(""),
                            f["filename"].as_str().unwrap_or("")
                        );
                    }
                    shown += 1;
                }
                cursor = page["next_cursor"].as_str().map(str::to_owned);
                if cursor.is_none() || (!all && shown >= limit) {
                    break;
                }
            }
            Ok(())
        }
        FilesCommand::Get { id } => {
            let file: Value = client
                .call(Method::GET, &format!("/v1/files/{}", encode(&id)), None, &[])
                .await?;
            println!("{}", serde_json::to_string_pretty(&file)?);
            Ok(())
        }
        FilesCommand::Rm { ids } => {
            let mut failed = 0;
            for id in &ids {
                match client
                    .call::<Value>(Method::DELETE, &format!("/v1/files/{}", encode(id)), None, &[])
                    .await
                {
                    Ok(_) => println!("deleted {id}"),
                    Err(e) => {
                        eprintln!("carcosa: {id}: {e:#}");
                        failed += 1;
                    }
                }
            }
            if failed > 0 {
                bail!("{failed} of {} deletes failed", ids.len());
            }
            Ok(())
        }
        FilesCommand::Url {
            id,
            preset,
            width,
            height,
            format,
        } => {
            let url = if preset.is_none() && width.is_none() && height.is_none() && format.is_none() {
                let d: Value = client
                    .call(Method::GET, &format!("/v1/files/{}/download", encode(&id)), None, &[])
                    .await?;
                d["url"].as_str().context("no URL in the answer")?.to_owned()
            } else {
                let mut spec = json!({});
                if let Some(p) = preset {
                    spec["preset"] = json!(p);
                }
                if let Some(w) = width {
                    spec["w"] = json!(w);
                }
                if let Some(h) = height {
                    spec["h"] = json!(h);
                }
                if let Some(f) = format {
                    spec["format"] = json!(f);
                }
                let minted: Value = client
                    .call(
                        Method::POST,
                        &format!("/v1/files/{}/transform-url", encode(&id)),
                        Some(&spec),
                        &[],
                    )
                    .await?;
                minted["url"].as_str().context("no URL in the answer")?.to_owned()
            };
            println!("{url}");
            Ok(())
        }
    }
}
