//! In-memory cache of API-key lookups (the key row joined with its project's scope, rules and
//! bucket version), so a request normally costs no authentication query.
//!
//! Correctness rests on invalidation, not on the TTL: a trigger (migration
//! `auth_change_notify`) sends `NOTIFY carcosa_auth_changed` whenever an API key, project, team
//! or bucket changes, and [`KeyCache::heard`] clears the cache on every notification. The cache
//! is only used while that listener is connected; if the connection drops, the cache is cleared
//! and bypassed until it is back. A generation counter stops a lookup that raced a clear from
//! re-inserting the stale row. The TTL is a backstop.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use carcosa_common::db::api_keys::AuthRow;
use chrono::Utc;

use crate::listen::Heard;

/// The channel the invalidation trigger notifies.
pub const CHANNEL: &str = "carcosa_auth_changed";
const TTL: Duration = Duration::from_secs(10);
const MAX_ENTRIES: usize = 10_000;

/// Shared, cheaply cloned cache of key lookups by public prefix.
#[derive(Clone, Default)]
pub struct KeyCache {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: RwLock<HashMap<String, (Instant, AuthRow)>>,
    /// True while the invalidation listener is connected and listening.
    live: AtomicBool,
    /// Bumped on every clear.
    generation: AtomicU64,
}

impl KeyCache {
    /// A fresh cached row for `prefix`, if caching is live.
    pub fn get(&self, prefix: &str) -> Option<AuthRow> {
        if !self.inner.live.load(Ordering::Acquire) {
            return None;
        }
        let entries = self.inner.entries.read().ok()?;
        entries
            .get(prefix)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, row)| row.clone())
    }

    /// The generation to pass to [`KeyCache::put`]; read it *before* querying the database.
    pub fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::Acquire)
    }

    /// Caches `row` unless a clear happened since `generation` was read (the row may be stale).
    pub fn put(&self, prefix: &str, row: AuthRow, generation: u64) {
        if !self.inner.live.load(Ordering::Acquire) {
            return;
        }
        if let Ok(mut entries) = self.inner.entries.write()
            && self.generation() == generation
        {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(prefix.to_owned(), (Instant::now(), row));
        }
    }

    /// Records that the key was just used, so `last_used_at` is not written again for a while.
    pub fn mark_used(&self, prefix: &str) {
        if let Ok(mut entries) = self.inner.entries.write()
            && let Some((_, row)) = entries.get_mut(prefix)
        {
            row.last_used_at = Some(Utc::now());
        }
    }

    /// Drops every entry.
    pub fn clear(&self) {
        if let Ok(mut entries) = self.inner.entries.write() {
            self.inner.generation.fetch_add(1, Ordering::AcqRel);
            entries.clear();
        }
    }

    fn set_live(&self, live: bool) {
        if !live {
            self.inner.live.store(false, Ordering::Release);
            self.clear();
        } else {
            self.clear();
            self.inner.live.store(true, Ordering::Release);
        }
    }

    /// Reacts to the invalidation listener (see [`crate::listen`]): caching is on only while
    /// it is connected, and every notification clears the cache.
    pub fn heard(&self, heard: &Heard<'_>) {
        match heard {
            Heard::Connected => self.set_live(true),
            Heard::Lost => self.set_live(false),
            Heard::Notification(_) => self.clear(),
        }
    }
}
