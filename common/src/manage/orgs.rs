//! Organizations, teams, memberships and invitations. The rule that matters most lives here: an
//! organization always keeps at least one owner (the last owner can neither leave nor be
//! demoted), and only owners make or unmake owners.

use chrono::{Duration, Utc};
use secrecy::SecretString;
use sqlx::{PgConnection, PgPool};

use super::{Acting, ManageError, check_name, check_slug, constraint};
use crate::audit::Event;
use crate::crypto::generate_token;
use crate::db::invitations::{self, Invitation, NewInvitation};
use crate::db::orgs::{self, Org, Team};
use crate::db::{members, users};
use crate::domain::{InvitationId, OrgId, OrgRole, TeamId, TeamRole, UserId};

/// Creates an organization with `owner` as its first owner (`None`: an operator's organization,
/// owned by nobody until `carcosa admin member add` names someone).
pub async fn create_org(
    db: &PgPool,
    owner: Option<UserId>,
    slug: &str,
    name: &str,
    acting: &Acting,
) -> Result<Org, ManageError> {
    let mut tx = db.begin().await?;
    let org = create_org_in(&mut tx, owner, slug, name, acting).await?;
    tx.commit().await?;
    Ok(org)
}

/// [`create_org`] inside the caller's transaction.
pub async fn create_org_in(
    tx: &mut PgConnection,
    owner: Option<UserId>,
    slug: &str,
    name: &str,
    acting: &Acting,
) -> Result<Org, ManageError> {
    check_slug("slug", slug)?;
    check_name("name", name)?;
    let org = orgs::create_org(&mut *tx, slug, name.trim())
        .await
        .map_err(|e| constraint(e, &format!("organization {slug:?}")))?;
    if let Some(owner) = owner {
        members::put_org_member(&mut *tx, org.id, owner, OrgRole::Owner).await?;
    }
    acting
        .record(
            &mut *tx,
            &Event::new("org.created", "org", org.id).org(org.id).named(&org.slug),
        )
        .await?;
    Ok(org)
}

/// Creates a team; `admin`, when given, becomes its first admin.
pub async fn create_team(
    db: &PgPool,
    org: OrgId,
    slug: &str,
    name: &str,
    admin: Option<UserId>,
    acting: &Acting,
) -> Result<Team, ManageError> {
    check_slug("slug", slug)?;
    check_name("name", name)?;
    let mut tx = db.begin().await?;
    let team = orgs::create_team(&mut *tx, org, slug, name.trim())
        .await
        .map_err(|e| constraint(e, &format!("team {slug:?}")))?;
    if let Some(user) = admin {
        members::put_team_member(&mut *tx, team.id, user, TeamRole::Admin).await?;
    }
    acting
        .record(
            &mut *tx,
            &Event::new("team.created", "team", team.id)
                .team(org, team.id)
                .named(&team.slug),
        )
        .await?;
    tx.commit().await?;
    Ok(team)
}

