//! Accounts: sign-up (under the configured policy), password checks, changes and resets, and
//! accepting an invitation. There is no mail server: a forgotten password is reset by an owner
//! of one of the user's organizations, or by an operator with `carcosa admin user reset-password`.

use sqlx::{PgConnection, PgPool};

use super::{Acting, ManageError, check_name};
use crate::audit::{Actor, Event, Outcome};
use crate::config::SignupPolicy;
use crate::crypto::hash_token;
use crate::db::orgs::Org;
use crate::db::users::User;
use crate::db::{audit, invitations, members, orgs, sessions, users};
use crate::domain::{OrgRole, SessionId, UserId};
use crate::password::{self, Hasher};

/// Longest accepted email address.
const MAX_EMAIL: usize = 254;

/// What sign-up needs.
#[derive(Debug)]
pub struct Signup<'a> {
    /// Email (any case; stored lower-case).
    pub email: &'a str,
    /// Display name (may be empty).
    pub name: &'a str,
    /// The new password.
    pub password: &'a str,
    /// Name of the organization to create (first user, or open sign-up without an invitation).
    pub organization: Option<&'a str>,
    /// An invitation token.
    pub invitation: Option<&'a str>,
}

/// What sign-up made.
#[derive(Debug)]
pub struct SignedUp {
    /// The user.
    pub user: User,
    /// The organization created for them, if one was.
    pub created_org: Option<Org>,
}

/// Lower-cases and checks an email address.
pub fn normalize_email(email: &str) -> Result<String, ManageError> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= MAX_EMAIL
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid {
        Ok(email)
    } else {
        Err(ManageError::invalid("email", "not a valid email address"))
    }
}

fn check_password(password: &str, email: &str) -> Result<(), ManageError> {
    password::check_policy(password, email).map_err(|e| ManageError::Invalid {
        code: "weak_password",
        field: Some("password"),
        message: e.to_string(),
    })
}

/// Creates an account. The first user of an empty installation always may, and becomes the owner
/// of a new organization; after that `policy` decides, and an invitation always works.
pub async fn signup(
    db: &PgPool,
    hasher: &Hasher,
    policy: SignupPolicy,
    s: Signup<'_>,
    acting: &Acting,
) -> Result<SignedUp, ManageError> {
    let email = normalize_email(s.email)?;
    if !s.name.is_empty() {
        check_name("name", s.name)?;
    }
    check_password(s.password, &email)?;
    let hash = hasher.hash(s.password).await?;
    let mut tx = db.begin().await?;
    // Serializes sign-ups so exactly one can be "the first user".
    sqlx::query!("SELECT pg_advisory_xact_lock(7263001)")
        .execute(&mut *tx)
        .await?;
    let first = users::count(&mut *tx).await? == 0;
    if s.invitation.is_none() && !first {
        match policy {
            SignupPolicy::Open => {}
            SignupPolicy::Invite => {
                return Err(ManageError::Forbidden {
                    code: "signup_requires_invitation",
                    message: "sign-up needs an invitation: ask an owner or admin of your organization to invite you"
                        .into(),
                });
            }
            SignupPolicy::Closed => {
                return Err(ManageError::Forbidden {
                    code: "signup_closed",
                    message: "sign-up is closed on this server: ask its operator for an account".into(),
                });
            }
        }
    }
    let user = users::create(&mut *tx, &email, s.name.trim(), Some(&hash))
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => ManageError::conflict(
                "email_taken",
                "an account with this email already exists; sign in instead",
            ),
            _ => ManageError::Database(e),
        })?;
    let me = Acting {
        actor: Actor::user(user.id, &user.email),
        ctx: acting.ctx.clone(),
    };
    me.record(
        &mut *tx,
        &Event::new("user.signed_up", "user", user.id)
            .named(&user.email)
            .with("first_user", first),
    )
    .await?;
    let created_org = match s.invitation {
        Some(token) => {
            accept_in(&mut tx, &user, token, &me).await?;
            None
        }
        // The first user owns the first organization when an operator already made one (as
        // `carcosa dev` and `carcosa admin org create` do) and nobody owns it yet.
        None if first && adopt_first_org(&mut tx, &user, &me).await? => None,
        None => Some(own_org(&mut tx, &user, s.organization, &me).await?),
    };
    tx.commit().await?;
    Ok(SignedUp { user, created_org })
}

