//! A project's page (its rules, quotas and presets) and the team page's form that creates one.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use carcosa_common::db::projects::{self, Placement};
use carcosa_common::domain::{ProjectId, UploadRules};
use carcosa_common::manage::accounts::slugify;
use carcosa_common::manage::projects::{self as manage, NewProjectInput, ProjectPlace};

use super::orgs::{size, team_of, team_page_for};
use super::page::{Chrome, Form, Member, PageError, Problem, ProjectNav, render, see_other};
use crate::auth::perm;
use crate::error::ApiError;
use crate::routes::projects::{ProjectView, place, view};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage {
    chrome: Chrome,
    view: ProjectView,
    limit: String,
    multipart_from: String,
    quota_bytes: String,
    quota_files: String,
    quota_transforms: String,
    presets: Vec<(String, String)>,
}

/// The project a page is about, and the layout with the project in its navigation.
pub async fn project_chrome<P>(
    state: &AppState,
    member: &Member<P>,
    title: &str,
    section: &'static str,
) -> Result<(ProjectPlace, Placement, Chrome), PageError> {
    let place = place(member.scope)?;
    let placement = projects::placement(&state.db, place.project)
        .await?
        .ok_or(ApiError::NotFound("project"))?;
    let mut chrome = Chrome::load(
        state,
        &member.viewer,
        Some(place.org),
        format!("{title} · {}", placement.name),
        section,
    )
    .await?;
    chrome.project = Some(ProjectNav {
        id: place.project.to_string(),
        name: placement.name.clone(),
        team_slug: placement.team_slug.clone(),
        team_name: placement.team_name.clone(),
    });
    Ok((place, placement, chrome))
}

fn limit(n: Option<i64>, show: impl Fn(i64) -> String) -> String {
    n.map_or_else(|| "unlimited".to_owned(), show)
}

/// `GET /projects/{project}`: rules, quotas, presets.
pub async fn project_page(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
) -> Result<Response, PageError> {
    let (place, _, chrome) = project_chrome(&state, &member, "Project", "project").await?;
    let view = view(&state, place, None).await?;
    let presets = view
        .transforms
        .presets
        .iter()
        .map(|(name, spec)| (name.clone(), spec.to_query(false)))
        .collect();
    let page = ProjectPage {
        chrome,
        limit: size(view.project.max_upload_bytes),
        multipart_from: size(view.project.multipart_threshold_bytes),
        quota_bytes: limit(view.quotas.max_stored_bytes, size),
        quota_files: limit(view.quotas.max_files, |n| n.to_string()),
        quota_transforms: limit(view.quotas.max_transforms_per_month, |n| n.to_string()),
        presets,
        view,
    };
    Ok(render(&page))
}

/// `POST /orgs/{org}/teams/{team}/projects`: creates a project on one of the team's buckets and
/// opens its files page.
pub async fn create_project(
    State(state): State<AppState>,
    member: Member<perm::ProjectsWrite>,
    form: Form,
) -> Result<Response, PageError> {
    let (org, team) = team_of(member.scope)?;
    let defaults = UploadRules::default();
    let max_upload_bytes = match form.opt("max_upload_mib") {
        None => Ok(defaults.max_upload_bytes),
        Some(mib) => mib
            .parse::<i64>()
            .ok()
            .and_then(|m| m.checked_mul(1024 * 1024))
            .ok_or_else(|| {
                ApiError::validation("max_upload_bytes", "the largest upload must be a whole number of MiB")
            }),
    };
    let types: Vec<String> = form
        .text("allowed_content_types")
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let name = form.text("name");
    let slug = form.opt("slug").map(str::to_owned).unwrap_or_else(|| slugify(name));
    let created = match max_upload_bytes {
        Err(e) => Err(e),
        Ok(max_upload_bytes) => {
            let rules = UploadRules {
                max_upload_bytes,
                allowed_content_types: if types.is_empty() {
                    defaults.allowed_content_types
                } else {
                    types
                },
            };
            let input = NewProjectInput {
                slug: &slug,
                name,
                bucket: form.text("bucket"),
                rules,
            };
            manage::create_project(&state.db, org, team, input, &member.viewer.acting)
                .await
                .map_err(ApiError::from)
        }
    };
    match created {
        Ok(project) => Ok(see_other(&files_url(project.id))),
        Err(e) => {
            let problem = Problem::from_error(e)?;
            team_page_for(&state, &member.narrowed(), Some(problem)).await
        }
    }
}

fn files_url(project: ProjectId) -> String {
    format!("/projects/{project}/files")
}
