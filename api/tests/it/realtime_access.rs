//! WebSocket access ends with the key (#10): sessions opened with a key, or with a token the key
//! minted, close with 4401 when the key is revoked or expires; a token from a revoked key cannot
//! open a session. And each session delivers an upload's events once, in increasing `seq`, even
//! when a fast worker moves the row on before the API publishes.

use std::time::Duration;

use carcosa_common::crypto::api_key_prefix;
use carcosa_common::db::api_keys;
use carcosa_common::domain::{Permission, PermissionSet};
use carcosa_common::provision;
use futures::StreamExt as _;
use reqwest::StatusCode;
use secrecy::ExposeSecret as _;
use serde_json::{Value, json};
use sqlx::PgPool;
use tokio_tungstenite::tungstenite::Message;

use crate::realtime::{Ws, connect_key, connect_token, next, subscribe};
use crate::support::{JPEG, TestApp};

async fn token(app: &TestApp, key: &str, body: Value) -> String {
    let (status, minted) = app
        .request(reqwest::Method::POST, "/v1/realtime/token", Some(key), Some(body))
        .await;
    assert_eq!(status, StatusCode::OK, "{minted}");
    minted["token"].as_str().unwrap().to_owned()
}

/// Waits for the server's close frame and returns its code.
async fn closed_with(ws: &mut Ws, within: Duration) -> u16 {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let msg = tokio::time::timeout_at(deadline, ws.next())
            .await
            .expect("the server closes the session in time");
        match msg {
            Some(Ok(Message::Close(Some(frame)))) => return u16::from(frame.code),
            Some(Ok(Message::Close(None))) | None => panic!("closed without a code"),
            Some(Ok(_)) => {}
            Some(Err(e)) => panic!("socket error before a close frame: {e}"),
        }
    }
}

async fn handshake_status(app: &TestApp, token: &str) -> (u16, String) {
    let url = format!("{}/v1/ws?token={token}", app.url.replace("http://", "ws://"));
    match tokio_tungstenite::connect_async(url).await {
        Ok(_) => panic!("the upgrade was accepted"),
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => {
            let body = String::from_utf8_lossy(resp.body().as_deref().unwrap_or_default()).into_owned();
            (resp.status().as_u16(), body)
        }
        Err(e) => panic!("unexpected handshake error: {e}"),
    }
}

#[sqlx::test(migrations = false)]
async fn revoking_a_key_closes_its_sessions_and_its_tokens(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let key = app
        .env
        .key_for(&app.env.project.clone(), &[Permission::FilesRead])
        .await;
    let other = app
        .env
        .key_for(&app.env.project.clone(), &[Permission::FilesRead])
        .await;
    let minted = token(&app, &key, json!({})).await;
    let mut by_key = connect_key(&app.url, &key).await;
    let mut by_token = connect_token(&app.url, &minted).await;
    let mut unrelated = connect_key(&app.url, &other).await;
    assert_eq!(subscribe(&mut by_key, "project", None).await["type"], "subscribed");
    assert_eq!(subscribe(&mut by_token, "project", None).await["type"], "subscribed");

    assert!(
        api_keys::revoke(&app.env.pool, api_key_prefix(&key).unwrap())
            .await
            .unwrap()
    );
    assert_eq!(closed_with(&mut by_key, Duration::from_secs(10)).await, 4401);
    assert_eq!(closed_with(&mut by_token, Duration::from_secs(10)).await, 4401);
    // Another key's session is untouched.
    assert_eq!(subscribe(&mut unrelated, "project", None).await["type"], "subscribed");

    // A token minted before the revocation no longer opens a session.
    let (status, body) = handshake_status(&app, &minted).await;
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("api_key_revoked"), "{body}");
}

#[sqlx::test(migrations = false)]
async fn sessions_end_when_the_key_or_token_expires(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let expires = chrono::Utc::now() + chrono::Duration::seconds(3);
    let created = provision::create_api_key(
        &app.env.pool,
        app.env.project.id,
        "short-lived",
        &PermissionSet::new([Permission::FilesRead]),
        Some(expires),
    )
    .await
    .unwrap();
    let key = created.token.expose_secret().to_owned();
    let minted = token(&app, &key, json!({"ttl_secs": 600})).await;
    let mut by_key = connect_key(&app.url, &key).await;
    let mut by_token = connect_token(&app.url, &minted).await;
    assert_eq!(closed_with(&mut by_key, Duration::from_secs(10)).await, 4401);
    assert_eq!(closed_with(&mut by_token, Duration::from_secs(10)).await, 4401);
    let (status, _) = handshake_status(&app, &minted).await;
    assert_eq!(status, 401, "an expired token opens nothing");
}

