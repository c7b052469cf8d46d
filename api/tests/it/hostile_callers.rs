//! What probing the API as an attacker found (#10), each pinned by a test: unbounded metrics
//! labels, connections held by slow headers, a connection flood, dates that panicked the usage
//! handler, invisible characters in filenames, made-up image types that skipped sniffing, and
//! idempotent replays that ignored part of the body. Plus the request id every answer carries.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::support::{PNG, TestApp, assert_error};

fn addr(app: &TestApp) -> String {
    app.url.trim_start_matches("http://").to_owned()
}

#[sqlx::test(migrations = false)]
async fn methods_an_outsider_makes_up_never_become_metric_labels(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let scrape = || async {
        reqwest::get(format!("{}/metrics", app.url))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let before = scrape().await.len();
    for i in 0..100 {
        let method = format!("X{i}{}", "Q".repeat(16 * 1024));
        let got = app
            .http
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                format!("{}/v1/files", app.url),
            )
            .send()
            .await
            .unwrap();
        assert!(got.status().is_client_error(), "{}", got.status());
    }
    let text = scrape().await;
    assert!(!text.contains("QQQQ"), "a made-up method became a label");
    assert!(
        text.contains("method=\"other\""),
        "made-up methods are counted as other"
    );
    assert!(
        text.len() < before + 16 * 1024,
        "exposition grew from {before} to {} bytes",
        text.len()
    );
}

#[sqlx::test(migrations = false)]
async fn a_client_that_never_finishes_its_headers_is_dropped(pool: PgPool) {
    let app = TestApp::spawn_api_only_configured(pool, |c| c.http.header_read_timeout_secs = 1).await;
    let mut slow = TcpStream::connect(addr(&app)).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(5), async {
        // Keep trickling (as a slowloris does) until the server gives up on us.
        loop {
            tokio::select! {
                read = slow.read(&mut buf) => return read.unwrap_or(0),
                () = tokio::time::sleep(Duration::from_millis(200)) => {
                    if slow.write_all(b"a").await.is_err() {
                        return 0;
                    }
                }
            }
        }
    })
    .await
    .expect("the server closes a slow-headers connection within 5 s");
    let answer = String::from_utf8_lossy(&buf[..n]);
    assert!(n == 0 || answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    // An idle keep-alive connection is closed by the same timer.
    let mut idle = TcpStream::connect(addr(&app)).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut all = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), idle.read_to_end(&mut all)).await;
    assert!(read.is_ok(), "an idle keep-alive connection is closed");
    assert!(String::from_utf8_lossy(&all).starts_with("HTTP/1.1 200"));
}

