//! API keys: every way a key can be wrong answers 401 with a stable code, and a valid key
//! without the route's permission answers 403.

use carcosa_common::db::api_keys;
use carcosa_common::domain::Permission;
use reqwest::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

use crate::support::{PNG, TestApp, assert_error, eventually};

fn upload_body() -> serde_json::Value {
    json!({"filename": "a.png", "content_type": "image/png", "size": PNG.len()})
}

#[sqlx::test(migrations = false)]
async fn missing_malformed_and_unknown_keys_are_401(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let good = app.env.key.clone();
    let (prefix, secret) = good.rsplit_once('_').unwrap();
    let wrong_secret = format!("{prefix}_{}", secret.chars().rev().collect::<String>());
    let unknown = "ck_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB".to_owned();
    for key in [
        None,
        Some("ck_short".to_owned()),
        Some(unknown),
        Some(wrong_secret),
        Some(String::new()),
    ] {
        let got = app
            .request(Method::POST, "/v1/uploads", key.as_deref(), Some(upload_body()))
            .await;
        assert_error(&got, StatusCode::UNAUTHORIZED, "unauthorized");
    }
    let basic = app
        .http
        .get(format!("{}/v1/files", app.url))
        .header("authorization", format!("Basic {good}"))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(basic.headers()["www-authenticate"], "Bearer");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM uploads")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing is written for a rejected request");
}

#[sqlx::test(migrations = false)]
async fn revoked_and_expired_keys_are_401(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let env = &app.env;
    let revoked = env.key_for(&env.project, &[Permission::Admin]).await;
    assert_eq!(
        app.request(Method::GET, "/v1/files", Some(&revoked), None).await.0,
        StatusCode::OK
    );
    assert!(api_keys::revoke(&env.pool, &revoked[..15]).await.unwrap());
    // The lookup was cached; the revocation's change notification clears it.
    eventually("the revocation to take effect", || async {
        app.request(Method::GET, "/v1/files", Some(&revoked), None).await.0 == StatusCode::UNAUTHORIZED
    })
    .await;
    assert_error(
        &app.request(Method::GET, "/v1/files", Some(&revoked), None).await,
        StatusCode::UNAUTHORIZED,
        "api_key_revoked",
    );

    let expired = env.key_for(&env.project, &[Permission::Admin]).await;
    sqlx::query("UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE prefix = $1")
        .bind(&expired[..15])
        .execute(&env.pool)
        .await
        .unwrap();
    assert_error(
        &app.request(Method::GET, "/v1/files", Some(&expired), None).await,
        StatusCode::UNAUTHORIZED,
        "api_key_expired",
    );
}

#[sqlx::test(migrations = false)]
async fn last_used_at_is_recorded(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let prefix = app.env.key[..15].to_owned();
    assert_eq!(app.get("/v1/files").await.0, StatusCode::OK);
    let db = app.env.pool.clone();
    eventually("last_used_at to be set", || {
        let (db, prefix) = (db.clone(), prefix.clone());
        async move {
            sqlx::query_scalar::<_, bool>("SELECT last_used_at IS NOT NULL FROM api_keys WHERE prefix = $1")
                .bind(prefix)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    })
    .await;
}

#[sqlx::test(migrations = false)]
async fn each_route_requires_its_permission(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let env = &app.env;
    let read_only = env.key_for(&env.project, &[Permission::FilesRead]).await;
    let write_only = env.key_for(&env.project, &[Permission::FilesWrite]).await;
    let some_id = uuid::Uuid::now_v7();
    let forbidden = [
        (Method::POST, "/v1/uploads".to_owned(), &read_only, Some(upload_body())),
        (
            Method::POST,
            format!("/v1/uploads/{some_id}/complete"),
            &read_only,
            None,
        ),
        (Method::DELETE, format!("/v1/files/{some_id}"), &write_only, None),
        (Method::GET, "/v1/files".to_owned(), &write_only, None),
        (Method::GET, format!("/v1/uploads/{some_id}"), &write_only, None),
        (Method::GET, format!("/v1/files/{some_id}/download"), &write_only, None),
    ];
    for (method, path, key, body) in forbidden {
        let got = app.request(method.clone(), &path, Some(key), body).await;
        assert_error(&got, StatusCode::FORBIDDEN, "forbidden");
        assert!(
            got.1["error"]["message"].as_str().unwrap().contains("permission"),
            "{method} {path}: {}",
            got.1
        );
    }
    let admin = env.key_for(&env.project, &[Permission::Admin]).await;
    let (status, _) = app
        .request(Method::POST, "/v1/uploads", Some(&admin), Some(upload_body()))
        .await;
    assert_eq!(status, StatusCode::CREATED, "admin implies files:write");
}

#[sqlx::test(migrations = false)]
async fn cached_lookups_follow_project_rule_changes(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let (status, _) = app.post("/v1/uploads", upload_body()).await;
    assert_eq!(status, StatusCode::CREATED);
    let rules = carcosa_common::domain::UploadRules {
        max_upload_bytes: 10,
        ..Default::default()
    };
    carcosa_common::db::projects::set_rules(&app.env.pool, app.env.project.id, &rules)
        .await
        .unwrap();
    eventually("the new limit to apply", || async {
        app.post("/v1/uploads", upload_body()).await.0 == StatusCode::PAYLOAD_TOO_LARGE
    })
    .await;
}
