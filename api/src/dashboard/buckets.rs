//! A team's buckets: connect one (the form runs the API's real checks — probe, CORS for the
//! origins given, lifecycle — and shows each result with its fix), look at one, check it again,
//! rotate its credentials. A secret goes in and is never shown back.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use carcosa_common::db::buckets::{self, BucketSummary, Grant, TeamGrant};
use carcosa_common::manage::buckets::{self as manage, Checks};
use carcosa_common::provision::NewBucket;
use carcosa_common::storage::BucketAccess;
use secrecy::SecretString;
use serde::Deserialize;

use super::orgs::team_of;
use super::page::{Chrome, Form, Member, PageError, Problem, rerender};
use super::page::{Path, Query};
use crate::auth::perm;
use crate::error::ApiError;
use crate::routes::buckets::{check_origins, visible};
use crate::state::AppState;

/// What the connect form holds (secrets are never put back into it).
#[derive(Debug, Default)]
pub struct ConnectForm {
    name: String,
    provider: String,
    endpoint: String,
    region: String,
    bucket_name: String,
    force_path_style: bool,
    cors_origins: String,
}

const PROVIDERS: &[(&str, &str)] = &[
    ("s3", "Amazon S3"),
    ("r2", "Cloudflare R2"),
    ("minio", "MinIO"),
    ("other", "Another S3-compatible store"),
];

#[derive(Template)]
#[template(path = "bucket_connect.html")]
struct ConnectPage {
    chrome: Chrome,
    org_slug: String,
    team_slug: String,
    providers: &'static [(&'static str, &'static str)],
    form: ConnectForm,
    problem: Option<Problem>,
}

#[derive(Template)]
#[template(path = "bucket.html")]
struct BucketPage {
    chrome: Chrome,
    org_slug: String,
    team_slug: String,
    bucket: BucketSummary,
    grant: Grant,
    grants: Vec<TeamGrant>,
    other_teams: Vec<carcosa_common::db::orgs::Team>,
    manages: bool,
    checks: Option<Checks>,
    cors_fix: Option<String>,
    origins: String,
    connected: bool,
    rotated: bool,
    problem: Option<Problem>,
}

async fn team_chrome<P>(state: &AppState, member: &Member<P>, title: &str) -> Result<(Chrome, String), PageError> {
    let (org, team) = team_of(member.scope)?;
    let team = carcosa_common::db::orgs::get_team(&state.db, team)
        .await?
        .ok_or(ApiError::NotFound("team"))?;
    let mut chrome = Chrome::load(
        state,
        &member.viewer,
        Some(org),
        format!("{title} · {}", team.name),
        "bucket",
    )
    .await?;
    chrome.team = Some((team.slug.clone(), team.name.clone()));
    Ok((chrome, team.slug))
}

