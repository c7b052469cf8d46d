//! `ingest_url`: fetches a URL import (`POST /v1/uploads/from-url`) into the bucket, then hands
//! it to verification like any upload.
//!
//! The fetch goes through the outbound guard (names resolved once, private, loopback and
//! link-local addresses refused), follows at most `ingest.max_redirects` redirects — each hop's
//! URL checked again — and must finish within `ingest.timeout_secs`. The body is streamed
//! straight into a multipart upload on the staging key in 8 MiB parts (no disk, 8 MiB of memory
//! per job) and reading stops the moment it passes the size limit. Then, in one transaction, the
//! upload records the size and type that arrived and moves to `verifying` with its
//! `complete_upload` job — which sniffs, checks the project's rules and copies it to its key.
//!
//! A refused or failing source ends the upload `failed` with `fetch_failed` (or `too_large`,
//! `type_mismatch`) and the words in `failure_detail`; the multipart upload is aborted, so
//! nothing is left in the bucket. S3 or database trouble is retried like any job.

use anyhow::Context as _;
use carcosa_common::db::uploads;
use carcosa_common::domain::upload_rules::type_matches;
use carcosa_common::domain::{ContentType, FailureReason, UploadStatus};
use carcosa_common::jobs::{self, CompleteUpload, IngestUrl, Job as _};
use carcosa_common::outbound::error_chain;
use carcosa_common::storage::Storage;
use carcosa_common::storage::multipart::{BASE_PART_BYTES, UploadedPart};
use reqwest::Url;

use crate::WorkerState;
use crate::jobs::QueueJob;

/// Queue name.
pub const QUEUE: &str = IngestUrl::QUEUE;

impl QueueJob for IngestUrl {
    const CPU_BOUND: bool = false;

    async fn run(&self, state: &WorkerState) -> anyhow::Result<()> {
        run(state, self).await
    }

    async fn give_up(&self, state: &WorkerState) {
        let detail = "the import could not be stored (storage or database trouble through every attempt)";
        if let Err(e) = uploads::fail_import(&state.db, self.upload_id, FailureReason::FetchFailed, detail).await {
            tracing::error!(error = %e, "could not record the import failure");
        }
        state.events.announce(&state.db, self.upload_id).await;
    }

    fn span(&self, attempt: usize) -> tracing::Span {
        tracing::info_span!("job", job.queue = QUEUE, job.attempt = attempt, upload.id = %self.upload_id)
    }
}

/// Why an import failed, for the upload's `failure_reason` and `failure_detail`.
struct Refusal(FailureReason, String);

