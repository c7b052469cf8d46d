//! An organization's overview (its teams and their projects, in two queries) and a team's page
//! (projects, buckets, members), with the forms that create teams.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use carcosa_common::db::buckets::{self, BucketSummary, Grant};
use carcosa_common::db::members::{self, TeamMember};
use carcosa_common::db::orgs::{self, Team};
use carcosa_common::db::projects::{self, Project};
use carcosa_common::domain::{OrgId, Permission, TeamId};
use carcosa_common::manage::accounts::slugify;
use carcosa_common::manage::orgs as manage;

use super::page::{Chrome, Form, Member, PageError, Problem, render, rerender, see_other};
use crate::access::Scope;
use crate::auth::perm;
use crate::error::ApiError;
use crate::state::AppState;

/// A team with its projects.
pub struct TeamCard {
    team: Team,
    projects: Vec<Project>,
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage {
    chrome: Chrome,
    org_name: String,
    org_slug: String,
    teams: Vec<TeamCard>,
    may_admin: bool,
    problem: Option<Problem>,
}

/// A project as the team page lists it.
pub struct ProjectCard {
    id: String,
    name: String,
    slug: String,
    limit: String,
    types: String,
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage {
    chrome: Chrome,
    org_slug: String,
    team: Team,
    projects: Vec<ProjectCard>,
    buckets: Vec<(BucketSummary, Grant)>,
    writable: Vec<BucketSummary>,
    members: Vec<TeamMember>,
    may_write: bool,
    may_admin: bool,
    problem: Option<Problem>,
}

/// A byte count for people (`25 MiB`).
pub fn size(bytes: i64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The organization and team a team-scoped page acts in.
pub fn team_of(scope: Scope) -> Result<(OrgId, TeamId), PageError> {
    match scope {
        Scope::Team { org, team } => Ok((org, team)),
        _ => Err(PageError(ApiError::NotFound("team"))),
    }
}

async fn org_page_for(
    state: &AppState,
    member: &Member<perm::ProjectsRead>,
    problem: Option<Problem>,
) -> Result<OrgPage, PageError> {
    let org = member.scope.org();
    let chrome = Chrome::load(state, &member.viewer, Some(org), "Overview", "org").await?;
    let all_teams = orgs::list_teams(&state.db, org).await?;
    let mut all_projects = projects::list_live_in_org(&state.db, org).await?;
    let teams = all_teams
        .into_iter()
        .map(|team| {
            let (mine, rest): (Vec<Project>, Vec<Project>) = std::mem::take(&mut all_projects)
                .into_iter()
                .partition(|p| p.team_id == team.id);
            all_projects = rest;
            TeamCard { team, projects: mine }
        })
        .collect();
    let current = chrome.org.clone().ok_or(ApiError::NotFound("organization"))?;
    Ok(OrgPage {
        org_name: current.name,
        org_slug: current.slug,
        chrome,
        teams,
        may_admin: member.may(Permission::Admin),
        problem,
    })
}

/// `GET /orgs/{org}`: teams and their projects.
pub async fn org_page(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
) -> Result<Response, PageError> {
    Ok(render(&org_page_for(&state, &member, None).await?))
}

/// `POST /orgs/{org}/teams`: the creator becomes the team's admin.
pub async fn create_team(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    form: Form,
) -> Result<Response, PageError> {
    let name = form.text("name");
    let slug = form.opt("slug").map(str::to_owned).unwrap_or_else(|| slugify(name));
    let org = member.scope.org();
    let created = manage::create_team(
        &state.db,
        org,
        &slug,
        name,
        Some(member.viewer.session.user_id),
        &member.viewer.acting,
    )
    .await;
    match created {
        Ok(team) => {
            let org_slug = members::memberships(&state.db, member.viewer.session.user_id)
                .await?
                .into_iter()
                .find(|m| m.id == org)
                .map(|m| m.slug)
                .ok_or(ApiError::NotFound("organization"))?;
            Ok(see_other(&format!("/orgs/{org_slug}/teams/{}", team.slug)))
        }
        Err(e) => {
            let (status, problem) = Problem::from_error(e)?;
            let reader = member.narrowed::<perm::ProjectsRead>();
            Ok(rerender(status, &org_page_for(&state, &reader, Some(problem)).await?))
        }
    }
}

/// The team page, with `problem` shown at its project form.
pub async fn team_page_for(
    state: &AppState,
    member: &Member<perm::ProjectsRead>,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, PageError> {
    let (org, team_id) = team_of(member.scope)?;
    let team = orgs::get_team(&state.db, team_id)
        .await?
        .ok_or(ApiError::NotFound("team"))?;
    let mut chrome = Chrome::load(state, &member.viewer, Some(org), team.name.clone(), "team").await?;
    chrome.team = Some((team.slug.clone(), team.name.clone()));
    let buckets = buckets::list_for_team(&state.db, org, team_id).await?;
    let writable = buckets
        .iter()
        .filter(|(_, grant)| grant.writes())
        .map(|(b, _)| b.clone())
        .collect();
    let projects = projects::list_live(&state.db, team_id)
        .await?
        .into_iter()
        .map(|p| ProjectCard {
            id: p.id.to_string(),
            limit: size(p.max_upload_bytes),
            types: p.allowed_content_types.join(", "),
            name: p.name,
            slug: p.slug,
        })
        .collect();
    let members = members::list_team_members(&state.db, team_id).await?;
    let status = problem.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = TeamPage {
        org_slug: chrome.org_slug().to_owned(),
        chrome,
        team,
        projects,
        buckets,
        writable,
        members,
        may_write: member.may(Permission::ProjectsWrite),
        may_admin: member.may(Permission::Admin),
        problem: problem.map(|(_, p)| p),
    };
    Ok(rerender(status, &page))
}

/// `GET /orgs/{org}/teams/{team}`.
pub async fn team_page(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
) -> Result<Response, PageError> {
    team_page_for(&state, &member, None).await
}
