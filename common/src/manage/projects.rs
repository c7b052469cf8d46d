//! Projects and tenants: create (on a bucket the team may write to), change settings (upload
//! rules, presets, image limits, public presets, quotas, rate-limit overrides — one validated
//! document, one audited diff), rotate the transform secret, delete softly.

use std::collections::BTreeMap;

use sqlx::PgPool;

use super::{Acting, ManageError, check_name, check_slug, constraint};
use crate::audit::Event;
use crate::db::projects::{self, NewProject, Project, Settings};
use crate::db::tenants::{self, Tenant};
use crate::db::{buckets, members::Ref};
use crate::domain::{OrgId, ProjectId, TeamId, UploadRules};
use crate::storage::multipart::{MAX_SINGLE_PUT_BYTES, MIN_PART_BYTES};
use crate::transform::{Format, TransformPolicy, TransformSpec};

/// Where a project lives.
#[derive(Debug, Clone, Copy)]
pub struct ProjectPlace {
    /// Organization.
    pub org: OrgId,
    /// Team.
    pub team: TeamId,
    /// Project.
    pub project: ProjectId,
}

impl ProjectPlace {
    pub(crate) fn event(self, e: Event) -> Event {
        e.project(self.org, self.team, self.project)
    }
}

/// A project to create.
#[derive(Debug)]
pub struct NewProjectInput<'a> {
    /// URL name, unique in the team.
    pub slug: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Bucket id or name.
    pub bucket: &'a str,
    /// Upload rules.
    pub rules: UploadRules,
}

/// Creates a project on bucket `bucket` (id or name), which the team must own or hold a
/// read-write or admin grant on.
pub async fn create_project(
    db: &PgPool,
    org: OrgId,
    team: TeamId,
    input: NewProjectInput<'_>,
    acting: &Acting,
) -> Result<Project, ManageError> {
    let NewProjectInput {
        slug,
        name,
        bucket,
        rules,
    } = input;
    check_slug("slug", slug)?;
    check_name("name", name)?;
    rules.validate().map_err(|m| ManageError::invalid("rules", m))?;
    let mut tx = db.begin().await?;
    let bucket_id = buckets::writable_by(&mut *tx, org, team, Ref::parse(bucket)).await?.ok_or_else(|| ManageError::Invalid {
        code: "bucket_not_writable",
        field: Some("bucket"),
        message: format!("no bucket {bucket:?} this team owns or may write to (share it with the team with a read-write grant first)"),
    })?;
    let new = NewProject {
        team,
        bucket: bucket_id,
        slug,
        name: name.trim(),
        rules,
        upload_url_ttl_secs: None,
    };
    let id = projects::create(&mut *tx, &new)
        .await
        .map_err(|e| constraint(e, &format!("project {slug:?}")))?;
    acting
        .record(
            &mut *tx,
            &Event::new("project.created", "project", id)
                .project(org, team, id)
                .named(slug),
        )
        .await?;
    let project = projects::get(&mut *tx, id)
        .await?
        .ok_or(ManageError::NotFound("project"))?;
    tx.commit().await?;
    Ok(project)
}

/// A change to a project's settings; absent fields stay as they are. Quotas and the upload URL
/// lifetime take `null` for "unlimited"/"default". Presets map a name to a transform query
/// (`w=256&h=256&fit=cover&format=webp`) or to `null` to remove it.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    /// Display name.
    pub name: Option<String>,
    /// Largest accepted upload.
    pub max_upload_bytes: Option<i64>,
    /// Allowed content types.
    pub allowed_content_types: Option<Vec<String>>,
    /// Upload URL lifetime override (`null`: the server default).
    #[serde(default, with = "double_option")]
    pub upload_url_ttl_secs: Option<Option<i32>>,
    /// Uploads of at least this many bytes are presigned as multipart (5 MiB to 5 GiB).
    pub multipart_threshold_bytes: Option<i64>,
    /// Stored-bytes quota (`null`: unlimited).
    #[serde(default, with = "double_option")]
    pub max_stored_bytes: Option<Option<i64>>,
    /// File-count quota.
    #[serde(default, with = "double_option")]
    pub max_files: Option<Option<i64>>,
    /// Monthly transform quota.
    #[serde(default, with = "double_option")]
    pub max_transforms_per_month: Option<Option<i64>>,
    /// Rate-limit overrides: tier → requests per hour, or `null` to return to the default.
    pub rate_limits: Option<BTreeMap<String, Option<u32>>>,
    /// Presets to add, replace (`name: query`) or remove (`name: null`).
    pub presets: Option<BTreeMap<String, Option<String>>>,
    /// Whether preset URLs work unsigned.
    pub public_presets: Option<bool>,
    /// Source and output limits.
    pub image_limits: Option<crate::transform::ImageLimits>,
}