/// One attempt.
pub async fn run(state: &WorkerState, job: &IngestUrl) -> anyhow::Result<()> {
    let Some(row) = uploads::get_for_ingest(&state.db, job.upload_id)
        .await
        .context("loading the import")?
    else {
        return Ok(());
    };
    let (UploadStatus::Pending, Some(source), Some(staging)) = (row.status, &row.source_url, &row.staging_key) else {
        return Ok(());
    };
    let storage = state
        .bucket(row.bucket_id)
        .await?
        .context("the upload's bucket no longer exists")?;
    let limit = std::time::Duration::from_secs(state.config.ingest.timeout_secs);
    let deadline = tokio::time::Instant::now() + limit;
    let too_slow = || {
        Refusal(
            FailureReason::FetchFailed,
            format!("the fetch took longer than {} s", limit.as_secs()),
        )
    };
    let response = match tokio::time::timeout_at(deadline, fetch(state, source)).await {
        Ok(Ok(response)) => response,
        Ok(Err(refusal)) => return refuse(state, &row.id, refusal).await,
        Err(_) => return refuse(state, &row.id, too_slow()).await,
    };
    let declared = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| ContentType::parse(v.split(';').next().unwrap_or_default().trim()).ok());
    if let Some(length) = response.content_length()
        && length as i64 > job.max_bytes
    {
        let detail = format!("the source announces {length} bytes; the limit is {}", job.max_bytes);
        return refuse(state, &row.id, Refusal(FailureReason::TooLarge, detail)).await;
    }
    // The first bytes decide the type before anything is stored: what the source said, unless
    // it said nothing useful — then what the bytes are.
    let mut response = response;
    let head = match tokio::time::timeout_at(deadline, first_bytes(&mut response, job.max_bytes)).await {
        Ok(Ok(head)) => head,
        Ok(Err(Streamed::Refused(refusal))) => return refuse(state, &row.id, refusal).await,
        Ok(Err(Streamed::Storage(e))) => return Err(e),
        Err(_) => return refuse(state, &row.id, too_slow()).await,
    };
    let content_type = match declared {
        Some(ct) if ct.as_str() != "application/octet-stream" => ct,
        _ => {
            let sniffed = infer::get(&head).map_or("application/octet-stream", |k| k.mime_type());
            ContentType::parse(sniffed).map_err(|e| anyhow::anyhow!("sniffed type {sniffed}: {e}"))?
        }
    };
    let allowed = type_matches(&row.allowed_content_types, &content_type)
        && (job.route_types.is_empty() || type_matches(&job.route_types, &content_type));
    if !allowed {
        let detail = format!("the source sent {content_type}, which this project (or route) does not accept");
        return refuse(state, &row.id, Refusal(FailureReason::TypeMismatch, detail)).await;
    }
    let upload_id = storage
        .create_multipart(staging, content_type.as_str())
        .await
        .map_err(|e| anyhow::anyhow!(e.detail()))
        .context("starting the multipart upload")?;
    let streamed = tokio::time::timeout_at(
        deadline,
        stream_into(&storage, staging, &upload_id, response, head, job.max_bytes),
    )
    .await
    .unwrap_or_else(|_| Err(Streamed::Refused(too_slow())));
    let parts = match streamed {
        Ok(done) => done,
        Err(outcome) => {
            if let Err(e) = storage.abort_multipart(staging, &upload_id).await {
                tracing::warn!(error = %e.detail(), "aborting a failed import's parts failed; the sweep will");
            }
            return match outcome {
                Streamed::Refused(refusal) => refuse(state, &row.id, refusal).await,
                Streamed::Storage(e) => Err(e),
            };
        }
    };
    let size: i64 = parts.iter().map(|p| p.size).sum();
    storage
        .complete_multipart(staging, &upload_id, &parts)
        .await
        .map_err(|e| anyhow::anyhow!(e.detail()))
        .context("completing the imported object")?;
    let mut tx = state.db.begin().await.context("starting transaction")?;
    if uploads::record_fetched(&mut *tx, row.id, size, content_type.as_str())
        .await
        .context("recording the import")?
    {
        jobs::enqueue(
            &mut tx,
            &CompleteUpload { upload_id: row.id },
            state.config.worker.max_attempts,
        )
        .await
        .context("queueing verification")?;
    }
    tx.commit().await.context("committing the import")?;
    state.events.announce(&state.db, row.id).await;
    tracing::info!(size, content_type = %content_type, "URL import fetched");
    Ok(())
}

/// GETs `source`, following up to `ingest.max_redirects` redirects, each re-checked.
async fn fetch(state: &WorkerState, source: &str) -> Result<reqwest::Response, Refusal> {
    let failed = |detail: String| Refusal(FailureReason::FetchFailed, detail);
    let cfg = &state.config.ingest;
    let mut url: Url = state.outbound.check_url(source).map_err(|r| failed(r.0))?;
    for hop in 0..=cfg.max_redirects {
        let response = state
            .ingest_client
            .get(url.clone())
            .send()
            .await
            .map_err(|e| failed(format!("fetching {url} failed: {}", error_chain(&e))))?;
        let status = response.status();
        if status.is_redirection() {
            let Some(location) = response.headers().get("location").and_then(|v| v.to_str().ok()) else {
                return Err(failed(format!("{url} answered {status} without a Location")));
            };
            let next = url
                .join(location)
                .map_err(|e| failed(format!("{url} redirected to an invalid URL: {e}")))?;
            if hop == cfg.max_redirects {
                break;
            }
            url = state
                .outbound
                .check_url(next.as_str())
                .map_err(|r| failed(format!("{url} redirected to {next}: {}", r.0)))?;
            continue;
        }
        if !status.is_success() {
            return Err(failed(format!("{url} answered {status}")));
        }
        return Ok(response);
    }
    Err(failed(format!("more than {} redirects", cfg.max_redirects)))
}

