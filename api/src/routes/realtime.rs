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

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts as _, State};
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::{get, post};
use carcosa_common::db::api_keys::{self, KeyStanding};
use carcosa_common::db::{tenants, uploads};
use carcosa_common::domain::{ApiKeyId, ProjectId, TenantId, UploadId};
use carcosa_common::events::{self, Event};
use chrono::{DateTime, Utc};
use futures::{SinkExt as _, StreamExt as _};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::sync::broadcast::error::RecvError;

use crate::auth::{Auth, perm};
use crate::error::ApiError;
use crate::extract::{Json, Query};
use crate::realtime::HubMsg;
use crate::state::AppState;

/// Subscribe tokens live this long unless asked for less.
const DEFAULT_TOKEN_TTL_SECS: i64 = 600;
/// And never longer.
const MAX_TOKEN_TTL_SECS: i64 = 3600;
/// Subscriptions one session may hold.
const MAX_SUBSCRIPTIONS: usize = 100;
/// Ping interval; a session silent for three of these is closed.
const PING_EVERY: Duration = Duration::from_secs(20);
/// Close code for a session dropped for falling behind.
const CLOSE_SLOW_CONSUMER: u16 = 4008;
/// Close code for a session whose key was revoked or expired, or whose token expired.
const CLOSE_UNAUTHORIZED: u16 = 4401;
/// Uploads whose last delivered `seq` a session remembers (the oldest are forgotten first).
const TRACKED_UPLOADS: usize = 4096;

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
    kid: ApiKeyId,
    exp: i64,
    iat: i64,
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
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Scope the token to one upload.
    pub upload: Option<UploadId>,
    /// Or to one tenant (slug).
    pub tenant: Option<String>,
    /// Lifetime, 10–3600 s (default 600).
    pub ttl_secs: Option<i64>,
}

/// A minted token.
#[derive(Debug, Serialize)]
pub struct TokenResponse {
    /// Pass as `GET /v1/ws?token=…`.
    pub token: String,
    /// `project`, `tenant:<slug>` or `upload:<id>`.
    pub scope: String,
    /// When it stops working for new connections.
    pub expires_at: DateTime<Utc>,
}

/// `POST /v1/realtime/token`
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
        kid: auth.key_id,
        exp: expires_at.timestamp(),
        iat: now.timestamp(),
    };
    let token = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(&token_key(&state)?),
    )
    .map_err(|e| ApiError::Internal(Box::new(e)))?;
    Ok(Json(TokenResponse {
        token,
        scope: shown,
        expires_at,
    }))
}

/// Query of `GET /v1/ws`.
#[derive(Debug, Deserialize)]
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
    key: ApiKeyId,
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
    let key_expiry = match api_keys::standing(&state.db, project, claims.kid).await? {
        KeyStanding::Valid { expires_at } => expires_at,
        KeyStanding::Revoked => {
            return Err(ApiError::Unauthorized {
                code: "api_key_revoked",
                message: "the API key that minted this token has been revoked",
            });
        }
        KeyStanding::Expired => {
            return Err(ApiError::Unauthorized {
                code: "api_key_expired",
                message: "the API key that minted this token has expired",
            });
        }
    };
    let token_expiry = DateTime::from_timestamp(claims.exp, 0);
    Ok(Access {
        project,
        scope,
        key: claims.kid,
        until: [token_expiry, key_expiry].into_iter().flatten().min(),
    })
}

/// `GET /v1/ws`
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
                key: auth.key_id,
                until: auth.key_expires_at,
            }
        }
    };
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
        .on_upgrade(move |socket| Session::new(state, access).run(socket)))
}

#[derive(Debug, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
enum ClientMsg {
    Subscribe { channel: String, since: Option<u32> },
    Unsubscribe { channel: String },
}

/// A parsed, authorized channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Channel {
    Project,
    Tenant(TenantId),
    Upload(UploadId),
}

struct Session {
    state: AppState,
    project: ProjectId,
    scope: Scope,
    key: ApiKeyId,
    until: Option<DateTime<Utc>>,
    project_sub: bool,
    tenants: HashSet<TenantId>,
    uploads: HashSet<UploadId>,
    delivered: Delivered,
}

/// The last `seq` delivered per upload, for the oldest [`TRACKED_UPLOADS`] uploads seen.
#[derive(Default)]
struct Delivered {
    last: HashMap<UploadId, u32>,
    order: VecDeque<UploadId>,
}

