//! Live progress events: one typed enum, serialized as JSON with a `type` tag, an event id and a
//! per-upload sequence number, published after the row change commits.
//!
//! Sequence numbers follow the lifecycle, so they are monotonic per upload without any shared
//! counter: `pending` 1, `verifying` 2, `processing` 3 + steps done, terminal states 50,
//! `file.deleted` 60. A client that reconnects with `since = n` is sent the current state if it
//! is newer than `n` (it is rebuilt from the rows: see [`current_state`]).
//!
//! Transport ([`Bus`]): Redis `PUBLISH` on `carcosa:events:{project}` when Redis is configured; an
//! in-process broadcast for single-process `carcosa dev`; or nothing (logged loudly at start).
//! Publishing never fails the caller: the row is the truth, events are a courtesy. An event that
//! could not be published (Redis away, or within the pause after a failure) is kept — the
//! newest per upload, up to [`MAX_HELD`] — and published once Redis takes events again, so a
//! subscriber whose API process never lost Redis still gets it (the chaos soak found that
//! otherwise a state reached during a Redis restart never reached such a subscriber).

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, Weak};

use chrono::{DateTime, Utc};
use redis::AsyncCommands as _;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use serde::{Deserialize, Serialize};
use sqlx::PgExecutor;
use tokio::sync::broadcast;
use uuid::Uuid;

use crate::domain::{FailureReason, FileId, ProjectId, TenantId, UploadId, UploadStatus};

/// Redis channel prefix; the project id follows.
pub const CHANNEL_PREFIX: &str = "carcosa:events:";

/// Postgres channel on which a trigger announces, inside the committing transaction, every upload
/// that reached a terminal state or lost its file; payload `<upload id> <seq>`.
pub const SETTLED_CHANNEL: &str = "carcosa_upload_settled";

/// Reads a [`SETTLED_CHANNEL`] payload.
pub fn parse_settled(payload: &str) -> Option<(UploadId, u32)> {
    let (id, seq) = payload.split_once(' ')?;
    Some((id.parse().ok()?, seq.parse().ok()?))
}

/// Sequence number of terminal upload states (`ready`, `failed`, `expired`).
pub const TERMINAL_SEQ: u32 = 50;

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Event {
    /// Unique id (UUIDv7).
    pub id: Uuid,
    /// Per-upload sequence number.
    pub seq: u32,
    /// Project.
    pub project: ProjectId,
    /// Tenant, if the upload has one.
    pub tenant: Option<TenantId>,
    /// The upload.
    pub upload_id: UploadId,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// A variant as events show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EventVariant {
    /// Canonical transform.
    pub transform: String,
    /// Pixel width.
    pub width: Option<i32>,
    /// Pixel height.
    pub height: Option<i32>,
    /// Bytes.
    pub size: i64,
}

/// What happened, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type")]
pub enum EventKind {
    /// A presigned URL was issued.
    #[serde(rename = "upload.pending")]
    Pending,
    /// The client called complete; a worker is verifying.
    #[serde(rename = "upload.verifying")]
    Verifying,
    /// Verified; derived files are being made (`step` `variants`, `done` of `total`).
    #[serde(rename = "upload.processing")]
    Processing {
        /// Which step.
        step: String,
        /// Units done.
        done: u32,
        /// Units in all.
        total: u32,
    },
    /// Done: the file and its variants.
    #[serde(rename = "upload.ready")]
    Ready {
        /// The file.
        file_id: FileId,
        /// Its variants.
        variants: Vec<EventVariant>,
    },
    /// Refused or gave up, with the upload's reason code.
    #[serde(rename = "upload.failed")]
    Failed {
        /// `type_mismatch`, `corrupt_image`, …
        reason: FailureReason,
    },
    /// Never completed; swept.
    #[serde(rename = "upload.expired")]
    Expired,
    /// The file was deleted.
    #[serde(rename = "file.deleted")]
    FileDeleted {
        /// The file.
        file_id: FileId,
    },
}

impl EventKind {
    /// The sequence number this kind carries (see the module docs).
    pub fn seq(&self) -> u32 {
        match self {
            Self::Pending => 1,
            Self::Verifying => 2,
            Self::Processing { done, .. } => 3 + (*done).min(40),
            Self::Ready { .. } | Self::Failed { .. } | Self::Expired => TERMINAL_SEQ,
            Self::FileDeleted { .. } => 60,
        }
    }
}

impl Event {
    /// A new event, stamped now.
    pub fn new(project: ProjectId, tenant: Option<TenantId>, upload_id: UploadId, kind: EventKind) -> Self {
        Self {
            id: Uuid::now_v7(),
            seq: kind.seq(),
            project,
            tenant,
            upload_id,
            at: Utc::now(),
            kind,
        }
    }

