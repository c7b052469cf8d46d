//! Webhooks (#13) end to end: real uploads make events, the worker delivers them to a receiver
//! this test runs, signatures are checked with an independent Standard Webhooks implementation
//! (the `standardwebhooks` crate), retries keep the `webhook-id`, `410 Gone` switches an endpoint
//! off, rotation sends two signatures, replays resend, and the outbound guard refuses private
//! addresses however they are spelled.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use axum::response::IntoResponse;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{PNG, TestApp, assert_error, eventually};

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    headers: HeaderMap,
    body: Bytes,
}

/// A status to answer with, and a `Retry-After` to send along.
type Answer = (u16, Option<&'static str>);

/// A local HTTP receiver: records every request and answers with the next status of a script
/// (the last one repeats).
#[derive(Clone)]
struct Receiver {
    got: Arc<Mutex<Vec<Received>>>,
    script: Arc<Mutex<Vec<Answer>>>,
    url: String,
}

impl Receiver {
    async fn start(script: Vec<Answer>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hooks", listener.local_addr().unwrap());
        let receiver = Self {
            got: Arc::default(),
            script: Arc::new(Mutex::new(script)),
            url,
        };
        let app = axum::Router::new()
            .route("/hooks", axum::routing::post(receive))
            .with_state(receiver.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        receiver
    }

    fn answer_with(&self, status: u16) {
        *self.script.lock().unwrap() = vec![(status, None)];
    }

    fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    async fn wait_for(&self, n: usize) -> Vec<Received> {
        eventually(&format!("{n} webhook request(s)"), || async {
            self.received().len() >= n
        })
        .await;
        self.received()
    }
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> impl IntoResponse {
    r.got.lock().unwrap().push(Received { headers, body });
    let (status, header) = {
        let mut script = r.script.lock().unwrap();
        if script.len() > 1 { script.remove(0) } else { script[0] }
    };
    let mut response = (AxumStatus::from_u16(status).unwrap(), "receiver says hi").into_response();
    if let Some(value) = header {
        response.headers_mut().insert("retry-after", value.parse().unwrap());
    }
    response
}

/// API and worker that may deliver to loopback (as `carcosa dev` does).
async fn app(pool: PgPool) -> TestApp {
    TestApp::spawn_configured(pool, |c| {
        c.outbound.allow_loopback = true;
        c.webhooks.timeout_secs = 2;
    })
    .await
}

async fn admin_key(app: &TestApp) -> String {
    use carcosa_common::domain::Permission;
    app.env
        .key_for(
            &app.env.project,
            &[
                Permission::ProjectsRead,
                Permission::ProjectsWrite,
                Permission::FilesRead,
                Permission::FilesWrite,
                Permission::FilesDelete,
            ],
        )
        .await
}

async fn call(app: &TestApp, key: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    app.request(method, path, Some(key), body).await
}

async fn create_endpoint(app: &TestApp, key: &str, url: &str, events: &[&str]) -> Value {
    let (status, body) = call(
        app,
        key,
        Method::POST,
        "/v1/projects/current/webhooks",
        Some(json!({"url": url, "events": events, "description": "test receiver"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

/// The endpoint's delivery log, first page.
async fn deliveries(app: &TestApp, key: &str, endpoint: &str) -> Value {
    let path = format!("/v1/projects/current/webhooks/{endpoint}/deliveries");
    call(app, key, Method::GET, &path, None).await.1
}

/// Waits until the newest delivery of `endpoint` is recorded as delivered.
async fn wait_delivered(app: &TestApp, key: &str, endpoint: &str) {
    eventually("the delivery to be recorded as delivered", || async {
        deliveries(app, key, endpoint).await["data"][0]["status"] == "delivered"
    })
    .await;
}

fn verify(secret: &str, got: &Received) -> Value {
    let wh = standardwebhooks::Webhook::new(secret).unwrap();
    wh.verify(&got.body, &got.headers)
        .unwrap_or_else(|e| panic!("the signature does not verify: {e:?} {:?}", got.headers));
    serde_json::from_slice(&got.body).unwrap()
}

fn header(got: &Received, name: &str) -> String {
    got.headers[name].to_str().unwrap().to_owned()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_ready_upload_is_delivered_signed_with_its_file_and_metadata(pool: PgPool) {
    let app = app(pool).await;
    let key = admin_key(&app).await;
    let receiver = Receiver::start(vec![(204, None)]).await;
    let endpoint = create_endpoint(&app, &key, &receiver.url, &["upload.ready", "upload.failed"]).await;
    let secret = endpoint["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"), "{endpoint}");
    let id = endpoint["id"].as_str().unwrap().to_owned();
    // The secret is shown once: never in a listing.
    let (_, listed) = call(&app, &key, Method::GET, "/v1/projects/current/webhooks", None).await;
    assert!(!listed.to_string().contains(&secret));
    assert_eq!(listed["data"][0]["events"], json!(["upload.ready", "upload.failed"]));

    let (status, upload) = app
        .post(
            "/v1/uploads",
            json!({"filename": "icon.png", "content_type": "image/png", "size": PNG.len(), "metadata": {"album": "summer"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(app.put_signed(&upload, PNG).await, StatusCode::OK);
    let upload_id = upload["id"].as_str().unwrap();
    app.complete(upload_id).await;
    let ready = app.wait_status(upload_id, &["ready"]).await;

    let got = receiver.wait_for(1).await;
    let event = verify(&secret, &got[0]);
    assert!(header(&got[0], "webhook-id").starts_with("msg_"));
    assert_eq!(event["type"], "upload.ready");
    assert_eq!(event["data"]["upload_id"], upload_id);
    assert_eq!(event["data"]["file_id"], ready["file_id"]);
    assert_eq!(event["data"]["status"], "ready");
    assert_eq!(event["data"]["upload"]["metadata"], json!({"album": "summer"}));
    assert_eq!(event["data"]["file"]["metadata"], json!({"album": "summer"}));
    assert_eq!(event["data"]["file"]["size"], PNG.len());
    assert!(!event["data"]["variants"].as_array().unwrap().is_empty(), "{event}");
    assert_eq!(got[0].headers["content-type"], "application/json");

    // The delivery log: delivered at the first attempt, with the receiver's answer. The
    // receiver sees the request before the worker records the answer, so wait for the record.
    wait_delivered(&app, &key, &id).await;
    let page = deliveries(&app, &key, &id).await;
    let delivery = &page["data"][0];
    assert_eq!(delivery["status"], "delivered", "{page}");
    assert_eq!(delivery["attempts"], 1);
    assert_eq!(
        header(&got[0], "webhook-id"),
        format!("msg_{}", delivery["id"].as_str().unwrap().replace('-', ""))
    );
    let (_, detail) = call(
        &app,
        &key,
        Method::GET,
        &format!(
            "/v1/projects/current/webhooks/{id}/deliveries/{}",
            delivery["id"].as_str().unwrap()
        ),
        None,
    )
    .await;
    assert_eq!(detail["attempts_log"][0]["status_code"], 204, "{detail}");
    assert!(detail["attempts_log"][0]["latency_ms"].is_number());

    // Deleting the file is an event too — but this endpoint did not subscribe to it.
    let file = ready["file_id"].as_str().unwrap();
    let (status, _) = call(&app, &key, Method::DELETE, &format!("/v1/files/{file}"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(receiver.received().len(), 1);
    let (status, _) = call(
        &app,
        &key,
        Method::PATCH,
        &format!("/v1/projects/current/webhooks/{id}"),
        Some(json!({"events": ["upload.ready", "file.deleted"]})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let again = app.upload("b.png", "image/png", PNG).await;
    let (status, _) = call(
        &app,
        &key,
        Method::DELETE,
        &format!("/v1/files/{}", again["file_id"].as_str().unwrap()),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let got = receiver.wait_for(3).await;
    let deleted: Vec<Value> = got
        .iter()
        .map(|r| verify(&secret, r))
        .filter(|e| e["type"] == "file.deleted")
        .collect();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0]["data"]["file"]["filename"], "b.png");
    assert_eq!(deleted[0]["data"]["file_id"], again["file_id"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn failures_are_retried_with_the_same_id_and_410_switches_the_endpoint_off(pool: PgPool) {
    let app = app(pool).await;
    let key = admin_key(&app).await;
    // A 503 asking for 1 s, then a redirect (never followed), then success.
    let receiver = Receiver::start(vec![(503, Some("1")), (302, None), (200, None)]).await;
    let endpoint = create_endpoint(&app, &key, &receiver.url, &["upload.ready", "upload.failed"]).await;
    let secret = endpoint["secret"].as_str().unwrap().to_owned();
    let id = endpoint["id"].as_str().unwrap().to_owned();
    app.upload("a.png", "image/png", PNG).await;
    // Attempt 1 now, attempt 2 about 5 s later, attempt 3 about 5 min later: shorten that wait
    // by making the queued job due now (the schedule itself is unit-tested).
    receiver.wait_for(2).await;
    let got = loop {
        sqlx::query("UPDATE apalis.jobs SET run_at = now() WHERE job_type = 'deliver_webhook' AND status = 'Pending'")
            .execute(&app.env.pool)
            .await
            .unwrap();
        let got = receiver.received();
        if got.len() >= 3 {
            break got;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    let ids: Vec<String> = got.iter().map(|r| header(r, "webhook-id")).collect();
    assert!(
        ids.iter().all(|i| *i == ids[0]),
        "one webhook-id across retries: {ids:?}"
    );
    for r in &got {
        verify(&secret, r);
    }
    wait_delivered(&app, &key, &id).await;
    let page = deliveries(&app, &key, &id).await;
    let delivery = page["data"][0]["id"].as_str().unwrap().to_owned();
    let (_, detail) = call(
        &app,
        &key,
        Method::GET,
        &format!("/v1/projects/current/webhooks/{id}/deliveries/{delivery}"),
        None,
    )
    .await;
    let codes: Vec<&Value> = detail["attempts_log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["status_code"])
        .collect();
    assert_eq!(codes, [&json!(503), &json!(302), &json!(200)], "{detail}");
    assert_eq!(detail["attempts_log"][0]["response_excerpt"], "receiver says hi");

    // Replay: the same delivery again, with the same id.
    let (status, _) = call(
        &app,
        &key,
        Method::POST,
        &format!("/v1/projects/current/webhooks/{id}/deliveries/{delivery}/replay"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let got = receiver.wait_for(4).await;
    assert_eq!(header(&got[3], "webhook-id"), ids[0]);

    // 410 Gone: the receiver asks to stop; the endpoint is switched off, with the reason.
    receiver.answer_with(410);
    let refused = app.create_upload("x.png", "image/png", 12).await;
    app.put_signed(&refused, b"not a png at").await;
    app.complete(refused["id"].as_str().unwrap()).await;
    app.wait_status(refused["id"].as_str().unwrap(), &["failed"]).await;
    eventually("the endpoint to be switched off", || async {
        let (_, ep) = call(
            &app,
            &key,
            Method::GET,
            &format!("/v1/projects/current/webhooks/{id}"),
            None,
        )
        .await;
        ep["enabled"] == false
    })
    .await;
    let (_, ep) = call(
        &app,
        &key,
        Method::GET,
        &format!("/v1/projects/current/webhooks/{id}"),
        None,
    )
    .await;
    assert!(ep["disabled_reason"].as_str().unwrap().contains("410"), "{ep}");
    let replay = call(
        &app,
        &key,
        Method::POST,
        &format!("/v1/projects/current/webhooks/{id}/deliveries/{delivery}/replay"),
        None,
    )
    .await;
    assert_error(&replay, StatusCode::CONFLICT, "webhook_disabled");
    // The delivery log is pruned after its retention (30 days), pending deliveries never.
    sqlx::query("UPDATE webhook_deliveries SET created_at = now() - interval '31 days'")
        .execute(&app.env.pool)
        .await
        .unwrap();
    carcosa_worker::jobs::sweep_uploads::prune_webhooks(&app.worker_state()).await;
    let page = deliveries(&app, &key, &id).await;
    assert!(
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["status"] == "pending"),
        "{page}"
    );
    // Switched back on, the reason is gone.
    let (_, ep) = call(
        &app,
        &key,
        Method::PATCH,
        &format!("/v1/projects/current/webhooks/{id}"),
        Some(json!({"enabled": true})),
    )
    .await;
    assert_eq!(
        (ep["enabled"].clone(), ep["disabled_reason"].clone()),
        (json!(true), Value::Null)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_endpoint_failing_for_days_is_switched_off_and_timeouts_are_failures(pool: PgPool) {
    let app = app(pool).await;
    let key = admin_key(&app).await;
    // A receiver that never answers in time (the test's timeout is 2 s).
    let slow = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let slow_url = format!("http://{}/hooks", slow.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = slow.accept().await {
            held.push(socket);
        }
    });
    let endpoint = create_endpoint(&app, &key, &slow_url, &["upload.ready"]).await;
    let id = endpoint["id"].as_str().unwrap().to_owned();
    let (status, queued) = call(
        &app,
        &key,
        Method::POST,
        &format!("/v1/projects/current/webhooks/{id}/test"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let delivery = queued["delivery_id"].as_str().unwrap().to_owned();
    eventually("the first attempt to time out", || async {
        let (_, d) = call(
            &app,
            &key,
            Method::GET,
            &format!("/v1/projects/current/webhooks/{id}/deliveries/{delivery}"),
            None,
        )
        .await;
        d["attempts"] == 1
    })
    .await;
    let (_, d) = call(
        &app,
        &key,
        Method::GET,
        &format!("/v1/projects/current/webhooks/{id}/deliveries/{delivery}"),
        None,
    )
    .await;
    assert_eq!(d["status"], "pending", "{d}");
    assert!(d["next_attempt_at"].is_string());
    assert!(d["attempts_log"][0]["status_code"].is_null());
    assert!(
        d["attempts_log"][0]["error"].as_str().unwrap().contains("timed out"),
        "{d}"
    );

    // Failing since six days: the next failure switches it off and says since when.
    sqlx::query("UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1::uuid")
        .bind(&id)
        .execute(&app.env.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE apalis.jobs SET run_at = now() WHERE job_type = 'deliver_webhook' AND status = 'Pending'")
        .execute(&app.env.pool)
        .await
        .unwrap();
    eventually("the endpoint to be switched off", || async {
        let (_, ep) = call(
            &app,
            &key,
            Method::GET,
            &format!("/v1/projects/current/webhooks/{id}"),
            None,
        )
        .await;
        ep["enabled"] == false
    })
    .await;
    let (_, ep) = call(
        &app,
        &key,
        Method::GET,
        &format!("/v1/projects/current/webhooks/{id}"),
        None,
    )
    .await;
    assert!(
        ep["disabled_reason"]
            .as_str()
            .unwrap()
            .contains("days without a success"),
        "{ep}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_rotated_secret_signs_alongside_the_new_one(pool: PgPool) {
    let app = app(pool).await;
    let key = admin_key(&app).await;
    let receiver = Receiver::start(vec![(200, None)]).await;
    let endpoint = create_endpoint(&app, &key, &receiver.url, &["upload.ready"]).await;
    let (old, id) = (
        endpoint["secret"].as_str().unwrap().to_owned(),
        endpoint["id"].as_str().unwrap().to_owned(),
    );
    let (status, rotated) = call(
        &app,
        &key,
        Method::POST,
        &format!("/v1/projects/current/webhooks/{id}/rotate-secret"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{rotated}");
    let new = rotated["secret"].as_str().unwrap().to_owned();
    assert_ne!(old, new);
    assert!(rotated["previous_secret_expires_at"].is_string());
    call(
        &app,
        &key,
        Method::POST,
        &format!("/v1/projects/current/webhooks/{id}/test"),
        None,
    )
    .await;
    let got = receiver.wait_for(1).await;
    assert_eq!(header(&got[0], "webhook-signature").split(' ').count(), 2);
    // Receivers on either secret accept it.
    assert_eq!(verify(&new, &got[0])["type"], "webhook.test");
    verify(&old, &got[0]);
    let stranger = carcosa_common::webhooks::generate_secret();
    assert!(
        standardwebhooks::Webhook::new(&stranger)
            .unwrap()
            .verify(&got[0].body, &got[0].headers)
            .is_err()
    );
    // The audit log has the rotation, never the secret.
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT action || ' ' || metadata::text FROM audit_logs WHERE target_type = 'webhook'")
            .fetch_all(&app.env.pool)
            .await
            .unwrap();
    assert!(
        audit.iter().any(|a| a.starts_with("webhook.secret_rotated")),
        "{audit:?}"
    );
    assert!(audit.iter().all(|a| !a.contains(&new) && !a.contains(&old)));
}

#[sqlx::test(migrations = "../migrations")]
async fn endpoints_are_checked_and_private_addresses_refused(pool: PgPool) {
    // No loopback allowance here: production's default.
    let app = TestApp::spawn(pool).await;
    let key = admin_key(&app).await;
    for url in [
        "http://127.0.0.1:9/hooks",
        "http://2130706433/hooks",
        "http://0177.0.0.1/hooks",
        "http://[::ffff:127.0.0.1]/hooks",
        "http://[::1]/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/hooks",
        "ftp://example.com/hooks",
        "https://user:pass@example.com/hooks",
        "not a url",
    ] {
        let got = call(
            &app,
            &key,
            Method::POST,
            "/v1/projects/current/webhooks",
            Some(json!({"url": url, "events": ["upload.ready"]})),
        )
        .await;
        assert_error(&got, StatusCode::BAD_REQUEST, "invalid_webhook");
        assert_eq!(got.1["error"]["field"], "url", "{url}");
    }
    for events in [json!([]), json!(["upload.exploded"]), json!(["webhook.test"])] {
        let got = call(
            &app,
            &key,
            Method::POST,
            "/v1/projects/current/webhooks",
            Some(json!({"url": "https://example.com/h", "events": events})),
        )
        .await;
        assert_error(&got, StatusCode::BAD_REQUEST, "invalid_webhook");
    }
    // A name is checked when it resolves: `localhost` is accepted as a URL, and every delivery
    // to it is refused by the guard, with the reason in the attempt log.
    let receiver = Receiver::start(vec![(200, None)]).await;
    let by_name = receiver.url.replace("127.0.0.1", "localhost");
    let endpoint = create_endpoint(&app, &key, &by_name, &["upload.ready"]).await;
    let id = endpoint["id"].as_str().unwrap();
    let (_, queued) = call(
        &app,
        &key,
        Method::POST,
        &format!("/v1/projects/current/webhooks/{id}/test"),
        None,
    )
    .await;
    let delivery = queued["delivery_id"].as_str().unwrap();
    eventually("the attempt to be refused", || async {
        let (_, d) = call(
            &app,
            &key,
            Method::GET,
            &format!("/v1/projects/current/webhooks/{id}/deliveries/{delivery}"),
            None,
        )
        .await;
        d["attempts"] == 1
    })
    .await;
    let (_, d) = call(
        &app,
        &key,
        Method::GET,
        &format!("/v1/projects/current/webhooks/{id}/deliveries/{delivery}"),
        None,
    )
    .await;
    let error = d["attempts_log"][0]["error"].as_str().unwrap();
    assert!(
        error.contains("refused address") && error.contains("loopback"),
        "{error}"
    );
    assert!(receiver.received().is_empty(), "nothing reached the receiver");
    // Bad queries and unknown ids.
    let got = call(
        &app,
        &key,
        Method::GET,
        &format!("/v1/projects/current/webhooks/{id}/deliveries?limit=0"),
        None,
    )
    .await;
    assert_error(&got, StatusCode::BAD_REQUEST, "validation_failed");
    let got = call(
        &app,
        &key,
        Method::GET,
        &format!("/v1/projects/current/webhooks/{id}/deliveries?status=lost"),
        None,
    )
    .await;
    assert_error(&got, StatusCode::BAD_REQUEST, "validation_failed");
    let other = uuid::Uuid::now_v7();
    let got = call(
        &app,
        &key,
        Method::GET,
        &format!("/v1/projects/current/webhooks/{other}"),
        None,
    )
    .await;
    assert_error(&got, StatusCode::NOT_FOUND, "not_found");
    let got = call(
        &app,
        &key,
        Method::PATCH,
        &format!("/v1/projects/current/webhooks/{id}"),
        Some(json!({"url": "http://10.1.1.1/"})),
    )
    .await;
    assert_error(&got, StatusCode::BAD_REQUEST, "invalid_webhook");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_project_has_a_bounded_number_of_endpoints(pool: PgPool) {
    let app = TestApp::spawn_configured(pool, |c| c.webhooks.max_endpoints_per_project = 1).await;
    let key = admin_key(&app).await;
    create_endpoint(&app, &key, "https://example.com/one", &["upload.ready"]).await;
    let got = call(
        &app,
        &key,
        Method::POST,
        "/v1/projects/current/webhooks",
        Some(json!({"url": "https://example.com/two", "events": ["upload.ready"]})),
    )
    .await;
    assert_error(&got, StatusCode::CONFLICT, "too_many_webhooks");
}
