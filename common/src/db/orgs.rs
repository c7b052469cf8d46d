//! Organizations and teams (management only; the request path never reads them alone).

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::{OrgId, TeamId};

/// An organization.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Org {
    /// Id.
    pub id: OrgId,
    /// URL-safe unique name.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// A team.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Team {
    /// Id.
    pub id: TeamId,
    /// Owning organization.
    pub organization_id: OrgId,
    /// Unique within the organization.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// Inserts an organization.
pub async fn create_org(db: impl PgExecutor<'_>, slug: &str, name: &str) -> sqlx::Result<Org> {
    sqlx::query_as!(
        Org,
        r#"INSERT INTO organizations (id, slug, name) VALUES ($1, $2, $3)
           RETURNING id AS "id: OrgId", slug, name, created_at"#,
        OrgId::new().0,
        slug,
        name
    )
    .fetch_one(db)
    .await
}

/// All organizations, by slug.
pub async fn list_orgs(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Org>> {
    sqlx::query_as!(
        Org,
        r#"SELECT id AS "id: OrgId", slug, name, created_at FROM organizations ORDER BY slug"#
    )
    .fetch_all(db)
    .await
}

/// An organization by slug.
pub async fn find_org(db: impl PgExecutor<'_>, slug: &str) -> sqlx::Result<Option<Org>> {
    sqlx::query_as!(
        Org,
        r#"SELECT id AS "id: OrgId", slug, name, created_at FROM organizations WHERE slug = $1"#,
        slug
    )
    .fetch_optional(db)
    .await
}

/// Inserts a team.
pub async fn create_team(db: impl PgExecutor<'_>, org: OrgId, slug: &str, name: &str) -> sqlx::Result<Team> {
    sqlx::query_as!(
        Team,
        r#"INSERT INTO teams (id, organization_id, slug, name) VALUES ($1, $2, $3, $4)
           RETURNING id AS "id: TeamId", organization_id AS "organization_id: OrgId", slug, name, created_at"#,
        TeamId::new().0,
        org.0,
        slug,
        name
    )
    .fetch_one(db)
    .await
}

/// An organization's teams, by slug.
pub async fn list_teams(db: impl PgExecutor<'_>, org: OrgId) -> sqlx::Result<Vec<Team>> {
    sqlx::query_as!(
        Team,
        r#"SELECT id AS "id: TeamId", organization_id AS "organization_id: OrgId", slug, name, created_at
           FROM teams WHERE organization_id = $1 ORDER BY slug"#,
        org.0
    )
    .fetch_all(db)
    .await
}

/// A team by slug within an organization.
pub async fn find_team(db: impl PgExecutor<'_>, org: OrgId, slug: &str) -> sqlx::Result<Option<Team>> {
    sqlx::query_as!(
        Team,
        r#"SELECT id AS "id: TeamId", organization_id AS "organization_id: OrgId", slug, name, created_at
           FROM teams WHERE organization_id = $1 AND slug = $2"#,
        org.0,
        slug
    )
    .fetch_optional(db)
    .await
}

/// An organization by id.
pub async fn get_org(db: impl PgExecutor<'_>, id: OrgId) -> sqlx::Result<Option<Org>> {
    sqlx::query_as!(
        Org,
        r#"SELECT id AS "id: OrgId", slug, name, created_at FROM organizations WHERE id = $1"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// A team by id.
pub async fn get_team(db: impl PgExecutor<'_>, id: TeamId) -> sqlx::Result<Option<Team>> {
    sqlx::query_as!(
        Team,
        r#"SELECT id AS "id: TeamId", organization_id AS "organization_id: OrgId", slug, name, created_at
           FROM teams WHERE id = $1"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// Renames an organization.
pub async fn rename_org(db: impl PgExecutor<'_>, id: OrgId, name: &str) -> sqlx::Result<Org> {
    sqlx::query_as!(
        Org,
        r#"UPDATE organizations SET name = $2 WHERE id = $1 RETURNING id AS "id: OrgId", slug, name, created_at"#,
        id.0,
        name
    )
    .fetch_one(db)
    .await
}

/// Deletes an organization; returns its slug.
pub async fn delete_org(db: impl PgExecutor<'_>, id: OrgId) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!("DELETE FROM organizations WHERE id = $1 RETURNING slug", id.0)
        .fetch_optional(db)
        .await
}

/// How many projects (soft-deleted ones too) and owned buckets a team has.
pub async fn team_holdings(db: impl PgExecutor<'_>, id: TeamId) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query!(
        r#"SELECT (SELECT count(*) FROM projects WHERE team_id = $1) AS "projects!",
                  (SELECT count(*) FROM buckets WHERE owner_team_id = $1) AS "buckets!""#,
        id.0
    )
    .fetch_one(db)
    .await?;
    Ok((row.projects, row.buckets))
}

/// Deletes a team (memberships and grants go with it); returns its slug.
pub async fn delete_team(db: impl PgExecutor<'_>, id: TeamId) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!("DELETE FROM teams WHERE id = $1 RETURNING slug", id.0)
        .fetch_optional(db)
        .await
}

/// The oldest organization, if nobody is a member of it yet.
pub async fn first_unowned(db: impl PgExecutor<'_>) -> sqlx::Result<Option<Org>> {
    sqlx::query_as!(
        Org,
        r#"SELECT o.id AS "id: OrgId", o.slug, o.name, o.created_at FROM organizations o
           WHERE NOT EXISTS (SELECT 1 FROM organization_members m WHERE m.organization_id = o.id)
           ORDER BY o.created_at, o.id LIMIT 1"#
    )
    .fetch_optional(db)
    .await
}

/// Renames a team.
pub async fn rename_team(db: impl PgExecutor<'_>, id: TeamId, name: &str) -> sqlx::Result<Team> {
    sqlx::query_as!(
        Team,
        r#"UPDATE teams SET name = $2 WHERE id = $1
           RETURNING id AS "id: TeamId", organization_id AS "organization_id: OrgId", slug, name, created_at"#,
        id.0,
        name
    )
    .fetch_one(db)
    .await
}
