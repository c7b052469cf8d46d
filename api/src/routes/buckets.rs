//! Buckets of a team: connect, list, check, share, rotate credentials. Secrets go in, never out.
//!
//! * `GET/POST /v1/orgs/{org}/teams/{team}/buckets`
//! * `GET /v1/orgs/{org}/teams/{team}/buckets/{bucket}`
//! * `POST /v1/orgs/{org}/teams/{team}/buckets/{bucket}/check`
//! * `PUT/DELETE /v1/orgs/{org}/teams/{team}/buckets/{bucket}/grants/{grantee}`
//! * `PUT /v1/orgs/{org}/teams/{team}/buckets/{bucket}/credentials`
//!
//! `{team}` is the team acting: the owner, or a team the bucket is shared with (managing needs
//! the owner or an `admin` grant, and `admin` on the team itself).

use axum::extract::State;
use axum::http::StatusCode;
use carcosa_common::db::buckets::{self, BucketSummary, Grant, TeamGrant};
use carcosa_common::db::members::Ref;
use carcosa_common::manage::buckets::{self as manage, Checks};
use carcosa_common::provision::NewBucket;
use carcosa_common::storage::BucketAccess;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::access::{Access, Scope};
use crate::auth::perm;
use crate::error::ApiError;
use crate::extract::{Json, Path};
use crate::openapi::{ACCESS, JSON_BODY, errors};
use crate::routes::Routes;
use crate::routes::orgs::List;
use crate::state::AppState;

/// Body of `POST …/buckets`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "main", "provider": "s3", "region": "eu-west-1", "bucket_name": "acme-media", "access_key": "AKIA…", "secret_key": "…", "cors_origins": ["https://app.example.com"]}))]
pub struct ConnectBucket {
    /// Carcosa-side name, unique in the organization.
    pub name: String,
    /// `s3`, `r2`, `minio`, `other`.
    pub provider: String,
    /// Custom endpoint (R2, MinIO, …); absent for AWS.
    pub endpoint: Option<String>,
    /// Signing region (default `us-east-1`; `auto` for R2).
    pub region: Option<String>,
    /// The bucket's name at the provider.
    pub bucket_name: String,
    /// Path-style addressing (most self-hosted stores).
    #[serde(default)]
    pub force_path_style: bool,
    /// Access key id.
    #[schema(value_type = String)]
    pub access_key: SecretString,
    /// Secret access key.
    #[schema(value_type = String)]
    pub secret_key: SecretString,
    /// Origins browsers will upload from (checked against the bucket's CORS rules).
    #[serde(default)]
    pub cors_origins: Vec<String>,
}

/// Body of `POST …/check`.
#[derive(Debug, Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckBucket {
    /// Origins browsers will upload from.
    #[serde(default)]
    pub cors_origins: Vec<String>,
}

/// Body of `PUT …/grants/{grantee}`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutGrant {
    /// `read-only`, `read-write` or `admin`.
    pub access: Grant,
}

/// Body of `PUT …/credentials`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCredentials {
    /// New access key id.
    #[schema(value_type = String)]
    pub access_key: SecretString,
    /// New secret access key.
    #[schema(value_type = String)]
    pub secret_key: SecretString,
}

/// A bucket as a team sees it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BucketView {
    /// The bucket (never its credentials).
    #[serde(flatten)]
    pub bucket: BucketSummary,
    /// What the acting team may do with it.
    pub access: Grant,
    /// Teams it is shared with (shown to teams that manage it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<TeamGrant>>,
}

/// A bucket just connected, with what the checks found.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Connected {
    /// The bucket.
    #[serde(flatten)]
    pub bucket: BucketView,
    /// Probe and CORS results.
    pub checks: Checks,
}

fn team_scope(scope: Scope) -> Result<(carcosa_common::domain::OrgId, carcosa_common::domain::TeamId), ApiError> {
    match scope {
        Scope::Team { org, team } => Ok((org, team)),
        _ => Err(ApiError::NotFound("team")),
    }
}

pub(crate) fn check_origins(origins: &[String]) -> Result<(), ApiError> {
    let bad = origins
        .iter()
        .find(|o| !(o.starts_with("http://") || o.starts_with("https://")) || o.ends_with('/') || o.len() > 255);
    match bad {
        Some(o) => Err(ApiError::validation(
            "cors_origins",
            format!("{o:?} must look like https://app.example.com (no path)"),
        )),
        None if origins.len() > 50 => Err(ApiError::validation("cors_origins", "at most 50 origins")),
        None => Ok(()),
    }
}

