//! `carcosa admin org …` and `carcosa admin team …`.

use carcosa_common::db::orgs;
use carcosa_common::manage::Acting;
use carcosa_common::manage::orgs as manage;
use clap::Subcommand;
use sqlx::PgPool;

use super::{OrgRef, Output, find_org};

#[derive(Debug, Subcommand)]
pub(super) enum OrgCommand {
    /// Create an organization.
    Create {
        /// URL-safe name (lowercase letters, digits, '-').
        slug: String,
        /// Display name (defaults to the slug).
        #[arg(long)]
        name: Option<String>,
        /// Email of an existing user who becomes its owner.
        #[arg(long)]
        owner: Option<String>,
    },
    /// List organizations.
    List,
}

#[derive(Debug, Subcommand)]
pub(super) enum TeamCommand {
    /// Create a team.
    Create {
        #[command(flatten)]
        org: OrgRef,
        /// URL-safe name.
        slug: String,
        /// Display name.
        #[arg(long)]
        name: Option<String>,
    },
    /// List an organization's teams.
    List(OrgRef),
}

pub(super) async fn org(db: &PgPool, out: &Output, cmd: OrgCommand) -> anyhow::Result<()> {
    match cmd {
        OrgCommand::Create { slug, name, owner } => {
            let name = name.unwrap_or_else(|| slug.clone());
            let owner = match owner {
                Some(email) => Some(super::users::find_user(db, &email).await?.id),
                None => None,
            };
            let org = manage::create_org(db, owner, &slug, &name, &Acting::cli()).await?;
            out.one(&org, || format!("created organization {} ({})", org.slug, org.id))
        }
        OrgCommand::List => out.many(&orgs::list_orgs(db).await?, |o| {
            format!("{}\t{}\t{}", o.slug, o.name, o.id)
        }),
    }
}

pub(super) async fn team(db: &PgPool, out: &Output, cmd: TeamCommand) -> anyhow::Result<()> {
    match cmd {
        TeamCommand::Create { org, slug, name } => {
            let org = find_org(db, &org).await?;
            let name = name.unwrap_or_else(|| slug.clone());
            let team = manage::create_team(db, org.id, &slug, &name, None, &Acting::cli()).await?;
            out.one(&team, || {
                format!("created team {}/{} ({})", org.slug, team.slug, team.id)
            })
        }
        TeamCommand::List(r) => {
            let org = find_org(db, &r).await?;
            out.many(&orgs::list_teams(db, org.id).await?, |t| {
                format!("{}\t{}\t{}", t.slug, t.name, t.id)
            })
        }
    }
}
