//! Variants: derived images of a file (presets at upload, on-demand transforms later), one row
//! per (file, canonical transform).

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::domain::FileId;

/// A stored variant.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Canonical transform (e.g. `w256-h256-cover-q80.webp`).
    pub transform: String,
    /// Object key.
    pub object_key: String,
    /// Encoding (`webp`, `jpg`, `png`).
    pub format: String,
    /// Bytes.
    pub size: i64,
    /// Pixel width.
    pub width: Option<i32>,
    /// Pixel height.
    pub height: Option<i32>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// Fields of a new variant.
#[derive(Debug)]
pub struct NewVariant<'a> {
    /// The file it derives from.
    pub file: FileId,
    /// Canonical transform.
    pub transform: &'a str,
    /// Object key.
    pub object_key: &'a str,
    /// Encoding.
    pub format: &'a str,
    /// Bytes.
    pub size: i64,
    /// Pixel width.
    pub width: i32,
    /// Pixel height.
    pub height: i32,
}

/// Records a variant; producing the same one again (a retried job) overwrites the row.
pub async fn upsert(db: impl PgExecutor<'_>, v: &NewVariant<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO variants (id, file_id, transform, object_key, format, size, width, height)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (file_id, transform) DO UPDATE
           SET object_key = EXCLUDED.object_key, format = EXCLUDED.format, size = EXCLUDED.size,
               width = EXCLUDED.width, height = EXCLUDED.height"#,
        uuid::Uuid::now_v7(),
        v.file.0,
        v.transform,
        v.object_key,
        v.format,
        v.size,
        v.width,
        v.height
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A file's variants, by transform.
pub async fn list(db: impl PgExecutor<'_>, file: FileId) -> sqlx::Result<Vec<Variant>> {
    sqlx::query_as!(
        Variant,
        r#"SELECT transform, object_key, format, size, width, height, created_at
           FROM variants WHERE file_id = $1 ORDER BY transform"#,
        file.0
    )
    .fetch_all(db)
    .await
}
