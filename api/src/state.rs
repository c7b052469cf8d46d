//! Shared state handed to every handler.

use std::sync::Arc;

use carcosa_common::db::buckets;
use carcosa_common::domain::BucketId;
use carcosa_common::storage::Storage;
use chrono::{DateTime, Utc};

use crate::auth::key_cache::KeyCache;
use crate::error::ApiError;
use crate::limits::Limiter;
use crate::realtime::Hub;
use crate::transform_waiters::TransformWaiters;
use crate::upload_writer::UploadWriter;
use carcosa_common::events::Bus;
use carcosa_common::password::Hasher;

use carcosa_common::Config;
use carcosa_common::crypto::Sealer;
use carcosa_common::storage::StorageCache;
use sqlx::PgPool;

/// What handlers need: the pool, the config, and bucket clients. One allocation shared by every
/// request: axum clones the state for each extractor and middleware layer, and cloning the
/// fields themselves (a dozen reference counts, twice per clone counting the drop) was ~3 % of
/// the API's CPU under a presign load.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The fields of [`AppState`], reached through it.
#[derive(Clone)]
pub struct Shared {
    /// Postgres pool (rows and job queues).
    pub db: PgPool,
    /// Loaded configuration.
    pub config: Arc<Config>,
    /// Per-bucket S3 clients.
    pub storage: StorageCache,
    /// Batched inserts for presigned uploads.
    pub uploads: UploadWriter,
    /// Cached API-key lookups (coherent while [`KeyCache::listen`] runs; `serve` starts it).
    pub keys: KeyCache,
    /// Requests waiting for on-demand transforms (woken while [`TransformWaiters::listen`] runs).
    pub transforms: TransformWaiters,
    /// Where live progress events go (off unless [`AppState::with_events`]).
    pub events: Bus,
    /// This process's WebSocket fan-out.
    pub realtime: Hub,
    /// Slots for transform responses being streamed (`transforms.max_concurrent_responses`).
    pub transform_responses: Arc<tokio::sync::Semaphore>,
    /// Rate-limit state: in-process unless the bus is Redis (then shared by every replica).
    pub limiter: Limiter,
    /// Password hashing, bounded per process.
    pub hasher: Hasher,
    /// Limiter subjects whose refusals were audited recently.
    pub limited_noted: crate::limits::Noted,
}

impl AppState {
    /// Builds state from a pool, the config and the credentials sealer. Must be called inside a
    /// Tokio runtime (it starts the upload writer tasks).
    pub fn new(db: PgPool, config: Arc<Config>, sealer: Arc<Sealer>) -> Self {
        Self(Arc::new(Shared {
            transform_responses: Arc::new(tokio::sync::Semaphore::new(config.transforms.max_concurrent_responses)),
            uploads: UploadWriter::start(db.clone()),
            limiter: if config.rate_limits.enabled {
                Limiter::local()
            } else {
                Limiter::Off
            },
            hasher: Hasher::new(config.auth.max_concurrent_hashes),
            limited_noted: crate::limits::Noted::default(),
            db,
            config,
            storage: StorageCache::new(sealer),
            keys: KeyCache::default(),
            transforms: TransformWaiters::default(),
            events: Bus::Off,
            realtime: Hub::default(),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// Publishes and receives live progress on `bus` (the hub subscribes when `serve` starts).
    /// With a Redis bus, rate limits move to that Redis too (shared by every replica).
    pub fn with_events(self, bus: Bus) -> Self {
        let mut shared = Arc::unwrap_or_clone(self.0);
        if let (Bus::Redis { url, .. }, true) = (&bus, shared.config.rate_limits.enabled) {
            match Limiter::redis(url) {
                Ok(limiter) => shared.limiter = limiter,
                Err(e) => tracing::error!(error = %e, "rate limits stay in-process: the Redis URL was refused"),
            }
        }
        shared.events = bus;
        Self(Arc::new(shared))
    }

    /// The S3 client for a bucket. With the row version the caller already holds (from the auth
    /// query) a warm client costs no query; otherwise the row is read.
    pub async fn storage_for(&self, id: BucketId, version: Option<DateTime<Utc>>) -> Result<Storage, ApiError> {
        if let Some(storage) = version.and_then(|v| self.storage.cached(id, v)) {
            return Ok(storage);
        }
        let row = buckets::get(&self.db, id)
            .await?
            .ok_or_else(|| ApiError::Internal(format!("bucket {id} referenced but missing").into()))?;
        Ok(self.storage.get(&row)?)
    }
}
