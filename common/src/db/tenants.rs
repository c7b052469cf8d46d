//! Tenants: the project's own customers, used to partition files and usage.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::{ProjectId, TenantId};

/// A tenant.
#[derive(Debug, Clone, Serialize)]
pub struct Tenant {
    /// Id.
    pub id: TenantId,
    /// Owning project.
    pub project_id: ProjectId,
    /// Unique within the project; what API callers pass.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// Inserts a tenant.
pub async fn create(db: impl PgExecutor<'_>, project: ProjectId, slug: &str, name: &str) -> sqlx::Result<Tenant> {
    sqlx::query_as!(
        Tenant,
        r#"INSERT INTO tenants (id, project_id, slug, name) VALUES ($1, $2, $3, $4)
           RETURNING id AS "id: TenantId", project_id AS "project_id: ProjectId", slug, name, created_at"#,
        TenantId::new().0,
        project.0,
        slug,
        name
    )
    .fetch_one(db)
    .await
}

/// A tenant by slug, scoped to the project.
pub async fn find(db: impl PgExecutor<'_>, project: ProjectId, slug: &str) -> sqlx::Result<Option<Tenant>> {
    sqlx::query_as!(
        Tenant,
        r#"SELECT id AS "id: TenantId", project_id AS "project_id: ProjectId", slug, name, created_at
           FROM tenants WHERE project_id = $1 AND slug = $2"#,
        project.0,
        slug
    )
    .fetch_optional(db)
    .await
}

/// A project's tenants.
pub async fn list(db: impl PgExecutor<'_>, project: ProjectId) -> sqlx::Result<Vec<Tenant>> {
    sqlx::query_as!(
        Tenant,
        r#"SELECT id AS "id: TenantId", project_id AS "project_id: ProjectId", slug, name, created_at
           FROM tenants WHERE project_id = $1 ORDER BY slug"#,
        project.0
    )
    .fetch_all(db)
    .await
}
