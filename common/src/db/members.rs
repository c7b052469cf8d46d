//! Memberships (who holds which role in which organization and team) and the lookups that turn
//! a path's `{org}`, `{team}` or `{project}` — an id or a slug — into ids plus the caller's roles.
//! Each lookup joins the caller's membership, so a row only comes back for someone who may see
//! it: a stranger's lookup and a missing row look the same (404).

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::{OrgId, OrgRole, ProjectId, TeamId, TeamRole, UserId};

/// An id-or-slug path segment, split: a UUID is looked up by id, anything else by slug.
#[derive(Debug, Clone, Copy)]
pub struct Ref<'a> {
    /// The id, when the segment is a UUID.
    pub id: Option<uuid::Uuid>,
    /// The slug otherwise.
    pub slug: Option<&'a str>,
}

impl<'a> Ref<'a> {
    /// Splits a path segment.
    pub fn parse(segment: &'a str) -> Self {
        match uuid::Uuid::parse_str(segment) {
            Ok(id) => Self {
                id: Some(id),
                slug: None,
            },
            Err(_) => Self {
                id: None,
                slug: Some(segment),
            },
        }
    }
}

/// A member as listings show them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgMember {
    /// The user.
    pub user_id: UserId,
    /// Their email.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: OrgRole,
    /// When they joined.
    pub created_at: DateTime<Utc>,
}

/// A team member as listings show them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamMember {
    /// The user.
    pub user_id: UserId,
    /// Their email.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their role in the team.
    pub role: TeamRole,
    /// When they joined.
    pub created_at: DateTime<Utc>,
}

/// An organization the caller belongs to, with their role.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Membership {
    /// Organization id.
    pub id: OrgId,
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// The caller's role.
    pub role: OrgRole,
}

/// A project in reach of a user: its ids and the user's roles over it.
#[derive(Debug, Clone)]
pub struct ProjectAccess {
    /// Project.
    pub project_id: ProjectId,
    /// Its team.
    pub team_id: TeamId,
    /// Its organization.
    pub organization_id: OrgId,
    /// The user's organization role.
    pub org_role: OrgRole,
    /// The user's role in the project's team, if any.
    pub team_role: Option<TeamRole>,
}

/// Adds (or re-roles) an organization member.
pub async fn put_org_member(db: impl PgExecutor<'_>, org: OrgId, user: UserId, role: OrgRole) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role"#,
        org.0,
        user.0,
        role as OrgRole
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Removes a member from an organization and from all its teams.
pub async fn remove_org_member(db: impl PgExecutor<'_>, org: OrgId, user: UserId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"WITH teams_left AS (
               DELETE FROM team_members tm USING teams t
               WHERE tm.team_id = t.id AND t.organization_id = $1 AND tm.user_id = $2)
           DELETE FROM organization_members WHERE organization_id = $1 AND user_id = $2"#,
        org.0,
        user.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A user's role in an organization, locking the membership row (role changes serialize on it).
pub async fn org_role_for_update(db: impl PgExecutor<'_>, org: OrgId, user: UserId) -> sqlx::Result<Option<OrgRole>> {
    sqlx::query_scalar!(
        r#"SELECT role AS "role: OrgRole" FROM organization_members
           WHERE organization_id = $1 AND user_id = $2 FOR UPDATE"#,
        org.0,
        user.0
    )
    .fetch_optional(db)
    .await
}

/// How many owners an organization has, locking their rows so two concurrent demotions cannot
/// both see "another owner remains".
pub async fn lock_owners(db: impl PgExecutor<'_>, org: OrgId) -> sqlx::Result<Vec<UserId>> {
    sqlx::query_scalar!(
        r#"SELECT user_id AS "user_id: UserId" FROM organization_members
           WHERE organization_id = $1 AND role = 'owner' ORDER BY user_id FOR UPDATE"#,
        org.0
    )
    .fetch_all(db)
    .await
}

/// An organization's members, by email.
pub async fn list_org_members(db: impl PgExecutor<'_>, org: OrgId) -> sqlx::Result<Vec<OrgMember>> {
    sqlx::query_as!(
        OrgMember,
        r#"SELECT m.user_id AS "user_id: UserId", u.email, u.name, m.role AS "role: OrgRole", m.created_at
           FROM organization_members m JOIN users u ON u.id = m.user_id
           WHERE m.organization_id = $1 ORDER BY u.email"#,
        org.0
    )
    .fetch_all(db)
    .await
}

/// Adds (or re-roles) a team member.
pub async fn put_team_member(db: impl PgExecutor<'_>, team: TeamId, user: UserId, role: TeamRole) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role"#,
        team.0,
        user.0,
        role as TeamRole
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Removes a team member.
pub async fn remove_team_member(db: impl PgExecutor<'_>, team: TeamId, user: UserId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "DELETE FROM team_members WHERE team_id = $1 AND user_id = $2",
        team.0,
        user.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A team's members, by email.
pub async fn list_team_members(db: impl PgExecutor<'_>, team: TeamId) -> sqlx::Result<Vec<TeamMember>> {
    sqlx::query_as!(
        TeamMember,
        r#"SELECT m.user_id AS "user_id: UserId", u.email, u.name, m.role AS "role: TeamRole", m.created_at
           FROM team_members m JOIN users u ON u.id = m.user_id
           WHERE m.team_id = $1 ORDER BY u.email"#,
        team.0
    )
    .fetch_all(db)
    .await
}

/// The organizations a user belongs to, by slug.
pub async fn memberships(db: impl PgExecutor<'_>, user: UserId) -> sqlx::Result<Vec<Membership>> {
    sqlx::query_as!(
        Membership,
        r#"SELECT o.id AS "id: OrgId", o.slug, o.name, m.role AS "role: OrgRole"
           FROM organization_members m JOIN organizations o ON o.id = m.organization_id
           WHERE m.user_id = $1 ORDER BY o.slug"#,
        user.0
    )
    .fetch_all(db)
    .await
}

/// The organization `r` names, with the user's role, if the user belongs to it.
pub async fn org_for_user(db: impl PgExecutor<'_>, user: UserId, r: Ref<'_>) -> sqlx::Result<Option<(OrgId, OrgRole)>> {
    let row = sqlx::query!(
        r#"SELECT o.id AS "id: OrgId", m.role AS "role: OrgRole"
           FROM organizations o JOIN organization_members m ON m.organization_id = o.id AND m.user_id = $1
           WHERE o.id = $2 OR o.slug = $3"#,
        user.0,
        r.id,
        r.slug
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.id, r.role)))
}

/// The organization `r` names, if it is `org` (how an API key's own organization is matched).
pub async fn org_matches(db: impl PgExecutor<'_>, org: OrgId, r: Ref<'_>) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM organizations WHERE id = $1 AND (id = $2 OR slug = $3)) AS "yes!""#,
        org.0,
        r.id,
        r.slug
    )
    .fetch_one(db)
    .await
}