/// `Some(None)` for an explicit `null`, `None` for an absent field.
mod double_option {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

const TIERS: [&str; 6] = ["read", "standard", "write", "expensive", "delete", "admin"];

/// Applies a settings change in one transaction, with the before/after diff in the audit log.
pub async fn update_project(
    db: &PgPool,
    place: ProjectPlace,
    patch: SettingsPatch,
    acting: &Acting,
) -> Result<Settings, ManageError> {
    let mut tx = db.begin().await?;
    let before = projects::settings_for_update(&mut *tx, place.project)
        .await?
        .ok_or(ManageError::NotFound("project"))?;
    let after = apply(before.clone(), patch)?;
    if after != before {
        projects::save_settings(&mut *tx, place.project, &after).await?;
        let event = place
            .event(Event::new("project.updated", "project", place.project))
            .diff(changed(&before, &after), changed(&after, &before));
        acting.record(&mut *tx, &event).await?;
    }
    tx.commit().await?;
    Ok(after)
}

/// The fields of `a` that differ from `b` (so a diff shows only what changed).
fn changed(a: &Settings, b: &Settings) -> serde_json::Value {
    let (a, b) = (
        serde_json::to_value(a).unwrap_or_default(),
        serde_json::to_value(b).unwrap_or_default(),
    );
    let mut out = serde_json::Map::new();
    if let (Some(a), Some(b)) = (a.as_object(), b.as_object()) {
        for (k, v) in a {
            if b.get(k) != Some(v) {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    serde_json::Value::Object(out)
}

fn apply(mut s: Settings, p: SettingsPatch) -> Result<Settings, ManageError> {
    if let Some(name) = p.name {
        check_name("name", &name)?;
        s.name = name.trim().to_owned();
    }
    s.max_upload_bytes = p.max_upload_bytes.unwrap_or(s.max_upload_bytes);
    s.allowed_content_types = p.allowed_content_types.unwrap_or(s.allowed_content_types);
    UploadRules {
        max_upload_bytes: s.max_upload_bytes,
        allowed_content_types: s.allowed_content_types.clone(),
    }
    .validate()
    .map_err(|m| ManageError::invalid("rules", m))?;
    if let Some(ttl) = p.upload_url_ttl_secs {
        if ttl.is_some_and(|t| !(60..=604_800).contains(&t)) {
            return Err(ManageError::invalid(
                "upload_url_ttl_secs",
                "must be between 60 and 604800 seconds, or null",
            ));
        }
        s.upload_url_ttl_secs = ttl;
    }
    if let Some(threshold) = p.multipart_threshold_bytes {
        if !(MIN_PART_BYTES..=MAX_SINGLE_PUT_BYTES).contains(&threshold) {
            return Err(ManageError::invalid(
                "multipart_threshold_bytes",
                format!("must be between {MIN_PART_BYTES} (5 MiB) and {MAX_SINGLE_PUT_BYTES} (5 GiB) bytes"),
            ));
        }
        s.multipart_threshold_bytes = threshold;
    }
    for (field, new, old) in [
        ("max_stored_bytes", p.max_stored_bytes, &mut s.max_stored_bytes),
        ("max_files", p.max_files, &mut s.max_files),
        (
            "max_transforms_per_month",
            p.max_transforms_per_month,
            &mut s.max_transforms_per_month,
        ),
    ] {
        if let Some(v) = new {
            if v.is_some_and(|n| n <= 0) {
                return Err(ManageError::invalid(
                    field,
                    "must be a positive number, or null for unlimited",
                ));
            }
            *old = v;
        }
    }
    if let Some(limits) = p.rate_limits {
        apply_rate_limits(&mut s.rate_limits, limits)?;
    }
    if p.presets.is_some() || p.public_presets.is_some() || p.image_limits.is_some() {
        s.transform_policy = apply_policy(&s.transform_policy, p.presets, p.public_presets, p.image_limits)?;
    }
    Ok(s)
}

fn apply_rate_limits(
    stored: &mut serde_json::Value,
    changes: BTreeMap<String, Option<u32>>,
) -> Result<(), ManageError> {
    let mut map = stored.as_object().cloned().unwrap_or_default();
    for (tier, limit) in changes {
        if !TIERS.contains(&tier.as_str()) {
            return Err(ManageError::invalid(
                "rate_limits",
                format!("unknown tier {tier:?}; tiers are {}", TIERS.join(", ")),
            ));
        }
        match limit {
            Some(0) => {
                return Err(ManageError::invalid(
                    "rate_limits",
                    "a tier must allow at least 1 request per hour",
                ));
            }
            Some(n) => map.insert(tier, n.into()),
            None => map.remove(&tier),
        };
    }
    *stored = serde_json::Value::Object(map);
    Ok(())
}

fn apply_policy(
    stored: &serde_json::Value,
    presets: Option<BTreeMap<String, Option<String>>>,
    public: Option<bool>,
    limits: Option<crate::transform::ImageLimits>,
) -> Result<serde_json::Value, ManageError> {
    let invalid = |e: crate::transform::TransformError| ManageError::Invalid {
        code: "invalid_transform_policy",
        field: Some("presets"),
        message: e.to_string(),
    };
    let mut policy = TransformPolicy::from_json(stored).map_err(invalid)?;
    for (name, query) in presets.unwrap_or_default() {
        match query {
            None => {
                policy
                    .presets
                    .remove(&name)
                    .ok_or_else(|| ManageError::invalid("presets", format!("there is no preset {name:?}")))?;
            }
            Some(q) => {
                let spec = preset_spec(&q)?;
                policy.presets.insert(name, spec);
            }
        }
    }
    policy.public_presets = public.unwrap_or(policy.public_presets);
    policy.limits = limits.unwrap_or(policy.limits);
    policy.validate().map_err(invalid)?;
    serde_json::to_value(&policy).map_err(|e| ManageError::invalid("presets", e.to_string()))
}

/// A preset from a transform query: one fixed format (never `auto`), validated.
pub fn preset_spec(query: &str) -> Result<TransformSpec, ManageError> {
    let pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .collect();
    if pairs.iter().any(|(k, v)| *k == "format" && *v == "auto") {
        return Err(ManageError::invalid(
            "presets",
            "a preset has one format: webp, jpeg, png or avif",
        ));
    }
    TransformSpec::from_query(pairs, Format::Webp)
        .map(|parsed| parsed.spec)
        .map_err(|e| ManageError::Invalid {
            code: "invalid_transform_policy",
            field: Some("presets"),
            message: e.to_string(),
        })
}

/// Gives the project a new URL-signing secret: every transform URL minted before stops working.
pub async fn rotate_transform_secret(db: &PgPool, place: ProjectPlace, acting: &Acting) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    if !projects::rotate_transform_secret(&mut *tx, place.project).await? {
        return Err(ManageError::NotFound("project"));
    }
    acting
        .record(
            &mut *tx,
            &place.event(Event::new("project.transform_secret_rotated", "project", place.project)),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a project softly: its keys are revoked at once, its files, usage and audit trail stay.
/// Refused with 409 while uploads are in flight.
pub async fn delete_project(db: &PgPool, place: ProjectPlace, acting: &Acting) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    projects::settings_for_update(&mut *tx, place.project)
        .await?
        .ok_or(ManageError::NotFound("project"))?;
    let in_flight = projects::uploads_in_flight(&mut *tx, place.project).await?;
    if in_flight > 0 {
        return Err(ManageError::conflict(
            "has_dependents",
            format!("{in_flight} uploads are still in progress; try again when they have finished or expired"),
        ));
    }
    projects::soft_delete(&mut tx, place.project).await?;
    acting
        .record(
            &mut *tx,
            &place.event(Event::new("project.deleted", "project", place.project)),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Creates a tenant.
pub async fn create_tenant(
    db: &PgPool,
    place: ProjectPlace,
    slug: &str,
    name: &str,
    acting: &Acting,
) -> Result<Tenant, ManageError> {
    super::check_tenant_slug("slug", slug)?;
    if !name.is_empty() {
        check_name("name", name)?;
    }
    let mut tx = db.begin().await?;
    let tenant = tenants::create(&mut *tx, place.project, slug, name.trim())
        .await
        .map_err(|e| constraint(e, &format!("tenant {slug:?}")))?;
    acting
        .record(
            &mut *tx,
            &place
                .event(Event::new("tenant.created", "tenant", tenant.id))
                .named(slug),
        )
        .await?;
    tx.commit().await?;
    Ok(tenant)
}

/// Deletes a tenant (softly if files or uploads point at it).
pub async fn delete_tenant(db: &PgPool, place: ProjectPlace, slug: &str, acting: &Acting) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    let (id, soft) = tenants::delete(&mut tx, place.project, slug)
        .await?
        .ok_or(ManageError::NotFound("tenant"))?;
    acting
        .record(
            &mut *tx,
            &place
                .event(Event::new("tenant.deleted", "tenant", id))
                .named(slug)
                .with("soft", soft),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}