#[sqlx::test(migrations = false)]
async fn each_upload_event_arrives_once_in_increasing_seq(pool: PgPool) {
    let app = TestApp::spawn_with_local_bus(pool).await;
    let mut ws = connect_key(&app.url, &app.env.key).await;
    for round in 0..10 {
        let upload = app.create_upload("photo.jpg", "image/jpeg", JPEG.len()).await;
        let id = upload["id"].as_str().unwrap().to_owned();
        assert_eq!(
            subscribe(&mut ws, &format!("upload:{id}"), None).await["type"],
            "subscribed"
        );
        assert_eq!(app.put_signed(&upload, JPEG).await, StatusCode::OK);
        app.complete(&id).await;
        let mut seqs = Vec::new();
        loop {
            let event = next(&mut ws).await;
            assert_eq!(event["upload_id"], id.as_str(), "round {round}: {event}");
            seqs.push(event["seq"].as_u64().unwrap());
            if event["type"] == "upload.ready" {
                break;
            }
        }
        assert_eq!(seqs.first(), Some(&1), "round {round}: {seqs:?}");
        assert!(
            seqs.windows(2).all(|w| w[0] < w[1]),
            "round {round}: each seq once, increasing: {seqs:?}"
        );
        assert_eq!(seqs.last(), Some(&50));
        // Re-subscribing re-reads the row: the session never repeats what it delivered.
        assert_eq!(
            subscribe(&mut ws, &format!("upload:{id}"), None).await["type"],
            "subscribed"
        );
        let unsubscribe = json!({"op": "unsubscribe", "channel": format!("upload:{id}")});
        crate::realtime::send(&mut ws, unsubscribe).await;
        assert_eq!(
            next(&mut ws).await["type"],
            "unsubscribed",
            "nothing repeated before the ack"
        );
    }
}

#[sqlx::test(migrations = false)]
async fn one_socket_follows_several_uploads_each_with_its_own_token(pool: PgPool) {
    let app = TestApp::spawn_api_only_configured(pool, |c| c.rate_limits.ws_connects_per_min = 2).await;
    let a = app.create_upload("a.jpg", "image/jpeg", JPEG.len()).await;
    let b = app.create_upload("b.jpg", "image/jpeg", JPEG.len()).await;
    let (a, b) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    let token_a = token(&app, &app.env.key, json!({"upload": a})).await;
    let token_b = token(&app, &app.env.key, json!({"upload": b})).await;

    let mut ws = connect_token(&app.url, &token_a).await;
    // The connection's token follows only upload a; b needs its own token.
    let refused = subscribe(&mut ws, &format!("upload:{b}"), None).await;
    assert_eq!(refused["code"], "forbidden_subscription", "{refused}");
    crate::realtime::send(
        &mut ws,
        json!({"op": "subscribe", "channel": format!("upload:{b}"), "token": token_b}),
    )
    .await;
    assert_eq!(next(&mut ws).await["type"], "subscribed");
    assert_eq!(next(&mut ws).await["upload_id"], b, "b's current state follows");
    // Another upload's token cannot stand in, nor can garbage, nor another key's token.
    crate::realtime::send(
        &mut ws,
        json!({"op": "subscribe", "channel": format!("upload:{a}"), "token": token_b}),
    )
    .await;
    assert_eq!(next(&mut ws).await["code"], "forbidden_subscription");
    crate::realtime::send(
        &mut ws,
        json!({"op": "subscribe", "channel": format!("upload:{a}"), "token": "nope"}),
    )
    .await;
    assert_eq!(next(&mut ws).await["code"], "invalid_token");
    let other_key = app.env.key_for(&app.env.project, &[Permission::FilesRead]).await;
    let foreign = token(&app, &other_key, json!({"upload": b})).await;
    crate::realtime::send(
        &mut ws,
        json!({"op": "subscribe", "channel": format!("upload:{b}"), "token": foreign}),
    )
    .await;
    assert_eq!(next(&mut ws).await["code"], "forbidden_subscription");

    // Token connections are limited per address, not per key: a browser's budget is its own,
    // and a key-header connection from elsewhere is not starved by them (and vice versa).
    let _second = connect_token(&app.url, &token_b).await;
    let (status, body) = handshake_status(&app, &token_b).await;
    assert_eq!(status, 429, "{body}");
    assert!(body.contains("rate_limited"), "{body}");
}