errors!(BucketErrors = ACCESS);
errors!(
    ConnectErrors = ACCESS,
    JSON_BODY,
    &[(400, &["bucket_check_failed"]), (409, &["already_exists"])]
);
errors!(
    CheckErrors = ACCESS,
    JSON_BODY,
    &[(400, &["bucket_check_failed"]), (403, &["bucket_admin_required"])]
);
errors!(GrantErrors = ACCESS, JSON_BODY, &[(403, &["bucket_admin_required"])]);
errors!(ManageBucketErrors = ACCESS, &[(403, &["bucket_admin_required"])]);
errors!(
    RotateErrors = ACCESS,
    JSON_BODY,
    &[(400, &["bucket_check_failed"]), (403, &["bucket_admin_required"])]
);

/// `GET …/buckets`: buckets the team owns or may use.
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/teams/{team}/buckets",
    tag = "buckets",
    summary = "List buckets",
    description = "Buckets the team owns or was granted, with its access; never credentials.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug.")),
    responses((status = 200, description = "Buckets.", body = List<BucketView>), BucketErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
pub async fn list_buckets(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
) -> Result<Json<List<BucketView>>, ApiError> {
    let (org, team) = team_scope(access.scope)?;
    let data = buckets::list_for_team(&state.db, org, team)
        .await?
        .into_iter()
        .map(|(bucket, access)| BucketView {
            bucket,
            access,
            grants: None,
        })
        .collect();
    Ok(Json(List { data }))
}

/// `POST …/buckets`: probes the bucket for real (HEAD, write, read, delete), checks CORS for
/// `cors_origins`, and stores it with sealed credentials. A failed probe stores nothing (`400
/// bucket_check_failed` says what to fix); CORS problems are reported with the rule to add.
#[utoipa::path(
    post,
    path = "/v1/orgs/{org}/teams/{team}/buckets",
    tag = "buckets",
    summary = "Connect a bucket",
    description = "Probes the bucket for real (head, write, read, delete) and stores the sealed credentials only if every check passes; with `cors_origins`, also checks CORS for browser uploads and answers the exact rule to add.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug.")),
    request_body = ConnectBucket,
    responses((status = 201, description = "Connected, with the check results.", body = Connected), ConnectErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn connect_bucket(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Json(req): Json<ConnectBucket>,
) -> Result<(StatusCode, Json<Connected>), ApiError> {
    let (org, team) = team_scope(access.scope)?;
    check_origins(&req.cors_origins)?;
    let new = NewBucket {
        org,
        owner_team: team,
        name: req.name,
        provider: req.provider,
        access: BucketAccess {
            endpoint: req.endpoint,
            region: req.region.unwrap_or_else(|| "us-east-1".into()),
            bucket_name: req.bucket_name,
            force_path_style: req.force_path_style,
            access_key: req.access_key,
            secret_key: req.secret_key,
        },
    };
    let (row, checks) = manage::add_bucket(
        &state.db,
        state.storage.sealer(),
        new,
        &req.cors_origins,
        &access.acting,
    )
    .await?;
    let bucket = BucketView {
        bucket: row.summary(),
        access: Grant::Owner,
        grants: Some(Vec::new()),
    };
    Ok((StatusCode::CREATED, Json(Connected { bucket, checks })))
}

pub(crate) async fn visible(
    state: &AppState,
    scope: Scope,
    bucket: &str,
) -> Result<(buckets::BucketRow, Grant), ApiError> {
    let (org, team) = team_scope(scope)?;
    let mut conn = state.db.acquire().await?;
    buckets::for_team(&mut conn, org, team, Ref::parse(bucket))
        .await?
        .ok_or(ApiError::NotFound("bucket"))
}

/// `GET …/buckets/{bucket}`.
#[utoipa::path(
    get,
    path = "/v1/orgs/{org}/teams/{team}/buckets/{bucket}",
    tag = "buckets",
    summary = "Get a bucket",
    description = "With its grants when the team manages it.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug."), ("bucket" = String, Path, description = "Bucket id or name.")),
    responses((status = 200, description = "The bucket.", body = BucketView), BucketErrors),
    security(("session" = []), ("api_key" = ["projects:read"])),
)]
pub async fn get_bucket(
    State(state): State<AppState>,
    access: Access<perm::ProjectsRead>,
    Path((_, _, bucket)): Path<(String, String, String)>,
) -> Result<Json<BucketView>, ApiError> {
    let (row, grant) = visible(&state, access.scope, &bucket).await?;
    let grants = if grant.manages() {
        Some(buckets::grants(&state.db, row.id).await?)
    } else {
        None
    };
    Ok(Json(BucketView {
        bucket: row.summary(),
        access: grant,
        grants,
    }))
}

