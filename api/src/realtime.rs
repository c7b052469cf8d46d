//! This process's live-progress fan-out: one subscription to the event bus (a Redis pattern
//! subscription on `carcosa:events:*`, or the in-process channel of `carcosa dev`) feeding a
//! broadcast channel that every WebSocket session reads and filters. A session that falls more
//! than [`SESSION_BACKLOG`] messages behind is closed rather than allowed to slow the others.
//!
//! When the Redis connection drops, the hub reconnects with backoff and, once subscribed again,
//! tells every session to resync (they re-send the current state of their uploads from the rows).
//!
//! Events reach Redis only after their change commits, from whichever process made it; a process
//! that dies in between takes the event with it. So the hub also listens on Postgres for uploads
//! that settled (the `carcosa_upload_settled` NOTIFY, sent inside the committing transaction) and,
//! when no terminal event for one arrived through the bus within [`SETTLED_GRACE`], reads its
//! state from the rows and hands that to the sessions itself. Subscribers therefore learn how every
//! upload ended as long as their own API process lives, whoever made the change.
//!
//! The hub also knows which API key every session was opened with (directly, or through the
//! realtime token it minted). When keys change ([`Hub::check_keys`], run on every auth-change
//! notification and whenever that listener reconnects) it asks Postgres which of those keys can
//! no longer be used and tells their sessions to close with 4401.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ws::Utf8Bytes;
use carcosa_common::db::api_keys;
use carcosa_common::domain::{ApiKeyId, UploadId};
use carcosa_common::events::{self, Bus, CHANNEL_PREFIX, Event, TERMINAL_SEQ};
use futures::StreamExt as _;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

/// Messages a session can fall behind by before it is dropped.
pub const SESSION_BACKLOG: usize = 4096;

/// How long a settled upload's event is awaited from the bus before the hub reads the state
/// from the rows instead.
pub const SETTLED_GRACE: Duration = Duration::from_secs(2);
/// Uploads whose terminal event the hub remembers having dispatched.
const RECENT_TERMINAL: usize = 65_536;

/// The last `seq` seen per upload, for the newest `capacity` uploads (the oldest are forgotten
/// first).
pub struct Delivered {
    last: HashMap<UploadId, u32>,
    order: VecDeque<UploadId>,
    capacity: usize,
}

impl Delivered {
    pub fn new(capacity: usize) -> Self {
        Self {
            last: HashMap::new(),
            order: VecDeque::new(),
            capacity,
        }
    }

    /// Whether `event` is news (its seq is above the last one seen for its upload); if so, it is
    /// recorded.
    pub fn admit(&mut self, event: &Event) -> bool {
        match self.last.get_mut(&event.upload_id) {
            Some(last) if *last >= event.seq => false,
            Some(last) => {
                *last = event.seq;
                true
            }
            None => {
                if self.order.len() >= self.capacity
                    && let Some(oldest) = self.order.pop_front()
                {
                    self.last.remove(&oldest);
                }
                self.order.push_back(event.upload_id);
                self.last.insert(event.upload_id, event.seq);
                true
            }
        }
    }

    /// Whether an event of `upload` with at least `seq` was seen.
    pub fn seen(&self, upload: UploadId, seq: u32) -> bool {
        self.last.get(&upload).is_some_and(|last| *last >= seq)
    }
}

/// What the hub hands sessions.
#[derive(Debug, Clone)]
pub enum HubMsg {
    /// An event and its JSON, serialized once and shared by every session (cloning it only
    /// counts a reference; no session copies the text).
    Event(Arc<Event>, Utf8Bytes),
    /// Events may have been missed: re-read the current state.
    Resync,
    /// These keys were revoked, expired or deleted: their sessions must close.
    KeysRevoked(Arc<HashSet<ApiKeyId>>),
}

/// The fan-out.
#[derive(Clone)]
pub struct Hub {
    tx: broadcast::Sender<HubMsg>,
    sessions: Arc<AtomicUsize>,
    /// Open sessions per API key.
    keys: Arc<Mutex<HashMap<ApiKeyId, usize>>>,
    /// Terminal events dispatched lately (so the settled fallback skips what the bus delivered).
    terminal: Arc<Mutex<Delivered>>,
    /// Cancelled when the server shuts down; sessions close with 1001.
    pub closing: CancellationToken,
}

