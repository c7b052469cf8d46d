//! Named upload routes through the management plane: list, put, delete, and sync (replace the
//! whole set with what the app's code declares, showing the difference first).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use super::projects::ProjectPlace;
use super::{Acting, ManageError};
use crate::audit::Event;
use crate::db::{projects, upload_routes};
use crate::domain::upload_routes::{RouteRules, valid_name};
use crate::transform::TransformPolicy;

pub use crate::db::upload_routes::{UploadRoute, UploadRouteView};

/// Most routes one project may have.
pub const MAX_ROUTES: usize = 100;

/// What a sync changed (or, dry, would change).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SyncReport {
    /// Routes that are new.
    pub added: Vec<String>,
    /// Routes whose rules differ.
    pub changed: Vec<String>,
    /// Routes the server has and the pushed set does not (removed).
    pub removed: Vec<String>,
    /// Routes already as pushed.
    pub unchanged: Vec<String>,
    /// Whether the changes were made (`false` for a dry run).
    pub applied: bool,
}

fn check(name: &str, rules: &RouteRules, policy: &TransformPolicy) -> Result<(), ManageError> {
    if !valid_name(name) {
        return Err(ManageError::Invalid {
            code: "invalid_route",
            field: Some("name"),
            message: format!("route name {name:?}: a lowercase letter, then up to 62 of a-z, 0-9, '-' and '_'"),
        });
    }
    rules.validate().map_err(|(field, message)| ManageError::Invalid {
        code: "invalid_route",
        field: Some(field),
        message: format!("route {name}: {field}: {message}"),
    })?;
    for preset in rules.presets.iter().flatten() {
        if !policy.presets.contains_key(preset) {
            return Err(ManageError::Invalid {
                code: "unknown_preset",
                field: Some("presets"),
                message: format!(
                    "route {name}: the project has no preset {preset:?} (it has: {})",
                    policy.presets.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    Ok(())
}

async fn policy(tx: &mut sqlx::PgConnection, place: ProjectPlace) -> Result<TransformPolicy, ManageError> {
    let settings = projects::settings_for_update(&mut *tx, place.project)
        .await?
        .ok_or(ManageError::NotFound("project"))?;
    TransformPolicy::from_json(&settings.transform_policy).map_err(|e| ManageError::Conflict {
        code: "invalid_transform_policy",
        message: format!("the project's transform policy cannot be read: {e}"),
    })
}

/// The project's routes.
pub async fn list(db: &PgPool, place: ProjectPlace) -> Result<Vec<UploadRoute>, ManageError> {
    Ok(upload_routes::list(db, place.project).await?)
}

/// Creates or replaces one route.
pub async fn put(
    db: &PgPool,
    place: ProjectPlace,
    name: &str,
    rules: &RouteRules,
    acting: &Acting,
) -> Result<UploadRoute, ManageError> {
    let mut tx = db.begin().await?;
    upload_routes::lock(&mut *tx, place.project).await?;
    check(name, rules, &policy(&mut tx, place).await?)?;
    let before = upload_routes::get(&mut *tx, place.project, name).await?;
    if before.is_none() && upload_routes::list(&mut *tx, place.project).await?.len() >= MAX_ROUTES {
        return Err(too_many());
    }
    let route = upload_routes::upsert(&mut *tx, place.project, name, rules).await?;
    let event = place
        .event(Event::new("upload_route.updated", "upload_route", name))
        .named(name)
        .diff(before.map(|b| b.rules), rules);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(route)
}

/// Deletes one route (its uploads in flight get the project's presets).
pub async fn delete(db: &PgPool, place: ProjectPlace, name: &str, acting: &Acting) -> Result<(), ManageError> {
    let mut tx = db.begin().await?;
    if !upload_routes::delete(&mut *tx, place.project, name).await? {
        return Err(ManageError::NotFound("upload route"));
    }
    let event = place
        .event(Event::new("upload_route.deleted", "upload_route", name))
        .named(name);
    acting.record(&mut *tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes the project's routes exactly `wanted` (unless `dry_run`), and says what differs.
pub async fn sync(
    db: &PgPool,
    place: ProjectPlace,
    wanted: &BTreeMap<String, RouteRules>,
    dry_run: bool,
    acting: &Acting,
) -> Result<SyncReport, ManageError> {
    if wanted.len() > MAX_ROUTES {
        return Err(too_many());
    }
    let mut tx = db.begin().await?;
    upload_routes::lock(&mut *tx, place.project).await?;
    let policy = policy(&mut tx, place).await?;
    for (name, rules) in wanted {
        check(name, rules, &policy)?;
    }
    let current: BTreeMap<String, RouteRules> = upload_routes::list(&mut *tx, place.project)
        .await?
        .into_iter()
        .map(|r| (r.name, r.rules))
        .collect();
    let mut report = SyncReport::default();
    for (name, rules) in wanted {
        match current.get(name) {
            None => report.added.push(name.clone()),
            Some(have) if have != rules => report.changed.push(name.clone()),
            Some(_) => report.unchanged.push(name.clone()),
        }
    }
    report.removed = current.keys().filter(|n| !wanted.contains_key(*n)).cloned().collect();
    if dry_run {
        return Ok(report);
    }
    for name in report.added.iter().chain(&report.changed) {
        upload_routes::upsert(&mut *tx, place.project, name, &wanted[name]).await?;
    }
    for name in &report.removed {
        upload_routes::delete(&mut *tx, place.project, name).await?;
    }
    if !(report.added.is_empty() && report.changed.is_empty() && report.removed.is_empty()) {
        let event = place
            .event(Event::new("upload_routes.synced", "project", place.project))
            .with("added", &report.added)
            .with("changed", &report.changed)
            .with("removed", &report.removed);
        acting.record(&mut *tx, &event).await?;
    }
    tx.commit().await?;
    report.applied = true;
    Ok(report)
}

fn too_many() -> ManageError {
    ManageError::Invalid {
        code: "invalid_route",
        field: Some("routes"),
        message: format!("a project has at most {MAX_ROUTES} upload routes"),
    }
}