/// Adds a user to an organization with `role` (or changes their role, keeping the last-owner
/// rule): what an invitation does, for an operator.
pub async fn add_member(
    db: &PgPool,
    org: OrgId,
    user: UserId,
    role: OrgRole,
    acting: &Acting,
) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    let current = members::org_role_for_update(&mut *tx, org, user).await?;
    if current.is_some() {
        drop(tx);
        return set_org_role(db, org, user, role, None, acting).await;
    }
    members::put_org_member(&mut *tx, org, user, role).await?;
    acting
        .record(
            &mut *tx,
            &Event::new("member.added", "user", user).org(org).with("role", role),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Changes a member's organization role. `acting_role` is the caller's own role: only owners
/// grant or take away `owner`, and the last owner keeps it.
pub async fn set_org_role(
    db: &PgPool,
    org: OrgId,
    user: UserId,
    role: OrgRole,
    acting_role: Option<OrgRole>,
    acting: &Acting,
) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    let owners = members::lock_owners(&mut *tx, org).await?;
    let current = members::org_role_for_update(&mut *tx, org, user)
        .await?
        .ok_or(ManageError::NotFound("member"))?;
    if (current == OrgRole::Owner || role == OrgRole::Owner) && acting_role.is_some_and(|r| r != OrgRole::Owner) {
        return Err(ManageError::Forbidden {
            code: "owner_required",
            message: "only an owner can make or unmake owners".into(),
        });
    }
    if current == OrgRole::Owner && role != OrgRole::Owner && owners.len() <= 1 {
        return Err(ManageError::conflict(
            "last_owner",
            "the organization's last owner cannot be demoted: make someone else an owner first",
        ));
    }
    members::put_org_member(&mut *tx, org, user, role).await?;
    let event = Event::new("member.role_changed", "user", user)
        .org(org)
        .diff(current, role);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a member (or lets one leave). The last owner cannot go.
pub async fn remove_org_member(
    db: &PgPool,
    org: OrgId,
    user: UserId,
    acting_role: Option<OrgRole>,
    acting: &Acting,
) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    let owners = members::lock_owners(&mut *tx, org).await?;
    let current = members::org_role_for_update(&mut *tx, org, user)
        .await?
        .ok_or(ManageError::NotFound("member"))?;
    if current == OrgRole::Owner && owners.len() <= 1 {
        return Err(ManageError::conflict(
            "last_owner",
            "the organization's last owner cannot leave: make someone else an owner first",
        ));
    }
    if current == OrgRole::Owner && acting_role.is_some_and(|r| r != OrgRole::Owner) {
        return Err(ManageError::Forbidden {
            code: "owner_required",
            message: "only an owner can remove an owner".into(),
        });
    }
    members::remove_org_member(&mut *tx, org, user).await?;
    acting
        .record(
            &mut *tx,
            &Event::new("member.removed", "user", user)
                .org(org)
                .with("role", current),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an organization member to a team (or changes their team role).
pub async fn put_team_member(
    db: &PgPool,
    org: OrgId,
    team: TeamId,
    user: UserId,
    role: TeamRole,
    acting: &Acting,
) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    if members::org_role_for_update(&mut *tx, org, user).await?.is_none() {
        return Err(ManageError::NotFound("member"));
    }
    members::put_team_member(&mut *tx, team, user, role).await?;
    acting
        .record(
            &mut *tx,
            &Event::new("team_member.put", "user", user)
                .team(org, team)
                .with("role", role),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a team member.
pub async fn remove_team_member(
    db: &PgPool,
    org: OrgId,
    team: TeamId,
    user: UserId,
    acting: &Acting,
) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    if !members::remove_team_member(&mut *tx, team, user).await? {
        return Err(ManageError::NotFound("team member"));
    }
    acting
        .record(
            &mut *tx,
            &Event::new("team_member.removed", "user", user).team(org, team),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// An invitation as created: the row, and the token to hand over exactly once.
#[derive(Debug)]
pub struct CreatedInvitation {
    /// The row.
    pub invitation: Invitation,
    /// The single-use token.
    pub token: SecretString,
}

/// Invites `email` into `org` (and optionally a team of it). Nobody is invited straight to
/// `owner`: owners are promoted after they join, by an owner.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    db: &PgPool,
    org: OrgId,
    email: &str,
    role: OrgRole,
    team: Option<(TeamId, TeamRole)>,
    ttl: Duration,
    inviter: Option<UserId>,
    acting: &Acting,
) -> Result<CreatedInvitation, ManageError> {
    let email = super::accounts::normalize_email(email)?;
    if role == OrgRole::Owner {
        return Err(ManageError::invalid(
            "role",
            "invite as admin, member or viewer; promote to owner after they join",
        ));
    }
    if let Some(existing) = users::find_by_email(db, &email).await?
        && members::org_role_for_update(db, org, existing.id).await?.is_some()
        && team.is_none()
    {
        return Err(ManageError::conflict(
            "already_member",
            format!("{email} is already a member"),
        ));
    }
    let (token, hash) = generate_token("ci");
    let mut tx = db.begin().await?;
    let new = NewInvitation {
        org,
        email: &email,
        role,
        team,
        token_hash: &hash,
        invited_by: inviter,
        expires_at: Utc::now() + ttl,
    };
    let invitation = invitations::insert(&mut *tx, &new).await?;
    let event = Event::new("invitation.created", "invitation", invitation.id)
        .org(org)
        .named(&email)
        .with("role", role);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(CreatedInvitation { invitation, token })
}

/// Revokes an open invitation.
pub async fn revoke_invitation(db: &PgPool, org: OrgId, id: InvitationId, acting: &Acting) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    if !invitations::revoke(&mut *tx, org, id).await? {
        return Err(ManageError::NotFound("invitation"));
    }
    acting
        .record(&mut *tx, &Event::new("invitation.revoked", "invitation", id).org(org))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Renames an organization.
pub async fn rename_org(db: &PgPool, org: OrgId, name: &str, acting: &Acting) -> Result<Org, ManageError> {
    check_name("name", name)?;
    let mut tx = db.begin().await?;
    let before = orgs::get_org(&mut *tx, org)
        .await?
        .ok_or(ManageError::NotFound("organization"))?;
    let after = orgs::rename_org(&mut *tx, org, name.trim()).await?;
    let event = Event::new("org.updated", "org", org)
        .org(org)
        .named(&after.slug)
        .diff(&before.name, &after.name);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(after)
}

/// Deletes an empty organization (owners only). One that still has teams is refused with 409:
/// teams hold projects, buckets and files, and those are removed one by one, on purpose.
pub async fn delete_org(
    db: &PgPool,
    org: OrgId,
    acting_role: Option<OrgRole>,
    acting: &Acting,
) -> Result<(), ManageError> {
    if acting_role.is_some_and(|r| r != OrgRole::Owner) {
        return Err(ManageError::Forbidden {
            code: "owner_required",
            message: "only an owner can delete the organization".into(),
        });
    }
    let mut tx = db.begin().await?;
    let teams = orgs::list_teams(&mut *tx, org).await?;
    if !teams.is_empty() {
        let names: Vec<&str> = teams.iter().map(|t| t.slug.as_str()).collect();
        return Err(ManageError::conflict(
            "has_dependents",
            format!(
                "the organization still has teams ({}); delete them first",
                names.join(", ")
            ),
        ));
    }
    let gone = orgs::delete_org(&mut *tx, org)
        .await?
        .ok_or(ManageError::NotFound("organization"))?;
    acting
        .record(&mut *tx, &Event::new("org.deleted", "org", org).org(org).named(gone))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a team that holds nothing: no projects (live or soft-deleted, they keep files) and no
/// buckets of its own; otherwise 409 naming what is left.
pub async fn delete_team(db: &PgPool, org: OrgId, team: TeamId, acting: &Acting) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    let (projects, buckets) = orgs::team_holdings(&mut *tx, team).await?;
    if projects > 0 || buckets > 0 {
        return Err(ManageError::conflict(
            "has_dependents",
            format!(
                "the team still holds {projects} project(s) and owns {buckets} bucket(s); move or delete them first"
            ),
        ));
    }
    let gone = orgs::delete_team(&mut *tx, team)
        .await?
        .ok_or(ManageError::NotFound("team"))?;
    acting
        .record(
            &mut *tx,
            &Event::new("team.deleted", "team", team).team(org, team).named(gone),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Renames a team.
pub async fn rename_team(
    db: &PgPool,
    org: OrgId,
    team: TeamId,
    name: &str,
    acting: &Acting,
) -> Result<Team, ManageError> {
    check_name("name", name)?;
    let mut tx = db.begin().await?;
    let before = orgs::get_team(&mut *tx, team)
        .await?
        .ok_or(ManageError::NotFound("team"))?;
    let after = orgs::rename_team(&mut *tx, team, name.trim()).await?;
    let event = Event::new("team.updated", "team", team)
        .team(org, team)
        .named(&after.slug)
        .diff(&before.name, &after.name);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(after)
}
