//! The multipart half of `carcosa upload`: a file at or above the project's multipart threshold
//! is sent in parts straight to the bucket — part URLs fetched in batches, up to four parts in
//! flight, each part retried up to three times — then completed with the parts' ETags.

use std::io::SeekFrom;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, bail};
use futures::StreamExt as _;
use indicatif::ProgressBar;
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _};

use super::Client;

/// Parts in flight at once.
const PARALLEL_PARTS: usize = 4;
/// Part URLs asked for per call.
const URL_BATCH: u64 = 100;
/// Attempts per part.
const PART_ATTEMPTS: u32 = 3;

/// Sends every part of `path` for the multipart upload `upload` (as `POST /v1/uploads`
/// answered it); returns the parts with their ETags, in order, for `complete`.
pub async fn send_parts(client: &Client, upload: &Value, path: &Path, bar: &ProgressBar) -> anyhow::Result<Value> {
    let id = upload["id"].as_str().context("no upload id")?;
    let part_size = upload["multipart"]["part_size"].as_u64().context("no part size")?;
    let count = upload["multipart"]["part_count"].as_u64().context("no part count")?;
    let mut done = Vec::with_capacity(count as usize);
    let mut from = 1;
    while from <= count {
        let batch: Value = client
            .call(
                Method::GET,
                &format!("/v1/uploads/{id}/parts?from={from}&count={URL_BATCH}"),
                None,
                &[],
            )
            .await?;
        let parts = batch["parts"].as_array().cloned().unwrap_or_default();
        if parts.is_empty() {
            bail!("the server returned no part URLs from part {from}");
        }
        from += parts.len() as u64;
        let sent: Vec<anyhow::Result<Value>> = futures::stream::iter(parts)
            .map(|part| async move { send_part(client, &part, path, part_size, bar).await })
            .buffer_unordered(PARALLEL_PARTS)
            .collect()
            .await;
        for part in sent {
            done.push(part?);
        }
    }
    done.sort_by_key(|p| p["part_number"].as_u64());
    Ok(Value::Array(done))
}

async fn send_part(
    client: &Client,
    part: &Value,
    path: &Path,
    part_size: u64,
    bar: &ProgressBar,
) -> anyhow::Result<Value> {
    let number = part["part_number"].as_u64().context("no part number")?;
    let len = part["size"].as_u64().context("no part size")?;
    let mut bytes = vec![0u8; len as usize];
    let mut file = tokio::fs::File::open(path).await?;
    file.seek(SeekFrom::Start((number - 1) * part_size)).await?;
    file.read_exact(&mut bytes)
        .await
        .with_context(|| format!("reading part {number} (did the file change?)"))?;
    let url = part["url"].as_str().context("no part URL")?;
    let mut last = None;
    for attempt in 0..PART_ATTEMPTS {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(500 << attempt)).await;
        }
        let mut req = client.http().put(url).body(bytes.clone());
        for (k, v) in part["headers"].as_object().into_iter().flatten() {
            req = req.header(k.as_str(), v.as_str().unwrap_or_default());
        }
        match req.send().await {
            Ok(resp) if resp.status().is_success() => {
                let etag = resp
                    .headers()
                    .get("etag")
                    .and_then(|v| v.to_str().ok())
                    .context("the bucket did not expose the part's ETag")?
                    .to_owned();
                bar.inc(len);
                return Ok(json!({"part_number": number, "etag": etag}));
            }
            Ok(resp) => {
                let status = resp.status();
                let text = resp.text().await.unwrap_or_default();
                last = Some(anyhow::anyhow!(
                    "the bucket refused part {number} ({status}): {}",
                    text.chars().take(200).collect::<String>()
                ));
                if status.is_client_error() {
                    break;
                }
            }
            Err(e) => last = Some(anyhow::Error::new(e).context(format!("sending part {number}"))),
        }
    }
    Err(last.unwrap_or_else(|| anyhow::anyhow!("part {number} was not sent")))
}