/// The team `r` names inside `org`, with `user`'s role in it (if any).
pub async fn team_in_org(
    db: impl PgExecutor<'_>,
    org: OrgId,
    user: Option<UserId>,
    r: Ref<'_>,
) -> sqlx::Result<Option<(TeamId, Option<TeamRole>)>> {
    let row = sqlx::query!(
        r#"SELECT t.id AS "id: TeamId", m.role AS "role?: TeamRole"
           FROM teams t LEFT JOIN team_members m ON m.team_id = t.id AND m.user_id = $2
           WHERE t.organization_id = $1 AND (t.id = $3 OR t.slug = $4)"#,
        org.0,
        user.map(|u| u.0),
        r.id,
        r.slug
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.id, r.role)))
}

/// The live projects `r` names that `user` can reach through an organization membership (a slug
/// can name one project in each of several teams; the caller refuses ambiguity).
pub async fn projects_for_user(db: impl PgExecutor<'_>, user: UserId, r: Ref<'_>) -> sqlx::Result<Vec<ProjectAccess>> {
    sqlx::query_as!(
        ProjectAccess,
        r#"SELECT p.id AS "project_id: ProjectId", p.team_id AS "team_id: TeamId",
                  t.organization_id AS "organization_id: OrgId", om.role AS "org_role: OrgRole",
                  tm.role AS "team_role?: TeamRole"
           FROM projects p
           JOIN teams t ON t.id = p.team_id
           JOIN organization_members om ON om.organization_id = t.organization_id AND om.user_id = $1
           LEFT JOIN team_members tm ON tm.team_id = p.team_id AND tm.user_id = $1
           WHERE p.deleted_at IS NULL AND (p.id = $2 OR p.slug = $3)
           LIMIT 2"#,
        user.0,
        r.id,
        r.slug
    )
    .fetch_all(db)
    .await
}

/// Whether `r` names live project `project` (how an API key's own project is matched).
pub async fn project_matches(db: impl PgExecutor<'_>, project: ProjectId, r: Ref<'_>) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM projects WHERE id = $1 AND deleted_at IS NULL AND (id = $2 OR slug = $3)) AS "yes!""#,
        project.0,
        r.id,
        r.slug
    )
    .fetch_one(db)
    .await
}
