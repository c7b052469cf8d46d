//! Invitations: single-use tokens (only their hash is stored) that add a person to an
//! organization, and optionally a team, when accepted.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::{InvitationId, OrgId, OrgRole, TeamId, TeamRole, UserId};

/// An invitation as listings show it (never the token).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Invitation {
    /// Id.
    pub id: InvitationId,
    /// Organization.
    pub organization_id: OrgId,
    /// Who may accept it.
    pub email: String,
    /// Organization role on acceptance.
    pub role: OrgRole,
    /// Team joined on acceptance.
    pub team_id: Option<TeamId>,
    /// Team role on acceptance.
    pub team_role: Option<TeamRole>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Expires.
    pub expires_at: DateTime<Utc>,
    /// Accepted.
    pub accepted_at: Option<DateTime<Utc>>,
    /// Revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A new invitation's fields.
#[derive(Debug)]
pub struct NewInvitation<'a> {
    /// Organization.
    pub org: OrgId,
    /// Invitee's email (lower-case).
    pub email: &'a str,
    /// Organization role.
    pub role: OrgRole,
    /// Optional team and role there.
    pub team: Option<(TeamId, TeamRole)>,
    /// SHA-256 of the token.
    pub token_hash: &'a [u8],
    /// Inviter.
    pub invited_by: Option<UserId>,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
}

macro_rules! select_invitation {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            Invitation,
            r#"SELECT id AS "id: InvitationId", organization_id AS "organization_id: OrgId", email,
                      role AS "role: OrgRole", team_id AS "team_id: TeamId", team_role AS "team_role: TeamRole",
                      created_at, expires_at, accepted_at, revoked_at
               FROM invitations "# + $tail
            $(, $arg)*
        )
    };
}

/// Inserts an invitation.
pub async fn insert(db: impl PgExecutor<'_>, i: &NewInvitation<'_>) -> sqlx::Result<Invitation> {
    let id = InvitationId::new();
    sqlx::query!(
        r#"INSERT INTO invitations (id, organization_id, email, role, team_id, team_role, token_hash, invited_by, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"#,
        id.0,
        i.org.0,
        i.email,
        i.role as OrgRole,
        i.team.map(|(t, _)| t.0),
        i.team.map(|(_, r)| r) as Option<TeamRole>,
        i.token_hash,
        i.invited_by.map(|u| u.0),
        i.expires_at
    )
    .execute(db)
    .await?;
    Ok(Invitation {
        id,
        organization_id: i.org,
        email: i.email.to_owned(),
        role: i.role,
        team_id: i.team.map(|(t, _)| t),
        team_role: i.team.map(|(_, r)| r),
        created_at: Utc::now(),
        expires_at: i.expires_at,
        accepted_at: None,
        revoked_at: None,
    })
}

/// The invitation a token hashes to, locked for acceptance.
pub async fn by_token_for_update(db: impl PgExecutor<'_>, token_hash: &[u8]) -> sqlx::Result<Option<Invitation>> {
    select_invitation!("WHERE token_hash = $1 FOR UPDATE", token_hash)
        .fetch_optional(db)
        .await
}

/// An organization's invitations, newest first.
pub async fn list(db: impl PgExecutor<'_>, org: OrgId) -> sqlx::Result<Vec<Invitation>> {
    select_invitation!("WHERE organization_id = $1 ORDER BY created_at DESC", org.0)
        .fetch_all(db)
        .await
}

/// Marks an invitation used.
pub async fn mark_accepted(db: impl PgExecutor<'_>, id: InvitationId, user: UserId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
        id.0,
        user.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Revokes an open invitation of `org`; false if there is none such.
pub async fn revoke(db: impl PgExecutor<'_>, org: OrgId, id: InvitationId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE invitations SET revoked_at = now() WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
        id.0,
        org.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