#[sqlx::test(migrations = false)]
async fn connections_over_the_limit_wait_instead_of_being_served(pool: PgPool) {
    let app = TestApp::spawn_api_only_configured(pool, |c| {
        c.http.max_connections = 2;
        c.http.header_read_timeout_secs = 2;
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut c = TcpStream::connect(addr(&app)).await.unwrap();
        c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        held.push(c);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let third = reqwest::Client::new()
        .get(format!("{}/healthz", app.url))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap();
    assert_eq!(third.status(), StatusCode::OK);
    assert!(
        started.elapsed() > Duration::from_millis(1000),
        "served only after a held connection was dropped ({:?})",
        started.elapsed()
    );
}

#[sqlx::test(migrations = false)]
async fn usage_dates_out_of_range_are_refused_not_panicked(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    for query in [
        "to=-262143-01-01",
        "from=0000-01-01&to=0000-01-02",
        "to=+262142-12-31",
        "from=1999-12-31&to=2000-01-10",
        "to=2000-01-05",
    ] {
        let got = app.get(&format!("/v1/usage?{query}")).await;
        if query == "to=2000-01-05" {
            // The default 30-day window is clamped at the earliest day, not refused.
            assert_eq!(got.0, StatusCode::OK, "{query}: {}", got.1);
            assert_eq!(got.1["from"], "2000-01-01");
            continue;
        }
        assert_eq!(got.0, StatusCode::BAD_REQUEST, "{query}: {}", got.1);
        let code = got.1["error"]["code"].as_str().unwrap();
        assert!(
            ["invalid_range", "validation_failed"].contains(&code),
            "{query}: {}",
            got.1
        );
    }
    assert_error(
        &app.get("/v1/usage?from=0000-01-01&to=0000-01-02").await,
        StatusCode::BAD_REQUEST,
        "invalid_range",
    );
}

#[sqlx::test(migrations = false)]
async fn invisible_format_characters_in_filenames_are_refused(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    for name in ["invoice\u{202E}gnp.exe", "a\u{200B}b.png", "\u{2066}x.png"] {
        let got = app
            .post(
                "/v1/uploads",
                json!({"filename": name, "content_type": "image/png", "size": 10}),
            )
            .await;
        assert_error(&got, StatusCode::BAD_REQUEST, "invalid_filename");
    }
}

#[sqlx::test(migrations = false)]
async fn a_made_up_image_type_needs_an_explicit_rule(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let html = b"<html><script>alert(1)</script></html>";
    let got = app
        .post(
            "/v1/uploads",
            json!({"filename": "x.foo", "content_type": "image/x-foo", "size": html.len()}),
        )
        .await;
    assert_error(&got, StatusCode::UNSUPPORTED_MEDIA_TYPE, "content_type_not_allowed");
    for active in ["text/html", "image/svg+xml"] {
        let rules = carcosa_common::domain::UploadRules {
            allowed_content_types: vec!["*/*".into()],
            ..Default::default()
        };
        carcosa_common::db::projects::set_rules(&app.env.pool, app.env.project.id, &rules)
            .await
            .unwrap();
        let got = app
            .post(
                "/v1/uploads",
                json!({"filename": "x", "content_type": active, "size": 10}),
            )
            .await;
        assert_error(&got, StatusCode::UNSUPPORTED_MEDIA_TYPE, "content_type_not_allowed");
    }
}

#[sqlx::test(migrations = false)]
async fn an_idempotent_replay_must_match_every_field(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let send = |body: Value| {
        app.http
            .post(format!("{}/v1/uploads", app.url))
            .bearer_auth(&app.env.key)
            .header("idempotency-key", "order-42")
            .json(&body)
            .send()
    };
    let body = json!({"filename": "a.png", "content_type": "image/png", "size": PNG.len(), "metadata": {"user": 1}});
    let first = send(body.clone()).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let again = send(body.clone()).await.unwrap();
    assert_eq!(
        again.status(),
        StatusCode::OK,
        "an identical replay gets the same upload"
    );
    for changed in [
        json!({"filename": "a.png", "content_type": "image/png", "size": PNG.len(), "metadata": {"user": 2}}),
        json!({"filename": "a.png", "content_type": "image/png", "size": PNG.len()}),
        json!({"filename": "a.png", "content_type": "image/png", "size": PNG.len(), "metadata": {"user": 1}, "expires_in": 120}),
    ] {
        let resp = send(changed).await.unwrap();
        let got = (resp.status(), resp.json::<Value>().await.unwrap());
        assert_error(&got, StatusCode::CONFLICT, "idempotency_key_reused");
    }
}

#[sqlx::test(migrations = false)]
async fn every_answer_carries_a_request_id(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let resp = app.http.get(format!("{}/v1/files", app.url)).send().await.unwrap();
    let id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(id.len(), 36, "{id}");
    let resp = app
        .http
        .get(format!("{}/healthz", app.url))
        .header("x-request-id", "proxy-abc.123")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["x-request-id"], "proxy-abc.123", "a plain id is kept");
    let resp = app
        .http
        .get(format!("{}/healthz", app.url))
        .header("x-request-id", "evil\tid with spaces")
        .send()
        .await
        .unwrap();
    assert_ne!(resp.headers()["x-request-id"], "evil\tid with spaces");
}
