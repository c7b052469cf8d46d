//! This process's live-progress fan-out: one subscription to the event bus (a Redis pattern
//! subscription on `carcosa:events:*`, or the in-process channel of `carcosa dev`) feeding a
//! broadcast channel that every WebSocket session reads and filters. A session that falls more
//! than [`SESSION_BACKLOG`] messages behind is closed rather than allowed to slow the others.
//!
//! When the Redis connection drops, the hub reconnects with backoff and, once subscribed again,
//! tells every session to resync (they re-send the current state of their uploads from the rows).
//!
//! The hub also knows which API key every session was opened with (directly, or through the
//! realtime token it minted). When keys change ([`Hub::check_keys`], run on every auth-change
//! notification and whenever that listener reconnects) it asks Postgres which of those keys can
//! no longer be used and tells their sessions to close with 4401.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use carcosa_common::db::api_keys;
use carcosa_common::domain::ApiKeyId;
use carcosa_common::events::{Bus, CHANNEL_PREFIX, Event};
use futures::StreamExt as _;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

/// Messages a session can fall behind by before it is dropped.
pub const SESSION_BACKLOG: usize = 4096;

/// What the hub hands sessions.
#[derive(Debug, Clone)]
pub enum HubMsg {
    /// An event and its JSON (serialized once for every session).
    Event(Arc<Event>, Arc<str>),
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
    /// Cancelled when the server shuts down; sessions close with 1001.
    pub closing: CancellationToken,
}

impl Default for Hub {
    fn default() -> Self {
        Self {
            tx: broadcast::channel(SESSION_BACKLOG).0,
            sessions: Arc::new(AtomicUsize::new(0)),
            keys: Arc::default(),
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
}