enum Streamed {
    Refused(Refusal),
    Storage(anyhow::Error),
}

/// The next chunk of the body, refusing a body that passes `max_bytes` (`total` counts it).
async fn next_chunk(
    response: &mut reqwest::Response,
    total: &mut i64,
    max_bytes: i64,
) -> Result<Option<bytes::Bytes>, Streamed> {
    let chunk = response.chunk().await.map_err(|e| {
        Streamed::Refused(Refusal(
            FailureReason::FetchFailed,
            format!("reading the body failed: {}", error_chain(&e)),
        ))
    })?;
    if let Some(c) = &chunk {
        *total += c.len() as i64;
        if *total > max_bytes {
            return Err(Streamed::Refused(Refusal(
                FailureReason::TooLarge,
                format!("the source sent more than the limit of {max_bytes} bytes"),
            )));
        }
    }
    Ok(chunk)
}

/// Reads the body's first 4 KiB (or all of it, if shorter): what the type is sniffed from.
async fn first_bytes(response: &mut reqwest::Response, max_bytes: i64) -> Result<Vec<u8>, Streamed> {
    let mut head = Vec::new();
    let mut total = 0;
    while head.len() < 4096 {
        match next_chunk(response, &mut total, max_bytes).await? {
            Some(chunk) => head.extend_from_slice(&chunk),
            None => break,
        }
    }
    Ok(head)
}

/// Copies the body (after `head`, already read) into the multipart upload in 8 MiB parts; stops
/// past `max_bytes`. Returns the parts.
async fn stream_into(
    storage: &Storage,
    key: &str,
    upload_id: &str,
    mut response: reqwest::Response,
    head: Vec<u8>,
    max_bytes: i64,
) -> Result<Vec<UploadedPart>, Streamed> {
    let part_bytes = BASE_PART_BYTES as usize;
    let mut total = head.len() as i64;
    let mut buffer: Vec<u8> = Vec::with_capacity(part_bytes);
    buffer.extend_from_slice(&head);
    let mut parts = Vec::new();
    loop {
        let Some(chunk) = next_chunk(&mut response, &mut total, max_bytes).await? else {
            break;
        };
        buffer.extend_from_slice(&chunk);
        while buffer.len() >= part_bytes {
            let rest = buffer.split_off(part_bytes);
            let full = std::mem::replace(&mut buffer, rest);
            parts.push(send(storage, key, upload_id, parts.len() as i32 + 1, full).await?);
        }
    }
    if total == 0 {
        return Err(Streamed::Refused(Refusal(
            FailureReason::FetchFailed,
            "the source sent an empty body".into(),
        )));
    }
    if !buffer.is_empty() {
        parts.push(send(storage, key, upload_id, parts.len() as i32 + 1, buffer).await?);
    }
    Ok(parts)
}

async fn send(storage: &Storage, key: &str, upload_id: &str, n: i32, bytes: Vec<u8>) -> Result<UploadedPart, Streamed> {
    storage
        .upload_part(key, upload_id, n, bytes)
        .await
        .map_err(|e| Streamed::Storage(anyhow::anyhow!(e.detail()).context("storing a part of the import")))
}

/// Ends the import `failed` and announces it.
async fn refuse(state: &WorkerState, id: &carcosa_common::domain::UploadId, refusal: Refusal) -> anyhow::Result<()> {
    let Refusal(reason, detail) = refusal;
    tracing::info!(reason = %reason, detail, "URL import refused");
    uploads::fail_import(&state.db, *id, reason, &detail)
        .await
        .context("recording the refusal")?;
    state.events.announce(&state.db, *id).await;
    Ok(())
}
