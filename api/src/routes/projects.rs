//! Projects and tenants over HTTP — everything `carcosa admin project`/`tenant` can do:
//!
//! * `GET/POST /v1/orgs/{org}/teams/{team}/projects`
//! * `GET/PATCH/DELETE /v1/projects/{project}` (settings: upload rules, presets, image limits,
//!   public presets, quotas, rate-limit overrides; delete is soft)
//! * `POST /v1/projects/{project}/transform-secret` (rotate)
//! * `GET/POST /v1/projects/{project}/tenants`, `DELETE /v1/projects/{project}/tenants/{tenant}`

use axum::extract::State;
use axum::http::StatusCode;
use carcosa_common::db::projects::{self, Project, Settings};
use carcosa_common::db::tenants::{self, Tenant};
use carcosa_common::domain::UploadRules;
use carcosa_common::manage::projects::{self as manage, NewProjectInput, ProjectPlace, SettingsPatch};
use carcosa_common::transform::TransformPolicy;
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::access::{Access, Scope};
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::openapi::{ACCESS, JSON_BODY, PROJECT_ERRORS, errors};
use crate::routes::Routes;
use crate::routes::orgs::List;
use crate::state::AppState;

/// Body of `POST /v1/orgs/{org}/teams/{team}/projects`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"slug": "web", "name": "Web app", "bucket": "main", "max_upload_bytes": 20971520, "allowed_content_types": ["image/*"]}))]
pub struct CreateProject {
    /// URL name, unique in the team.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Bucket (id or name) the team owns or may write to.
    pub bucket: String,
    /// Largest accepted upload (default 20 MiB).
    pub max_upload_bytes: Option<i64>,
    /// Allowed content types (default `image/*`).
    pub allowed_content_types: Option<Vec<String>>,
}

/// Body of `POST /v1/projects/{project}/tenants`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTenant {
    /// What API callers pass as `tenant`.
    pub slug: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
}

/// A project with its settings.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProjectView {
    /// The project.
    #[serde(flatten)]
    pub project: Project,
    /// Quotas and rate-limit overrides.
    pub quotas: Quotas,
    /// Rate-limit overrides (tier → per hour).
    #[schema(value_type = Object)]
    pub rate_limits: serde_json::Value,
    /// Presets, public presets and image limits (the defaults spelled out).
    #[schema(value_type = Object)]
    pub transforms: TransformPolicy,
}

/// Quotas (`null`: unlimited).
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ProjectQuotas)]
pub struct Quotas {
    /// Stored bytes.
    pub max_stored_bytes: Option<i64>,
    /// Files.
    pub max_files: Option<i64>,
    /// Transforms per month.
    pub max_transforms_per_month: Option<i64>,
}

/// The project a resolved scope names (404 for any other scope).
pub(crate) fn place(scope: Scope) -> Result<ProjectPlace, ApiError> {
    match scope {
        Scope::Project { org, team, project } => Ok(ProjectPlace { org, team, project }),
        _ => Err(ApiError::NotFound("project")),
    }
}

pub(crate) async fn view(
    state: &AppState,
    place: ProjectPlace,
    settings: Option<Settings>,
) -> Result<ProjectView, ApiError> {
    let project = projects::get(&state.db, place.project)
        .await?
        .ok_or(ApiError::NotFound("project"))?;
    let settings = match settings {
        Some(s) => s,
        None => projects::settings_for_update(&state.db, place.project)
            .await?
            .ok_or(ApiError::NotFound("project"))?,
    };
    let transforms =
        TransformPolicy::from_json(&settings.transform_policy).map_err(|e| ApiError::Internal(Box::new(e)))?;
    Ok(ProjectView {
        project,
        quotas: Quotas {
            max_stored_bytes: settings.max_stored_bytes,
            max_files: settings.max_files,
            max_transforms_per_month: settings.max_transforms_per_month,
        },
        rate_limits: settings.rate_limits,
        transforms,
    })
}

errors!(ProjectErrors = ACCESS, PROJECT_ERRORS);
errors!(
    CreateProjectErrors = ACCESS,
    JSON_BODY,
    &[(400, &["bucket_not_writable"]), (409, &["already_exists"])]
);
errors!(
    UpdateProjectErrors = ACCESS,
    JSON_BODY,
    PROJECT_ERRORS,
    &[(400, &["invalid_transform_policy"])]
);
errors!(
    DeleteProjectErrors = ACCESS,
    PROJECT_ERRORS,
    &[(409, &["has_dependents"])]
);
errors!(
    CreateTenantErrors = ACCESS,
    JSON_BODY,
    PROJECT_ERRORS,
    &[(409, &["already_exists"])]
);

/// `GET /v1/orgs/{org}/teams/{team}/projects`.
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/teams/{team}/projects",
    tag = "projects",
    summary = "List projects",
    description = "The team's live projects.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug.")),
    responses((status = 200, description = "Projects.", body = List<Project>), ProjectErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
pub async fn list_projects(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<List<Project>>, ApiError> {
    let Scope::Team { team, .. } = access.scope else {
        return Err(ApiError::NotFound("team"));
    };
    Ok(Json(List {
        data: projects::list_live(&state.db, team).await?,
    }))
}

/// `POST /v1/orgs/{org}/teams/{team}/projects`.
#[utoipa::path(
    post,
    path = "/v1/orgs/{org}/teams/{team}/projects",
    tag = "projects",
    summary = "Create a project",
    description = "On a bucket the team owns or may write to; defaults: 20 MiB uploads of `image/*`.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug.")),
    request_body = CreateProject,
    responses((status = 201, description = "Created.", body = ProjectView), CreateProjectErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
pub async fn create_project(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Json(req): Json<CreateProject>,
) -> Result<(StatusCode, Json<ProjectView>), ApiError> {
    let Scope::Team { org, team } = access.scope else {
        return Err(ApiError::NotFound("team"));
    };
    let defaults = UploadRules::default();
    let rules = UploadRules {
        max_upload_bytes: req.max_upload_bytes.unwrap_or(defaults.max_upload_bytes),
        allowed_content_types: req.allowed_content_types.unwrap_or(defaults.allowed_content_types),
    };
    let input = NewProjectInput {
        slug: &req.slug,
        name: &req.name,
        bucket: &req.bucket,
        rules,
    };
    let project = manage::create_project(&state.db, org, team, input, &access.acting).await?;
    let body = view(
        &state,
        ProjectPlace {
            org,
            team,
            project: project.id,
        },
        None,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(body)))
}

