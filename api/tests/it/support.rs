//! Starts the API (and optionally the worker) for a test and talks to it over HTTP.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use carcosa_common::testing::TestEnv;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub const PNG: &[u8] = include_bytes!("../../../tests/fixtures/icon_rgba_128x128.png");
pub const JPEG: &[u8] = include_bytes!("../../../tests/fixtures/progressive_android_685x999.jpg");

pub struct TestApp {
    pub env: TestEnv,
    /// The API's own pool.
    pub api_pool: PgPool,
    pub url: String,
    pub http: reqwest::Client,
    shutdown: CancellationToken,
    worker: Option<CancellationToken>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
        if let Some(w) = &self.worker {
            w.cancel();
        }
    }
}

impl TestApp {
    /// API and worker.
    pub async fn spawn(pool: PgPool) -> Self {
        let mut app = Self::spawn_api_only(pool).await;
        app.start_worker().await;
        app
    }

    /// API and worker, with the test config changed by `tweak`.
    pub async fn spawn_configured(pool: PgPool, tweak: impl FnOnce(&mut carcosa_common::Config)) -> Self {
        let mut app = Self::spawn_api_only_configured(pool, tweak).await;
        app.start_worker().await;
        app
    }

    /// API only, with the test config changed by `tweak`.
    pub async fn spawn_api_only_configured(pool: PgPool, tweak: impl FnOnce(&mut carcosa_common::Config)) -> Self {
        let mut env = TestEnv::new(pool).await;
        let mut config = (*env.config).clone();
        tweak(&mut config);
        env.config = std::sync::Arc::new(config);
        Self::spawn_env(env).await
    }

    /// API and worker publishing and receiving live progress through Redis at `redis_url`.
    pub async fn spawn_with_redis(pool: PgPool, redis_url: &str) -> Self {
        Self::spawn_with_bus(pool, carcosa_common::events::Bus::redis(redis_url).unwrap()).await
    }

    /// API and worker on Redis at `redis_url` (events and rate limits), config changed by `tweak`.
    pub async fn spawn_with_redis_configured(
        pool: PgPool,
        redis_url: &str,
        tweak: impl FnOnce(&mut carcosa_common::Config),
    ) -> Self {
        let mut env = TestEnv::new(pool).await;
        let mut config = (*env.config).clone();
        tweak(&mut config);
        env.config = std::sync::Arc::new(config);
        let bus = carcosa_common::events::Bus::redis(redis_url).unwrap();
        let mut app = Self::spawn_env_with(env, bus.clone()).await;
        let token = CancellationToken::new();
        let state = carcosa_worker::WorkerState::new(
            process_pool(&app.env).await,
            app.env.config.clone(),
            app.env.sealer.clone(),
        )
        .with_events(bus);
        tokio::spawn(carcosa_worker::run(state, token.clone()));
        app.worker = Some(token);
        app
    }

    /// API and worker in one process sharing an in-process bus, as `carcosa dev` runs them.
    pub async fn spawn_with_local_bus(pool: PgPool) -> Self {
        Self::spawn_with_bus(pool, carcosa_common::events::Bus::local()).await
    }

    /// API and worker, both on `bus`.
    async fn spawn_with_bus(pool: PgPool, bus: carcosa_common::events::Bus) -> Self {
        let env = TestEnv::new(pool).await;
        let mut app = Self::spawn_env_with(env, bus.clone()).await;
        let token = CancellationToken::new();
        let state = carcosa_worker::WorkerState::new(
            process_pool(&app.env).await,
            app.env.config.clone(),
            app.env.sealer.clone(),
        )
        .with_events(bus);
        tokio::spawn(carcosa_worker::run(state, token.clone()));
        app.worker = Some(token);
        app
    }

