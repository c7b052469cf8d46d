//! The clients: each upload as an app would do it (presign with an `Idempotency-Key`, PUT,
//! complete, retrying through outages and across API processes), and WebSocket followers that
//! reconnect and resubscribe when their API process goes away.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use futures::{SinkExt as _, StreamExt as _};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_util::sync::CancellationToken;

use crate::plan::{Kind, Planned};

/// How long a client keeps retrying one call before it gives up.
const CALL_DEADLINE: Duration = Duration::from_secs(120);

/// The API as a client sees it: several processes behind one key; a call that cannot connect
/// or gets a 5xx is retried (with backoff, on the next process).
#[derive(Clone)]
pub struct Api {
    pub http: reqwest::Client,
    pub bases: Arc<Vec<String>>,
    pub key: Arc<str>,
}

/// What a client saw of one upload.
#[derive(Debug, Default, Clone)]
pub struct Done {
    pub upload_id: Option<String>,
    /// Calls retried (connection refused, 5xx, timeouts).
    pub retries: u32,
    /// Why the client could not do its part (a bug in the service unless an outage outlasted
    /// the client's patience).
    pub error: Option<String>,
    /// Whether the bytes were PUT to the bucket.
    pub put: bool,
    pub deleted: bool,
}

impl Api {
    /// One call, retried until it gets an answer that is not a 5xx/429, or the deadline.
    async fn call(
        &self,
        seed: usize,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
        idempotency: Option<&str>,
        retries: &mut u32,
    ) -> anyhow::Result<(u16, Value)> {
        let deadline = Instant::now() + CALL_DEADLINE;
        let mut attempt = 0usize;
        loop {
            let base = &self.bases[(seed + attempt) % self.bases.len()];
            let mut req = self
                .http
                .request(method.clone(), format!("{base}{path}"))
                .bearer_auth(&*self.key)
                .timeout(Duration::from_secs(20));
            if let Some(body) = body {
                req = req.json(body);
            }
            if let Some(key) = idempotency {
                req = req.header("idempotency-key", key);
            }
            let last = match req.send().await {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let value = resp.json::<Value>().await.unwrap_or(Value::Null);
                    if status < 500 && status != 429 {
                        return Ok((status, value));
                    }
                    format!("{status} {value}")
                }
                Err(e) => format!("{e}"),
            };
            anyhow::ensure!(
                Instant::now() < deadline,
                "{method} {path}: no answer within {CALL_DEADLINE:?} (last: {last})"
            );
            attempt += 1;
            *retries += 1;
            tokio::time::sleep(backoff(attempt)).await;
        }
    }
}

fn backoff(attempt: usize) -> Duration {
    Duration::from_millis((100u64 << attempt.min(5)).min(2000))
}

/// Runs one planned upload as a client would.
pub async fn run_upload(api: &Api, plan: &Planned, seed: u64, follow: &Followers) -> Done {
    let mut done = Done::default();
    if let Err(e) = upload(api, plan, seed, follow, &mut done).await {
        done.error = Some(format!("{e:#}"));
    }
    done
}

async fn upload(api: &Api, plan: &Planned, seed: u64, follow: &Followers, done: &mut Done) -> anyhow::Result<()> {
    let src = &plan.source;
    let body = json!({"filename": src.name, "content_type": src.content_type, "size": src.bytes.len()});
    let idem = format!("chaos-{seed}-{}", plan.index);
    let i = plan.index;
    let (status, created) = api
        .call(
            i,
            reqwest::Method::POST,
            "/v1/uploads",
            Some(&body),
            Some(&idem),
            &mut done.retries,
        )
        .await?;
    anyhow::ensure!(status == 201 || status == 200, "presign answered {status}: {created}");
    let id = created["id"].as_str().context("upload id")?.to_owned();
    done.upload_id = Some(id.clone());
    follow.follow(i, &id);
    if plan.kind == Kind::AbandonedBeforePut {
        return Ok(());
    }
    put(api, &created["upload"], &src.bytes, &mut done.retries).await?;
    done.put = true;
    if plan.kind == Kind::AbandonedAfterPut {
        return Ok(());
    }
    let path = format!("/v1/uploads/{id}/complete");
    let (status, answer) = api
        .call(i, reqwest::Method::POST, &path, None, None, &mut done.retries)
        .await?;
    anyhow::ensure!(status == 202, "complete answered {status}: {answer}");
    if plan.kind == Kind::DeletedAfterReady {
        let file_id = wait_ready(api, i, &id, &mut done.retries).await?;
        let path = format!("/v1/files/{file_id}");
        let (status, answer) = api
            .call(i, reqwest::Method::DELETE, &path, None, None, &mut done.retries)
            .await?;
        // A 404 after a retry: the first attempt deleted it and its answer was lost.
        anyhow::ensure!(
            status == 204 || (status == 404 && done.retries > 0),
            "delete answered {status}: {answer}"
        );
        done.deleted = true;
    }
    Ok(())
}

