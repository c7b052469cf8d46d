//! A project's settings: upload rules, quotas and image limits in one form, presets with a
//! preview rendered from the project's newest image (htmx fetches the preview as you type),
//! the named upload routes pushed from code, and rotating the transform secret behind a
//! confirmation that says what breaks. Saved through `manage::projects::update_project`, the
//! same change `PATCH /v1/projects/{project}` makes (validated the same, audited with a diff).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use carcosa_common::db::browse::{self, Filter};
use carcosa_common::db::projects;
use carcosa_common::domain::{FileId, Permission, UploadStatus};
use carcosa_common::manage::projects::{self as manage, ProjectPlace, SettingsPatch, preset_spec};
use carcosa_common::manage::routes as upload_routes;
use carcosa_common::transform::{self, TransformPolicy};
use serde::Deserialize;

use super::orgs::size;
use super::page::{Chrome, Form, Member, PageError, Problem, render, rerender, see_other};
use super::page::{Path, Query};
use super::projects::project_chrome;
use crate::auth::perm;
use crate::error::ApiError;
use crate::state::AppState;

const MIB: i64 = 1024 * 1024;

/// A preset as the table shows it.
pub struct PresetRow {
    name: String,
    query: String,
    preview: Option<String>,
}

/// A named route as the table shows it.
pub struct RouteRow {
    name: String,
    types: String,
    largest: String,
    tenant: &'static str,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    chrome: Chrome,
    project_id: String,
    s: projects::Settings,
    policy: TransformPolicy,
    max_upload_mib: i64,
    multipart_mib: i64,
    quota_mib: String,
    quota_files: String,
    quota_transforms: String,
    max_megapixels: u64,
    presets: Vec<PresetRow>,
    routes: Vec<RouteRow>,
    sample: Option<FileId>,
    may_write: bool,
    notice: Option<String>,
    problem: Option<Problem>,
}

/// The project's newest ready image: what preset previews are rendered from.
async fn sample(state: &AppState, place: ProjectPlace) -> Result<Option<FileId>, ApiError> {
    let filter = Filter {
        status: Some(UploadStatus::Ready),
        type_prefix: Some("image/"),
        ..Filter::default()
    };
    Ok(browse::uploads(&state.db, place.project, &filter, 1)
        .await?
        .into_iter()
        .find_map(|u| u.file_id))
}

/// A signed URL rendering `query` on `file` (the preview of a preset that is not saved yet).
fn preview_url(secret: &[u8], file: FileId, query: &str) -> Result<String, ApiError> {
    let spec = preset_spec(query)?;
    let sig = transform::sign(secret, &spec.signing_payload(file, false));
    Ok(format!("/v1/transform/{file}?{}&sig={sig}", spec.to_query(false)))
}

