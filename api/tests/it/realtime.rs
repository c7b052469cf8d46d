//! Live progress: two API processes and a worker on one database and a Redis of the test's own.
//! A client on API B follows an upload made through API A to `ready`; late subscribers get the
//! current state; out-of-scope subscriptions are refused; a Redis restart mid-stream ends in a
//! resync that still delivers the final state.

use std::time::Duration;

use carcosa_common::domain::Permission;
use futures::{SinkExt as _, StreamExt as _};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::support::{JPEG, RedisServer, TestApp};

pub(crate) type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub(crate) async fn connect_key(base: &str, key: &str) -> Ws {
    let mut req = format!("{}/v1/ws", base.replace("http://", "ws://"))
        .into_client_request()
        .unwrap();
    req.headers_mut()
        .insert("authorization", format!("Bearer {key}").parse().unwrap());
    tokio_tungstenite::connect_async(req).await.expect("upgrade").0
}

pub(crate) async fn connect_token(base: &str, token: &str) -> Ws {
    let url = format!("{}/v1/ws?token={token}", base.replace("http://", "ws://"));
    tokio_tungstenite::connect_async(url).await.expect("upgrade").0
}

pub(crate) async fn send(ws: &mut Ws, msg: Value) {
    ws.send(Message::Text(msg.to_string().into())).await.unwrap();
}

/// The next JSON message (pings skipped), failing after 20 s.
pub(crate) async fn next(ws: &mut Ws) -> Value {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(20), ws.next())
            .await
            .expect("a message within 20 s")
            .expect("stream open")
            .expect("no error");
        match msg {
            Message::Text(t) => return serde_json::from_str(t.as_str()).unwrap(),
            Message::Close(frame) => panic!("closed: {frame:?}"),
            _ => {}
        }
    }
}

/// Messages until one of type `until` (inclusive).
pub(crate) async fn until(ws: &mut Ws, until: &str) -> Vec<Value> {
    let mut got = Vec::new();
    loop {
        let m = next(ws).await;
        let done = m["type"] == until;
        got.push(m);
        if done {
            return got;
        }
    }
}

pub(crate) async fn subscribe(ws: &mut Ws, channel: &str, since: Option<u32>) -> Value {
    send(ws, json!({"op": "subscribe", "channel": channel, "since": since})).await;
    next(ws).await
}