    /// The Redis channel it is published on.
    pub fn channel(&self) -> String {
        format!("{CHANNEL_PREFIX}{}", self.project)
    }
}

/// Where events go.
#[derive(Clone)]
pub enum Bus {
    /// Redis pub/sub: every API replica sees every event.
    Redis {
        /// One multiplexed connection for `PUBLISH`, reconnected in the background when it
        /// breaks; concurrent publishes are pipelined on it. (A pooled connection cost an
        /// `UNWATCH` + `PING` round trip on every checkout — deadpool-redis' recycle check — so
        /// every presign made two Redis round trips instead of one.)
        conn: ConnectionManager,
        /// For subscribers, which need a dedicated connection.
        url: Arc<str>,
        /// After a failed publish, events are held without trying until this instant (ms
        /// since the Unix epoch), so a dead or black-holed Redis cannot slow jobs down.
        skip_until_ms: Arc<AtomicI64>,
        /// Events not published yet: the newest per upload.
        held: Arc<Mutex<HashMap<UploadId, Event>>>,
    },
    /// One process (`carcosa dev`): API and worker share this channel.
    Local(broadcast::Sender<Arc<Event>>),
    /// No live progress.
    Off,
}

impl Bus {
    /// A Redis bus for `url` (connections are made lazily).
    ///
    /// Inside a Tokio runtime it also starts the task that publishes held events once Redis is
    /// back (every [`RETRY_HELD_EVERY`], until the last clone of the bus is dropped).
    pub fn redis(url: &str) -> redis::RedisResult<Self> {
        let conn = redis_connection(url, PUBLISH_BUDGET)?;
        let held = Arc::new(Mutex::new(HashMap::new()));
        let skip_until_ms = Arc::new(AtomicI64::new(0));
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(retry_held(conn.clone(), Arc::downgrade(&held), skip_until_ms.clone()));
        }
        Ok(Self::Redis {
            conn,
            url: url.into(),
            skip_until_ms,
            held,
        })
    }

    /// An in-process bus.
    pub fn local() -> Self {
        Self::Local(broadcast::channel(4096).0)
    }

    /// Publishes; failures are logged, never returned.
    pub async fn publish(&self, event: Event) {
        match self {
            Self::Off => {}
            Self::Local(tx) => {
                let _ = tx.send(Arc::new(event));
            }
            Self::Redis {
                conn,
                skip_until_ms,
                held,
                ..
            } => {
                let now = Utc::now().timestamp_millis();
                if now < skip_until_ms.load(Ordering::Relaxed) {
                    hold(held, event);
                    return;
                }
                // Held events go out from the retry task, never on a caller's time.
                match send(conn, &event).await {
                    Ok(()) => {}
                    Err(failure) => {
                        skip_until_ms.store(now + 1000, Ordering::Relaxed);
                        tracing::warn!(
                            error = %failure,
                            upload.id = %event.upload_id,
                            "event not published; holding events, retrying in 1 s"
                        );
                        hold(held, event);
                    }
                }
            }
        }
    }
}

/// Events held per process at most; past this, the oldest are dropped (with a warning) —
/// subscribers still get those states when they resubscribe.
pub const MAX_HELD: usize = 10_000;
/// How often held events are retried when nothing else is published.
pub const RETRY_HELD_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// One multiplexed Redis connection to `url`, made on first use and remade in the background
/// when it breaks; a connect or an answer waits at most `budget`. Shared by the event bus and
/// the rate limiter, which both measured a pooled connection's per-checkout round trip.
pub fn redis_connection(url: &str, budget: std::time::Duration) -> redis::RedisResult<ConnectionManager> {
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(budget))
        .set_response_timeout(Some(budget))
        .set_number_of_retries(1);
    ConnectionManager::new_lazy_with_config(redis::Client::open(url)?, config)
}

/// The most one publish waits for Redis.
const PUBLISH_BUDGET: std::time::Duration = std::time::Duration::from_secs(1);

async fn send(conn: &ConnectionManager, event: &Event) -> Result<(), String> {
    let json = serde_json::to_string(event).map_err(|e| e.to_string())?;
    let mut conn = conn.clone();
    let sent = async {
        conn.publish::<_, _, i64>(event.channel(), json)
            .await
            .map_err(|e| e.to_string())
    };
    match tokio::time::timeout(PUBLISH_BUDGET, sent).await {
        Ok(result) => result.map(|_| ()),
        Err(_) => Err("Redis timed out".to_owned()),
    }
}

/// Keeps `event` for later, unless a newer one of its upload is already kept.
fn hold(held: &Mutex<HashMap<UploadId, Event>>, event: Event) {
    let Ok(mut held) = held.lock() else { return };
    if held.get(&event.upload_id).is_some_and(|e| e.seq >= event.seq) {
        return;
    }
    if held.len() >= MAX_HELD && !held.contains_key(&event.upload_id) {
        let oldest = held.values().min_by_key(|e| e.at).map(|e| e.upload_id);
        if let Some(oldest) = oldest {
            held.remove(&oldest);
            tracing::warn!(upload.id = %oldest, "too many events held while Redis is away; dropping the oldest");
        }
    }
    held.insert(event.upload_id, event);
}

