//! One WebSocket session: what it subscribed to, what it already delivered (each upload's
//! events at most once, in increasing `seq`), and when its access ends (4401).

use std::collections::HashSet;
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use carcosa_common::db::{tenants, uploads};
use carcosa_common::domain::{ProjectId, TenantId, UploadId};
use carcosa_common::events::{self, Event};
use chrono::{DateTime, Utc};
use futures::{SinkExt as _, StreamExt as _};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::broadcast::error::RecvError;

use super::{Access, Principal, Scope};
use crate::realtime::{Delivered, HubMsg};
use crate::state::AppState;

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

#[derive(Debug, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
enum ClientMsg {
    /// `token`: a realtime token for this one subscription (minted by the connection's key), so
    /// one socket can follow uploads each authorized by its own upload-scoped token.
    Subscribe {
        channel: String,
        since: Option<u32>,
        token: Option<String>,
    },
    Unsubscribe {
        channel: String,
    },
}

/// A parsed, authorized channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Channel {
    Project,
    Tenant(TenantId),
    Upload(UploadId),
}

pub(super) struct Session {
    state: AppState,
    project: ProjectId,
    scope: Scope,
    principal: Principal,
    until: Option<DateTime<Utc>>,
    project_sub: bool,
    tenants: HashSet<TenantId>,
    uploads: HashSet<UploadId>,
    delivered: Delivered,
    /// The client's address (subscribe messages are limited per key and per address).
    ip: String,
    /// Opened with a realtime token (a browser): limited per connection and address, not per
    /// key — the key that minted the tokens serves a whole app's users, and minting is limited.
    via_token: bool,
    /// This connection (its own subscribe budget when `via_token`).
    id: uuid::Uuid,
}

type Reply = Vec<Utf8Bytes>;

fn error(code: &str, channel: Option<&str>, message: impl Into<String>) -> Utf8Bytes {
    json!({"type": "error", "code": code, "channel": channel, "message": message.into()})
        .to_string()
        .into()
}

impl Session {
    pub(super) fn new(state: AppState, access: Access, ip: String, via_token: bool) -> Self {
        Self {
            ip,
            via_token,
            id: uuid::Uuid::new_v4(),
            state,
            project: access.project,
            scope: access.scope,
            principal: access.principal,
            until: access.until,
            project_sub: false,
            tenants: HashSet::new(),
            uploads: HashSet::new(),
            delivered: Delivered::new(TRACKED_UPLOADS),
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

    pub(super) async fn run(mut self, socket: WebSocket) {
        let (mut sink, mut stream) = socket.split();
        let key = match self.principal {
            Principal::Key(k) => Some(k),
            Principal::Session(_) => None,
        };
        let (mut rx, _guard) = self.state.realtime.join(key);
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
                        vec![json]
                    }
                    Ok(HubMsg::Event(..)) => Vec::new(),
                    Ok(HubMsg::Resync) => self.resync().await,
                    Ok(HubMsg::KeysRevoked(keys)) if matches!(self.principal, Principal::Key(k) if keys.contains(&k)) => {
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
            if out.is_empty() {
                continue;
            }
            // One flush (one write) for a whole reply, such as a resync's states.
            for text in out {
                if sink.feed(Message::Text(text)).await.is_err() {
                    return;
                }
            }
            if sink.flush().await.is_err() {
                return;
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
            ClientMsg::Subscribe { channel, .. } if !self.may_subscribe().await => {
                let per_min = self.state.config.rate_limits.ws_subscribes_per_min;
                vec![error(
                    "rate_limited",
                    Some(&channel),
                    format!("at most {per_min} subscribe messages a minute per key and per address; slow down"),
                )]
            }
            ClientMsg::Subscribe { channel, since, token } => match self.authorize(&channel, token.as_deref()).await {
                Err(reply) => vec![reply],
                Ok(parsed) => {
                    if self.uploads.len() + self.tenants.len() >= MAX_SUBSCRIPTIONS {
                        return vec![error(
                            "too_many_subscriptions",
                            Some(&channel),
                            format!("at most {MAX_SUBSCRIPTIONS} subscriptions per connection"),
                        )];
                    }
                    let mut out = vec![json!({"type": "subscribed", "channel": channel}).to_string().into()];
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
                match self.parse(&channel, self.scope).await {
                    Ok(Channel::Project) => self.project_sub = false,
                    Ok(Channel::Tenant(t)) => {
                        self.tenants.remove(&t);
                    }
                    Ok(Channel::Upload(u)) => {
                        self.uploads.remove(&u);
                    }
                    Err(reply) => return vec![reply],
                }
                vec![json!({"type": "unsubscribed", "channel": channel}).to_string().into()]
            }
        }
    }

    /// Counts a subscribe message against the key's and the address's per-minute budget.
    async fn may_subscribe(&self) -> bool {
        let rl = &self.state.config.rate_limits;
        if !rl.enabled {
            return true;
        }
        let limiter = &self.state.limiter;
        let per_min = rl.ws_subscribes_per_min;
        // Token connections count per connection instead of per key (see `via_token`).
        let bucket = if self.via_token {
            format!("carcosa:rl:ws-sub:c:{}", self.id)
        } else {
            format!("carcosa:rl:ws-sub:k:{}", self.principal.id())
        };
        let by_key = limiter.check(&bucket, "ws-subscribe", per_min, 60).await;
        let by_ip = limiter
            .check(
                &format!("carcosa:rl:ws-sub:ip:{}", self.ip),
                "ws-subscribe",
                per_min,
                60,
            )
            .await;
        by_key.allowed && by_ip.allowed
    }

    /// Parses a channel name within this project (unknown tenants and uploads are errors).
    async fn parse(&self, channel: &str, scope: Scope) -> Result<Channel, Utf8Bytes> {
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
                        if let Scope::Tenant(t) = scope
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

    /// Parses and checks a channel against the connection's scope, or against the scope of the
    /// subscription's own token (which must come from this connection's project and key).
    async fn authorize(&self, channel: &str, token: Option<&str>) -> Result<Channel, Utf8Bytes> {
        let scope = match token {
            None => self.scope,
            Some(token) => match super::token_access(&self.state, token).await {
                Ok(access) if access.project == self.project && access.principal == self.principal => access.scope,
                Ok(_) => {
                    return Err(error(
                        "forbidden_subscription",
                        Some(channel),
                        "this token was minted by another key than the connection's",
                    ));
                }
                Err(_) => {
                    return Err(error(
                        "invalid_token",
                        Some(channel),
                        "the subscription's token is malformed, expired or its key was revoked",
                    ));
                }
            },
        };
        let parsed = self.parse(channel, scope).await?;
        let allowed = match (scope, parsed) {
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
                match scope {
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
                serde_json::to_string(&event).into_iter().map(Utf8Bytes::from).collect()
            }
            Ok(_) => Vec::new(),
            Err(e) => {
                tracing::warn!(error = %e, "current state unreadable");
                let channel = format!("upload:{upload}");
                vec![error(
                    "internal_error",
                    Some(&channel),
                    "current state unavailable; resubscribe",
                )]
            }
        }
    }

    async fn resync(&mut self) -> Reply {
        let mut out = vec![Utf8Bytes::from_static(r#"{"type":"resync"}"#)];
        for upload in self.uploads.clone() {
            out.extend(self.current(upload, 0).await);
        }
        out
    }
}
