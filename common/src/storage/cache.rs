//! Storage clients per bucket, cached and invalidated by the bucket row's version.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};

use super::Storage;
use crate::crypto::{OpenError, Sealer};
use crate::db::buckets::BucketRow;
use crate::domain::BucketId;

/// Storage clients per bucket, built on first use from the bucket row's sealed credentials and
/// rebuilt when the row changes (its `updated_at` moves).
#[derive(Clone)]
pub struct StorageCache {
    sealer: Arc<Sealer>,
    clients: Arc<RwLock<ClientMap>>,
}

/// Clients by bucket, each with the row version it was built from.
type ClientMap = HashMap<BucketId, (DateTime<Utc>, Storage)>;

impl StorageCache {
    /// An empty cache opening credentials with `sealer`.
    pub fn new(sealer: Arc<Sealer>) -> Self {
        Self {
            sealer,
            clients: Arc::default(),
        }
    }

    /// The client for `bucket`.
    pub fn get(&self, bucket: &BucketRow) -> Result<Storage, OpenError> {
        if let Ok(map) = self.clients.read()
            && let Some((version, storage)) = map.get(&bucket.id)
            && *version == bucket.updated_at
        {
            return Ok(storage.clone());
        }
        let storage = Storage::new(&bucket.open_access(&self.sealer)?);
        if let Ok(mut map) = self.clients.write() {
            map.insert(bucket.id, (bucket.updated_at, storage.clone()));
        }
        Ok(storage)
    }

    /// The cached client for `id` if it was built from the row version `updated_at`.
    pub fn cached(&self, id: BucketId, updated_at: DateTime<Utc>) -> Option<Storage> {
        let map = self.clients.read().ok()?;
        map.get(&id)
            .filter(|(version, _)| *version == updated_at)
            .map(|(_, s)| s.clone())
    }

    /// The sealer, for callers that seal new credentials.
    pub fn sealer(&self) -> &Arc<Sealer> {
        &self.sealer
    }
}