/// Makes `user` the owner of the oldest organization if it has no members; false if there is
/// none such.
async fn adopt_first_org(tx: &mut PgConnection, user: &User, acting: &Acting) -> Result<bool, ManageError> {
    let Some(org) = orgs::first_unowned(&mut *tx).await? else {
        return Ok(false);
    };
    members::put_org_member(&mut *tx, org.id, user.id, OrgRole::Owner).await?;
    let event = Event::new("member.added", "user", user.id)
        .org(org.id)
        .named(&user.email)
        .with("role", OrgRole::Owner)
        .with("first_user", true);
    acting.record(&mut *tx, &event).await?;
    Ok(true)
}

/// Creates an organization owned by `user`, named as asked or after them, with a free slug.
async fn own_org(tx: &mut PgConnection, user: &User, name: Option<&str>, acting: &Acting) -> Result<Org, ManageError> {
    let local = user.email.split('@').next().unwrap_or("my");
    let name = match name {
        Some(n) => {
            check_name("organization", n)?;
            n.trim().to_owned()
        }
        None => format!("{local}'s organization"),
    };
    let base = slugify(&name);
    let mut slug = base.clone();
    for n in 2.. {
        if orgs::find_org(&mut *tx, &slug).await?.is_none() {
            break;
        }
        slug = format!("{}-{n}", &base[..base.len().min(58)]);
    }
    super::orgs::create_org_in(tx, Some(user.id), &slug, &name, acting).await
}

/// A slug from a display name: lower-case ASCII letters and digits, runs of anything else as one
/// '-', at most 63 characters; `org` when nothing is left.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out = &out[..out.len().min(63)];
    if out.is_empty() {
        "org".into()
    } else {
        out.trim_end_matches('-').to_owned()
    }
}

