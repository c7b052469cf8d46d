//! The whole path a user walks: presign → PUT to the bucket → complete → worker → ready →
//! listed → download → delete.

use carcosa_common::db::tenants;
use carcosa_common::storage::StorageError;
use reqwest::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

use crate::support::{JPEG, PNG, TestApp, assert_error, eventually};

#[sqlx::test(migrations = false)]
async fn upload_verify_list_download_delete(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let upload = app.create_upload("Icon (1).png", "image/png", PNG.len()).await;
    assert_eq!(upload["status"], "pending");
    let key = upload["object_key"].as_str().unwrap().to_owned();
    let id = upload["id"].as_str().unwrap().to_owned();
    let env = &app.env;
    assert_eq!(
        key,
        format!("{}/{}/{}/_/{id}/Icon_1_.png", env.org.id, env.team.id, env.project.id)
    );
    assert_eq!(upload["upload"]["method"], "PUT");
    assert_eq!(upload["upload"]["headers"]["content-type"], "image/png");
    assert_eq!(upload["upload"]["headers"]["content-length"], PNG.len().to_string());

    assert_eq!(app.put_signed(&upload, PNG).await, StatusCode::OK);
    let (status, body) = app.complete(&id).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let done = app.wait_status(&id, &["ready", "failed"]).await;
    assert_eq!(done["status"], "ready", "{done}");
    let file_id = done["file_id"].as_str().unwrap().to_owned();

    let (status, page) = app.get("/v1/files").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    let file = &page["data"][0];
    assert_eq!(file["id"], file_id.as_str());
    assert_eq!(file["size"], PNG.len());
    assert_eq!(file["content_type"], "image/png");
    assert_eq!(file["filename"], "Icon (1).png");
    assert_eq!(file["upload_id"], id.as_str());

    let (status, got) = app.get(&format!("/v1/files/{file_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got["object_key"], key.as_str());

    let (status, download) = app.get(&format!("/v1/files/{file_id}/download")).await;
    assert_eq!(status, StatusCode::OK, "{download}");
    let resp = app.http.get(download["url"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let disposition = resp.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(resp.bytes().await.unwrap().as_ref(), PNG);

    let (status, _) = app
        .request(Method::DELETE, &format!("/v1/files/{file_id}"), Some(&env.key), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_error(
        &app.get(&format!("/v1/files/{file_id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (_, page) = app.get("/v1/files").await;
    assert_eq!(page["data"], json!([]));
    let storage = env.storage();
    eventually("the object to be deleted", || async {
        matches!(storage.head(&key).await, Err(StorageError::NotFound))
    })
    .await;
    let (again, _) = app
        .request(Method::DELETE, &format!("/v1/files/{file_id}"), Some(&env.key), None)
        .await;
    assert_eq!(again, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = false)]
async fn files_paginate_by_cursor_and_filter_by_tenant(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    tenants::create(&app.env.pool, app.env.project.id, "tenant-a", "A")
        .await
        .unwrap();
    for name in ["one.png", "two.png"] {
        assert_eq!(app.upload(name, "image/png", PNG).await["status"], "ready");
    }
    let (status, upload) = app
        .post("/v1/uploads", json!({"filename": "three.jpg", "content_type": "image/jpeg", "size": JPEG.len(), "tenant": "tenant-a", "metadata": {"album": 7}}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{upload}");
    assert_eq!(upload["tenant"], "tenant-a");
    assert!(
        upload["object_key"]
            .as_str()
            .unwrap()
            .contains(&format!("/{}/", app.env.project.id))
    );
    assert_eq!(app.put_signed(&upload, JPEG).await, StatusCode::OK);
    let id = upload["id"].as_str().unwrap();
    app.complete(id).await;
    assert_eq!(app.wait_status(id, &["ready", "failed"]).await["status"], "ready");

    let (_, first) = app.get("/v1/files?limit=2").await;
    let names: Vec<_> = first["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["filename"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["three.jpg", "two.png"], "newest first");
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = app.get(&format!("/v1/files?limit=2&cursor={cursor}")).await;
    assert_eq!(second["data"].as_array().unwrap().len(), 1);
    assert_eq!(second["data"][0]["filename"], "one.png");
    assert!(second["next_cursor"].is_null());

    let (_, tenant) = app.get("/v1/files?tenant=tenant-a").await;
    assert_eq!(tenant["data"].as_array().unwrap().len(), 1);
    assert_eq!(tenant["data"][0]["tenant"], "tenant-a");
    assert_eq!(tenant["data"][0]["metadata"]["album"], 7);

    assert_error(
        &app.get("/v1/files?tenant=ghost").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &app.get("/v1/files?limit=0").await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    );
    assert_error(
        &app.get("/v1/files?limit=101").await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    );
    assert_error(
        &app.get("/v1/files?cursor=nope").await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    );
    assert_error(
        &app.get("/v1/files?color=red").await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    );
}

#[sqlx::test(migrations = false)]
async fn completing_twice_enqueues_one_job(pool: PgPool) {
    let mut app = TestApp::spawn_api_only(pool).await;
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    let id = upload["id"].as_str().unwrap().to_owned();
    assert_eq!(app.put_signed(&upload, PNG).await, StatusCode::OK);
    let (first, body) = app.complete(&id).await;
    assert_eq!(
        (first, body["status"].as_str()),
        (StatusCode::ACCEPTED, Some("verifying"))
    );
    let (second, body) = app.complete(&id).await;
    assert_eq!(
        (second, body["status"].as_str()),
        (StatusCode::ACCEPTED, Some("verifying"))
    );
    let jobs: i64 = sqlx::query_scalar("SELECT count(*) FROM apalis.jobs WHERE job_type = 'complete_upload'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(jobs, 1);

    app.start_worker().await;
    assert_eq!(app.wait_status(&id, &["ready", "failed"]).await["status"], "ready");
    let (third, body) = app.complete(&id).await;
    assert_eq!((third, body["status"].as_str()), (StatusCode::ACCEPTED, Some("ready")));
    let files: i64 = sqlx::query_scalar("SELECT count(*) FROM files")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(files, 1);
}

#[sqlx::test(migrations = false)]
async fn idempotency_key_returns_the_same_upload(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let body = json!({"filename": "a.png", "content_type": "image/png", "size": PNG.len()});
    let send = |body: serde_json::Value, key: &'static str| {
        let req = app
            .http
            .post(format!("{}/v1/uploads", app.url))
            .bearer_auth(&app.env.key)
            .header("Idempotency-Key", key)
            .json(&body);
        async move {
            let resp = req.send().await.unwrap();
            (resp.status(), resp.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (s1, first) = send(body.clone(), "order-1").await;
    let (s2, again) = send(body.clone(), "order-1").await;
    assert_eq!((s1, s2), (StatusCode::CREATED, StatusCode::OK));
    assert_eq!(first["id"], again["id"]);
    assert!(again["upload"]["url"].is_string());
    assert_eq!(app.put_signed(&again, PNG).await, StatusCode::OK);

    let other = json!({"filename": "b.png", "content_type": "image/png", "size": PNG.len()});
    let conflict = send(other, "order-1").await;
    assert_error(&conflict, StatusCode::CONFLICT, "idempotency_key_reused");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM uploads")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[sqlx::test(migrations = false)]
async fn health_and_readiness(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let (status, body) = app.request(Method::GET, "/healthz", None, None).await;
    assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("ok")));
    let (status, body) = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("ready")));

    app.api_pool.close().await;
    let got = app.request(Method::GET, "/readyz", None, None).await;
    assert_error(&got, StatusCode::SERVICE_UNAVAILABLE, "unavailable");
    let (status, _) = app.request(Method::GET, "/healthz", None, None).await;
    assert_eq!(status, StatusCode::OK, "liveness does not depend on the database");
}

/// A database outage that breaks a worker's connections (here: its LISTEN connections killed
/// while the database refuses new ones) stops apalis' queue workers; the process starts them
/// again once the database is back, so new uploads are picked up — not stuck until a restart.
#[sqlx::test(migrations = false)]
async fn queue_workers_come_back_after_a_database_outage(pool: PgPool) {
    let app = TestApp::spawn_configured(pool, |c| c.worker.heartbeat_secs = 30).await;
    assert_eq!(app.upload("a.png", "image/png", PNG).await["status"], "ready");

    // From the server's maintenance database: a database cannot refuse its own connections.
    let (db, mut admin) = admin_connection(&app).await;
    let allow = |on: bool| format!("ALTER DATABASE \"{db}\" ALLOW_CONNECTIONS {on}");
    sqlx::raw_sql(sqlx::AssertSqlSafe(allow(false)))
        .execute(&mut admin)
        .await
        .unwrap();
    let killed: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = $1 AND query ILIKE 'LISTEN%apalis%'",
    )
    .bind(&db)
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert!(!killed.is_empty(), "the workers' LISTEN connections were found");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(allow(true)))
        .execute(&mut admin)
        .await
        .unwrap();

    let started = std::time::Instant::now();
    assert_eq!(app.upload("b.png", "image/png", PNG).await["status"], "ready");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "picked up in {:?}, not on the 30 s heartbeat",
        started.elapsed()
    );
}

/// The presign writers keep their connections between batches. When the database drops them
/// (a restart, a failover, an admin), the next presigns still succeed: the failed batch is
/// retried on pool connections, which are checked before use, and nothing is lost.
#[sqlx::test(migrations = false)]
async fn presigns_survive_the_database_dropping_the_writers_connections(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let burst = |tag: &'static str| {
        let app = &app;
        futures::future::join_all((0..16).map(move |i| async move {
            app.post(
                "/v1/uploads",
                json!({"filename": format!("{tag}-{i}.png"), "content_type": "image/png", "size": 10}),
            )
            .await
        }))
    };
    for (status, body) in burst("before").await {
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    let (db, mut admin) = admin_connection(&app).await;
    let killed: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    )
    .bind(&db)
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert!(!killed.is_empty(), "the API's connections were found");

    let after = burst("after").await;
    let mut ids = Vec::new();
    for (status, body) in after {
        assert_eq!(status, StatusCode::CREATED, "{body}");
        ids.push(body["id"].as_str().unwrap().to_owned());
    }
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM uploads WHERE id::text = ANY($1)")
        .bind(&ids)
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(stored, 16, "every answered presign is stored");
}

/// The test database's name, and a connection to the server's maintenance database (from which
/// the test database's connections can be refused or terminated).
async fn admin_connection(app: &TestApp) -> (String, sqlx::PgConnection) {
    let db: String = sqlx::query_scalar("SELECT current_database()")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    let server = std::env::var("DATABASE_URL").expect("DATABASE_URL (the tests' server)");
    let admin = <sqlx::PgConnection as sqlx::Connection>::connect(&server)
        .await
        .unwrap();
    (db, admin)
}