/// `GET /v1/projects/{project}`.
#[utoipa::path(
    get,
    path = "/v1/projects/{project}",
    tag = "projects",
    summary = "Get a project",
    description = "The project with its settings, quotas and transform policy.",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it).")),
    responses((status = 200, description = "The project.", body = ProjectView), ProjectErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
pub async fn get_project(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<ProjectView>, ApiError> {
    Ok(Json(view(&state, place(access.scope)?, None).await?))
}

/// `PATCH /v1/projects/{project}`: changes settings; the audit log records the diff.
#[utoipa::path(
    patch,
    path = "/v1/projects/{project}",
    tag = "projects",
    summary = "Change project settings",
    description = "Any subset of the settings, validated together; the audit log records the diff.",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it).")),
    request_body = SettingsPatch,
    responses((status = 200, description = "Changed.", body = ProjectView), UpdateProjectErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
pub async fn update_project(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Json(patch): Json<SettingsPatch>,
) -> Result<Json<ProjectView>, ApiError> {
    let place = place(access.scope)?;
    let settings = manage::update_project(&state.db, place, patch, &access.acting).await?;
    Ok(Json(view(&state, place, Some(settings)).await?))
}

/// `DELETE /v1/projects/{project}`: soft delete; keys stop working at once.
#[utoipa::path(
    delete,
    path = "/v1/projects/{project}",
    tag = "projects",
    summary = "Delete a project",
    description = "Soft delete: its keys stop working at once; files stay in the bucket. Refused while uploads are in flight.",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it).")),
    responses((status = 204, description = "Deleted."), DeleteProjectErrors),
    security(("session" = []), ("api_key" = ["projects:delete"])),
)]
pub async fn delete_project(
    State(state): State<AppState>,
    access: Access<perm::ProjectsDelete>,
) -> Result<StatusCode, ApiError> {
    manage::delete_project(&state.db, place(access.scope)?, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /v1/projects/{project}/transform-secret`: a new URL-signing secret; every signed
/// transform URL minted before stops working.
#[utoipa::path(
    post,
    path = "/v1/projects/{project}/transform-secret",
    tag = "projects",
    summary = "Rotate the transform secret",
    description = "A new URL-signing secret: every signed transform URL minted before stops working.",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it).")),
    responses((status = 204, description = "Rotated."), ProjectErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
pub async fn rotate_transform_secret(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
) -> Result<StatusCode, ApiError> {
    manage::rotate_transform_secret(&state.db, place(access.scope)?, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /v1/projects/{project}/tenants`.
#[utoipa::path(
    get,
    path = "/v1/projects/{project}/tenants",
    tag = "projects",
    summary = "List tenants",
    description = "The project's tenants.",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it).")),
    responses((status = 200, description = "Tenants.", body = List<Tenant>), ProjectErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
pub async fn list_tenants(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<List<Tenant>>, ApiError> {
    Ok(Json(List {
        data: tenants::list(&state.db, place(access.scope)?.project).await?,
    }))
}

/// `POST /v1/projects/{project}/tenants`.
#[utoipa::path(
    post,
    path = "/v1/projects/{project}/tenants",
    tag = "projects",
    summary = "Create a tenant",
    description = "A tenant API callers name with `tenant`.",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it).")),
    request_body = CreateTenant,
    responses((status = 201, description = "Created.", body = Tenant), CreateTenantErrors),
    security(("session" = []), ("api_key" = ["tenants:manage"])),
)]
pub async fn create_tenant(
    State(state): State<AppState>,
    access: Access<perm::TenantsManage>,
    Json(req): Json<CreateTenant>,
) -> Result<(StatusCode, Json<Tenant>), ApiError> {
    let tenant = manage::create_tenant(&state.db, place(access.scope)?, &req.slug, &req.name, &access.acting).await?;
    Ok((StatusCode::CREATED, Json(tenant)))
}

/// `DELETE /v1/projects/{project}/tenants/{tenant}`: soft when files point at it.
#[utoipa::path(
    delete,
    path = "/v1/projects/{project}/tenants/{tenant}",
    tag = "projects",
    summary = "Delete a tenant",
    description = "Soft when files point at it.",
    params(("project" = String, Path, description = "Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it)."), ("tenant" = String, Path, description = "Tenant slug.")),
    responses((status = 204, description = "Deleted."), ProjectErrors),
    security(("session" = []), ("api_key" = ["tenants:manage"])),
)]
pub async fn delete_tenant(
    State(state): State<AppState>,
    access: Access<perm::TenantsManage>,
    Path((_, tenant)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    manage::delete_tenant(&state.db, place(access.scope)?, &tenant, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The project and tenant routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(list_projects, create_project))
        .route(routes!(get_project, update_project, delete_project))
        .route(routes!(rotate_transform_secret))
        .route(routes!(list_tenants, create_tenant))
        .route(routes!(delete_tenant))
}
