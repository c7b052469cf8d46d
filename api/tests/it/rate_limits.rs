//! Rate limits: tiers per key with per-project overrides, the IETF fields, one limit across API
//! replicas sharing Redis, traffic let through (and counted) when Redis is down, the login
//! throttle and per-address limits on routes without a caller.

use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{Browser, PASSWORD, RedisServer, TestApp, assert_error};

fn presign_body() -> Value {
    json!({"filename": "a.png", "content_type": "image/png", "size": 100})
}

/// POSTs a presign to `base` with `key`; returns status, body and the rate-limit headers.
async fn presign(http: &reqwest::Client, base: &str, key: &str) -> (StatusCode, Value, [Option<String>; 3]) {
    let resp = http
        .post(format!("{base}/v1/uploads"))
        .bearer_auth(key)
        .json(&presign_body())
        .send()
        .await
        .unwrap();
    let h = |n: &str| resp.headers().get(n).map(|v| v.to_str().unwrap().to_owned());
    let headers = [h("ratelimit-policy"), h("ratelimit"), h("retry-after")];
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null), headers)
}

fn write_limit(n: u32) -> impl FnOnce(&mut carcosa_common::Config) {
    move |c| c.rate_limits.tiers.write = n
}

#[sqlx::test(migrations = false)]
async fn a_key_over_its_tier_gets_429_with_retry_after_and_the_ietf_fields(pool: PgPool) {
    let app = TestApp::spawn_api_only_configured(pool, write_limit(3)).await;
    for left in [2, 1, 0] {
        let (status, body, [policy, limit, retry]) = presign(&app.http, &app.url, &app.env.key).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(policy.as_deref(), Some("\"write\";q=3;w=3600"));
        assert!(
            limit.as_deref().unwrap().starts_with(&format!("\"write\";r={left};t=")),
            "{limit:?}"
        );
        assert!(retry.is_none());
    }
    let (status, body, [policy, limit, retry]) = presign(&app.http, &app.url, &app.env.key).await;
    assert_error(&(status, body), StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    assert_eq!(policy.as_deref(), Some("\"write\";q=3;w=3600"));
    assert!(limit.as_deref().unwrap().starts_with("\"write\";r=0;t="));
    // 3 per hour: the next one is earned in 20 minutes.
    let retry: u64 = retry.unwrap().parse().unwrap();
    assert!((1_100..=1_200).contains(&retry), "{retry}");
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM uploads")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(rows, 3, "a limited request writes nothing");

    // Another key of the same project has its own budget; reads are another tier.
    let other = app
        .env
        .key_for(
            &app.env.project.clone(),
            &[carcosa_common::domain::Permission::FilesWrite],
        )
        .await;
    assert_eq!(presign(&app.http, &app.url, &other).await.0, StatusCode::CREATED);
    assert_eq!(app.get("/v1/files").await.0, StatusCode::OK);

    // A per-project override, set over the management API, lifts the limit.
    let mut owner = owner_of_acme(&app).await;
    let (status, body) = owner
        .send(
            reqwest::Method::PATCH,
            &format!("/v1/projects/{}", app.env.project.id),
            Some(json!({"rate_limits": {"write": 5}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["rate_limits"]["write"], 5);
    crate::support::eventually("the override to apply", || async {
        presign(&app.http, &app.url, &app.env.key).await.0 == StatusCode::CREATED
    })
    .await;
    let bad = owner
        .send(
            reqwest::Method::PATCH,
            &format!("/v1/projects/{}", app.env.project.id),
            Some(json!({"rate_limits": {"fast": 5}})),
        )
        .await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "validation_failed");
}

/// A signed-in owner of the test organization.
pub async fn owner_of_acme(app: &TestApp) -> Browser {
    let hash = carcosa_common::password::hash(PASSWORD).unwrap();
    let user = carcosa_common::db::users::create(&app.env.pool, "owner@acme.example", "Owner", Some(&hash))
        .await
        .unwrap();
    carcosa_common::db::members::put_org_member(
        &app.env.pool,
        app.env.org.id,
        user.id,
        carcosa_common::domain::OrgRole::Owner,
    )
    .await
    .unwrap();
    let mut b = Browser::new(app);
    b.login("owner@acme.example", PASSWORD).await;
    b
}

#[sqlx::test(migrations = false)]
async fn two_api_processes_sharing_redis_enforce_one_limit(pool: PgPool) {
    let redis = RedisServer::start();
    let app = TestApp::spawn_with_redis_configured(pool, &redis.url(), write_limit(10)).await;
    let second = app.spawn_another_api(&redis.url()).await;
    let mut created = 0;
    let mut limited = 0;
    for i in 0..30 {
        let base = if i % 2 == 0 { app.url.as_str() } else { second.as_str() };
        match presign(&app.http, base, &app.env.key).await.0 {
            StatusCode::CREATED => created += 1,
            StatusCode::TOO_MANY_REQUESTS => limited += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(
        (created, limited),
        (10, 20),
        "exactly the limit got through, across both processes"
    );
}

#[sqlx::test(migrations = false)]
async fn a_redis_outage_lets_traffic_through_and_the_metric_counts_it(pool: PgPool) {
    let mut redis = RedisServer::start();
    let app = TestApp::spawn_with_redis_configured(pool, &redis.url(), write_limit(2)).await;
    let before = redis_errors(&app).await;
    assert_eq!(presign(&app.http, &app.url, &app.env.key).await.0, StatusCode::CREATED);
    assert_eq!(presign(&app.http, &app.url, &app.env.key).await.0, StatusCode::CREATED);
    assert_eq!(
        presign(&app.http, &app.url, &app.env.key).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    redis.kill();
    for _ in 0..3 {
        assert_eq!(
            presign(&app.http, &app.url, &app.env.key).await.0,
            StatusCode::CREATED,
            "limiter down: let through"
        );
    }
    assert!(redis_errors(&app).await >= before + 3.0);
    redis.restart();
    crate::support::eventually("limits to apply again", || async {
        presign(&app.http, &app.url, &app.env.key).await.0 == StatusCode::TOO_MANY_REQUESTS
    })
    .await;
}

async fn redis_errors(app: &TestApp) -> f64 {
    let text = app
        .http
        .get(format!("{}/metrics", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find(|l| l.starts_with("carcosa_ratelimit_redis_errors_total"))
        .and_then(|l| l.split_whitespace().last())
        .map_or(0.0, |v| v.parse().unwrap())
}

#[sqlx::test(migrations = false)]
async fn password_guessing_on_one_account_is_throttled(pool: PgPool) {
    let app = TestApp::spawn_api_only_configured(pool, |c| c.rate_limits.login_per_15min = 3).await;
    Browser::new(&app).signup("alice@example.com", PASSWORD, None).await;
    for _ in 0..3 {
        let wrong = Browser::new(&app)
            .post(
                "/v1/auth/login",
                json!({"email": "alice@example.com", "password": "guess guess guess"}),
            )
            .await;
        assert_error(&wrong, StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let right_but_late = Browser::new(&app)
        .post(
            "/v1/auth/login",
            json!({"email": "ALICE@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(&right_but_late, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    let logged: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_logs WHERE action LIKE 'auth.login%' ORDER BY id")
            .fetch_all(&app.env.pool)
            .await
            .unwrap();
    assert_eq!(
        logged,
        [
            "auth.login_failed",
            "auth.login_failed",
            "auth.login_failed",
            "auth.login_throttled"
        ]
    );
    // Other accounts are not affected.
    let other = Browser::new(&app)
        .post(
            "/v1/auth/login",
            json!({"email": "bob@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(&other, StatusCode::UNAUTHORIZED, "invalid_credentials");
}

#[sqlx::test(migrations = false)]
async fn routes_without_a_caller_are_limited_per_address(pool: PgPool) {
    let app = TestApp::spawn_api_only_configured(pool, |c| c.rate_limits.tiers.standard = 2).await;
    for _ in 0..2 {
        let got = Browser::new(&app)
            .post(
                "/v1/auth/login",
                json!({"email": "x@example.com", "password": PASSWORD}),
            )
            .await;
        assert_error(&got, StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let got = Browser::new(&app)
        .post(
            "/v1/auth/signup",
            json!({"email": "x@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(&got, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
}

#[sqlx::test(migrations = false)]
async fn websocket_connections_and_subscribes_are_limited(pool: PgPool) {
    let app = TestApp::spawn_api_only_configured(pool, |c| {
        c.rate_limits.ws_connects_per_min = 2;
        c.rate_limits.ws_subscribes_per_min = 3;
    })
    .await;
    let mut ws = crate::realtime::connect_key(&app.url, &app.env.key).await;
    let _second = crate::realtime::connect_key(&app.url, &app.env.key).await;
    let mut req = tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(format!(
        "{}/v1/ws",
        app.url.replace("http://", "ws://")
    ))
    .unwrap();
    req.headers_mut()
        .insert("authorization", format!("Bearer {}", app.env.key).parse().unwrap());
    match tokio_tungstenite::connect_async(req).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => {
            assert_eq!(resp.status(), 429);
            assert!(resp.headers().contains_key("retry-after"));
        }
        other => panic!(
            "third connection in a minute should get 429, got {:?}",
            other.map(|_| ())
        ),
    }
    for _ in 0..3 {
        assert_eq!(
            crate::realtime::subscribe(&mut ws, "project", None).await["type"],
            "subscribed"
        );
    }
    let refused = crate::realtime::subscribe(&mut ws, "project", None).await;
    assert_eq!(
        (refused["type"].as_str(), refused["code"].as_str()),
        (Some("error"), Some("rate_limited")),
        "{refused}"
    );
}

#[sqlx::test(migrations = false)]
async fn behind_a_proxy_the_forwarded_address_is_limited_and_cannot_be_chosen(pool: PgPool) {
    let app = TestApp::spawn_api_only_configured(pool, |c| {
        c.rate_limits.tiers.standard = 2;
        c.http.forwarded_hops = 1;
    })
    .await;
    let login = |xff: &'static str| {
        let app = &app;
        async move {
            let resp = app
                .http
                .post(format!("{}/v1/auth/login", app.url))
                .header("x-forwarded-for", xff)
                .json(&json!({"email": "x@example.com", "password": PASSWORD}))
                .send()
                .await
                .unwrap();
            resp.status()
        }
    };
    assert_eq!(login("10.0.0.1").await, StatusCode::UNAUTHORIZED);
    assert_eq!(login("10.0.0.1").await, StatusCode::UNAUTHORIZED);
    assert_eq!(login("10.0.0.1").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        login("10.0.0.9, 10.0.0.1").await,
        StatusCode::TOO_MANY_REQUESTS,
        "a client-chosen entry on the left changes nothing"
    );
    assert_eq!(
        login("10.0.0.2").await,
        StatusCode::UNAUTHORIZED,
        "another client has its own budget"
    );
    let ips: Vec<String> =
        sqlx::query_scalar("SELECT host(ip) FROM audit_logs WHERE action = 'auth.login_failed' ORDER BY id")
            .fetch_all(&app.env.pool)
            .await
            .unwrap();
    assert_eq!(ips, ["10.0.0.1", "10.0.0.1", "10.0.0.2"]);
}

#[tokio::test]
async fn leased_tokens_never_let_more_through_than_the_shared_limit() {
    // Two processes' limiters on one Redis, a limit large enough that each takes leases of 10
    // requests (1 000 per 10 s → 10 per 100 ms lease), hammered alternately.
    let redis = RedisServer::start();
    let (a, b) = (
        carcosa_api::limits::Limiter::redis(&redis.url()).unwrap(),
        carcosa_api::limits::Limiter::redis(&redis.url()).unwrap(),
    );
    let started = std::time::Instant::now();
    let mut allowed = 0u64;
    for i in 0..1_500 {
        let limiter = if i % 2 == 0 { &a } else { &b };
        if limiter.check("carcosa:rl:test:lease", "test", 1_000, 10).await.allowed {
            allowed += 1;
        }
    }
    // GCRA earns one request back every 10 ms; leases can only waste tokens (at most one
    // unfinished lease per process), never add any.
    let earned = started.elapsed().as_millis() as u64 / 10 + 1;
    assert!(
        allowed <= 1_000 + earned,
        "{allowed} allowed, limit 1000 + {earned} earned"
    );
    assert!(allowed >= 1_000 - 20, "{allowed} allowed");
}
