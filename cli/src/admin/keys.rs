//! `carcosa admin key …`: keys are printed once; only their prefix and hash are kept.

use anyhow::Context as _;
use anyhow::bail;
use carcosa_common::db::api_keys;
use carcosa_common::domain::PermissionSet;
use carcosa_common::manage::keys::{self, KeyScope};
use carcosa_common::manage::{Acting, ManageError};
use chrono::Utc;
use clap::Subcommand;
use secrecy::ExposeSecret as _;
use serde::Serialize;
use sqlx::PgPool;

use super::{Output, ProjectRef, find_project};

#[derive(Debug, Subcommand)]
pub(super) enum KeyCommand {
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

#[derive(Serialize)]
pub(super) struct CreatedKeyOutput<'a> {
    key: &'a str,
    #[serde(flatten)]
    summary: &'a api_keys::ApiKeySummary,
}

pub(super) async fn key(db: &PgPool, out: &Output, cmd: KeyCommand) -> anyhow::Result<()> {
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
            let scope = KeyScope {
                org: p.organization_id,
                team: p.team_id,
                project: p.id,
            };
            let created = keys::create_key(db, scope, &name, &perms, expires_at, None, &Acting::cli()).await?;
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
            if let Err(e) = keys::revoke_by_prefix(db, &prefix, &Acting::cli()).await {
                match e {
                    ManageError::NotFound(_) => bail!("no active key with prefix {prefix:?}"),
                    other => return Err(other.into()),
                }
            }
            out.one(&serde_json::json!({ "revoked": prefix }), || {
                format!("revoked {prefix}")
            })
        }
    }
}

/// `30d`, `12h`, `90m`, `3600s`.
pub(super) fn parse_lifetime(s: &str) -> anyhow::Result<chrono::Duration> {
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