impl Default for Hub {
    fn default() -> Self {
        Self {
            tx: broadcast::channel(SESSION_BACKLOG).0,
            sessions: Arc::new(AtomicUsize::new(0)),
            keys: Arc::default(),
            terminal: Arc::new(Mutex::new(Delivered::new(RECENT_TERMINAL))),
            closing: CancellationToken::new(),
        }
    }
}

/// Counts a session (and its key) while it lives.
pub struct SessionGuard {
    sessions: Arc<AtomicUsize>,
    keys: Arc<Mutex<HashMap<ApiKeyId, usize>>>,
    key: Option<ApiKeyId>,
}

impl Drop for SessionGuard {
    fn drop(&mut self) {
        self.sessions.fetch_sub(1, Ordering::Relaxed);
        metrics::gauge!("carcosa_ws_sessions").decrement(1.0);
        let Some(key) = self.key else { return };
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = keys.get_mut(&key) {
            *n -= 1;
            if *n == 0 {
                keys.remove(&key);
            }
        }
    }
}

impl Hub {
    /// A receiver for a new session opened with `key` (`None`: a dashboard session's socket,
    /// which ends with its token), and its guard.
    pub fn join(&self, key: Option<ApiKeyId>) -> (broadcast::Receiver<HubMsg>, SessionGuard) {
        self.sessions.fetch_add(1, Ordering::Relaxed);
        metrics::gauge!("carcosa_ws_sessions").increment(1.0);
        if let Some(key) = key {
            *self
                .keys
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .entry(key)
                .or_default() += 1;
        }
        let guard = SessionGuard {
            sessions: self.sessions.clone(),
            keys: self.keys.clone(),
            key,
        };
        (self.tx.subscribe(), guard)
    }

    /// Closes the sessions of every key that can no longer be used. One query for all open
    /// sessions' keys, however many sessions there are.
    pub async fn check_keys(&self, db: &sqlx::PgPool) {
        let open: Vec<ApiKeyId> = self
            .keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .keys()
            .copied()
            .collect();
        if open.is_empty() {
            return;
        }
        match api_keys::unusable_among(db, &open).await {
            Ok(gone) if gone.is_empty() => {}
            Ok(gone) => {
                tracing::info!(keys = gone.len(), "closing WebSocket sessions of revoked keys");
                let _ = self.tx.send(HubMsg::KeysRevoked(Arc::new(gone.into_iter().collect())));
            }
            Err(e) => tracing::warn!(error = %e, "could not check the keys of WebSocket sessions"),
        }
    }

    /// Open WebSocket sessions.
    pub fn sessions(&self) -> usize {
        self.sessions.load(Ordering::Relaxed)
    }

    fn dispatch(&self, event: Event) {
        if event.seq >= TERMINAL_SEQ {
            self.terminal.lock().unwrap_or_else(|p| p.into_inner()).admit(&event);
        }
        if let Ok(json) = serde_json::to_string(&event) {
            let _ = self.tx.send(HubMsg::Event(Arc::new(event), json.into()));
        }
    }

    /// Feeds the hub from `bus` until `shutdown`.
    pub async fn run(self, bus: Bus, shutdown: CancellationToken) {
        match bus {
            Bus::Off => {}
            Bus::Local(tx) => {
                let mut rx = tx.subscribe();
                loop {
                    tokio::select! {
                        () = shutdown.cancelled() => return,
                        got = rx.recv() => match got {
                            Ok(event) => self.dispatch((*event).clone()),
                            Err(broadcast::error::RecvError::Lagged(_)) => { let _ = self.tx.send(HubMsg::Resync); }
                            Err(broadcast::error::RecvError::Closed) => return,
                        },
                    }
                }
            }
            Bus::Redis { url, .. } => self.run_redis(&url, shutdown).await,
        }
    }