impl Delivered {
    /// Whether `event` may go out (its seq is above the last one delivered for its upload);
    /// if so, it is recorded as delivered.
    fn admit(&mut self, event: &Event) -> bool {
        match self.last.get_mut(&event.upload_id) {
            Some(last) if *last >= event.seq => false,
            Some(last) => {
                *last = event.seq;
                true
            }
            None => {
                if self.order.len() >= TRACKED_UPLOADS
                    && let Some(oldest) = self.order.pop_front()
                {
                    self.last.remove(&oldest);
                }
                self.order.push_back(event.upload_id);
                self.last.insert(event.upload_id, event.seq);
                true
            }
        }
    }
}

type Reply = Vec<String>;

fn error(code: &str, channel: Option<&str>, message: impl Into<String>) -> String {
    json!({"type": "error", "code": code, "channel": channel, "message": message.into()}).to_string()
}

impl Session {
    fn new(state: AppState, access: Access) -> Self {
        Self {
            state,
            project: access.project,
            scope: access.scope,
            key: access.key,
            until: access.until,
            project_sub: false,
            tenants: HashSet::new(),
            uploads: HashSet::new(),
            delivered: Delivered::default(),
        }
    }

    /// How long until access ends (far in the future when it does not).
    fn time_left(&self) -> Duration {
        self.until.map_or(Duration::from_secs(365 * 86_400), |t| {
            (t - Utc::now()).to_std().unwrap_or_default()
        })
    }

    fn wants(&self, event: &Event) -> bool {
        event.project == self.project
            && (self.project_sub
                || self.uploads.contains(&event.upload_id)
                || event.tenant.is_some_and(|t| self.tenants.contains(&t)))
    }

