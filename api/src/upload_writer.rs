//! Group commit for presign inserts. Under load many `POST /v1/uploads` requests want to insert
//! one row each at the same moment; instead of one round trip and one commit (a WAL flush) per
//! row, requests queue their row here and a few writer tasks insert whatever is waiting in one
//! multi-row statement. Batches form naturally — a writer takes everything queued while the
//! previous batch was committing — so an idle server adds no delay, and a busy one amortizes the
//! commit over dozens of rows.
//!
//! Durability is unchanged: a request is answered only after the transaction holding its row
//! committed. If a batch fails, its rows are retried one by one so one bad row cannot fail the
//! others. Rows with an idempotency key bypass the writer (they need per-row conflict handling).

use std::sync::Arc;

use carcosa_common::db::uploads::{self, NewUpload};
use sqlx::PgPool;
use tokio::sync::{Mutex, mpsc, oneshot};

use crate::error::ApiError;

/// Concurrent batches (each holds one pooled connection while it commits). Measured at 64
/// connections (load-tests/presign.sh): 4 writers × 128 rows gave the best rate but a 55 ms p99
/// (a few huge batches); 8 × 32 kept 0.87–0.92 of pgbench's rate with p99 ≈ pgbench's own;
/// 16 × 16 lost rate (0.71) without a better tail.
const WRITERS: usize = 8;
/// Rows per statement at most.
const MAX_BATCH: usize = 32;
/// Requests that may wait for a writer before senders back off.
const QUEUE: usize = 4096;

type Reply = oneshot::Sender<sqlx::Result<()>>;

/// Handle to the writer tasks; cheap to clone. The tasks stop when the last handle is dropped.
#[derive(Clone)]
pub struct UploadWriter {
    queue: mpsc::Sender<(NewUpload, Reply)>,
}

impl UploadWriter {
    /// Starts the writer tasks on the current runtime.
    pub fn start(db: PgPool) -> Self {
        let (queue, rx) = mpsc::channel(QUEUE);
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..WRITERS {
            tokio::spawn(write_batches(db.clone(), rx.clone()));
        }
        Self { queue }
    }

    /// Inserts `row`, returning once it is committed.
    pub async fn insert(&self, row: NewUpload) -> Result<(), ApiError> {
        let (reply, done) = oneshot::channel();
        self.queue
            .send((row, reply))
            .await
            .map_err(|_| ApiError::Internal("upload writer stopped".into()))?;
        done.await
            .map_err(|_| ApiError::Internal("upload writer dropped a row".into()))??;
        Ok(())
    }
}

async fn write_batches(db: PgPool, rx: Arc<Mutex<mpsc::Receiver<(NewUpload, Reply)>>>) {
    loop {
        let mut batch = Vec::with_capacity(MAX_BATCH);
        {
            let mut rx = rx.lock().await;
            match rx.recv().await {
                Some(first) => batch.push(first),
                None => return,
            }
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(next) => batch.push(next),
                    Err(_) => break,
                }
            }
        }
        flush(&db, batch).await;
    }
}

async fn flush(db: &PgPool, batch: Vec<(NewUpload, Reply)>) {
    let (rows, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
    let started = std::time::Instant::now();
    let result = uploads::insert_batch(db, &rows).await;
    tracing::debug!(
        rows = rows.len(),
        duration_us = started.elapsed().as_micros() as u64,
        "upload batch"
    );
    match result {
        Ok(_) => replies.into_iter().for_each(|reply| {
            let _ = reply.send(Ok(()));
        }),
        Err(e) => {
            tracing::warn!(error = %e, rows = rows.len(), "batched upload insert failed; retrying rows one by one");
            for (row, reply) in rows.iter().zip(replies) {
                let one = uploads::insert_batch(db, std::slice::from_ref(row)).await.map(|_| ());
                let _ = reply.send(one);
            }
        }
    }
}
