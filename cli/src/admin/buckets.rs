//! `carcosa admin bucket …`: adding a bucket checks it for real first.

use carcosa_common::db::buckets;
use carcosa_common::manage::Acting;
use carcosa_common::manage::buckets as manage;
use carcosa_common::provision::NewBucket;
use carcosa_common::storage::BucketAccess;
use clap::{Args, Subcommand};
use secrecy::SecretString;
use sqlx::PgPool;

use super::{OrgRef, Output, TeamRef, find_org, find_team};

#[derive(Debug, Subcommand)]
pub(super) enum BucketCommand {
    /// Add a bucket. It is checked for real first (write, read and delete a probe object).
    Add(Box<BucketAddArgs>),
    /// List an organization's buckets (credentials are never shown).
    List(OrgRef),
}

#[derive(Debug, Args)]
pub(super) struct BucketAddArgs {
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
    /// An origin browsers will upload from (repeat): the bucket's CORS rules are checked for it.
    #[arg(long = "cors-origin")]
    cors_origins: Vec<String>,
}

pub(super) async fn bucket(
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
            let (row, checks) = manage::add_bucket(db, sealer, new, &args.cors_origins, &Acting::cli()).await?;
            let summary = row.summary();
            let mut shown = serde_json::to_value(&summary)?;
            shown["checks"] = serde_json::to_value(&checks)?;
            out.one(&shown, || {
                let mut text = format!(
                    "bucket {} checked (write, read, delete) and added ({})",
                    row.name, row.id
                );
                for problem in &checks.cors.problems {
                    text.push_str(&format!("\nCORS: {problem}"));
                }
                if let Some(fix) = &checks.cors.fix {
                    text.push_str(&format!(
                        "\nadd this CORS rule to the bucket: {}",
                        serde_json::to_string(fix).unwrap_or_default()
                    ));
                }
                text
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
