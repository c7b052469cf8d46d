//! `carcosa admin …`: management from the command line (the HTTP management API comes later).
//! Things are named by slug: `--org acme --team web --project site`. `--json` prints
//! machine-readable output for scripts.

use anyhow::{Context as _, bail};
use carcosa_common::Config;
use carcosa_common::db::{api_keys, buckets, orgs, projects, tenants};
use carcosa_common::domain::{PermissionSet, UploadRules};
use carcosa_common::provision::{self, NewBucket};
use carcosa_common::storage::BucketAccess;
use chrono::Utc;
use clap::{Args, Subcommand};
use secrecy::{ExposeSecret as _, SecretString};
use serde::Serialize;
use sqlx::PgPool;

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
    /// Print a new random CARCOSA_CREDENTIALS_KEY.
    GenKey,
}

#[derive(Debug, Subcommand)]
enum OrgCommand {
    /// Create an organization.
    Create {
        /// URL-safe name (lowercase letters, digits, '-').
        slug: String,
        /// Display name (defaults to the slug).
        #[arg(long)]
        name: Option<String>,
    },
    /// List organizations.
    List,
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

#[derive(Debug, Subcommand)]
enum TeamCommand {
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

#[derive(Debug, Subcommand)]
enum BucketCommand {
    /// Add a bucket. It is checked for real first (write, read and delete a probe object).
    Add(Box<BucketAddArgs>),
    /// List an organization's buckets (credentials are never shown).
    List(OrgRef),
}

#[derive(Debug, Args)]
struct BucketAddArgs {
    #[command(flatten)]
    team: TeamRef,
    /// Carcosa-side name for the bucket.
    #[arg(long)]
    name: String,
    /// The bucket's name at the provider.
    #[arg(long)]
    bucket: String,
    /// Custom endpoint URL (R2, MinIO, SeaweedFS, …); omit for AWS S3.
    #[arg(long)]
    endpoint: Option<String>,
    /// Signing region (`auto` for R2).
    #[arg(long, default_value = "us-east-1")]
    region: String,
    /// Path-style addressing (endpoint/bucket/key), needed by most self-hosted stores.
    #[arg(long)]
    path_style: bool,
    /// s3, r2, minio, embedded or other.
    #[arg(long, default_value = "s3")]
    provider: String,
    /// Access key id.
    #[arg(long, env = "CARCOSA_BUCKET_ACCESS_KEY", hide_env_values = true)]
    access_key: String,
    /// Secret access key (prefer the environment variable over the flag).
    #[arg(long, env = "CARCOSA_BUCKET_SECRET_KEY", hide_env_values = true)]
    secret_key: String,
}

#[derive(Debug, Subcommand)]
enum ProjectCommand {
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
struct RulesArgs {
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
enum TenantCommand {
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

#[derive(Debug, Subcommand)]
enum KeyCommand {
    /// Create an API key; the key is printed once and cannot be shown again.
    Create {
        #[command(flatten)]
        project: ProjectRef,
        /// Label.
        #[arg(long)]
        name: String,
        /// Comma-separated permissions (files:read, files:write, files:delete, …, admin).
        #[arg(long, value_delimiter = ',', default_value = "files:read,files:write,files:delete")]
        permissions: Vec<String>,
        /// Lifetime, e.g. 30d, 12h, 90m (default: no expiry).
        #[arg(long)]
        expires_in: Option<String>,
    },
    /// List a project's keys (prefixes only).
    List(ProjectRef),
    /// Revoke a key by its prefix (`ck_…`).
    Revoke {
        /// The key's prefix, as `key list` shows it.
        prefix: String,
    },
}

pub async fn run(config: Config, args: AdminArgs) -> anyhow::Result<()> {
    if let AdminCommand::GenKey = args.command {
        println!("{}", carcosa_common::crypto::generate_credentials_key());
        return Ok(());
    }
    let (db, sealer, _config) = crate::connect(config).await?;
    let out = Output { json: args.json };
    match args.command {
        AdminCommand::Org(cmd) => org(&db, &out, cmd).await,
        AdminCommand::Team(cmd) => team(&db, &out, cmd).await,
        AdminCommand::Bucket(cmd) => bucket(&db, &sealer, &out, cmd).await,
        AdminCommand::Project(cmd) => project(&db, &out, cmd).await,
        AdminCommand::Tenant(cmd) => tenant(&db, &out, cmd).await,
        AdminCommand::Key(cmd) => key(&db, &out, cmd).await,
        AdminCommand::GenKey => Ok(()),
    }
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

async fn find_org(db: &PgPool, r: &OrgRef) -> anyhow::Result<orgs::Org> {
    orgs::find_org(db, &r.org)
        .await?
        .with_context(|| format!("no organization {:?}", r.org))
}

async fn find_team(db: &PgPool, r: &TeamRef) -> anyhow::Result<orgs::Team> {
    let org = find_org(db, &r.org).await?;
    orgs::find_team(db, org.id, &r.team)
        .await?
        .with_context(|| format!("no team {:?} in {:?}", r.team, r.org.org))
}

async fn find_project(db: &PgPool, r: &ProjectRef) -> anyhow::Result<projects::Project> {
    let team = find_team(db, &r.team).await?;
    projects::find(db, team.id, &r.project)
        .await?
        .with_context(|| format!("no project {:?} in team {:?}", r.project, r.team.team))
}

async fn org(db: &PgPool, out: &Output, cmd: OrgCommand) -> anyhow::Result<()> {
    match cmd {
        OrgCommand::Create { slug, name } => {
            let name = name.unwrap_or_else(|| slug.clone());
            let org = orgs::create_org(db, &slug, &name)
                .await
                .map_err(|e| provision::unique_violation(e, &format!("organization {slug:?}")))?;
            out.one(&org, || format!("created organization {} ({})", org.slug, org.id))
        }
        OrgCommand::List => out.many(&orgs::list_orgs(db).await?, |o| {
            format!("{}\t{}\t{}", o.slug, o.name, o.id)
        }),
    }
}

async fn team(db: &PgPool, out: &Output, cmd: TeamCommand) -> anyhow::Result<()> {
    match cmd {
        TeamCommand::Create { org, slug, name } => {
            let org = find_org(db, &org).await?;
            let name = name.unwrap_or_else(|| slug.clone());
            let team = orgs::create_team(db, org.id, &slug, &name)
                .await
                .map_err(|e| provision::unique_violation(e, &format!("team {slug:?}")))?;
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

async fn bucket(
    db: &PgPool,
    sealer: &carcosa_common::crypto::Sealer,
    out: &Output,
    cmd: BucketCommand,
) -> anyhow::Result<()> {
    match cmd {
        BucketCommand::Add(args) => {
            let team = find_team(db, &args.team).await?;
            let new = NewBucket {
                org: team.organization_id,
                owner_team: team.id,
                name: args.name.clone(),
                provider: args.provider.clone(),
                access: BucketAccess {
                    endpoint: args.endpoint.clone(),
                    region: args.region.clone(),
                    bucket_name: args.bucket.clone(),
                    force_path_style: args.path_style,
                    access_key: SecretString::from(args.access_key.clone()),
                    secret_key: SecretString::from(args.secret_key.clone()),
                },
            };
            let row = provision::add_bucket(db, sealer, new).await?;
            let summary = row.summary();
            out.one(&summary, || {
                format!(
                    "bucket {} checked (write, read, delete) and added ({})",
                    row.name, row.id
                )
            })
        }
        BucketCommand::List(r) => {
            let org = find_org(db, &r).await?;
            let rows: Vec<_> = buckets::list(db, org.id).await?.iter().map(|b| b.summary()).collect();
            out.many(&rows, |b| {
                format!(
                    "{}\t{}\t{}\t{}\t{}",
                    b.name,
                    b.bucket_name,
                    b.endpoint.as_deref().unwrap_or("aws"),
                    b.status,
                    b.id
                )
            })
        }
    }
}

async fn project(db: &PgPool, out: &Output, cmd: ProjectCommand) -> anyhow::Result<()> {
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

async fn tenant(db: &PgPool, out: &Output, cmd: TenantCommand) -> anyhow::Result<()> {
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

#[derive(Serialize)]
struct CreatedKeyOutput<'a> {
    key: &'a str,
    #[serde(flatten)]
    summary: &'a api_keys::ApiKeySummary,
}

async fn key(db: &PgPool, out: &Output, cmd: KeyCommand) -> anyhow::Result<()> {
    match cmd {
        KeyCommand::Create {
            project,
            name,
            permissions,
            expires_in,
        } => {
            let p = find_project(db, &project).await?;
            let perms = PermissionSet::parse(&permissions)?;
            let expires_at = expires_in
                .as_deref()
                .map(parse_lifetime)
                .transpose()?
                .map(|d| Utc::now() + d);
            let created = provision::create_api_key(db, p.id, &name, &perms, expires_at).await?;
            let token = created.token.expose_secret();
            out.one(
                &CreatedKeyOutput {
                    key: token,
                    summary: &created.summary,
                },
                || {
                    format!(
                        "{token}\n(this key is shown once; store it now — only its prefix {} is kept)",
                        created.summary.prefix
                    )
                },
            )
        }
        KeyCommand::List(r) => {
            let p = find_project(db, &r).await?;
            out.many(&api_keys::list(db, p.id).await?, |k| {
                let state = match (k.revoked_at, k.expires_at) {
                    (Some(_), _) => "revoked".to_owned(),
                    (None, Some(t)) if t <= Utc::now() => "expired".to_owned(),
                    (None, Some(t)) => format!("expires {}", t.format("%Y-%m-%d %H:%M")),
                    (None, None) => "active".to_owned(),
                };
                format!("{}\t{}\t{}\t{}", k.prefix, k.name, k.permissions.join(","), state)
            })
        }
        KeyCommand::Revoke { prefix } => {
            if !api_keys::revoke(db, &prefix).await? {
                bail!("no active key with prefix {prefix:?}");
            }
            out.one(&serde_json::json!({ "revoked": prefix }), || {
                format!("revoked {prefix}")
            })
        }
    }
}

/// `30d`, `12h`, `90m`, `3600s`.
fn parse_lifetime(s: &str) -> anyhow::Result<chrono::Duration> {
    let (num, unit) = s.split_at(s.len().saturating_sub(1));
    let n: i64 = num
        .parse()
        .with_context(|| format!("{s:?} is not a lifetime like 30d, 12h, 90m or 3600s"))?;
    let d = match unit {
        "d" => chrono::Duration::days(n),
        "h" => chrono::Duration::hours(n),
        "m" => chrono::Duration::minutes(n),
        "s" => chrono::Duration::seconds(n),
        _ => bail!("{s:?} is not a lifetime like 30d, 12h, 90m or 3600s"),
    };
    if d <= chrono::Duration::zero() {
        bail!("the lifetime must be positive");
    }
    Ok(d)
}
