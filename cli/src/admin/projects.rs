//! `carcosa admin project …` and `carcosa admin tenant …`.

use anyhow::Context as _;
use std::collections::BTreeMap;

use carcosa_common::db::{projects, tenants};
use carcosa_common::domain::UploadRules;
use carcosa_common::manage::Acting;
use carcosa_common::manage::projects::{self as manage, ProjectPlace, SettingsPatch};
use carcosa_common::transform::TransformPolicy;
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
    /// Show a project's transform policy: presets, whether they are public, image limits.
    Transforms(ProjectRef),
    /// Add or replace a preset (made for every image uploaded from now on).
    SetPreset {
        #[command(flatten)]
        project: ProjectRef,
        /// Preset name, 1-32 of [A-Za-z0-9_-] (used in /v1/transform/{file}/{name}).
        name: String,
        /// Width in pixels.
        #[arg(long)]
        w: Option<u32>,
        /// Height in pixels.
        #[arg(long)]
        h: Option<u32>,
        /// cover, contain, fill or inside (default inside).
        #[arg(long)]
        fit: Option<String>,
        /// webp, jpeg, png or avif (default webp).
        #[arg(long)]
        format: Option<String>,
        /// Quality 1-100 (default 80).
        #[arg(long)]
        q: Option<u32>,
    },
    /// Remove a preset (variants already made stay until their file is deleted).
    RemovePreset {
        #[command(flatten)]
        project: ProjectRef,
        /// Preset name.
        name: String,
    },
    /// Serve preset URLs without a signature (`true`) or require one (`false`, the default).
    PublicPresets {
        #[command(flatten)]
        project: ProjectRef,
        /// true or false.
        #[arg(action = clap::ArgAction::Set)]
        public: bool,
    },
    /// Change the limits a source image must meet (checked before decoding).
    SetImageLimits {
        #[command(flatten)]
        project: ProjectRef,
        /// Longest side in pixels (default 10000).
        #[arg(long)]
        max_side: Option<u32>,
        /// Most pixels (default 40000000).
        #[arg(long)]
        max_pixels: Option<u64>,
        /// Largest source in bytes (default 41943040).
        #[arg(long)]
        max_input_bytes: Option<u64>,
        /// Most pixels one output (preset or transform) may have (default 16000000).
        #[arg(long)]
        max_output_pixels: Option<u64>,
    },
    /// Give the project a new URL-signing secret: every transform URL minted before stops working.
    RotateTransformSecret(ProjectRef),
    /// Show or change the project's quotas (a number, or `none` for unlimited; omitted ones
    /// stay as they are). Presigns and transforms over a quota get 403 `quota_exceeded`.
    Quotas {
        #[command(flatten)]
        project: ProjectRef,
        /// Bytes of verified files the project may hold.
        #[arg(long, value_parser = parse_limit)]
        max_stored_bytes: Option<Limit>,
        /// Files the project may hold.
        #[arg(long, value_parser = parse_limit)]
        max_files: Option<Limit>,
        /// On-demand transforms per calendar month (UTC).
        #[arg(long, value_parser = parse_limit)]
        max_transforms_per_month: Option<Limit>,
    },
}

/// A quota on the command line: a positive number or `none`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limit(Option<i64>);

