//! Named upload routes: pushed as data (sync with a dry run that shows the difference, put,
//! delete, all audited), enforced at presign on top of the project's rules with stable codes,
//! and their presets are the ones the worker makes.

use carcosa_common::domain::Permission;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{JPEG, PNG, TestApp, assert_error};

fn routes() -> Value {
    json!({
        "avatar": {"content_types": ["image/*"], "max_file_size": 4 * 1024 * 1024, "max_files": 1, "presets": ["thumb"]},
        "attachments": {
            "content_types": ["application/pdf"], "max_file_size": 20 * 1024 * 1024, "max_files": 10,
            "tenant_required": true,
            "metadata": {
                "type": "object",
                "properties": {
                    "caption": {"type": "string", "maxLength": 20},
                    "pages": {"type": "integer", "minimum": 1}
                },
                "required": ["caption"],
                "additionalProperties": false
            }
        }
    })
}

async fn admin_key(app: &TestApp) -> String {
    app.env
        .key_for(
            &app.env.project,
            &[
                Permission::ProjectsRead,
                Permission::ProjectsWrite,
                Permission::FilesWrite,
                Permission::FilesRead,
            ],
        )
        .await
}

async fn sync(app: &TestApp, key: &str, body: Value) -> (StatusCode, Value) {
    app.request(Method::PUT, "/v1/projects/current/upload-routes", Some(key), Some(body))
        .await
}