#[sqlx::test(migrations = false)]
async fn a_client_on_another_api_follows_an_upload_to_ready(pool: PgPool) {
    let redis = RedisServer::start();
    let app = TestApp::spawn_with_redis(pool, &redis.url()).await;
    let api_b = app.spawn_another_api(&redis.url()).await;
    let upload = app.create_upload("photo.jpg", "image/jpeg", JPEG.len()).await;
    let id = upload["id"].as_str().unwrap().to_owned();

    let mut ws = connect_key(&api_b, &app.env.key).await;
    let ack = subscribe(&mut ws, &format!("upload:{id}"), None).await;
    assert_eq!(ack, json!({"type": "subscribed", "channel": format!("upload:{id}")}));
    let pending = next(&mut ws).await;
    assert_eq!(
        (pending["type"].as_str(), pending["seq"].as_u64()),
        (Some("upload.pending"), Some(1))
    );

    // Give both hubs time to hold their Redis subscriptions before events flow.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.put_signed(&upload, JPEG).await, StatusCode::OK);
    let (status, _) = app.complete(&id).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let all = until(&mut ws, "upload.ready").await;
    let seqs: Vec<_> = all.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "sequence numbers increase: {seqs:?}"
    );
    // `verifying` is published by this API after the commit that hands the job to the worker;
    // on a loaded machine the worker's first `processing` can reach Redis first, and a session
    // never sends an older seq after a newer one, so `verifying` may be superseded (CI saw it).
    let events = match all.first() {
        Some(first) if first["type"] == "upload.verifying" => &all[1..],
        _ => &all[..],
    };
    let types: Vec<_> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "upload.processing",
            "upload.processing",
            "upload.processing",
            "upload.ready"
        ],
        "{all:#?}"
    );
    assert_eq!(events[0]["step"], "variants");
    let progress: Vec<_> = events[0..3]
        .iter()
        .map(|e| (e["done"].as_u64().unwrap(), e["total"].as_u64().unwrap()))
        .collect();
    assert_eq!(progress, [(0, 2), (1, 2), (2, 2)]);
    let ready = events.last().unwrap();
    assert_eq!(ready["variants"].as_array().unwrap().len(), 2);
    assert!(
        events
            .iter()
            .all(|e| e["upload_id"] == id.as_str() && e["id"].is_string())
    );

    // A subscriber that joins after `ready` still learns `ready`; `since` skips what it has.
    let mut late = connect_key(&app.url, &app.env.key).await;
    subscribe(&mut late, &format!("upload:{id}"), None).await;
    let current = next(&mut late).await;
    assert_eq!(current["type"], "upload.ready");
    assert_eq!(current["file_id"], ready["file_id"]);
    subscribe(&mut late, "project", None).await;
    send(
        &mut late,
        json!({"op": "unsubscribe", "channel": format!("upload:{id}")}),
    )
    .await;
    assert_eq!(next(&mut late).await["type"], "unsubscribed");
    let again = subscribe(&mut late, &format!("upload:{id}"), Some(50)).await;
    assert_eq!(again["type"], "subscribed");

    // File deletion reaches project subscribers.
    let file_id = ready["file_id"].as_str().unwrap();
    let (status, _) = app
        .request(
            reqwest::Method::DELETE,
            &format!("/v1/files/{file_id}"),
            Some(&app.env.key),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let deleted = next(&mut late).await;
    assert_eq!(
        (deleted["type"].as_str(), deleted["file_id"].as_str()),
        (Some("file.deleted"), Some(file_id))
    );

    // A subscriber that joins (or reconnects) after the deletion is told how the upload ended.
    let mut after = connect_key(&app.url, &app.env.key).await;
    subscribe(&mut after, &format!("upload:{id}"), None).await;
    let current = next(&mut after).await;
    assert_eq!(
        (
            current["type"].as_str(),
            current["file_id"].as_str(),
            current["seq"].as_u64()
        ),
        (Some("file.deleted"), Some(file_id), Some(60))
    );
}

