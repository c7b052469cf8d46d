//! Raw usage events, written where the thing happens (in the same transaction); a later roll-up
//! folds them into `usage_daily`.

use sqlx::PgExecutor;

use crate::domain::{ProjectId, TenantId};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageKind {
    /// An upload was verified and became a file.
    UploadVerified,
    /// A file was deleted.
    FileDeleted,
}

impl UsageKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::UploadVerified => "upload_verified",
            Self::FileDeleted => "file_deleted",
        }
    }
}

/// Records one event of `bytes`.
pub async fn record(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    tenant: Option<TenantId>,
    kind: UsageKind,
    bytes: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO usage_events (project_id, tenant_id, kind, bytes) VALUES ($1, $2, $3, $4)",
        project.0,
        tenant.map(|t| t.0),
        kind.as_str(),
        bytes
    )
    .execute(db)
    .await?;
    Ok(())
}