    async fn run(mut self, socket: WebSocket) {
        let (mut sink, mut stream) = socket.split();
        let (mut rx, _guard) = self.state.realtime.join(self.key);
        let expiry = tokio::time::sleep(self.time_left());
        tokio::pin!(expiry);
        let closing = self.state.realtime.closing.clone();
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_heard = Instant::now();
        let close = |code: u16, reason: &'static str| {
            Message::Close(Some(CloseFrame {
                code,
                reason: Utf8Bytes::from_static(reason),
            }))
        };
        loop {
            let out: Reply = tokio::select! {
                () = closing.cancelled() => {
                    let _ = sink.send(close(1001, "server shutting down")).await;
                    return;
                }
                () = &mut expiry => {
                    let _ = sink.send(close(CLOSE_UNAUTHORIZED, "access expired: the token or its API key expired")).await;
                    return;
                }
                incoming = stream.next() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        last_heard = Instant::now();
                        self.handle(text.as_str()).await
                    }
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                    Some(Ok(_)) => {
                        last_heard = Instant::now();
                        Vec::new()
                    }
                },
                got = rx.recv() => match got {
                    Ok(HubMsg::Event(event, json)) if self.wants(&event) && self.delivered.admit(&event) => {
                        vec![json.to_string()]
                    }
                    Ok(HubMsg::Event(..)) => Vec::new(),
                    Ok(HubMsg::Resync) => self.resync().await,
                    Ok(HubMsg::KeysRevoked(keys)) if keys.contains(&self.key) => {
                        let _ = sink.send(close(CLOSE_UNAUTHORIZED, "the API key was revoked")).await;
                        return;
                    }
                    Ok(HubMsg::KeysRevoked(_)) => Vec::new(),
                    Err(RecvError::Lagged(_)) => {
                        let _ = sink.send(close(CLOSE_SLOW_CONSUMER, "too slow: events were dropped; reconnect with since")).await;
                        return;
                    }
                    Err(RecvError::Closed) => return,
                },
                _ = ping.tick() => {
                    if last_heard.elapsed() > PING_EVERY * 3 {
                        let _ = sink.send(close(1001, "no pong")).await;
                        return;
                    }
                    if sink.send(Message::Ping(Vec::new().into())).await.is_err() {
                        return;
                    }
                    Vec::new()
                }
            };
            for text in out {
                if sink.send(Message::Text(text.into())).await.is_err() {
                    return;
                }
            }
        }
    }

    async fn handle(&mut self, text: &str) -> Reply {
        let msg: ClientMsg = match serde_json::from_str(text) {
            Ok(m) => m,
            Err(e) => {
                return vec![error(
                    "bad_message",
                    None,
                    format!("expected {{\"op\": \"subscribe\"|\"unsubscribe\", \"channel\": …}}: {e}"),
                )];
            }
        };
        match msg {
            ClientMsg::Subscribe { channel, since } => match self.authorize(&channel).await {
                Err(reply) => vec![reply],
                Ok(parsed) => {
                    if self.uploads.len() + self.tenants.len() >= MAX_SUBSCRIPTIONS {
                        return vec![error(
                            "too_many_subscriptions",
                            Some(&channel),
                            format!("at most {MAX_SUBSCRIPTIONS} subscriptions per connection"),
                        )];
                    }
                    let mut out = vec![json!({"type": "subscribed", "channel": channel}).to_string()];
                    match parsed {
                        Channel::Project => self.project_sub = true,
                        Channel::Tenant(t) => {
                            self.tenants.insert(t);
                        }
                        Channel::Upload(u) => {
                            self.uploads.insert(u);
                            out.extend(self.current(u, since.unwrap_or(0)).await);
                        }
                    }
                    out
                }
            },
            ClientMsg::Unsubscribe { channel } => {
                match self.parse(&channel).await {
                    Ok(Channel::Project) => self.project_sub = false,
                    Ok(Channel::Tenant(t)) => {
                        self.tenants.remove(&t);
                    }
                    Ok(Channel::Upload(u)) => {
                        self.uploads.remove(&u);
                    }
                    Err(reply) => return vec![reply],
                }
                vec![json!({"type": "unsubscribed", "channel": channel}).to_string()]
            }
        }
    }

    /// Parses a channel name within this project (unknown tenants and uploads are errors).
    async fn parse(&self, channel: &str) -> Result<Channel, String> {
        let db = &self.state.db;
        let internal = |_| error("internal_error", Some(channel), "try again");
        match channel.split_once(':') {
            None if channel == "project" => Ok(Channel::Project),
            Some(("tenant", slug)) => match tenants::find(db, self.project, slug).await.map_err(internal)? {
                Some(t) => Ok(Channel::Tenant(t.id)),
                None => Err(error("not_found", Some(channel), "no such tenant in this project")),
            },
            Some(("upload", id)) => {
                let id: UploadId = id
                    .parse()
                    .map_err(|_| error("not_found", Some(channel), "no such upload in this project"))?;
                match uploads::get(db, self.project, id).await.map_err(internal)? {
                    Some(u) => {
                        // Tenant-scoped connections may only follow their tenant's uploads.
                        if let Scope::Tenant(t) = self.scope
                            && u.tenant_id != Some(t)
                        {
                            return Err(error(
                                "forbidden_subscription",
                                Some(channel),
                                "this token is for another tenant's uploads",
                            ));
                        }
                        Ok(Channel::Upload(id))
                    }
                    None => Err(error("not_found", Some(channel), "no such upload in this project")),
                }
            }
            _ => Err(error(
                "unknown_channel",
                Some(channel),
                "channels are upload:<id>, tenant:<slug> and project",
            )),
        }
    }

    /// Parses and checks a channel against the connection's scope.
    async fn authorize(&self, channel: &str) -> Result<Channel, String> {
        let parsed = self.parse(channel).await?;
        let allowed = match (self.scope, parsed) {
            (Scope::Project, _) => true,
            (Scope::Tenant(t), Channel::Tenant(want)) => t == want,
            (Scope::Tenant(_), Channel::Upload(_)) => true, // checked in `parse`
            (Scope::Upload(u), Channel::Upload(want)) => u == want,
            _ => false,
        };
        if allowed {
            Ok(parsed)
        } else {
            Err(error(
                "forbidden_subscription",
                Some(channel),
                match self.scope {
                    Scope::Upload(_) => "this token only follows one upload",
                    Scope::Tenant(_) => "this token only follows one tenant",
                    Scope::Project => "not allowed",
                },
            ))
        }
    }

    /// The upload's current state, if newer than `since` and than what was delivered.
    async fn current(&mut self, upload: UploadId, since: u32) -> Reply {
        match events::current_state(&self.state.db, Some(self.project), upload).await {
            Ok(Some(event)) if event.seq > since && self.delivered.admit(&event) => {
                serde_json::to_string(&event).into_iter().collect()
            }
            Ok(_) => Vec::new(),
            Err(e) => {
                tracing::warn!(error = %e, "current state unreadable");
                vec![error("internal_error", None, "current state unavailable; resubscribe")]
            }
        }
    }

    async fn resync(&mut self) -> Reply {
        let mut out = vec![json!({"type": "resync"}).to_string()];
        for upload in self.uploads.clone() {
            out.extend(self.current(upload, 0).await);
        }
        out
    }
}

/// Realtime routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/ws", get(connect))
        .route("/v1/realtime/token", post(mint_token))
}
