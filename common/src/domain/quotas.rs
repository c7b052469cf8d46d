//! Per-project quotas: how much a project may store and transform. `None` is unlimited.

use serde::Serialize;

/// A project's quotas (columns `quota_*` of `projects`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Quotas {
    /// Bytes of verified files the project may hold.
    pub max_stored_bytes: Option<i64>,
    /// Number of files the project may hold.
    pub max_files: Option<i64>,
    /// On-demand transforms per calendar month (UTC).
    pub max_transforms_per_month: Option<i64>,
}

/// Which quota a request would break, with the numbers to show the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuotaExceeded {
    /// Storing `adding` more bytes would exceed the cap.
    #[error("storing {adding} more bytes would exceed the project's quota of {limit} stored bytes ({used} in use)")]
    StoredBytes {
        /// The cap.
        limit: i64,
        /// In use now.
        used: i64,
        /// What the request adds.
        adding: i64,
    },
    /// The project holds as many files as it may.
    #[error("the project already holds {used} files, its quota is {limit}")]
    Files {
        /// The cap.
        limit: i64,
        /// In use now.
        used: i64,
    },
    /// The month's transforms are used up.
    #[error(
        "the project has made {used} on-demand transforms this month, its quota is {limit}; it resets on the 1st (UTC)"
    )]
    Transforms {
        /// The cap.
        limit: i64,
        /// Used this month.
        used: i64,
    },
}

impl Quotas {
    /// Whether a presign must look at the stored totals at all.
    pub fn limits_storage(&self) -> bool {
        self.max_stored_bytes.is_some() || self.max_files.is_some()
    }

    /// Checks one more file of `size` bytes against what is stored (`files`, `bytes`).
    pub fn check_store(&self, files: i64, bytes: i64, size: i64) -> Result<(), QuotaExceeded> {
        if let Some(limit) = self.max_files
            && files >= limit
        {
            return Err(QuotaExceeded::Files { limit, used: files });
        }
        if let Some(limit) = self.max_stored_bytes
            && bytes.saturating_add(size) > limit
        {
            return Err(QuotaExceeded::StoredBytes {
                limit,
                used: bytes,
                adding: size,
            });
        }
        Ok(())
    }

    /// Checks one more transform against `used` this month.
    pub fn check_transform(&self, used: i64) -> Result<(), QuotaExceeded> {
        match self.max_transforms_per_month {
            Some(limit) if used >= limit => Err(QuotaExceeded::Transforms { limit, used }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlimited_allows_everything() {
        let q = Quotas::default();
        assert!(!q.limits_storage());
        assert!(q.check_store(i64::MAX, i64::MAX, i64::MAX).is_ok());
        assert!(q.check_transform(i64::MAX).is_ok());
    }

    #[test]
    fn limits_are_inclusive_of_the_cap() {
        let q = Quotas {
            max_stored_bytes: Some(100),
            max_files: Some(2),
            max_transforms_per_month: Some(3),
        };
        assert!(q.check_store(1, 40, 60).is_ok());
        assert!(matches!(
            q.check_store(1, 41, 60),
            Err(QuotaExceeded::StoredBytes { .. })
        ));
        assert!(matches!(
            q.check_store(2, 0, 1),
            Err(QuotaExceeded::Files { limit: 2, used: 2 })
        ));
        assert!(q.check_transform(2).is_ok());
        assert!(q.check_transform(3).is_err());
    }
}
