//! Live progress over WebSocket.
//!
//! * `POST /v1/realtime/token` (`files:read`) mints a short-lived subscribe token for a browser,
//!   scoped to one upload, one tenant or the whole project.
//! * `GET /v1/ws` authenticates **before** upgrading: `Authorization: Bearer <api key>` with
//!   `files:read` (project scope), or `?token=<subscribe token>`.
//!
//! Client messages: `{"op": "subscribe", "channel": "upload:<id>" | "tenant:<slug>" | "project",
//! "since"?: <seq>}` and `{"op": "unsubscribe", "channel": …}`. Subscribing to an upload first sends
//! its current state from the database (if newer than `since`), then live events; a subscription
//! outside the caller's scope is refused with an `error` message, never silently empty.
//!
//! A session delivers each upload's events at most once and in strictly increasing `seq`: an
//! event whose `seq` is not above the last one delivered for its upload (a lower state published
//! late, or a state re-read from the row that was already sent) is dropped.
//!
//! Access ends with the key: a token carries the id of the key that minted it, checked when the
//! socket opens; a session closes with 4401 when its key is revoked or expires, or when its token
//! expires.

mod session;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{FromRequestParts as _, State};
use axum::http::request::Parts;
use axum::response::Response;
use carcosa_common::db::api_keys::{self, KeyStanding};
use carcosa_common::db::members::{self, Ref};
use carcosa_common::db::{sessions, tenants, uploads};
use carcosa_common::domain::roles::project_permissions;
use carcosa_common::domain::{ApiKeyId, Permission, ProjectId, SessionId, TenantId, UploadId};
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::auth::{Auth, perm};
use crate::error::ApiError;
use crate::extract::{Json, Query};
use crate::limits;
use crate::openapi::{JSON_BODY, KEY, NOT_FOUND, QUERY, errors};
use crate::routes::Routes;
use crate::state::AppState;
use session::Session;
use utoipa_axum::routes;

/// Subscribe tokens live this long unless asked for less.
const DEFAULT_TOKEN_TTL_SECS: i64 = 600;
/// And never longer.
const MAX_TOKEN_TTL_SECS: i64 = 3600;

/// What a connection may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Project,
    Tenant(TenantId),
    Upload(UploadId),
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    /// Project id.
    sub: String,
    /// `project`, `tenant:<id>` or `upload:<id>`.
    scope: String,
    /// The API key that minted the token: the token is only as good as that key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kid: Option<ApiKeyId>,
    /// Or the dashboard session it was minted for: only as good as that session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sid: Option<SessionId>,
    exp: i64,
    iat: i64,
}

/// Who a realtime connection acts for: the API key behind it, or a dashboard session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Principal {
    Key(ApiKeyId),
    Session(SessionId),
}

impl Principal {
    /// The id the per-principal limits count under.
    fn id(self) -> uuid::Uuid {
        match self {
            Principal::Key(k) => k.0,
            Principal::Session(s) => s.0,
        }
    }
}

fn encode(state: &AppState, claims: &Claims) -> Result<String, ApiError> {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(&token_key(state)?),
    )
    .map_err(|e| ApiError::Internal(Box::new(e)))
}

/// A realtime token for the dashboard: `project` scope, for a signed-in person's session (which
/// must still be live, and still allowed to read the project, when the socket opens).
pub(crate) fn session_token(state: &AppState, project: ProjectId, session: SessionId) -> Result<String, ApiError> {
    let now = Utc::now();
    let claims = Claims {
        sub: project.to_string(),
        scope: "project".into(),
        kid: None,
        sid: Some(session),
        exp: (now + chrono::Duration::seconds(DEFAULT_TOKEN_TTL_SECS)).timestamp(),
        iat: now.timestamp(),
    };
    encode(state, &claims)
}

fn token_key(state: &AppState) -> Result<[u8; 32], ApiError> {
    use hmac::{Hmac, Mac as _};
    let master = state
        .config
        .credentials_key_bytes()
        .ok_or_else(|| ApiError::Internal("no credentials key configured for realtime tokens".into()))?;
    let mut mac = <Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(&master)
        .map_err(|e| ApiError::Internal(e.to_string().into()))?;
    mac.update(b"carcosa realtime subscribe token v1");
    Ok(mac.finalize().into_bytes().into())
}

/// Body of `POST /v1/realtime/token`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"upload": "01930b8e-7a3c-7d2f-9b1e-3f4a5b6c7d8e", "ttl_secs": 600}))]
pub struct TokenRequest {
    /// Scope the token to one upload.
    pub upload: Option<UploadId>,
    /// Or to one tenant (slug).
    pub tenant: Option<String>,
    /// Lifetime, 10–3600 s (default 600).
    pub ttl_secs: Option<i64>,
}