/// Why a login failed (the API answers both the same way).
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown email, no password set, or a wrong password.
    #[error("wrong email or password")]
    BadCredentials,
    /// Hashing failed.
    #[error(transparent)]
    Hash(#[from] password::HashError),
    /// The database failed.
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

/// Checks an email and password. Unknown emails cost the same Argon2 work as known ones. Records
/// `auth.login_failed` on failure (the caller records the success with the session it opens).
pub async fn authenticate(
    db: &PgPool,
    hasher: &Hasher,
    email: &str,
    password: &str,
    acting: &Acting,
) -> Result<User, LoginError> {
    let email = email.trim().to_lowercase();
    let creds = users::credentials(db, &email).await?;
    let stored = creds.as_ref().and_then(|c| c.password_hash.clone());
    let ok = password.len() <= password::MAX_BYTES && hasher.verify(password, stored).await?;
    let user = match (ok, creds) {
        (true, Some(c)) => users::get(db, c.id).await?,
        _ => None,
    };
    match user {
        Some(user) => Ok(user),
        None => {
            let event = Event::new("auth.login_failed", "user", "unknown")
                .named(email)
                .outcome(Outcome::Denied);
            audit::record(db, &Actor::anonymous(), &acting.ctx, &event).await?;
            Err(LoginError::BadCredentials)
        }
    }
}

/// Changes the caller's own password after checking the current one; ends their other sessions.
pub async fn change_password(
    db: &PgPool,
    hasher: &Hasher,
    user: &User,
    current_session: Option<SessionId>,
    current: &str,
    new: &str,
    acting: &Acting,
) -> Result<(), ManageError> {
    let stored = users::password_hash(db, user.id).await?;
    if !hasher.verify(current, stored).await? {
        return Err(ManageError::Forbidden {
            code: "wrong_password",
            message: "the current password is wrong".into(),
        });
    }
    check_password(new, &user.email)?;
    let hash = hasher.hash(new).await?;
    let mut tx = db.begin().await?;
    users::set_password(&mut *tx, user.id, &hash).await?;
    let ended = sessions::revoke_all(&mut *tx, user.id, current_session).await?;
    let event = Event::new("user.password_changed", "user", user.id)
        .named(&user.email)
        .with("sessions_ended", ended);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets a user's password without the old one (an owner's reset, or `carcosa admin`) and ends
/// all their sessions. `by_owner_of`: the organization whose owner is acting, checked to be one
/// the user belongs to; `None` only for the CLI.
pub async fn reset_password(
    db: &PgPool,
    hasher: &Hasher,
    user: UserId,
    new: &str,
    by_owner_of: Option<crate::domain::OrgId>,
    acting: &Acting,
) -> Result<(), ManageError> {
    let target = users::get(db, user).await?.ok_or(ManageError::NotFound("user"))?;
    check_password(new, &target.email)?;
    let hash = hasher.hash(new).await?;
    let mut tx = db.begin().await?;
    if let Some(org) = by_owner_of
        && members::org_role_for_update(&mut *tx, org, user).await?.is_none()
    {
        return Err(ManageError::NotFound("member"));
    }
    users::set_password(&mut *tx, user, &hash).await?;
    let ended = sessions::revoke_all(&mut *tx, user, None).await?;
    let mut event = Event::new("user.password_reset", "user", user)
        .named(&target.email)
        .with("sessions_ended", ended);
    if let Some(org) = by_owner_of {
        event = event.org(org);
    }
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Accepts an invitation for a signed-in user.
pub async fn accept_invitation(db: &PgPool, user: &User, token: &str, acting: &Acting) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    accept_in(&mut tx, user, token, acting).await?;
    tx.commit().await?;
    Ok(())
}

async fn accept_in(tx: &mut PgConnection, user: &User, token: &str, acting: &Acting) -> Result<(), ManageError> {
    let invalid = |message: &str| ManageError::Forbidden {
        code: "invitation_invalid",
        message: message.to_owned(),
    };
    let inv = invitations::by_token_for_update(&mut *tx, &hash_token(token))
        .await?
        .ok_or_else(|| invalid("this invitation does not exist"))?;
    if inv.accepted_at.is_some() {
        return Err(invalid("this invitation has already been used"));
    }
    if inv.revoked_at.is_some() {
        return Err(invalid("this invitation has been revoked"));
    }
    if inv.expires_at <= chrono::Utc::now() {
        return Err(invalid("this invitation has expired: ask for a new one"));
    }
    if inv.email != user.email {
        return Err(invalid("this invitation was sent to another email address"));
    }
    let current = members::org_role_for_update(&mut *tx, inv.organization_id, user.id).await?;
    // Accepting never lowers a role someone already holds.
    if current.is_none_or(|r| rank(inv.role) > rank(r)) {
        members::put_org_member(&mut *tx, inv.organization_id, user.id, inv.role).await?;
    }
    if let (Some(team), Some(role)) = (inv.team_id, inv.team_role) {
        members::put_team_member(&mut *tx, team, user.id, role).await?;
    }
    invitations::mark_accepted(&mut *tx, inv.id, user.id).await?;
    let event = Event::new("invitation.accepted", "invitation", inv.id)
        .org(inv.organization_id)
        .named(&user.email)
        .with("role", inv.role);
    acting.record(&mut *tx, &event).await?;
    Ok(())
}

/// Orders organization roles by power.
pub fn rank(role: OrgRole) -> u8 {
    match role {
        OrgRole::Member => 0,
        OrgRole::Viewer => 1,
        OrgRole::Admin => 2,
        OrgRole::Owner => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_emails() {
        assert_eq!(slugify("Acme, Inc."), "acme-inc");
        assert_eq!(slugify("ünïcode!!"), "n-code");
        assert_eq!(slugify("!!!"), "org");
        assert_eq!(normalize_email(" Alice@Example.COM ").unwrap(), "alice@example.com");
        assert!(normalize_email("alice").is_err());
        assert!(normalize_email("a@b").is_err());
        assert!(normalize_email("a b@c.d").is_err());
    }
}