fn parse_limit(s: &str) -> Result<Limit, String> {
    if matches!(s, "none" | "unlimited") {
        return Ok(Limit(None));
    }
    match s.parse::<i64>() {
        Ok(n) if n > 0 => Ok(Limit(Some(n))),
        _ => Err(format!("expected a positive whole number or `none`, got {s:?}")),
    }
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
            let name = name.unwrap_or_else(|| slug.clone());
            let input = manage::NewProjectInput {
                slug: &slug,
                name: &name,
                bucket: &bucket,
                rules: rules.rules()?,
            };
            let project =
                manage::create_project(db, team_row.organization_id, team_row.id, input, &Acting::cli()).await?;
            out.one(&project, || format!("created project {slug} ({})", project.id))
        }
        ProjectCommand::SetRules { project, rules } => {
            let row = find_project(db, &project).await?;
            let rules = rules.rules()?;
            let patch = SettingsPatch {
                max_upload_bytes: Some(rules.max_upload_bytes),
                allowed_content_types: Some(rules.allowed_content_types.clone()),
                ..SettingsPatch::default()
            };
            manage::update_project(db, place(&row), patch, &Acting::cli()).await?;
            out.one(&rules, || {
                format!(
                    "project {} now accepts {} up to {} bytes",
                    row.slug,
                    rules.allowed_content_types.join(", "),
                    rules.max_upload_bytes
                )
            })
        }
        cmd @ (ProjectCommand::Transforms(_)
        | ProjectCommand::SetPreset { .. }
        | ProjectCommand::RemovePreset { .. }
        | ProjectCommand::PublicPresets { .. }
        | ProjectCommand::SetImageLimits { .. }
        | ProjectCommand::RotateTransformSecret(_)) => transforms(db, out, cmd).await,
        ProjectCommand::Quotas {
            project,
            max_stored_bytes,
            max_files,
            max_transforms_per_month,
        } => {
            let row = find_project(db, &project).await?;
            let patch = SettingsPatch {
                max_stored_bytes: max_stored_bytes.map(|l| l.0),
                max_files: max_files.map(|l| l.0),
                max_transforms_per_month: max_transforms_per_month.map(|l| l.0),
                ..SettingsPatch::default()
            };
            let s = manage::update_project(db, place(&row), patch, &Acting::cli()).await?;
            let q = carcosa_common::domain::Quotas {
                max_stored_bytes: s.max_stored_bytes,
                max_files: s.max_files,
                max_transforms_per_month: s.max_transforms_per_month,
            };
            let show = |v: Option<i64>| v.map_or("unlimited".to_owned(), |n| n.to_string());
            out.one(&q, || {
                format!(
                    "project {}: stored bytes {}, files {}, transforms per month {}",
                    row.slug,
                    show(q.max_stored_bytes),
                    show(q.max_files),
                    show(q.max_transforms_per_month)
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

/// Applies a transform-policy change through the same rules as the HTTP API; returns the policy.
async fn edit_policy(
    db: &PgPool,
    project: &projects::Project,
    patch: SettingsPatch,
) -> anyhow::Result<TransformPolicy> {
    let settings = manage::update_project(db, place(project), patch, &Acting::cli()).await?;
    TransformPolicy::from_json(&settings.transform_policy).map_err(|e| anyhow::anyhow!("stored policy: {e}"))
}

fn place(p: &projects::Project) -> ProjectPlace {
    ProjectPlace {
        org: p.organization_id,
        team: p.team_id,
        project: p.id,
    }
}

fn describe(slug: &str, p: &TransformPolicy) -> String {
    let mut out = format!(
        "project {slug}: presets are {}; sources up to {} px a side, {} pixels, {} bytes; outputs up to {} pixels",
        if p.public_presets { "public" } else { "signed" },
        p.limits.max_side,
        p.limits.max_pixels,
        p.limits.max_input_bytes,
        p.limits.max_output_pixels
    );
    for (name, spec) in &p.presets {
        out.push_str(&format!("\n  {name}\t{}", spec.canonical()));
    }
    out
}

async fn transforms(db: &PgPool, out: &Output, cmd: ProjectCommand) -> anyhow::Result<()> {
    let (project, policy) = match cmd {
        ProjectCommand::Transforms(project) => {
            let row = find_project(db, &project).await?;
            let stored = projects::transform_policy(db, row.id)
                .await?
                .context("project vanished")?;
            let policy = TransformPolicy::from_json(&stored).map_err(|e| anyhow::anyhow!("stored policy: {e}"))?;
            (row, policy)
        }
        ProjectCommand::SetPreset {
            project,
            name,
            w,
            h,
            fit,
            format,
            q,
        } => {
            let row = find_project(db, &project).await?;
            let pairs = [
                ("w", w.map(|v| v.to_string())),
                ("h", h.map(|v| v.to_string())),
                ("fit", fit),
                ("format", format),
                ("q", q.map(|v| v.to_string())),
            ];
            let query: Vec<String> = pairs
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| format!("{k}={v}")))
                .collect();
            let presets = BTreeMap::from([(name, Some(query.join("&")))]);
            let policy = edit_policy(
                db,
                &row,
                SettingsPatch {
                    presets: Some(presets),
                    ..SettingsPatch::default()
                },
            )
            .await?;
            (row, policy)
        }
        ProjectCommand::RemovePreset { project, name } => {
            let row = find_project(db, &project).await?;
            let presets = BTreeMap::from([(name, None)]);
            let policy = edit_policy(
                db,
                &row,
                SettingsPatch {
                    presets: Some(presets),
                    ..SettingsPatch::default()
                },
            )
            .await?;
            (row, policy)
        }
        ProjectCommand::PublicPresets { project, public } => {
            let row = find_project(db, &project).await?;
            let patch = SettingsPatch {
                public_presets: Some(public),
                ..SettingsPatch::default()
            };
            let policy = edit_policy(db, &row, patch).await?;
            (row, policy)
        }
        ProjectCommand::SetImageLimits {
            project,
            max_side,
            max_pixels,
            max_input_bytes,
            max_output_pixels,
        } => {
            let row = find_project(db, &project).await?;
            let stored = projects::transform_policy(db, row.id)
                .await?
                .context("project vanished")?;
            let mut limits = TransformPolicy::from_json(&stored)
                .map_err(|e| anyhow::anyhow!("stored policy: {e}"))?
                .limits;
            limits.max_side = max_side.unwrap_or(limits.max_side);
            limits.max_pixels = max_pixels.unwrap_or(limits.max_pixels);
            limits.max_input_bytes = max_input_bytes.unwrap_or(limits.max_input_bytes);
            limits.max_output_pixels = max_output_pixels.unwrap_or(limits.max_output_pixels);
            let policy = edit_policy(
                db,
                &row,
                SettingsPatch {
                    image_limits: Some(limits),
                    ..SettingsPatch::default()
                },
            )
            .await?;
            (row, policy)
        }
        ProjectCommand::RotateTransformSecret(project) => {
            let row = find_project(db, &project).await?;
            manage::rotate_transform_secret(db, place(&row), &Acting::cli()).await?;
            let done = serde_json::json!({"project": row.slug, "transform_secret": "rotated"});
            return out.one(&done, || {
                format!(
                    "project {}: new transform URL secret; URLs minted before no longer work",
                    row.slug
                )
            });
        }
        other => unreachable!("not a transform command: {other:?}"),
    };
    out.one(&policy, || describe(&project.slug, &policy))
}

pub(super) async fn tenant(db: &PgPool, out: &Output, cmd: TenantCommand) -> anyhow::Result<()> {
    match cmd {
        TenantCommand::Create { project, slug, name } => {
            let p = find_project(db, &project).await?;
            let t = manage::create_tenant(db, place(&p), &slug, name.as_deref().unwrap_or(""), &Acting::cli()).await?;
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