/// A minted token.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    /// Pass as `GET /v1/ws?token=…`.
    pub token: String,
    /// `project`, `tenant:<slug>` or `upload:<id>`.
    pub scope: String,
    /// When it stops working for new connections.
    pub expires_at: DateTime<Utc>,
}

errors!(TokenErrors = KEY, JSON_BODY, NOT_FOUND);
errors!(
    WsErrors = KEY,
    QUERY,
    &[(400, &["websocket_required"]), (401, &["invalid_token"])]
);

/// `POST /v1/realtime/token`
#[utoipa::path(
    post,
    path = "/v1/realtime/token",
    tag = "realtime",
    summary = "Mint a realtime token",
    description = "A short-lived token a browser passes to `GET /v1/ws?token=…`, scoped to the project, one \
                   tenant or one upload; it never outlives the key that minted it. Mint it on your server: \
                   the API key never reaches the browser.",
    request_body = TokenRequest,
    responses((status = 200, description = "The token.", body = TokenResponse), TokenErrors),
    security(("api_key" = ["files:read"])),
)]
async fn mint_token(
    auth: Auth<perm::FilesRead>,
    State(state): State<AppState>,
    Json(req): Json<TokenRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let project = auth.project.id;
    let ttl = req.ttl_secs.unwrap_or(DEFAULT_TOKEN_TTL_SECS);
    if !(10..=MAX_TOKEN_TTL_SECS).contains(&ttl) {
        return Err(ApiError::validation(
            "ttl_secs",
            format!("ttl_secs must be 10 to {MAX_TOKEN_TTL_SECS}"),
        ));
    }
    let (scope, shown) = match (&req.upload, &req.tenant) {
        (Some(_), Some(_)) => {
            return Err(ApiError::validation("upload", "give upload or tenant, not both"));
        }
        (Some(upload), None) => {
            uploads::get(&state.db, project, *upload)
                .await?
                .ok_or(ApiError::NotFound("upload"))?;
            (format!("upload:{upload}"), format!("upload:{upload}"))
        }
        (None, Some(slug)) => {
            let tenant = tenants::find(&state.db, project, slug)
                .await?
                .ok_or(ApiError::NotFound("tenant"))?;
            (format!("tenant:{}", tenant.id), format!("tenant:{slug}"))
        }
        (None, None) => ("project".to_owned(), "project".to_owned()),
    };
    let now = Utc::now();
    // Never outlives the key that minted it.
    let expires_at =
        (now + chrono::Duration::seconds(ttl)).min(auth.key_expires_at.unwrap_or(DateTime::<Utc>::MAX_UTC));
    let claims = Claims {
        sub: project.to_string(),
        scope,
        kid: Some(auth.key_id),
        sid: None,
        exp: expires_at.timestamp(),
        iat: now.timestamp(),
    };
    let token = encode(&state, &claims)?;
    Ok(Json(TokenResponse {
        token,
        scope: shown,
        expires_at,
    }))
}

/// Query of `GET /v1/ws`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct WsQuery {
    /// A subscribe token (browsers cannot set headers on a WebSocket).
    pub token: Option<String>,
}

fn bad_token() -> ApiError {
    ApiError::Unauthorized {
        code: "invalid_token",
        message: "the subscribe token is malformed, expired or not from this server",
    }
}

/// Who a connection is: its project, what it may follow, the key behind it and when its access
/// ends (the token's or the key's expiry, whichever comes first).
struct Access {
    project: ProjectId,
    scope: Scope,
    principal: Principal,
    until: Option<DateTime<Utc>>,
}

/// Checks a subscribe token and the key that minted it.
async fn token_access(state: &AppState, token: &str) -> Result<Access, ApiError> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    validation.set_required_spec_claims(&["exp", "sub"]);
    let data = jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(&token_key(state)?), &validation)
        .map_err(|_| bad_token())?;
    let claims = data.claims;
    let project: ProjectId = claims.sub.parse().map_err(|_| bad_token())?;
    let scope = match claims.scope.split_once(':') {
        None if claims.scope == "project" => Scope::Project,
        Some(("tenant", id)) => Scope::Tenant(id.parse().map_err(|_| bad_token())?),
        Some(("upload", id)) => Scope::Upload(id.parse().map_err(|_| bad_token())?),
        _ => return Err(bad_token()),
    };
    let principal_expiry = match (claims.kid, claims.sid) {
        (Some(kid), None) => key_expiry(state, project, kid).await?,
        (None, Some(sid)) => session_expiry(state, project, sid).await?,
        _ => return Err(bad_token()),
    };
    let token_expiry = DateTime::from_timestamp(claims.exp, 0);
    Ok(Access {
        project,
        scope,
        principal: match (claims.kid, claims.sid) {
            (Some(kid), _) => Principal::Key(kid),
            (_, Some(sid)) => Principal::Session(sid),
            _ => return Err(bad_token()),
        },
        until: [token_expiry, principal_expiry].into_iter().flatten().min(),
    })
}