#[sqlx::test(migrations = false)]
async fn subscriptions_outside_the_callers_scope_are_refused(pool: PgPool) {
    let redis = RedisServer::start();
    let app = TestApp::spawn_with_redis(pool, &redis.url()).await;
    let mine = app.create_upload("a.jpg", "image/jpeg", JPEG.len()).await;
    let other = app.create_upload("b.jpg", "image/jpeg", JPEG.len()).await;
    let (mine, other) = (mine["id"].as_str().unwrap(), other["id"].as_str().unwrap());

    // A browser token for one upload.
    let (status, minted) = app.post("/v1/realtime/token", json!({"upload": mine})).await;
    assert_eq!(status, StatusCode::OK, "{minted}");
    assert_eq!(minted["scope"], format!("upload:{mine}"));
    let mut ws = connect_token(&app.url, minted["token"].as_str().unwrap()).await;
    assert_eq!(
        subscribe(&mut ws, &format!("upload:{mine}"), None).await["type"],
        "subscribed"
    );
    assert_eq!(next(&mut ws).await["type"], "upload.pending");
    for channel in [
        format!("upload:{other}"),
        "project".to_owned(),
        "tenant:alice".to_owned(),
    ] {
        let refused = subscribe(&mut ws, &channel, None).await;
        assert_eq!(refused["type"], "error", "{channel}");
        assert!(
            ["forbidden_subscription", "not_found"].contains(&refused["code"].as_str().unwrap()),
            "{channel}: {refused}"
        );
        assert!(!refused["message"].as_str().unwrap().is_empty());
    }
    let refused = subscribe(&mut ws, &format!("upload:{other}"), None).await;
    assert_eq!(refused["code"], "forbidden_subscription");
    let bad = subscribe(&mut ws, "everything", None).await;
    assert_eq!(bad["code"], "unknown_channel");
    send(&mut ws, json!({"op": "dance"})).await;
    assert_eq!(next(&mut ws).await["code"], "bad_message");

    // Another project's key cannot see this project's uploads: not found, never empty.
    let (_, other_key) = app.env.other_project("elsewhere").await;
    let mut foreign = connect_key(&app.url, &other_key).await;
    let refused = subscribe(&mut foreign, &format!("upload:{mine}"), None).await;
    assert_eq!(
        (refused["type"].as_str(), refused["code"].as_str()),
        (Some("error"), Some("not_found"))
    );

    // Tenant tokens follow only their tenant.
    sqlx::query("INSERT INTO tenants (id, project_id, slug, name) VALUES (gen_random_uuid(), $1, 'alice', ''), (gen_random_uuid(), $1, 'bob', '')")
        .bind(app.env.project.id.0)
        .execute(&app.env.pool)
        .await
        .unwrap();
    let (_, alice) = app.post("/v1/realtime/token", json!({"tenant": "alice"})).await;
    let mut ws = connect_token(&app.url, alice["token"].as_str().unwrap()).await;
    assert_eq!(subscribe(&mut ws, "tenant:alice", None).await["type"], "subscribed");
    assert_eq!(
        subscribe(&mut ws, "tenant:bob", None).await["code"],
        "forbidden_subscription"
    );
    assert_eq!(
        subscribe(&mut ws, &format!("upload:{mine}"), None).await["code"],
        "forbidden_subscription"
    );

    // Refused before the upgrade: bad token, no credentials, a key without files:read, bad mint.
    let plain = |q: &str| {
        let url = format!("{}/v1/ws{q}", app.url);
        let http = app.http.clone();
        async move {
            let resp = http
                .get(url)
                .header("connection", "upgrade")
                .header("upgrade", "websocket")
                .header("sec-websocket-version", "13")
                .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
                .send()
                .await
                .unwrap();
            let status = resp.status();
            (status, resp.json::<Value>().await.unwrap())
        }
    };
    let got = plain("?token=not.a.token").await;
    assert_eq!(
        (got.0, got.1["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_token"))
    );
    let got = plain("").await;
    assert_eq!(
        (got.0, got.1["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthorized"))
    );
    let write_only = app
        .env
        .key_for(&app.env.project.clone(), &[Permission::FilesWrite])
        .await;
    let resp = app
        .http
        .get(format!("{}/v1/ws", app.url))
        .bearer_auth(&write_only)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let (status, body) = app.get("/v1/ws").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("websocket_required")),
        "a plain GET with a good key"
    );
    let (status, body) = app
        .post("/v1/realtime/token", json!({"upload": mine, "tenant": "alice"}))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("validation_failed"))
    );
    let (status, body) = app.post("/v1/realtime/token", json!({"tenant": "nobody"})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, body) = app.post("/v1/realtime/token", json!({"ttl_secs": 999999})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("validation_failed"))
    );
}

/// A new JPEG upload and a socket following it, past its `upload.pending`.
async fn follow_new_upload(app: &TestApp) -> (Value, String, Ws) {
    let upload = app.create_upload("photo.jpg", "image/jpeg", JPEG.len()).await;
    let id = upload["id"].as_str().unwrap().to_owned();
    let mut ws = connect_key(&app.url, &app.env.key).await;
    subscribe(&mut ws, &format!("upload:{id}"), None).await;
    assert_eq!(next(&mut ws).await["type"], "upload.pending");
    (upload, id, ws)
}

