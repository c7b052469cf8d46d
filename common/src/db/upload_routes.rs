//! A project's named upload routes (see [`crate::domain::upload_routes`]).

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::ProjectId;
use crate::domain::upload_routes::{MetadataSchema, RouteRules};

/// A stored route.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadRoute {
    /// The route's name (`avatar`).
    pub name: String,
    /// Its rules.
    pub rules: RouteRules,
    /// When it was first pushed.
    pub created_at: DateTime<Utc>,
    /// When its rules last changed.
    pub updated_at: DateTime<Utc>,
}

/// A route as the API shows it: its name, its rules' fields and its times, side by side. (Not a
/// flattened [`RouteRules`]: that type refuses unknown fields as input, and its schema says so.)
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct UploadRouteView {
    /// The route's name (`avatar`).
    pub name: String,
    /// Accepted types.
    pub content_types: Vec<String>,
    /// Largest file, in bytes.
    pub max_file_size: i64,
    /// Files per request.
    pub max_files: i32,
    /// Presets made (`null`: all of the project's).
    pub presets: Option<Vec<String>>,
    /// Whether uploads must name a tenant.
    pub tenant_required: bool,
    /// The metadata schema.
    pub metadata: Option<MetadataSchema>,
    /// When it was first pushed.
    pub created_at: DateTime<Utc>,
    /// When its rules last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<UploadRoute> for UploadRouteView {
    fn from(r: UploadRoute) -> Self {
        Self {
            name: r.name,
            content_types: r.rules.content_types,
            max_file_size: r.rules.max_file_size,
            max_files: r.rules.max_files,
            presets: r.rules.presets,
            tenant_required: r.rules.tenant_required,
            metadata: r.rules.metadata,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

struct Row {
    name: String,
    content_types: Vec<String>,
    max_file_size: i64,
    max_files: i32,
    presets: Option<Vec<String>>,
    tenant_required: bool,
    metadata_schema: Option<serde_json::Value>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<Row> for UploadRoute {
    fn from(r: Row) -> Self {
        // Stored schemas were validated on the way in; one that no longer parses (a newer
        // server's keyword) is treated as absent rather than failing every presign.
        let metadata = r
            .metadata_schema
            .and_then(|v| serde_json::from_value::<MetadataSchema>(v).ok());
        Self {
            name: r.name,
            rules: RouteRules {
                content_types: r.content_types,
                max_file_size: r.max_file_size,
                max_files: r.max_files,
                presets: r.presets,
                tenant_required: r.tenant_required,
                metadata,
            },
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The project's routes, by name.
pub async fn list(db: impl PgExecutor<'_>, project: ProjectId) -> sqlx::Result<Vec<UploadRoute>> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT name, content_types, max_file_size, max_files, presets, tenant_required, metadata_schema,
                  created_at, updated_at
           FROM upload_routes WHERE project_id = $1 ORDER BY name"#,
        project.0
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(UploadRoute::from).collect())
}

/// One route.
pub async fn get(db: impl PgExecutor<'_>, project: ProjectId, name: &str) -> sqlx::Result<Option<UploadRoute>> {
    let row = sqlx::query_as!(
        Row,
        r#"SELECT name, content_types, max_file_size, max_files, presets, tenant_required, metadata_schema,
                  created_at, updated_at
           FROM upload_routes WHERE project_id = $1 AND name = $2"#,
        project.0,
        name
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(UploadRoute::from))
}

/// Creates or replaces a route.
pub async fn upsert(
    db: impl PgExecutor<'_>,
    project: ProjectId,
    name: &str,
    rules: &RouteRules,
) -> sqlx::Result<UploadRoute> {
    let schema = rules
        .metadata
        .as_ref()
        .map(serde_json::to_value)
        .transpose()
        .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let row = sqlx::query_as!(
        Row,
        r#"INSERT INTO upload_routes (project_id, name, content_types, max_file_size, max_files, presets,
                                      tenant_required, metadata_schema)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (project_id, name) DO UPDATE SET
               content_types = EXCLUDED.content_types, max_file_size = EXCLUDED.max_file_size,
               max_files = EXCLUDED.max_files, presets = EXCLUDED.presets,
               tenant_required = EXCLUDED.tenant_required, metadata_schema = EXCLUDED.metadata_schema,
               updated_at = now()
           RETURNING name, content_types, max_file_size, max_files, presets, tenant_required, metadata_schema,
                     created_at, updated_at"#,
        project.0,
        name,
        &rules.content_types,
        rules.max_file_size,
        rules.max_files,
        rules.presets.as_deref(),
        rules.tenant_required,
        schema,
    )
    .fetch_one(db)
    .await?;
    Ok(row.into())
}

/// Deletes a route; true if it existed.
pub async fn delete(db: impl PgExecutor<'_>, project: ProjectId, name: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "DELETE FROM upload_routes WHERE project_id = $1 AND name = $2",
        project.0,
        name
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Locks the project's routes for a sync (concurrent pushes apply one after the other).
pub async fn lock(db: impl PgExecutor<'_>, project: ProjectId) -> sqlx::Result<()> {
    sqlx::query!(
        "SELECT pg_advisory_xact_lock(hashtextextended('carcosa.upload_routes:' || $1::text, 0))",
        project.0.to_string()
    )
    .execute(db)
    .await?;
    Ok(())
}