/// PUT to the presigned URL, retried while the bucket is away (until the URL expires).
async fn put(api: &Api, presigned: &Value, bytes: &[u8], retries: &mut u32) -> anyhow::Result<()> {
    let url = presigned["url"].as_str().context("presigned url")?;
    let headers = presigned["headers"].as_object().context("presigned headers")?;
    let deadline = Instant::now() + Duration::from_secs(55);
    let mut attempt = 0;
    loop {
        let mut req = api.http.put(url).body(bytes.to_vec()).timeout(Duration::from_secs(30));
        for (name, value) in headers {
            if name != "content-length" {
                req = req.header(name, value.as_str().unwrap_or_default());
            }
        }
        let last = match req.send().await {
            Ok(r) if r.status().is_success() => return Ok(()),
            Ok(r) => format!("{}", r.status()),
            Err(e) => format!("{e}"),
        };
        anyhow::ensure!(Instant::now() < deadline, "PUT kept failing: {last}");
        attempt += 1;
        *retries += 1;
        tokio::time::sleep(backoff(attempt)).await;
    }
}

async fn wait_ready(api: &Api, seed: usize, id: &str, retries: &mut u32) -> anyhow::Result<String> {
    let deadline = Instant::now() + CALL_DEADLINE;
    loop {
        let (status, up) = api
            .call(
                seed,
                reqwest::Method::GET,
                &format!("/v1/uploads/{id}"),
                None,
                None,
                retries,
            )
            .await?;
        anyhow::ensure!(status == 200, "GET upload answered {status}");
        match up["status"].as_str() {
            Some("ready") => {
                return up["file_id"]
                    .as_str()
                    .map(str::to_owned)
                    .context("ready without file_id");
            }
            Some("failed" | "expired") => anyhow::bail!("upload ended {} before it could be deleted", up["status"]),
            _ => {}
        }
        anyhow::ensure!(Instant::now() < deadline, "not ready within {CALL_DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// What one follower saw of one upload.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    /// The terminal state delivered: `ready`, `failed:<reason>` or `expired`.
    pub last: Option<String>,
    /// Whether a subscribe was acknowledged on the current connection.
    subscribed: bool,
    asked_at: Option<Instant>,
}

#[derive(Default)]
struct FollowerState {
    followed: HashMap<String, Seen>,
    connects: u32,
}

/// A pool of WebSocket followers; each upload is followed by one of them.
#[derive(Clone)]
pub struct Followers {
    states: Vec<Arc<Mutex<FollowerState>>>,
    wake: Vec<mpsc::UnboundedSender<()>>,
}

/// One follower's results.
pub struct FollowerReport {
    pub connects: u32,
    pub followed: HashMap<String, Option<String>>,
}

impl Followers {
    pub fn start(n: usize, api: &Api, stop: &CancellationToken) -> Self {
        let mut states = Vec::new();
        let mut wake = Vec::new();
        for i in 0..n {
            let state = Arc::new(Mutex::new(FollowerState::default()));
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(follower(i, api.clone(), state.clone(), rx, stop.clone()));
            states.push(state);
            wake.push(tx);
        }
        Self { states, wake }
    }

    fn follow(&self, seed: usize, upload: &str) {
        let i = seed % self.states.len();
        if let Ok(mut s) = self.states[i].lock() {
            s.followed.insert(upload.to_owned(), Seen::default());
        }
        let _ = self.wake[i].send(());
    }

    /// Uploads some follower has not yet seen end.
    pub fn unfinished(&self) -> usize {
        self.states
            .iter()
            .map(|s| {
                s.lock()
                    .map(|s| s.followed.values().filter(|v| v.last.is_none()).count())
                    .unwrap_or(0)
            })
            .sum()
    }

    pub fn reports(&self) -> Vec<FollowerReport> {
        self.states
            .iter()
            .filter_map(|s| s.lock().ok())
            .map(|s| FollowerReport {
                connects: s.connects,
                followed: s.followed.iter().map(|(k, v)| (k.clone(), v.last.clone())).collect(),
            })
            .collect()
    }
}

/// Subscribe messages for every followed upload not yet ended nor subscribed (re-asked after
/// 3 s without an answer).
fn pending_subscribes(state: &Mutex<FollowerState>) -> Vec<String> {
    let Ok(mut s) = state.lock() else { return Vec::new() };
    let now = Instant::now();
    s.followed
        .iter_mut()
        .filter(|(_, v)| v.last.is_none() && !v.subscribed)
        .filter(|(_, v)| v.asked_at.is_none_or(|t| now - t > Duration::from_secs(3)))
        .map(|(id, v)| {
            v.asked_at = Some(now);
            json!({"op": "subscribe", "channel": format!("upload:{id}")}).to_string()
        })
        .collect()
}

/// Applies one server message; returns an unsubscribe to send once an upload has ended.
fn on_message(state: &Mutex<FollowerState>, text: &str) -> Option<String> {
    let msg: Value = serde_json::from_str(text).ok()?;
    let mut s = state.lock().ok()?;
    let kind = msg["type"].as_str()?;
    let channel_id = |m: &Value| m["channel"].as_str()?.strip_prefix("upload:").map(str::to_owned);
    match kind {
        "subscribed" => {
            let id = channel_id(&msg)?;
            s.followed.get_mut(&id)?.subscribed = true;
            None
        }
        "error" => {
            // Refused for now (the database was away, say): asked again later.
            let id = channel_id(&msg)?;
            let seen = s.followed.get_mut(&id)?;
            seen.subscribed = false;
            None
        }
        "upload.ready" | "upload.failed" | "upload.expired" | "file.deleted" => {
            let id = msg["upload_id"].as_str()?.to_owned();
            let seen = s.followed.get_mut(&id)?;
            seen.last = Some(match kind {
                "upload.ready" => "ready".to_owned(),
                "upload.failed" => format!("failed:{}", msg["reason"].as_str().unwrap_or("?")),
                "file.deleted" => "deleted".to_owned(),
                _ => "expired".to_owned(),
            });
            Some(json!({"op": "unsubscribe", "channel": format!("upload:{id}")}).to_string())
        }
        _ => None,
    }
}

async fn follower(
    i: usize,
    api: Api,
    state: Arc<Mutex<FollowerState>>,
    mut wake: mpsc::UnboundedReceiver<()>,
    stop: CancellationToken,
) {
    let mut attempt = 0usize;
    while !stop.is_cancelled() {
        let base = &api.bases[(i + attempt) % api.bases.len()];
        attempt += 1;
        let url = format!("{}/v1/ws", base.replacen("http", "ws", 1));
        let Ok(mut req) = url.into_client_request() else { return };
        if let Ok(v) = format!("Bearer {}", api.key).parse() {
            req.headers_mut().insert("authorization", v);
        }
        let ws = tokio::select! {
            r = tokio::time::timeout(Duration::from_secs(5), tokio_tungstenite::connect_async(req)) => r,
            () = stop.cancelled() => return,
        };
        let Ok(Ok((ws, _))) = ws else {
            tokio::time::sleep(Duration::from_millis(300)).await;
            continue;
        };
        if let Ok(mut s) = state.lock() {
            s.connects += 1;
            for v in s.followed.values_mut() {
                v.subscribed = false;
                v.asked_at = None;
            }
        }
        let (mut sink, mut stream) = ws.split();
        let mut tick = tokio::time::interval(Duration::from_millis(500));
        'conn: loop {
            let mut out = Vec::new();
            tokio::select! {
                () = stop.cancelled() => return,
                _ = tick.tick() => out = pending_subscribes(&state),
                Some(()) = wake.recv() => out = pending_subscribes(&state),
                msg = stream.next() => match msg {
                    Some(Ok(Message::Text(text))) => out.extend(on_message(&state, &text)),
                    Some(Ok(Message::Close(_)) | Err(_)) | None => break 'conn,
                    Some(Ok(_)) => {}
                },
            }
            for text in out {
                if sink.send(Message::Text(text.into())).await.is_err() {
                    break 'conn;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
