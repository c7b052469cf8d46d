//! `carcosa admin project …` and `carcosa admin tenant …`.

use anyhow::Context as _;
use carcosa_common::db::{buckets, projects, tenants};
use carcosa_common::domain::UploadRules;
use carcosa_common::provision;
use clap::{Args, Subcommand};
use sqlx::PgPool;

use super::{Output, ProjectRef, TeamRef, find_project, find_team};

#[derive(Debug, Subcommand)]
pub(super) enum ProjectCommand {
    /// Create a project.
    Create {
        #[command(flatten)]
        team: TeamRef,
        /// URL-safe name.
        slug: String,
        /// Bucket (by its Carcosa name) for the project's objects.
        #[arg(long)]
        bucket: String,
        /// Display name.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Change a project's upload rules.
    SetRules {
        #[command(flatten)]
        project: ProjectRef,
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// List a team's projects.
    List(TeamRef),
}

#[derive(Debug, Args)]
pub(super) struct RulesArgs {
    /// Largest accepted upload in bytes (default 20 MiB).
    #[arg(long)]
    max_upload_bytes: Option<i64>,
    /// Allowed content type, exact or `type/*` (repeat; default image/*).
    #[arg(long = "allow")]
    allow: Vec<String>,
}

impl RulesArgs {
    fn rules(&self) -> anyhow::Result<UploadRules> {
        let defaults = UploadRules::default();
        let rules = UploadRules {
            max_upload_bytes: self.max_upload_bytes.unwrap_or(defaults.max_upload_bytes),
            allowed_content_types: if self.allow.is_empty() {
                defaults.allowed_content_types
            } else {
                self.allow.clone()
            },
        };
        rules.validate().map_err(anyhow::Error::msg)?;
        Ok(rules)
    }
}

#[derive(Debug, Subcommand)]
pub(super) enum TenantCommand {
    /// Create a tenant.
    Create {
        #[command(flatten)]
        project: ProjectRef,
        /// Tenant slug (what API callers pass as `tenant`).
        slug: String,
        /// Display name.
        #[arg(long)]
        name: Option<String>,
    },
    /// List a project's tenants.
    List(ProjectRef),
}

pub(super) async fn project(db: &PgPool, out: &Output, cmd: ProjectCommand) -> anyhow::Result<()> {
    match cmd {
        ProjectCommand::Create {
            team,
            slug,
            bucket,
            name,
            rules,
        } => {
            let team_row = find_team(db, &team).await?;
            let bucket_row = buckets::find(db, team_row.organization_id, &bucket)
                .await?
                .with_context(|| format!("no bucket {bucket:?} in {:?}", team.org.org))?;
            let name = name.unwrap_or_else(|| slug.clone());
            let new = projects::NewProject {
                team: team_row.id,
                bucket: bucket_row.id,
                slug: &slug,
                name: &name,
                rules: rules.rules()?,
                upload_url_ttl_secs: None,
            };
            let id = projects::create(db, &new)
                .await
                .map_err(|e| provision::unique_violation(e, &format!("project {slug:?}")))?;
            let project = projects::get(db, id).await?.context("project vanished")?;
            out.one(&project, || format!("created project {slug} ({id})"))
        }
        ProjectCommand::SetRules { project, rules } => {
            let row = find_project(db, &project).await?;
            let rules = rules.rules()?;
            projects::set_rules(db, row.id, &rules).await?;
            out.one(&rules, || {
                format!(
                    "project {} now accepts {} up to {} bytes",
                    row.slug,
                    rules.allowed_content_types.join(", "),
                    rules.max_upload_bytes
                )
            })
        }
        ProjectCommand::List(r) => {
            let team = find_team(db, &r).await?;
            out.many(&projects::list(db, team.id).await?, |p| {
                format!(
                    "{}\t{} bytes\t{}\t{}",
                    p.slug,
                    p.max_upload_bytes,
                    p.allowed_content_types.join(","),
                    p.id
                )
            })
        }
    }
}

pub(super) async fn tenant(db: &PgPool, out: &Output, cmd: TenantCommand) -> anyhow::Result<()> {
    match cmd {
        TenantCommand::Create { project, slug, name } => {
            let p = find_project(db, &project).await?;
            let t = tenants::create(db, p.id, &slug, name.as_deref().unwrap_or(""))
                .await
                .map_err(|e| provision::unique_violation(e, &format!("tenant {slug:?}")))?;
            out.one(&t, || format!("created tenant {} ({})", t.slug, t.id))
        }
        TenantCommand::List(r) => {
            let p = find_project(db, &r).await?;
            out.many(&tenants::list(db, p.id).await?, |t| {
                format!("{}\t{}\t{}", t.slug, t.name, t.id)
            })
        }
    }
}