/// When the key behind a token stops working (refused if it already has).
async fn key_expiry(state: &AppState, project: ProjectId, kid: ApiKeyId) -> Result<Option<DateTime<Utc>>, ApiError> {
    match api_keys::standing(&state.db, project, kid).await? {
        KeyStanding::Valid { expires_at } => Ok(expires_at),
        KeyStanding::Revoked => Err(ApiError::Unauthorized {
            code: "api_key_revoked",
            message: "the API key that minted this token has been revoked",
        }),
        KeyStanding::Expired => Err(ApiError::Unauthorized {
            code: "api_key_expired",
            message: "the API key that minted this token has expired",
        }),
    }
}

/// When the dashboard session behind a token ends; refused if it has, or if its person may no
/// longer read the project.
async fn session_expiry(
    state: &AppState,
    project: ProjectId,
    sid: SessionId,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let ended = ApiError::Unauthorized {
        code: "session_expired",
        message: "the session this token was minted for has ended",
    };
    let idle = state.config.auth.session_idle_secs as i64;
    let (user, expires_at) = sessions::live_by_id(&state.db, sid, idle).await?.ok_or(ended)?;
    let reach = members::projects_for_user(&state.db, user, Ref::parse(&project.to_string())).await?;
    let readable = reach
        .iter()
        .any(|a| project_permissions(a.org_role, a.team_role).allows(Permission::FilesRead));
    if !readable {
        return Err(ApiError::NotFound("project"));
    }
    Ok(Some(expires_at))
}

/// `GET /v1/ws`
#[utoipa::path(
    get,
    path = "/v1/ws",
    tag = "realtime",
    summary = "Live upload status (WebSocket)",
    description = "Upgrade to a WebSocket with `?token=` (a realtime token) or an API key header. Send \
                   `{\"op\": \"subscribe\", \"channel\": \"upload:<id>\"}` (or `tenant:<slug>`, `project`); \
                   the server answers `{\"type\": \"subscribed\"}`, then the channel's current state and every \
                   later event (schema `Event`: `upload.pending`, `upload.verifying`, `upload.processing`, \
                   `upload.ready`, `upload.failed`, `upload.expired`, `file.deleted`), each upload's events at \
                   most once and in `seq` order. Close 4401 when the token or key stops being valid.",
    params(WsQuery),
    responses(
        (status = 101, description = "Switching to the WebSocket protocol."),
        WsErrors,
    ),
    security(("realtime_token" = []), ("api_key" = ["files:read"])),
)]
async fn connect(
    State(state): State<AppState>,
    Query(q): Query<WsQuery>,
    mut parts: Parts,
) -> Result<Response, ApiError> {
    let access = match &q.token {
        Some(token) => token_access(&state, token).await?,
        None => {
            let auth = Auth::<perm::FilesRead>::from_request_parts(&mut parts, &state).await?;
            Access {
                project: auth.project.id,
                scope: Scope::Project,
                principal: Principal::Key(auth.key_id),
                until: auth.key_expires_at,
            }
        }
    };
    let ip = crate::access::client_ip(&parts).unwrap_or_default();
    let per_min = state.config.rate_limits.ws_connects_per_min;
    // A token connection is a browser of the app whose key minted the token (minting is limited
    // per key): only its address is limited here, or one busy app would share one budget.
    let via_token = q.token.is_some();
    if !via_token {
        let by_key = format!("carcosa:rl:ws:k:{}", access.principal.id());
        limits::enforce(
            &state,
            &by_key,
            "ws-connect",
            per_min,
            60,
            "opening WebSockets with this key",
        )
        .await?;
    }
    let by_ip = format!("carcosa:rl:ws:ip:{ip}");
    limits::enforce(
        &state,
        &by_ip,
        "ws-connect",
        per_min,
        60,
        "opening WebSockets from this address",
    )
    .await?;
    let upgrade = WebSocketUpgrade::from_request_parts(&mut parts, &state)
        .await
        .map_err(|_| ApiError::Validation {
            code: "websocket_required",
            field: None,
            message: "this endpoint speaks WebSocket only (send Upgrade: websocket)".into(),
        })?;
    // tungstenite's default 128 KiB read buffer per connection would cost ~1.3 GB at 10k
    // sessions; client messages here are a few hundred bytes.
    Ok(upgrade
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_message_size(16 * 1024)
        .on_upgrade(move |socket| Session::new(state, access, ip, via_token).run(socket)))
}

/// Realtime routes.
pub fn router() -> Routes {
    Routes::new().route(routes!(connect)).route(routes!(mint_token))
}