    async fn run_redis(&self, url: &str, shutdown: CancellationToken) {
        let mut backoff = Duration::from_millis(100);
        let mut first = true;
        loop {
            let connected = async {
                let client = deadpool_redis::redis::Client::open(url)?;
                let mut pubsub = client.get_async_pubsub().await?;
                pubsub.psubscribe(format!("{CHANNEL_PREFIX}*")).await?;
                Ok::<_, deadpool_redis::redis::RedisError>(pubsub)
            };
            let pubsub = tokio::select! {
                () = shutdown.cancelled() => return,
                c = connected => c,
            };
            match pubsub {
                Ok(mut pubsub) => {
                    if first {
                        tracing::info!("live progress: subscribed to Redis");
                    } else {
                        tracing::info!("live progress: Redis is back; sessions resync");
                        let _ = self.tx.send(HubMsg::Resync);
                    }
                    first = false;
                    backoff = Duration::from_millis(100);
                    let mut messages = pubsub.on_message();
                    loop {
                        tokio::select! {
                            () = shutdown.cancelled() => return,
                            msg = messages.next() => match msg {
                                Some(msg) => {
                                    let payload: String = msg.get_payload().unwrap_or_default();
                                    match serde_json::from_str::<Event>(&payload) {
                                        Ok(event) => self.dispatch(event),
                                        Err(e) => tracing::warn!(error = %e, "unreadable event on Redis"),
                                    }
                                }
                                None => break,
                            },
                        }
                    }
                    tracing::warn!("live progress: Redis subscription lost; reconnecting");
                }
                Err(e) => {
                    tracing::warn!(error = %e, retry_in_ms = backoff.as_millis() as u64, "live progress: Redis unreachable")
                }
            }
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = tokio::time::sleep(backoff) => {}
            }
            backoff = (backoff * 2).min(Duration::from_secs(5));
        }
    }

    /// The settled fallback (see the module docs) until `shutdown`: listens for settled uploads
    /// and, [`SETTLED_GRACE`] after each, dispatches its state from the rows unless the bus
    /// already delivered it. When the listener reconnects, sessions resync (notifications sent
    /// meanwhile were missed).
    pub async fn run_settled(self, db: sqlx::PgPool, shutdown: CancellationToken) {
        enum Heard {
            Settled(UploadId, u32, Instant),
            Reconnected,
        }
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut first = true;
        tokio::spawn(crate::listen::run(
            db.clone(),
            &[events::SETTLED_CHANNEL],
            "settled uploads",
            shutdown.clone(),
            move |heard| match heard {
                crate::listen::Heard::Connected => {
                    if !std::mem::take(&mut first) {
                        let _ = tx.send(Heard::Reconnected);
                    }
                }
                crate::listen::Heard::Lost => {}
                crate::listen::Heard::Notification(n) => match events::parse_settled(n.payload()) {
                    Some((upload, seq)) => {
                        let _ = tx.send(Heard::Settled(upload, seq, Instant::now()));
                    }
                    None => tracing::warn!(payload = n.payload(), "unreadable settled notification"),
                },
            },
        ));
        loop {
            let heard = tokio::select! {
                () = shutdown.cancelled() => return,
                heard = rx.recv() => match heard {
                    Some(heard) => heard,
                    None => return,
                },
            };
            let (upload, seq, at) = match heard {
                Heard::Reconnected => {
                    let _ = self.tx.send(HubMsg::Resync);
                    continue;
                }
                Heard::Settled(upload, seq, at) => (upload, seq, at),
            };
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = tokio::time::sleep_until((at + SETTLED_GRACE).into()) => {}
            }
            let delivered = self
                .terminal
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .seen(upload, seq);
            if delivered || self.sessions() == 0 {
                continue;
            }
            match events::current_state(&db, None, upload).await {
                Ok(Some(event)) => {
                    metrics::counter!("carcosa_ws_settled_fallbacks_total").increment(1);
                    tracing::debug!(upload.id = %upload, "settled upload's event not heard on the bus; sent from the rows");
                    self.dispatch(event);
                }
                Ok(None) => {}
                Err(e) => {
                    // The rows are unreadable: the listener will reconnect and sessions resync.
                    tracing::warn!(upload.id = %upload, error = %e, "settled upload's state unreadable");
                }
            }
        }
    }
}