async fn settings_page_for<P>(
    state: &AppState,
    member: &Member<P>,
    notice: Option<String>,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, PageError> {
    let (place, placement, chrome) = project_chrome(state, member, "Settings", "settings").await?;
    let s = projects::settings_for_update(&state.db, place.project)
        .await?
        .ok_or(ApiError::NotFound("project"))?;
    let policy = TransformPolicy::from_json(&s.transform_policy).map_err(|e| ApiError::Internal(Box::new(e)))?;
    let secret = placement.transform_secret;
    let sample = sample(state, place).await?;
    let presets = policy
        .presets
        .iter()
        .map(|(name, spec)| {
            let query = spec.to_query(false);
            PresetRow {
                preview: sample.and_then(|f| preview_url(&secret, f, &query).ok()),
                name: name.clone(),
                query,
            }
        })
        .collect();
    let routes = upload_routes::list(&state.db, place)
        .await?
        .into_iter()
        .map(|r| RouteRow {
            types: r.rules.content_types.join(", "),
            largest: size(r.rules.max_file_size),
            tenant: if r.rules.tenant_required {
                "required"
            } else {
                "optional"
            },
            name: r.name,
        })
        .collect();
    let text = |v: Option<i64>, div: i64| v.map(|n| (n / div).to_string()).unwrap_or_default();
    let status = problem.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = SettingsPage {
        chrome,
        project_id: place.project.to_string(),
        max_upload_mib: s.max_upload_bytes / MIB,
        multipart_mib: s.multipart_threshold_bytes / MIB,
        quota_mib: text(s.max_stored_bytes, MIB),
        quota_files: text(s.max_files, 1),
        quota_transforms: text(s.max_transforms_per_month, 1),
        max_megapixels: policy.limits.max_pixels / 1_000_000,
        presets,
        routes,
        sample,
        may_write: member.may(Permission::ProjectsWrite),
        notice,
        problem: problem.map(|(_, p)| p),
        s,
        policy,
    };
    Ok(rerender(status, &page))
}

/// Query of the settings page.
#[derive(Debug, Deserialize)]
pub struct SettingsQuery {
    saved: Option<String>,
}

/// `GET /projects/{project}/settings`.
pub async fn settings_page(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
    Query(q): Query<SettingsQuery>,
) -> Result<Response, PageError> {
    let notice = match q.saved.as_deref() {
        Some("rotated") => Some("The transform secret was rotated: sign new URLs.".to_owned()),
        Some(_) => Some("Saved.".to_owned()),
        None => None,
    };
    settings_page_for(&state, &member, notice, None).await
}

/// A whole number field (`None` when blank) times `unit`.
fn number(form: &Form, field: &'static str, unit: i64) -> Result<Option<i64>, ApiError> {
    match form.opt(field) {
        None => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .and_then(|n| n.checked_mul(unit))
            .map(Some)
            .ok_or_else(|| ApiError::validation(field, format!("{field} must be a positive whole number"))),
    }
}

fn required(form: &Form, field: &'static str, unit: i64) -> Result<i64, ApiError> {
    number(form, field, unit)?.ok_or_else(|| ApiError::validation(field, format!("{field} is required")))
}

fn patch_of(form: &Form, current: &TransformPolicy) -> Result<SettingsPatch, ApiError> {
    let mut limits = current.limits;
    limits.max_side = u32::try_from(required(form, "max_side", 1)?)
        .map_err(|_| ApiError::validation("max_side", "max_side is too large"))?;
    limits.max_pixels = required(form, "max_megapixels", 1_000_000)? as u64;
    Ok(SettingsPatch {
        name: Some(form.text("name").to_owned()),
        max_upload_bytes: Some(required(form, "max_upload_mib", MIB)?),
        allowed_content_types: Some(
            form.text("allowed_content_types")
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        multipart_threshold_bytes: Some(required(form, "multipart_threshold_mib", MIB)?),
        max_stored_bytes: Some(number(form, "max_stored_mib", MIB)?),
        max_files: Some(number(form, "max_files", 1)?),
        max_transforms_per_month: Some(number(form, "max_transforms_per_month", 1)?),
        public_presets: Some(form.checked("public_presets")),
        image_limits: Some(limits),
        ..SettingsPatch::default()
    })
}

async fn current_policy(state: &AppState, place: ProjectPlace) -> Result<TransformPolicy, ApiError> {
    let s = projects::settings_for_update(&state.db, place.project)
        .await?
        .ok_or(ApiError::NotFound("project"))?;
    TransformPolicy::from_json(&s.transform_policy).map_err(|e| ApiError::Internal(Box::new(e)))
}

/// `POST /projects/{project}/settings`.
pub async fn save(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    form: Form,
) -> Result<Response, PageError> {
    let place = crate::routes::projects::place(member.scope)?;
    let saved = async {
        let patch = patch_of(&form, &current_policy(&state, place).await?)?;
        manage::update_project(&state.db, place, patch, &member.viewer.acting)
            .await
            .map_err(ApiError::from)
    }
    .await;
    match saved {
        Ok(_) => Ok(see_other(&format!("/projects/{}/settings?saved=1", place.project))),
        Err(e) => settings_page_for(&state, &member, None, Some(Problem::from_error(e)?)).await,
    }
}

/// `POST /projects/{project}/presets`: adds or replaces a preset.
pub async fn put_preset(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    form: Form,
) -> Result<Response, PageError> {
    let place = crate::routes::projects::place(member.scope)?;
    let patch = SettingsPatch {
        presets: Some(BTreeMap::from([(
            form.text("name").to_owned(),
            Some(form.text("query").to_owned()),
        )])),
        ..SettingsPatch::default()
    };
    match manage::update_project(&state.db, place, patch, &member.viewer.acting).await {
        Ok(_) => Ok(see_other(&format!("/projects/{}/settings?saved=1", place.project))),
        Err(e) => settings_page_for(&state, &member, None, Some(Problem::from_error(e)?)).await,
    }
}

/// `POST /projects/{project}/presets/{name}/remove`.
pub async fn remove_preset(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    Path((_, name)): Path<(String, String)>,
    _: Form,
) -> Result<Response, PageError> {
    let place = crate::routes::projects::place(member.scope)?;
    if !current_policy(&state, place).await?.presets.contains_key(&name) {
        return Err(PageError(ApiError::NotFound("preset")));
    }
    let patch = SettingsPatch {
        presets: Some(BTreeMap::from([(name, None)])),
        ..SettingsPatch::default()
    };
    manage::update_project(&state.db, place, patch, &member.viewer.acting).await?;
    Ok(see_other(&format!("/projects/{}/settings?saved=1", place.project)))
}

/// `POST /projects/{project}/transform-secret`: needs the confirmation box ticked.
pub async fn rotate_secret(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    form: Form,
) -> Result<Response, PageError> {
    let place = crate::routes::projects::place(member.scope)?;
    if !form.checked("confirm") {
        let problem = Problem::from_error(ApiError::Validation {
            code: "confirmation_required",
            field: Some("confirm"),
            message: "tick the box to confirm that existing signed URLs stop working".into(),
        })?;
        return settings_page_for(&state, &member, None, Some(problem)).await;
    }
    manage::rotate_transform_secret(&state.db, place, &member.viewer.acting).await?;
    Ok(see_other(&format!(
        "/projects/{}/settings?saved=rotated",
        place.project
    )))
}

#[derive(Template)]
#[template(path = "preset_preview.html")]
struct PreviewFragment {
    src: Option<String>,
    canonical: String,
    problem: Option<Problem>,
}

/// Query of the preview.
#[derive(Debug, Deserialize)]
pub struct PreviewQuery {
    #[serde(default)]
    query: String,
}

/// `GET /projects/{project}/presets/preview?query=…`: an HTML fragment with the transform
/// rendered from the project's newest image (or why the query is refused).
pub async fn preview(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
    Query(q): Query<PreviewQuery>,
) -> Result<Response, PageError> {
    let place = crate::routes::projects::place(member.scope)?;
    let secret = browse::transform_secret(&state.db, place.project)
        .await?
        .ok_or(ApiError::NotFound("project"))?;
    let fragment = match (preset_spec(&q.query), sample(&state, place).await?) {
        (Err(e), _) => PreviewFragment {
            src: None,
            canonical: String::new(),
            problem: Some(Problem::from_error(e)?.1),
        },
        (Ok(spec), file) => PreviewFragment {
            src: file.map(|f| preview_url(&secret, f, &q.query)).transpose()?,
            canonical: spec.canonical(),
            problem: None,
        },
    };
    Ok(render(&fragment))
}
