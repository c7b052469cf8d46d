//! Tenants: the project's own customers, used to partition files and usage.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::{ProjectId, TenantId};

/// A tenant.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
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
           FROM tenants WHERE project_id = $1 AND slug = $2 AND deleted_at IS NULL"#,
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
           FROM tenants WHERE project_id = $1 AND deleted_at IS NULL ORDER BY slug"#,
        project.0
    )
    .fetch_all(db)
    .await
}

/// Removes a tenant: softly (kept, hidden, its slug unusable) when files or uploads point at it,
/// for good otherwise. `None` if there is no live tenant with that slug.
pub async fn delete(
    db: &mut sqlx::PgConnection,
    project: ProjectId,
    slug: &str,
) -> sqlx::Result<Option<(TenantId, bool)>> {
    let Some(t) = find(&mut *db, project, slug).await? else {
        return Ok(None);
    };
    let held = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM uploads WHERE tenant_id = $1) AS "held!""#,
        t.id.0
    )
    .fetch_one(&mut *db)
    .await?;
    if held {
        sqlx::query!("UPDATE tenants SET deleted_at = now() WHERE id = $1", t.id.0)
            .execute(&mut *db)
            .await?;
    } else {
        sqlx::query!("DELETE FROM tenants WHERE id = $1", t.id.0)
            .execute(&mut *db)
            .await?;
    }
    Ok(Some((t.id, held)))
}