#[sqlx::test(migrations = false)]
async fn subscribers_recover_the_final_state_after_redis_restarts(pool: PgPool) {
    let mut redis = RedisServer::start();
    let app = TestApp::spawn_with_redis(pool, &redis.url()).await;
    let (upload, id, mut ws) = follow_new_upload(&app).await;

    redis.kill();
    // Uploads keep working without Redis: the upload goes ready, its events are lost.
    assert_eq!(app.put_signed(&upload, JPEG).await, StatusCode::OK);
    assert_eq!(app.complete(&id).await.0, StatusCode::ACCEPTED);
    let done = app.wait_status(&id, &["ready", "failed"]).await;
    assert_eq!(done["status"], "ready");

    redis.restart();
    let after = until(&mut ws, "upload.ready").await;
    assert!(after.iter().any(|m| m["type"] == "resync"), "{after:#?}");
    assert_eq!(after.last().unwrap()["upload_id"], id.as_str());
}

/// A state committed by a process that died before publishing its event (here: a row changed
/// with no publish at all) still reaches a subscriber — from the rows, through the settled
/// NOTIFY the commit itself sent — and only once.
#[sqlx::test(migrations = false)]
async fn a_settled_upload_whose_event_was_never_published_still_reaches_subscribers(pool: PgPool) {
    let redis = RedisServer::start();
    let app = TestApp::spawn_with_redis(pool, &redis.url()).await;
    let (_, id, mut ws) = follow_new_upload(&app).await;

    let started = std::time::Instant::now();
    sqlx::query("UPDATE uploads SET status = 'expired', updated_at = now() WHERE id = $1::uuid")
        .bind(&id)
        .execute(&app.api_pool)
        .await
        .unwrap();
    let expired = next(&mut ws).await;
    assert_eq!(
        (
            expired["type"].as_str(),
            expired["upload_id"].as_str(),
            expired["seq"].as_u64()
        ),
        (Some("upload.expired"), Some(id.as_str()), Some(50))
    );
    assert!(
        started.elapsed() >= carcosa_api::realtime::SETTLED_GRACE,
        "sent only after the bus had its chance"
    );
    // Nothing more: the session delivers each state once.
    let more = tokio::time::timeout(Duration::from_secs(3), ws.next()).await;
    assert!(
        !matches!(more, Ok(Some(Ok(Message::Text(_))))),
        "no second copy: {more:?}"
    );
}

/// A publisher that could not reach Redis keeps the event and publishes it once Redis is back
/// — for subscribers whose API process never noticed the outage (so never resynced).
#[tokio::test]
async fn an_event_published_while_redis_is_away_goes_out_when_it_is_back() {
    use carcosa_common::domain::{ProjectId, UploadId};
    use carcosa_common::events::{Bus, Event, EventKind};
    let mut redis = RedisServer::start();
    let bus = Bus::redis(&redis.url()).unwrap();
    redis.kill();
    let upload = UploadId(uuid::Uuid::now_v7());
    let event = Event::new(ProjectId(uuid::Uuid::now_v7()), None, upload, EventKind::Expired);
    bus.publish(event).await; // fails: held, and publishing pauses for 1 s
    redis.restart();
    let client = deadpool_redis::redis::Client::open(redis.url()).unwrap();
    let mut pubsub = client.get_async_pubsub().await.unwrap();
    pubsub.psubscribe("carcosa:events:*").await.unwrap();
    // Subscribed well inside the 1 s pause; the held event comes on the next retry.
    let msg = tokio::time::timeout(Duration::from_secs(10), pubsub.on_message().next())
        .await
        .expect("the held event was published within 10 s")
        .unwrap();
    let payload: Value = serde_json::from_str(&msg.get_payload::<String>().unwrap()).unwrap();
    assert_eq!(
        (payload["type"].as_str(), payload["upload_id"].as_str()),
        (Some("upload.expired"), Some(upload.to_string().as_str()))
    );
}