    /// Another API process on the same database and Redis; returns its base URL.
    pub async fn spawn_another_api(&self, redis_url: &str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let bus = carcosa_common::events::Bus::redis(redis_url).unwrap();
        let state = carcosa_api::AppState::new(
            process_pool(&self.env).await,
            self.env.config.clone(),
            self.env.sealer.clone(),
        )
        .with_events(bus);
        tokio::spawn(carcosa_api::serve(listener, state, self.shutdown.clone()));
        url
    }

    /// API only: jobs stay queued until [`TestApp::start_worker`].
    pub async fn spawn_api_only(pool: PgPool) -> Self {
        Self::spawn_env(TestEnv::new(pool).await).await
    }

    async fn spawn_env(env: TestEnv) -> Self {
        Self::spawn_env_with(env, carcosa_common::events::Bus::Off).await
    }

    async fn spawn_env_with(mut env: TestEnv, bus: carcosa_common::events::Bus) -> Self {
        // `CARCOSA_TEST_LOG=debug` shows the API's and worker's logs in failing tests' output.
        if let Ok(filter) = std::env::var("CARCOSA_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        // Minted URLs are built on the configured public URL, as in production.
        let mut config = (*env.config).clone();
        config.http.public_url = Some(url.clone());
        env.config = std::sync::Arc::new(config);
        let shutdown = CancellationToken::new();
        let api_pool = process_pool(&env).await;
        let state =
            carcosa_api::AppState::new(api_pool.clone(), env.config.clone(), env.sealer.clone()).with_events(bus);
        tokio::spawn(carcosa_api::serve(listener, state, shutdown.clone()));
        Self {
            env,
            api_pool,
            url,
            http: reqwest::Client::new(),
            shutdown,
            worker: None,
        }
    }

    pub async fn start_worker(&mut self) {
        let token = CancellationToken::new();
        let state = carcosa_worker::WorkerState::new(
            process_pool(&self.env).await,
            self.env.config.clone(),
            self.env.sealer.clone(),
        );
        tokio::spawn(carcosa_worker::run(state, token.clone()));
        self.worker = Some(token);
    }

    pub fn worker_state(&self) -> carcosa_worker::WorkerState {
        carcosa_worker::WorkerState::new(self.env.pool.clone(), self.env.config.clone(), self.env.sealer.clone())
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        if let Some(key) = key {
            req = req.bearer_auth(key);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.request(Method::GET, path, Some(&self.env.key), None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.request(Method::POST, path, Some(&self.env.key), Some(body)).await
    }

    /// `POST /v1/uploads` for `bytes` declared as `content_type`; asserts 201.
    pub async fn create_upload(&self, filename: &str, content_type: &str, size: usize) -> Value {
        let (status, body) = self
            .post(
                "/v1/uploads",
                json!({"filename": filename, "content_type": content_type, "size": size}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    /// PUTs `bytes` to the upload's presigned URL with exactly the headers it was signed with.
    pub async fn put_signed(&self, upload: &Value, bytes: &[u8]) -> StatusCode {
        let presigned = &upload["upload"];
        let mut req = self.http.put(presigned["url"].as_str().unwrap()).body(bytes.to_vec());
        for (name, value) in presigned["headers"].as_object().unwrap() {
            if name != "content-length" {
                req = req.header(name, value.as_str().unwrap());
            }
        }
        req.send().await.unwrap().status()
    }

    pub async fn complete(&self, id: &str) -> (StatusCode, Value) {
        self.request(
            Method::POST,
            &format!("/v1/uploads/{id}/complete"),
            Some(&self.env.key),
            None,
        )
        .await
    }

    /// Polls the upload until its status is one of `want` (fails after 20 s).
    pub async fn wait_status(&self, id: &str, want: &[&str]) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (status, body) = self.get(&format!("/v1/uploads/{id}")).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            if want.contains(&body["status"].as_str().unwrap()) {
                return body;
            }
            assert!(Instant::now() < deadline, "upload {id} stuck in {body}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presign, PUT and complete `bytes`; returns the upload after the worker decided.
    pub async fn upload(&self, filename: &str, content_type: &str, bytes: &[u8]) -> Value {
        let upload = self.create_upload(filename, content_type, bytes.len()).await;
        assert_eq!(self.put_signed(&upload, bytes).await, StatusCode::OK);
        let id = upload["id"].as_str().unwrap().to_owned();
        let (status, _) = self.complete(&id).await;
        assert_eq!(status, StatusCode::ACCEPTED);
        self.wait_status(&id, &["ready", "failed"]).await
    }
}

/// The staging key an upload's presigned PUT writes (the final key is never signed for PUT).
pub async fn staging_key(app: &TestApp, upload: &Value) -> String {
    sqlx::query_scalar("SELECT staging_key FROM uploads WHERE id = $1::uuid")
        .bind(upload["id"].as_str().unwrap())
        .fetch_one(&app.env.pool)
        .await
        .unwrap()
}

/// A pool of its own for the API or the worker, as separate processes have: the test pool
/// (5 connections) cannot hold their listeners (one per queue, plus the API's two) and queries.
/// Idle connections close after a second so the test database can be dropped soon after.
async fn process_pool(env: &TestEnv) -> PgPool {
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(12)
        .idle_timeout(Duration::from_secs(1))
        .connect(&env.database_url)
        .await
        .unwrap()
}

/// Asserts the error envelope: status and stable code.
#[track_caller]
pub fn assert_error(got: &(StatusCode, Value), status: StatusCode, code: &str) {
    assert_eq!(got.0, status, "{}", got.1);
    assert_eq!(got.1["error"]["code"], code, "{}", got.1);
    assert!(
        got.1["error"]["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{}",
        got.1
    );
}

/// Waits until `check` holds (fails after 20 s).
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A Redis server of the test's own on a free port, so it can be killed and restarted.
pub struct RedisServer {
    pub port: u16,
    child: Option<std::process::Child>,
}

impl RedisServer {
    pub fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = Self { port, child: None };
        server.restart();
        server
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts it (again) on the same port and waits until it answers.
    pub fn restart(&mut self) {
        let child = std::process::Command::new("redis-server")
            .args([
                "--bind",
                "127.0.0.1",
                "--port",
                &self.port.to_string(),
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server is installed");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A browser-like client: keeps the session cookie it is given and sends this server's own
/// `Origin` on every request, as a page of the server would.
pub struct Browser {
    pub base: String,
    pub http: reqwest::Client,
    pub cookie: Option<String>,
    pub origin: Option<String>,
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        Self {
            base: app.url.clone(),
            http: reqwest::Client::new(),
            cookie: None,
            origin: Some(app.url.clone()),
        }
    }

    /// Sends a request; remembers a `Set-Cookie` for the session. Returns status, body and the
    /// raw `Set-Cookie` value (if any).
    pub async fn send(&mut self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, value, _) = self.send_raw(method, path, body).await;
        (status, value)
    }

    pub async fn send_raw(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value, Option<String>) {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(c) = &self.cookie {
            req = req.header("cookie", format!("carcosa_session={c}"));
        }
        if let Some(o) = &self.origin {
            req = req.header("origin", o);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let set_cookie = resp.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_owned());
        if let Some(sc) = &set_cookie {
            let value = sc.split(';').next().unwrap().trim_start_matches("carcosa_session=");
            self.cookie = (!value.is_empty()).then(|| value.to_owned());
        }
        let text = resp.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value, set_cookie)
    }

    pub async fn get(&mut self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&mut self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, path, Some(body)).await
    }

    /// Signs up (asserting 201).
    pub async fn signup(&mut self, email: &str, password: &str, invitation: Option<&str>) -> Value {
        let (status, body) = self
            .post(
                "/v1/auth/signup",
                json!({"email": email, "password": password, "invitation": invitation}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    /// Signs in (asserting 200).
    pub async fn login(&mut self, email: &str, password: &str) -> Value {
        let (status, body) = self
            .post("/v1/auth/login", json!({"email": email, "password": password}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }
}

/// A strong password for tests.
pub const PASSWORD: &str = "correct horse battery staple";
