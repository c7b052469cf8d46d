//! One-time sign-in links: how `carcosa dev` signs its demo owner into the dashboard without a
//! password. A link names an email and, optionally, an organization; using it signs that account
//! in (creating it, without a password, the first time) and makes it the organization's owner if
//! nobody owns it yet. The token is shown once; Postgres keeps its SHA-256.

use chrono::{Duration, Utc};
use secrecy::SecretString;
use sqlx::PgPool;

use super::accounts::normalize_email;
use super::{Acting, ManageError};
use crate::audit::{Actor, Event};
use crate::crypto::{generate_token, hash_token};
use crate::db::users::{self, User};
use crate::db::{members, sign_in_links};
use crate::domain::{OrgId, OrgRole};

/// Mints a link for `email`, good once within `ttl`.
pub async fn create(db: &PgPool, email: &str, org: Option<OrgId>, ttl: Duration) -> Result<SecretString, ManageError> {
    let email = normalize_email(email)?;
    let (token, hash) = generate_token("sl");
    sign_in_links::insert(db, &hash, &email, org, Utc::now() + ttl).await?;
    Ok(token)
}

/// Uses a link up and returns the account to open a session for.
pub async fn sign_in(db: &PgPool, token: &str, acting: &Acting) -> Result<User, ManageError> {
    let mut tx = db.begin().await?;
    let (email, org) = sign_in_links::consume(&mut *tx, &hash_token(token))
        .await?
        .ok_or_else(|| ManageError::Forbidden {
            code: "link_invalid",
            message: "this sign-in link is unknown, already used or expired: start `carcosa dev` again for a new one"
                .into(),
        })?;
    let user = match users::find_by_email(&mut *tx, &email).await? {
        Some(user) => user,
        None => users::create(&mut *tx, &email, "Demo", None).await?,
    };
    let me = Acting {
        actor: Actor::user(user.id, &user.email),
        ctx: acting.ctx.clone(),
    };
    if let Some(org) = org
        && members::lock_owners(&mut *tx, org).await?.is_empty()
    {
        members::put_org_member(&mut *tx, org, user.id, OrgRole::Owner).await?;
        let event = Event::new("member.added", "user", user.id)
            .org(org)
            .named(&user.email)
            .with("role", OrgRole::Owner)
            .with("via", "sign_in_link");
        me.record(&mut *tx, &event).await?;
    }
    me.record(
        &mut *tx,
        &Event::new("auth.login", "user", user.id)
            .named(&user.email)
            .with("via", "sign_in_link"),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}
