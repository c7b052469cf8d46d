//! `carcosa admin user …` and `carcosa admin member …`: people, for an operator with a shell.
//! There is no mail server, so a forgotten password is reset here (or by an organization owner
//! over the API); the new password is read from stdin or generated and printed once.

use std::io::BufRead as _;

use anyhow::Context as _;
use carcosa_common::Config;
use carcosa_common::db::{members, users};
use carcosa_common::domain::OrgRole;
use carcosa_common::manage::{Acting, accounts, orgs};
use carcosa_common::password::Hasher;
use clap::Subcommand;
use rand::Rng as _;
use rand::distr::Alphanumeric;
use sqlx::PgPool;

use super::{OrgRef, Output, find_org};

#[derive(Debug, Subcommand)]
pub(super) enum UserCommand {
    /// Create a user (password from stdin with --password-stdin, otherwise generated and shown once).
    Add {
        /// Email (the login name).
        email: String,
        /// Display name.
        #[arg(long, default_value = "")]
        name: String,
        /// Read the password from the first line of stdin.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    List,
    /// Set a user's password and sign them out everywhere.
    ResetPassword {
        /// The user's email.
        email: String,
        /// Read the new password from the first line of stdin.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum MemberCommand {
    /// Add a user to an organization, or change their role (owner, admin, member, viewer).
    Add {
        #[command(flatten)]
        org: OrgRef,
        /// The user's email.
        email: String,
        /// Role in the organization.
        #[arg(long, default_value = "member")]
        role: String,
    },
    /// List an organization's members.
    List(OrgRef),
}

/// The user with `email`, or a clear error.
pub(super) async fn find_user(db: &PgPool, email: &str) -> anyhow::Result<users::User> {
    let email = email.trim().to_lowercase();
    users::find_by_email(db, &email)
        .await?
        .with_context(|| format!("no user {email:?}"))
}

/// The password to set, and whether it was generated (then it is printed).
fn new_password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from stdin")?;
        return Ok((line.trim_end_matches(['\r', '\n']).to_owned(), false));
    }
    let generated: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(20)
        .map(char::from)
        .collect();
    Ok((generated, true))
}

pub(super) async fn user(db: &PgPool, config: &Config, out: &Output, cmd: UserCommand) -> anyhow::Result<()> {
    let hasher = Hasher::new(config.auth.max_concurrent_hashes);
    match cmd {
        UserCommand::Add {
            email,
            name,
            password_stdin,
        } => {
            let email = accounts::normalize_email(&email)?;
            let (password, generated) = new_password(password_stdin)?;
            carcosa_common::password::check_policy(&password, &email).map_err(|e| anyhow::anyhow!("{e}"))?;
            let hash = hasher.hash(&password).await?;
            let user = users::create(db, &email, name.trim(), Some(&hash))
                .await
                .map_err(|e| carcosa_common::manage::constraint(e, &format!("user {email:?}")))?;
            let event = carcosa_common::audit::Event::new("user.created", "user", user.id).named(&user.email);
            carcosa_common::db::audit::record(db, &Acting::cli().actor, &Default::default(), &event).await?;
            out.one(&user, || {
                let shown = if generated {
                    format!("\npassword (shown once): {password}")
                } else {
                    String::new()
                };
                format!("created user {} ({}){shown}", user.email, user.id)
            })
        }
        UserCommand::List => out.many(&users::list(db).await?, |u| {
            format!("{}\t{}\t{}", u.email, u.name, u.id)
        }),
        UserCommand::ResetPassword { email, password_stdin } => {
            let user = find_user(db, &email).await?;
            let (password, generated) = new_password(password_stdin)?;
            accounts::reset_password(db, &hasher, user.id, &password, None, &Acting::cli()).await?;
            out.one(&serde_json::json!({"reset": user.email}), || {
                let shown = if generated {
                    format!("\nnew password (shown once): {password}")
                } else {
                    String::new()
                };
                format!(
                    "password of {} reset; every session of theirs has ended{shown}",
                    user.email
                )
            })
        }
    }
}

pub(super) async fn member(db: &PgPool, out: &Output, cmd: MemberCommand) -> anyhow::Result<()> {
    match cmd {
        MemberCommand::Add { org, email, role } => {
            let org = find_org(db, &org).await?;
            let user = find_user(db, &email).await?;
            let role: OrgRole = role.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
            orgs::add_member(db, org.id, user.id, role, &Acting::cli()).await?;
            out.one(
                &serde_json::json!({"org": org.slug, "user": user.email, "role": role}),
                || format!("{} is now {role} of {}", user.email, org.slug),
            )
        }
        MemberCommand::List(r) => {
            let org = find_org(db, &r).await?;
            out.many(&members::list_org_members(db, org.id).await?, |m| {
                format!("{}\t{}\t{}", m.email, m.role, m.user_id)
            })
        }
    }
}