async fn connect_page_for(
    state: &AppState,
    member: &Member<perm::Admin>,
    form: ConnectForm,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, PageError> {
    let (chrome, team_slug) = team_chrome(state, member, "Connect a bucket").await?;
    let status = problem.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = ConnectPage {
        org_slug: chrome.org_slug().to_owned(),
        chrome,
        team_slug,
        providers: PROVIDERS,
        form,
        problem: problem.map(|(_, p)| p),
    };
    Ok(rerender(status, &page))
}

/// `GET /orgs/{org}/teams/{team}/buckets/new`.
pub async fn connect_page(State(state): State<AppState>, member: Member<perm::Admin>) -> Result<Response, PageError> {
    let form = ConnectForm {
        provider: "s3".into(),
        region: "us-east-1".into(),
        ..ConnectForm::default()
    };
    connect_page_for(&state, &member, form, None).await
}

fn origins_of(text: &str) -> Vec<String> {
    text.split(['\n', ',', ' '])
        .map(|o| o.trim().trim_end_matches('/'))
        .filter(|o| !o.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `POST /orgs/{org}/teams/{team}/buckets`: checks the bucket and, if the probe passes, stores it
/// and shows every check's result.
pub async fn connect(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    form: Form,
) -> Result<Response, PageError> {
    let (org, team) = team_of(member.scope)?;
    let shown = ConnectForm {
        name: form.text("name").to_owned(),
        provider: form.text("provider").to_owned(),
        endpoint: form.text("endpoint").to_owned(),
        region: form.text("region").to_owned(),
        bucket_name: form.text("bucket_name").to_owned(),
        force_path_style: form.checked("force_path_style"),
        cors_origins: form.text("cors_origins").to_owned(),
    };
    let origins = origins_of(&shown.cors_origins);
    let added = async {
        check_origins(&origins)?;
        let new = NewBucket {
            org,
            owner_team: team,
            name: shown.name.clone(),
            provider: shown.provider.clone(),
            access: BucketAccess {
                endpoint: form.opt("endpoint").map(str::to_owned),
                region: form.opt("region").unwrap_or("us-east-1").to_owned(),
                bucket_name: shown.bucket_name.clone(),
                force_path_style: shown.force_path_style,
                access_key: SecretString::from(form.text("access_key")),
                secret_key: SecretString::from(form.text("secret_key")),
            },
        };
        manage::add_bucket(&state.db, state.storage.sealer(), new, &origins, &member.viewer.acting)
            .await
            .map_err(ApiError::from)
    }
    .await;
    match added {
        Ok((row, checks)) => {
            let view = Shown {
                checks: Some(checks),
                origins,
                connected: true,
                ..Shown::default()
            };
            let (bucket, grant) = visible(&state, member.scope, &row.id.to_string()).await?;
            bucket_page_for(
                &state,
                &member.narrowed(),
                bucket.summary(),
                grant,
                view,
                StatusCode::CREATED,
            )
            .await
        }
        Err(e) => {
            let problem = Problem::from_error(e)?;
            connect_page_for(&state, &member, shown, Some(problem)).await
        }
    }
}

/// What a bucket page shows besides the bucket.
#[derive(Default)]
struct Shown {
    checks: Option<Checks>,
    origins: Vec<String>,
    connected: bool,
    rotated: bool,
    problem: Option<Problem>,
}

async fn bucket_page_for(
    state: &AppState,
    member: &Member<perm::ProjectsRead>,
    bucket: BucketSummary,
    grant: Grant,
    shown: Shown,
    status: StatusCode,
) -> Result<Response, PageError> {
    let (chrome, team_slug) = team_chrome(state, member, &bucket.name).await?;
    let manages = grant.manages() && member.may(carcosa_common::domain::Permission::Admin);
    let grants = if grant.manages() {
        buckets::grants(&state.db, bucket.id).await?
    } else {
        Vec::new()
    };
    let other_teams = if manages {
        let (org, team) = team_of(member.scope)?;
        carcosa_common::db::orgs::list_teams(&state.db, org)
            .await?
            .into_iter()
            .filter(|t| t.id != team)
            .collect()
    } else {
        Vec::new()
    };
    let cors_fix = shown
        .checks
        .as_ref()
        .and_then(|c| c.cors.fix.as_ref())
        .and_then(|rule| serde_json::to_string_pretty(&[rule]).ok());
    let page = BucketPage {
        org_slug: chrome.org_slug().to_owned(),
        chrome,
        team_slug,
        bucket,
        grant,
        grants,
        other_teams,
        manages,
        checks: shown.checks,
        cors_fix,
        origins: shown.origins.join("\n"),
        connected: shown.connected,
        rotated: shown.rotated,
        problem: shown.problem,
    };
    Ok(rerender(status, &page))
}

/// Query of a bucket page.
#[derive(Debug, Deserialize)]
pub struct BucketQuery {
    /// Set after a rotation.
    rotated: Option<String>,
}

/// `GET /orgs/{org}/teams/{team}/buckets/{bucket}`.
pub async fn bucket_page(
    State(state): State<AppState>,
    member: Member<perm::ProjectsRead>,
    Path((_, _, bucket)): Path<(String, String, String)>,
    Query(q): Query<BucketQuery>,
) -> Result<Response, PageError> {
    let (row, grant) = visible(&state, member.scope, &bucket).await?;
    let shown = Shown {
        rotated: q.rotated.is_some(),
        ..Shown::default()
    };
    bucket_page_for(&state, &member, row.summary(), grant, shown, StatusCode::OK).await
}

/// `POST …/buckets/{bucket}/check`: runs the checks again; changes nothing.
pub async fn check(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    Path((_, _, bucket)): Path<(String, String, String)>,
    form: Form,
) -> Result<Response, PageError> {
    let origins = origins_of(form.text("cors_origins"));
    let (row, grant) = visible(&state, member.scope, &bucket).await?;
    let shown = match check_origins(&origins) {
        Ok(()) => Shown {
            checks: Some(manage::check_bucket(state.storage.sealer(), &row, &origins).await?),
            origins,
            ..Shown::default()
        },
        Err(e) => Shown {
            problem: Some(Problem::from_error(e)?.1),
            origins,
            ..Shown::default()
        },
    };
    let status = if shown.problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    bucket_page_for(&state, &member.narrowed(), row.summary(), grant, shown, status).await
}

/// `POST …/buckets/{bucket}/credentials`: the new pair is probed, then swapped in.
pub async fn rotate_credentials(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    Path((org, team, bucket)): Path<(String, String, String)>,
    form: Form,
) -> Result<Response, PageError> {
    let scope = team_of(member.scope)?;
    let rotated = manage::rotate_credentials(
        &state.db,
        state.storage.sealer(),
        scope,
        &bucket,
        manage::NewKeys {
            access_key: SecretString::from(form.text("access_key")),
            secret_key: SecretString::from(form.text("secret_key")),
        },
        &member.viewer.acting,
    )
    .await;
    match rotated {
        Ok(()) => Ok(super::page::see_other(&format!(
            "/orgs/{org}/teams/{team}/buckets/{bucket}?rotated=1"
        ))),
        Err(e) => {
            let (status, problem) = Problem::from_error(e)?;
            let (row, grant) = visible(&state, member.scope, &bucket).await?;
            let shown = Shown {
                problem: Some(problem),
                ..Shown::default()
            };
            bucket_page_for(&state, &member.narrowed(), row.summary(), grant, shown, status).await
        }
    }
}

/// `POST …/buckets/{bucket}/grants`: shares the bucket with another team of the organization.
pub async fn share(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    Path((org_path, team_path, bucket)): Path<(String, String, String)>,
    form: Form,
) -> Result<Response, PageError> {
    let (org, team) = team_of(member.scope)?;
    let grant = match form.text("access") {
        "read-only" => Grant::ReadOnly,
        "read-write" => Grant::ReadWrite,
        "admin" => Grant::Admin,
        other => {
            return grant_refused(
                &state,
                member,
                &bucket,
                ApiError::validation("access", format!("no access {other:?}: read-only, read-write or admin")),
            )
            .await;
        }
    };
    match manage::share(
        &state.db,
        org,
        team,
        &bucket,
        form.text("team"),
        grant,
        &member.viewer.acting,
    )
    .await
    {
        Ok(()) => Ok(super::page::see_other(&format!(
            "/orgs/{org_path}/teams/{team_path}/buckets/{bucket}"
        ))),
        Err(e) => grant_refused(&state, member, &bucket, e.into()).await,
    }
}

async fn grant_refused(
    state: &AppState,
    member: Member<perm::Admin>,
    bucket: &str,
    e: ApiError,
) -> Result<Response, PageError> {
    let (status, problem) = Problem::from_error(e)?;
    let (row, grant) = visible(state, member.scope, bucket).await?;
    let shown = Shown {
        problem: Some(problem),
        ..Shown::default()
    };
    bucket_page_for(state, &member.narrowed(), row.summary(), grant, shown, status).await
}

/// `POST …/buckets/{bucket}/grants/{grantee}/remove`: takes a grant back.
pub async fn unshare(
    State(state): State<AppState>,
    member: Member<perm::Admin>,
    Path((org_path, team_path, bucket, grantee)): Path<(String, String, String, String)>,
    _: Form,
) -> Result<Response, PageError> {
    let (org, team) = team_of(member.scope)?;
    manage::unshare(&state.db, org, team, &bucket, &grantee, &member.viewer.acting).await?;
    Ok(super::page::see_other(&format!(
        "/orgs/{org_path}/teams/{team_path}/buckets/{bucket}"
    )))
}
