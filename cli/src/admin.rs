//! `carcosa admin …`: management from the command line (the HTTP management API comes later).
//! Things are named by slug: `--org acme --team web --project site`. `--json` prints
//! machine-readable output for scripts.

use anyhow::Context as _;
use carcosa_common::Config;
use carcosa_common::db;
use clap::{Args, Subcommand};
use serde::Serialize;
use sqlx::PgPool;

mod buckets;
mod keys;
mod orgs;
mod projects;
mod users;

use buckets::BucketCommand;
use keys::KeyCommand;
use orgs::{OrgCommand, TeamCommand};
use projects::{ProjectCommand, TenantCommand};
use users::{MemberCommand, UserCommand};

#[derive(Debug, Args)]
pub struct AdminArgs {
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: AdminCommand,
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Organizations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Teams inside an organization.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Customer buckets (S3, R2, MinIO, …).
    #[command(subcommand)]
    Bucket(BucketCommand),
    /// Projects (own API keys, uploads, files).
    #[command(subcommand)]
    Project(ProjectCommand),
    /// Tenants inside a project.
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// API keys.
    #[command(subcommand)]
    Key(KeyCommand),
    /// People who sign in.
    #[command(subcommand)]
    User(UserCommand),
    /// Organization memberships.
    #[command(subcommand)]
    Member(MemberCommand),
    /// Print a new random CARCOSA_CREDENTIALS_KEY.
    GenKey,
    /// Re-seal every bucket's credentials under the active CARCOSA_CREDENTIALS_KEY. Configure
    /// the new key as the active one (with a new credentials_key_id) and keep the old one under
    /// CARCOSA_CREDENTIALS_PREVIOUS_KEYS__<old id> until this has finished; rows are re-sealed
    /// one at a time, so a crash halfway leaves each openable with one of the two.
    RotateCredentialsKey,
}

#[derive(Debug, Args)]
struct OrgRef {
    /// Organization slug.
    #[arg(long)]
    org: String,
}

#[derive(Debug, Args)]
struct TeamRef {
    #[command(flatten)]
    org: OrgRef,
    /// Team slug.
    #[arg(long)]
    team: String,
}

#[derive(Debug, Args)]
struct ProjectRef {
    #[command(flatten)]
    team: TeamRef,
    /// Project slug.
    #[arg(long)]
    project: String,
}

pub async fn run(config: Config, args: AdminArgs) -> anyhow::Result<()> {
    if let AdminCommand::GenKey = args.command {
        println!("{}", carcosa_common::crypto::generate_credentials_key());
        return Ok(());
    }
    let (db, sealer, config) = crate::connect(config, std::time::Duration::ZERO).await?;
    let out = Output { json: args.json };
    match args.command {
        AdminCommand::Org(cmd) => orgs::org(&db, &out, cmd).await,
        AdminCommand::Team(cmd) => orgs::team(&db, &out, cmd).await,
        AdminCommand::Bucket(cmd) => buckets::bucket(&db, &sealer, &out, cmd).await,
        AdminCommand::Project(cmd) => projects::project(&db, &out, cmd).await,
        AdminCommand::Tenant(cmd) => projects::tenant(&db, &out, cmd).await,
        AdminCommand::Key(cmd) => keys::key(&db, &out, cmd).await,
        AdminCommand::User(cmd) => users::user(&db, &config, &out, cmd).await,
        AdminCommand::Member(cmd) => users::member(&db, &out, cmd).await,
        AdminCommand::RotateCredentialsKey => rotate_credentials_key(&db, &sealer, &out).await,
        AdminCommand::GenKey => Ok(()),
    }
}

/// Re-seals every bucket under the active key, with a progress line on stderr.
async fn rotate_credentials_key(
    db: &PgPool,
    sealer: &carcosa_common::crypto::Sealer,
    out: &Output,
) -> anyhow::Result<()> {
    use std::io::{IsTerminal as _, Write as _};
    let tty = std::io::stderr().is_terminal();
    let done = carcosa_common::manage::buckets::reseal_all(db, sealer, |i, n| {
        if tty {
            eprint!("\rre-sealing bucket credentials: {i}/{n}");
            let _ = std::io::stderr().flush();
        }
    })
    .await?;
    if tty {
        eprintln!();
    }
    let key = sealer.active_key_id().to_owned();
    out.one(&serde_json::json!({"resealed": done, "key_id": key}), || {
        format!("{done} bucket(s) re-sealed under key {key:?}; the previous key can now be removed from every process's configuration")
    })
}

struct Output {
    json: bool,
}

impl Output {
    fn one<T: Serialize>(&self, value: &T, text: impl FnOnce() -> String) -> anyhow::Result<()> {
        if self.json {
            println!("{}", serde_json::to_string_pretty(value)?);
        } else {
            println!("{}", text());
        }
        Ok(())
    }

    fn many<T: Serialize>(&self, rows: &[T], line: impl Fn(&T) -> String) -> anyhow::Result<()> {
        if self.json {
            println!("{}", serde_json::to_string_pretty(rows)?);
        } else if rows.is_empty() {
            println!("(none)");
        } else {
            rows.iter().for_each(|r| println!("{}", line(r)));
        }
        Ok(())
    }
}

async fn find_org(pool: &PgPool, r: &OrgRef) -> anyhow::Result<db::orgs::Org> {
    db::orgs::find_org(pool, &r.org)
        .await?
        .with_context(|| format!("no organization {:?}", r.org))
}

async fn find_team(pool: &PgPool, r: &TeamRef) -> anyhow::Result<db::orgs::Team> {
    let org = find_org(pool, &r.org).await?;
    db::orgs::find_team(pool, org.id, &r.team)
        .await?
        .with_context(|| format!("no team {:?} in {:?}", r.team, r.org.org))
}

async fn find_project(pool: &PgPool, r: &ProjectRef) -> anyhow::Result<db::projects::Project> {
    let team = find_team(pool, &r.team).await?;
    db::projects::find(pool, team.id, &r.project)
        .await?
        .with_context(|| format!("no project {:?} in team {:?}", r.project, r.team.team))
}
