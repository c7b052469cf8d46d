//! Requests waiting for on-demand transforms.
//!
//! On a cache miss the first request for a (file, transform) in this process enqueues the
//! `transform` job; concurrent requests for the same variant join its wait instead of enqueuing
//! again (across processes, the worker's advisory lock makes the second job a no-op). Workers
//! announce outcomes with NOTIFY on `TRANSFORM_DONE_CHANNEL`; [`TransformWaiters::heard`]
//! wakes the waiters. Waiters also re-check the table every second, so a lost notification
//! (listener reconnecting) costs latency, not correctness.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use carcosa_common::domain::FileId;
use carcosa_common::jobs::{TransformDone, TransformOutcome};
use tokio::sync::watch;

use crate::listen::Heard;

/// `None` while pending; then how the job ended.
pub type Outcome = Option<TransformOutcome>;

type Key = (FileId, String);

/// Entries older than this are considered abandoned (their job may be lost); the next request
/// enqueues again.
const STALE_AFTER: Duration = Duration::from_secs(30);
/// Above this many pending entries, abandoned ones are pruned on the next join.
const PRUNE_ABOVE: usize = 4096;

struct Pending {
    outcome: watch::Sender<Outcome>,
    since: Instant,
}

/// In-process registry of pending transforms.
#[derive(Clone, Default)]
pub struct TransformWaiters {
    pending: Arc<Mutex<HashMap<Key, Pending>>>,
}

impl TransformWaiters {
    /// Joins the wait for a variant. The boolean is true when the caller is first and must
    /// enqueue the job.
    pub fn join(&self, file: FileId, transform: &str) -> (watch::Receiver<Outcome>, bool) {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        if pending.len() > PRUNE_ABOVE {
            pending.retain(|_, p| p.since.elapsed() < STALE_AFTER);
        }
        let key = (file, transform.to_owned());
        if let Some(p) = pending.get(&key)
            && p.since.elapsed() < STALE_AFTER
        {
            return (p.outcome.subscribe(), false);
        }
        let (tx, rx) = watch::channel(None);
        pending.insert(
            key,
            Pending {
                outcome: tx,
                since: Instant::now(),
            },
        );
        (rx, true)
    }

    /// Forgets a variant's wait without an outcome (its job could not be enqueued).
    pub fn abandon(&self, file: FileId, transform: &str) {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        pending.remove(&(file, transform.to_owned()));
    }

    /// Delivers an outcome to everyone waiting for it.
    pub fn finish(&self, done: TransformDone) {
        let entry = {
            let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
            pending.remove(&(done.file_id, done.transform))
        };
        if let Some(p) = entry {
            p.outcome.send_replace(Some(done.outcome));
        }
    }

    /// Wakes the waiters of an announced outcome (see [`crate::listen`]). While the listener
    /// is disconnected waiters fall back to polling the table.
    pub fn heard(&self, heard: &Heard<'_>) {
        if let Heard::Notification(n) = heard {
            match TransformDone::parse(n.payload()) {
                Some(done) => self.finish(done),
                None => tracing::warn!(payload = n.payload(), "unreadable transform notification"),
            }
        }
    }
}