/// Publishes what is held, oldest first; stops (keeping the rest) at the first failure.
async fn publish_held(conn: &ConnectionManager, held: &Mutex<HashMap<UploadId, Event>>, skip_until_ms: &AtomicI64) {
    let mut batch: Vec<Event> = match held.lock() {
        Ok(mut h) => h.drain().map(|(_, e)| e).collect(),
        Err(_) => return,
    };
    batch.sort_by_key(|e| e.at);
    let total = batch.len();
    let mut rest = batch.into_iter();
    for event in rest.by_ref() {
        if let Err(failure) = send(conn, &event).await {
            skip_until_ms.store(Utc::now().timestamp_millis() + 1000, Ordering::Relaxed);
            tracing::debug!(error = %failure, "held events not published yet");
            hold(held, event);
            for e in rest {
                hold(held, e);
            }
            return;
        }
    }
    tracing::info!(events = total, "events held while Redis was away are published");
}

/// Retries held events every [`RETRY_HELD_EVERY`] until the bus is gone.
async fn retry_held(
    conn: ConnectionManager,
    held: Weak<Mutex<HashMap<UploadId, Event>>>,
    skip_until_ms: Arc<AtomicI64>,
) {
    loop {
        tokio::time::sleep(RETRY_HELD_EVERY).await;
        let Some(held) = held.upgrade() else { return };
        let pending = held.lock().is_ok_and(|h| !h.is_empty());
        if pending && Utc::now().timestamp_millis() >= skip_until_ms.load(Ordering::Relaxed) {
            publish_held(&conn, &held, &skip_until_ms).await;
        }
    }
}

/// The upload's current state as an event, rebuilt from the rows (for late subscribers,
/// reconnects and publishers): `file.deleted` once a ready upload's file was deleted. `None` if
/// there is no such upload (in `project`, when given).
pub async fn current_state(
    db: impl PgExecutor<'_> + Copy,
    project: Option<ProjectId>,
    upload: UploadId,
) -> sqlx::Result<Option<Event>> {
    let row = sqlx::query!(
        r#"SELECT u.status AS "status: UploadStatus", u.failure_reason AS "failure_reason: FailureReason",
                  u.project_id AS "project_id: ProjectId",
                  u.tenant_id AS "tenant_id: TenantId", u.updated_at, f.id AS "file_id?: FileId",
                  u.deleted_file_id AS "deleted_file_id: FileId"
           FROM uploads u LEFT JOIN files f ON f.upload_id = u.id
           WHERE u.id = $1 AND ($2::uuid IS NULL OR u.project_id = $2)"#,
        upload.0,
        project.map(|p| p.0)
    )
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let kind = match row.status {
        UploadStatus::Pending => EventKind::Pending,
        UploadStatus::Verifying => EventKind::Verifying,
        UploadStatus::Processing => EventKind::Processing {
            step: "variants".into(),
            done: 0,
            total: 0,
        },
        UploadStatus::Ready => {
            let Some(file_id) = row.file_id else {
                return Ok(row.deleted_file_id.map(|file_id| {
                    let mut event = Event::new(
                        row.project_id,
                        row.tenant_id,
                        upload,
                        EventKind::FileDeleted { file_id },
                    );
                    event.at = row.updated_at;
                    event
                }));
            };
            let variants = crate::db::variants::list(db, file_id)
                .await?
                .into_iter()
                .map(|v| EventVariant {
                    transform: v.transform,
                    width: v.width,
                    height: v.height,
                    size: v.size,
                })
                .collect();
            EventKind::Ready { file_id, variants }
        }
        UploadStatus::Failed => EventKind::Failed {
            // The row's check constraint makes a failed upload carry a reason.
            reason: row.failure_reason.unwrap_or(FailureReason::VerificationError),
        },
        UploadStatus::Expired => EventKind::Expired,
    };
    let mut event = Event::new(row.project_id, row.tenant_id, upload, kind);
    event.at = row.updated_at;
    Ok(Some(event))
}

impl Bus {
    /// Publishes the upload's state as the rows now say it (call after the change committed).
    pub async fn announce(&self, db: &sqlx::PgPool, upload: UploadId) {
        if matches!(self, Self::Off) {
            return;
        }
        match current_state(db, None, upload).await {
            Ok(Some(event)) => self.publish(event).await,
            Ok(None) => {}
            Err(e) => tracing::warn!(upload.id = %upload, error = %e, "event not published: state unreadable"),
        }
    }
}
