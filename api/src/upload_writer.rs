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
//!
//! Each writer keeps its connection between batches instead of taking one from the pool per
//! batch: sqlx pings a pooled connection when it is acquired and again when it is released, so a
//! pooled batch cost three round trips where one does the work (strace of a presign load). A
//! held connection is pinged before use only after a quiet spell, and one that fails is dropped;
//! the failed batch is retried row by row on pool connections, which sqlx checks first.

use std::sync::Arc;
use std::time::{Duration, Instant};

use carcosa_common::db::uploads::{self, NewUpload};
use sqlx::pool::PoolConnection;
use sqlx::{Connection as _, PgPool, Postgres};
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
/// A held connection unused for this long is pinged before its next batch (as the pool would),
/// so one the server or a proxy closed while the service was quiet costs a ping, not a batch.
const RECHECK_AFTER: Duration = Duration::from_secs(5);

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

/// A writer's own connection, and when it last finished a batch.
struct Held {
    conn: PoolConnection<Postgres>,
    used: Instant,
}

async fn write_batches(db: PgPool, rx: Arc<Mutex<mpsc::Receiver<(NewUpload, Reply)>>>) {
    let mut held: Option<Held> = None;
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
        flush(&db, &mut held, batch).await;
    }
}

/// The writer's connection, ready for a batch: the held one (pinged first if it sat idle), or a
/// fresh one from the pool.
async fn connection<'a>(db: &PgPool, held: &'a mut Option<Held>) -> sqlx::Result<&'a mut Held> {
    let reusable = match held.take() {
        Some(h) if h.used.elapsed() <= RECHECK_AFTER => Some(h),
        Some(mut h) => match h.conn.ping().await {
            Ok(()) => Some(h),
            Err(_) => {
                h.conn.close_on_drop();
                None
            }
        },
        None => None,
    };
    let h = match reusable {
        Some(h) => h,
        None => Held {
            conn: db.acquire().await?,
            used: Instant::now(),
        },
    };
    Ok(held.insert(h))
}

/// Drops the held connection without returning it to the pool (it may be broken).
fn discard(held: &mut Option<Held>) {
    if let Some(mut h) = held.take() {
        h.conn.close_on_drop();
    }
}

async fn flush(db: &PgPool, held: &mut Option<Held>, batch: Vec<(NewUpload, Reply)>) {
    let (rows, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
    let started = Instant::now();
    let result = match connection(db, held).await {
        Ok(h) => {
            let done = uploads::insert_batch(&mut *h.conn, &rows).await;
            h.used = Instant::now();
            done
        }
        Err(e) => Err(e),
    };
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
            // A row the database refused leaves the connection usable; anything else (I/O, a
            // restarted server) may not have.
            if !matches!(e, sqlx::Error::Database(_)) {
                discard(held);
            }
            tracing::warn!(error = %e, rows = rows.len(), "batched upload insert failed; retrying rows one by one");
            for (row, reply) in rows.iter().zip(replies) {
                let one = uploads::insert_batch(db, std::slice::from_ref(row)).await.map(|_| ());
                let _ = reply.send(one);
            }
        }
    }
}