/// `POST …/buckets/{bucket}/check`: probes again and checks CORS for `cors_origins`.
#[utoipa::path(
    post,
    path = "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/check",
    tag = "buckets",
    summary = "Check a bucket",
    description = "Runs the connection checks again (and CORS for `cors_origins`); changes nothing.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug."), ("bucket" = String, Path, description = "Bucket id or name.")),
    request_body = CheckBucket,
    responses((status = 200, description = "Each check's result, with fixes.", body = Checks), CheckErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn check_bucket(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, _, bucket)): Path<(String, String, String)>,
    Json(req): Json<CheckBucket>,
) -> Result<Json<Checks>, ApiError> {
    check_origins(&req.cors_origins)?;
    let (row, _) = visible(&state, access.scope, &bucket).await?;
    Ok(Json(
        manage::check_bucket(state.storage.sealer(), &row, &req.cors_origins).await?,
    ))
}

/// `PUT …/buckets/{bucket}/grants/{grantee}`: shares the bucket with another team.
#[utoipa::path(
    put,
    path = "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/grants/{grantee}",
    tag = "buckets",
    summary = "Share a bucket",
    description = "Grants another team of the organization `read-only`, `read-write` or `admin` access.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug."), ("bucket" = String, Path, description = "Bucket id or name."), ("grantee" = String, Path, description = "The team (id or slug) to share with.")),
    request_body = PutGrant,
    responses((status = 204, description = "Shared."), GrantErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn put_grant(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, _, bucket, grantee)): Path<(String, String, String, String)>,
    Json(req): Json<PutGrant>,
) -> Result<StatusCode, ApiError> {
    let (org, team) = team_scope(access.scope)?;
    manage::share(&state.db, org, team, &bucket, &grantee, req.access, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE …/buckets/{bucket}/grants/{grantee}`: the grantee's presigns stop at once.
#[utoipa::path(
    delete,
    path = "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/grants/{grantee}",
    tag = "buckets",
    summary = "Stop sharing a bucket",
    description = "Presigns and completions of the grantee's projects stop at once (`403 bucket_access_revoked`); their files stay readable.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug."), ("bucket" = String, Path, description = "Bucket id or name."), ("grantee" = String, Path, description = "The team (id or slug) to share with.")),
    responses((status = 204, description = "Revoked."), ManageBucketErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn delete_grant(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, _, bucket, grantee)): Path<(String, String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let (org, team) = team_scope(access.scope)?;
    manage::unshare(&state.db, org, team, &bucket, &grantee, &access.acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT …/buckets/{bucket}/credentials`: validated, sealed and swapped atomically.
#[utoipa::path(
    put,
    path = "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/credentials",
    tag = "buckets",
    summary = "Rotate bucket credentials",
    description = "Probes the new pair, then swaps it in; every API and worker process picks it up.",
    params(("org" = String, Path, description = "Organization id or slug."), ("team" = String, Path, description = "Team id or slug."), ("bucket" = String, Path, description = "Bucket id or name.")),
    request_body = NewCredentials,
    responses((status = 204, description = "Rotated."), RotateErrors),
    security(("session" = []), ("api_key" = ["admin"])),
)]
pub async fn rotate_credentials(
    State(state): State<AppState>,
    access: Access<perm::Admin>,
    Path((_, _, bucket)): Path<(String, String, String)>,
    Json(req): Json<NewCredentials>,
) -> Result<StatusCode, ApiError> {
    let (org, team) = team_scope(access.scope)?;
    manage::rotate_credentials(
        &state.db,
        state.storage.sealer(),
        (org, team),
        &bucket,
        manage::NewKeys {
            access_key: req.access_key,
            secret_key: req.secret_key,
        },
        &access.acting,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The bucket routes.
pub fn router() -> Routes {
    Routes::new()
        .route(routes!(list_buckets, connect_bucket))
        .route(routes!(get_bucket))
        .route(routes!(check_bucket))
        .route(routes!(put_grant, delete_grant))
        .route(routes!(rotate_credentials))
}