#[sqlx::test(migrations = false)]
async fn routes_sync_with_a_dry_run_put_delete_and_are_audited(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let key = admin_key(&app).await;

    let (status, dry) = sync(&app, &key, json!({"routes": routes(), "dry_run": true})).await;
    assert_eq!(status, StatusCode::OK, "{dry}");
    assert_eq!(dry["added"], json!(["attachments", "avatar"]));
    assert_eq!(dry["applied"], false);
    let (_, listed) = app
        .request(Method::GET, "/v1/projects/current/upload-routes", Some(&key), None)
        .await;
    assert_eq!(listed["data"], json!([]), "a dry run changes nothing");

    let (status, applied) = sync(&app, &key, json!({"routes": routes()})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(applied["applied"], true);
    let (_, again) = sync(&app, &key, json!({"routes": routes(), "dry_run": true})).await;
    assert_eq!(again["unchanged"], json!(["attachments", "avatar"]));
    assert_eq!(again["added"], json!([]));

    // Change one, drop the other.
    let mut changed = routes();
    changed["avatar"]["max_file_size"] = json!(1024);
    changed.as_object_mut().unwrap().remove("attachments");
    let (_, diff) = sync(&app, &key, json!({"routes": changed})).await;
    assert_eq!(diff["changed"], json!(["avatar"]));
    assert_eq!(diff["removed"], json!(["attachments"]));
    let path = format!("/v1/projects/{}/upload-routes", app.env.project.slug);
    let (_, listed) = app.request(Method::GET, &path, Some(&key), None).await;
    assert_eq!(listed["data"].as_array().unwrap().len(), 1);
    assert_eq!(listed["data"][0]["name"], "avatar");
    assert_eq!(listed["data"][0]["max_file_size"], 1024);
    assert_eq!(listed["data"][0]["max_files"], 1);

    // One route at a time.
    let (status, put) = app
        .request(
            Method::PUT,
            &format!("{path}/docs"),
            Some(&key),
            Some(json!({"content_types": ["application/pdf"], "max_file_size": 1000})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{put}");
    assert_eq!(put["presets"], Value::Null);
    let (status, _) = app
        .request(Method::DELETE, &format!("{path}/docs"), Some(&key), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let gone = app
        .request(Method::DELETE, &format!("{path}/docs"), Some(&key), None)
        .await;
    assert_error(&gone, StatusCode::NOT_FOUND, "not_found");

    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_logs WHERE action LIKE 'upload_route%' ORDER BY id")
            .fetch_all(&app.env.pool)
            .await
            .unwrap();
    assert_eq!(
        actions,
        [
            "upload_routes.synced",
            "upload_routes.synced",
            "upload_route.updated",
            "upload_route.deleted"
        ]
    );
}

#[sqlx::test(migrations = false)]
async fn bad_routes_are_refused_with_the_field_and_nothing_is_written(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let key = admin_key(&app).await;
    let cases = [
        (
            json!({"Bad Name": {"content_types": ["image/*"], "max_file_size": 1}}),
            "invalid_route",
        ),
        (json!({"a": {"content_types": [], "max_file_size": 1}}), "invalid_route"),
        (
            json!({"a": {"content_types": ["not a type"], "max_file_size": 1}}),
            "invalid_route",
        ),
        (
            json!({"a": {"content_types": ["image/*"], "max_file_size": 0}}),
            "invalid_route",
        ),
        (
            json!({"a": {"content_types": ["image/*"], "max_file_size": 1, "max_files": 1000}}),
            "invalid_route",
        ),
        (
            json!({"a": {"content_types": ["image/*"], "max_file_size": 1, "presets": ["nope"]}}),
            "unknown_preset",
        ),
        (
            json!({"a": {"content_types": ["image/*"], "max_file_size": 1, "metadata": {"type": "object", "properties": {"n": {"type": "integer", "minimum": 5, "maximum": 1}}}}}),
            "invalid_route",
        ),
    ];
    for (body, code) in cases {
        // A good route beside the bad one: the whole sync is refused.
        let mut all = body.clone();
        all["good"] = json!({"content_types": ["image/*"], "max_file_size": 10});
        let got = sync(&app, &key, json!({"routes": all})).await;
        assert_error(&got, StatusCode::BAD_REQUEST, code);
    }
    let got = sync(
        &app,
        &key,
        json!({"routes": {"a": {"content_types": ["image/*"], "max_file_size": 1, "metadata": {"type": "object", "patternProperties": {}}}}}),
    )
    .await;
    assert_error(&got, StatusCode::BAD_REQUEST, "validation_failed");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM upload_routes")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
    // Keys need projects:write; files-only keys are refused.
    let got = app
        .request(
            Method::PUT,
            "/v1/projects/current/upload-routes",
            Some(&app.env.key),
            Some(json!({"routes": {}})),
        )
        .await;
    assert_error(&got, StatusCode::FORBIDDEN, "forbidden");
}

#[sqlx::test(migrations = false)]
async fn presigns_under_a_route_follow_its_rules(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let key = admin_key(&app).await;
    assert_eq!(sync(&app, &key, json!({"routes": routes()})).await.0, StatusCode::OK);
    // The project accepts PDFs too, so the route's rules are what refuses below.
    sqlx::query("UPDATE projects SET allowed_content_types = '{image/*,application/pdf}'")
        .execute(&app.env.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO tenants (id, project_id, slug, name) VALUES (gen_random_uuid(), $1, 'acme', '')")
        .bind(app.env.project.id.0)
        .execute(&app.env.pool)
        .await
        .unwrap();
    let presign = |body: Value| {
        let app = &app;
        let key = key.clone();
        async move { app.request(Method::POST, "/v1/uploads", Some(&key), Some(body)).await }
    };
    let pdf = |extra: Value| {
        let mut body = json!({"filename": "a.pdf", "content_type": "application/pdf", "size": 1000, "route": "attachments", "tenant": "acme", "metadata": {"caption": "hi"}});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };

    let got = presign(json!({"filename": "a.png", "content_type": "image/png", "size": 10, "route": "nope"})).await;
    assert_error(&got, StatusCode::BAD_REQUEST, "unknown_route");
    assert_eq!(got.1["error"]["field"], "route");
    let got =
        presign(json!({"filename": "a.pdf", "content_type": "application/pdf", "size": 10, "route": "avatar"})).await;
    assert_error(&got, StatusCode::UNSUPPORTED_MEDIA_TYPE, "content_type_not_allowed");
    assert!(
        got.1["error"]["message"].as_str().unwrap().contains("avatar route"),
        "{}",
        got.1
    );
    let got =
        presign(json!({"filename": "a.png", "content_type": "image/png", "size": 5 * 1024 * 1024, "route": "avatar"}))
            .await;
    assert_error(&got, StatusCode::PAYLOAD_TOO_LARGE, "upload_too_large");
    let got = presign(pdf(json!({"tenant": null}))).await;
    assert_error(&got, StatusCode::BAD_REQUEST, "tenant_required");
    let got = presign(pdf(json!({"metadata": {}}))).await;
    assert_error(&got, StatusCode::BAD_REQUEST, "invalid_metadata");
    assert_eq!(got.1["error"]["field"], "metadata.caption");
    let got = presign(pdf(json!({"metadata": {"caption": "hi", "pages": 0}}))).await;
    assert_error(&got, StatusCode::BAD_REQUEST, "invalid_metadata");
    assert_eq!(got.1["error"]["field"], "metadata.pages");
    let got = presign(pdf(json!({"metadata": {"caption": "hi", "extra": true}}))).await;
    assert_eq!(got.1["error"]["field"], "metadata.extra");
    let refused: i64 = sqlx::query_scalar("SELECT count(*) FROM uploads")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(refused, 0, "nothing written for a refused presign");

    let (status, ok) = presign(pdf(json!({}))).await;
    assert_eq!(status, StatusCode::CREATED, "{ok}");
    assert_eq!(ok["route"], "attachments");
    let (_, read) = app
        .request(
            Method::GET,
            &format!("/v1/uploads/{}", ok["id"].as_str().unwrap()),
            Some(&key),
            None,
        )
        .await;
    assert_eq!(read["route"], "attachments");
    // The route is part of an idempotent request: the same key with another route is a conflict.
    let send = |route: &'static str| {
        let app = &app;
        let key = key.clone();
        async move {
            let resp = app
                .http
                .post(format!("{}/v1/uploads", app.url))
                .bearer_auth(&key)
                .header("idempotency-key", "same")
                .json(&json!({"filename": "a.png", "content_type": "image/png", "size": 10, "route": route}))
                .send()
                .await
                .unwrap();
            let status = resp.status();
            (status, resp.json::<Value>().await.unwrap())
        }
    };
    assert_eq!(send("avatar").await.0, StatusCode::CREATED);
    assert_eq!(send("avatar").await.0, StatusCode::OK);
    let mut other = routes();
    other["avatar2"] = other["avatar"].clone();
    assert_eq!(sync(&app, &key, json!({"routes": other})).await.0, StatusCode::OK);
    assert_error(&send("avatar2").await, StatusCode::CONFLICT, "idempotency_key_reused");
}

#[sqlx::test(migrations = false)]
async fn the_worker_makes_the_routes_presets(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let key = admin_key(&app).await;
    let mut set = routes();
    set["plain"] = json!({"content_types": ["image/*"], "max_file_size": 1_000_000, "presets": []});
    assert_eq!(sync(&app, &key, json!({"routes": set})).await.0, StatusCode::OK);
    for (route, bytes, name, want) in [
        ("avatar", JPEG, "a.jpg", vec!["w256-h256-cover-q80.webp"]),
        ("plain", PNG, "p.png", vec![]),
    ] {
        let ct = if name.ends_with(".jpg") {
            "image/jpeg"
        } else {
            "image/png"
        };
        let (status, upload) = app
            .request(
                Method::POST,
                "/v1/uploads",
                Some(&key),
                Some(json!({"filename": name, "content_type": ct, "size": bytes.len(), "route": route})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{upload}");
        assert_eq!(app.put_signed(&upload, bytes).await, StatusCode::OK);
        let id = upload["id"].as_str().unwrap();
        assert_eq!(app.complete(id).await.0, StatusCode::ACCEPTED);
        let done = app.wait_status(id, &["ready", "failed"]).await;
        assert_eq!(done["status"], "ready", "{done}");
        let (_, file) = app
            .get(&format!("/v1/files/{}", done["file_id"].as_str().unwrap()))
            .await;
        let made: Vec<&str> = file["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["transform"].as_str().unwrap())
            .collect();
        assert_eq!(made, want, "{route}");
    }
}
