//! Named upload routes of a project: `GET/PUT /v1/projects/{project}/upload-routes` (list; sync
//! the whole set, with `dry_run` to see the difference first) and
//! `PUT/DELETE /v1/projects/{project}/upload-routes/{name}`. The app declares its routes in code
//! (the SDK's `createRouter`) and pushes them (`carcosa routes push`, `syncRoutes()`).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use carcosa_common::domain::upload_routes::RouteRules;
use carcosa_common::manage::routes::{self as manage, SyncReport, UploadRouteView};
use serde::Deserialize;
use utoipa_axum::routes;

use crate::access::Access;
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::openapi::{ACCESS, JSON_BODY, PROJECT_ERRORS, errors};
use crate::routes::Routes;
use crate::routes::orgs::List;
use crate::routes::projects::place;
use crate::state::AppState;

/// Body of `PUT /v1/projects/{project}/upload-routes`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"routes": {"avatar": {"content_types": ["image/*"], "max_file_size": 4194304, "max_files": 1, "presets": ["thumb"]}, "attachments": {"content_types": ["application/pdf"], "max_file_size": 20971520, "max_files": 10, "tenant_required": true, "metadata": {"type": "object", "properties": {"caption": {"type": "string", "maxLength": 200}}, "required": ["caption"]}}}, "dry_run": true}))]
pub struct SyncRoutes {
    /// Every route the project should have, by name; routes not named here are removed.
    pub routes: BTreeMap<String, RouteRules>,
    /// Only report what would change.
    #[serde(default)]
    pub dry_run: bool,
}

const PROJECT: &str = "Project id or slug (`current`: the API key's own project).";

errors!(ListErrors = ACCESS, PROJECT_ERRORS);
errors!(
    SyncErrors = ACCESS,
    JSON_BODY,
    PROJECT_ERRORS,
    &[
        (400, &["invalid_route", "unknown_preset"]),
        (409, &["invalid_transform_policy"])
    ]
);
errors!(DeleteErrors = ACCESS, PROJECT_ERRORS);

/// `GET /v1/projects/{project}/upload-routes`
#[utoipa::path(
    get,
    path = "/v1/projects/{project}/upload-routes",
    tag = "projects",
    summary = "List upload routes",
    description = "The project's named upload routes with their rules.",
    params(("project" = String, Path, description = PROJECT)),
    responses((status = 200, description = "Routes.", body = List<UploadRouteView>), ListErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
pub async fn list_routes(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<List<UploadRouteView>>, ApiError> {
    let routes = manage::list(&state.db, place(access.scope)?).await?;
    Ok(Json(List {
        data: routes.into_iter().map(UploadRouteView::from).collect(),
    }))
}

/// `PUT /v1/projects/{project}/upload-routes`
#[utoipa::path(
    put,
    path = "/v1/projects/{project}/upload-routes",
    tag = "projects",
    summary = "Sync upload routes",
    description = "Makes the project's routes exactly the given set (added, changed, removed) in one \\
                   transaction, and says what differed. With `dry_run` nothing changes: `carcosa routes push` \\
                   and the SDK's `syncRoutes()` show this difference before applying it.",
    params(("project" = String, Path, description = PROJECT)),
    request_body = SyncRoutes,
    responses((status = 200, description = "What differed (and whether it was applied).", body = SyncReport), SyncErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
pub async fn sync_routes(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Json(req): Json<SyncRoutes>,
) -> Result<Json<SyncReport>, ApiError> {
    let place = place(access.scope)?;
    Ok(Json(
        manage::sync(&state.db, place, &req.routes, req.dry_run, &access.acting).await?,
    ))
}

/// `PUT /v1/projects/{project}/upload-routes/{name}`
#[utoipa::path(
    put,
    path = "/v1/projects/{project}/upload-routes/{name}",
    tag = "projects",
    summary = "Create or replace an upload route",
    description = "One route's rules: accepted types, largest file, files per request, presets, tenant \\
                   required, metadata schema (a JSON Schema subset: an object of string/integer/number/boolean \\
                   properties with bounds, `enum`, `required`, `additionalProperties`).",
    params(("project" = String, Path, description = PROJECT), ("name" = String, Path, description = "Route name.")),
    request_body = RouteRules,
    responses((status = 200, description = "The route.", body = UploadRouteView), SyncErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
pub async fn put_route(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Path((_, name)): Path<(String, String)>,
    Json(rules): Json<RouteRules>,
) -> Result<Json<UploadRouteView>, ApiError> {
    let place = place(access.scope)?;
    let route = manage::put(&state.db, place, &name, &rules, &access.acting).await?;
    Ok(Json(route.into()))
}

/// `DELETE /v1/projects/{project}/upload-routes/{name}`
#[utoipa::path(
    delete,
    path = "/v1/projects/{project}/upload-routes/{name}",
    tag = "projects",
    summary = "Delete an upload route",
    description = "Presigns naming it are refused from now on; its uploads in flight get the project's presets.",
    params(("project" = String, Path, description = PROJECT), ("name" = String, Path, description = "Route name.")),
    responses((status = 204, description = "Deleted."), DeleteErrors),
    security(("session" = []), ("api_key" = ["projects:write"])),
)]
pub async fn delete_route(
    State(state): State<AppState>,
    access: Access<perm::ProjectsWrite>,
    Path((_, name)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    manage::delete(&state.db, place(access.scope)?, &name, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The upload-route routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(list_routes, sync_routes))
        .route(routes!(put_route, delete_route))
}
