//! Buckets over HTTP: connecting probes for real and checks CORS, sharing grants decide which
//! teams' projects may upload, revoking a grant stops presigns at once, and credentials rotate
//! atomically. No secret ever comes back or lands in the audit log.

use carcosa_common::storage::cors::Rule;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::management::assert_no_secrets_in_audit;
use crate::rate_limits::owner_of_acme;
use crate::support::{PNG, TestApp, assert_error};

fn connect_body(name: &str, access: &carcosa_common::storage::BucketAccess, secret: &str, origins: &[&str]) -> Value {
    use secrecy::ExposeSecret as _;
    json!({
        "name": name, "provider": "other", "endpoint": access.endpoint, "region": "us-east-1",
        "bucket_name": access.bucket_name, "force_path_style": true,
        "access_key": access.access_key.expose_secret(), "secret_key": secret, "cors_origins": origins,
    })
}

#[sqlx::test(migrations = false)]
async fn connecting_a_bucket_probes_it_and_reports_cors_with_the_fix(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut owner = owner_of_acme(&app).await;
    let access = carcosa_common::testing::s3_access(None);
    let secret = {
        use secrecy::ExposeSecret as _;
        access.secret_key.expose_secret().to_owned()
    };
    let path = "/v1/orgs/acme/teams/web/buckets";

    let wrong = owner
        .post(path, connect_body("media", &access, "not-the-secret-key", &[]))
        .await;
    assert_error(&wrong, StatusCode::BAD_REQUEST, "bucket_check_failed");
    assert!(
        wrong.1["error"]["message"]
            .as_str()
            .unwrap()
            .contains("refused the credentials"),
        "{}",
        wrong.1
    );
    let mut missing = connect_body("media", &access, &secret, &[]);
    missing["bucket_name"] = json!("no-such-bucket-here");
    let missing = owner.post(path, missing).await;
    assert_error(&missing, StatusCode::BAD_REQUEST, "bucket_check_failed");
    assert!(
        missing.1["error"]["message"]
            .as_str()
            .unwrap()
            .contains("does not exist"),
        "{}",
        missing.1
    );
    let bad_origin = owner
        .post(path, connect_body("media", &access, &secret, &["app.example.com"]))
        .await;
    assert_error(&bad_origin, StatusCode::BAD_REQUEST, "validation_failed");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM buckets")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1, "failed checks store nothing");

    // CORS that lets the origin GET but not PUT: connected, with the rule to add.
    let storage = carcosa_common::storage::Storage::new(&access);
    let get_only = Rule {
        allowed_origins: vec!["*".into()],
        allowed_methods: vec!["GET".into()],
        allowed_headers: vec!["*".into()],
        expose_headers: vec![],
    };
    storage.put_cors_rules(&[get_only]).await.unwrap();
    let (status, body) = owner
        .post(
            path,
            connect_body("media", &access, &secret, &["https://app.example.com"]),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["checks"]["probe"], true);
    assert_eq!(body["checks"]["cors"]["ok"], false, "{body}");
    assert!(
        body["checks"]["cors"]["problems"][0]
            .as_str()
            .unwrap()
            .contains("not to PUT"),
        "{body}"
    );
    assert_eq!(body["checks"]["cors"]["fix"]["allowed_methods"], json!(["PUT", "GET"]));
    assert_eq!(body["checks"]["cors"]["fix"]["expose_headers"], json!(["ETag"]));
    assert!(!body.to_string().contains(&secret), "no secret in the answer");
    assert_error(
        &owner.post(path, connect_body("media", &access, &secret, &[])).await,
        StatusCode::CONFLICT,
        "already_exists",
    );

    // After the fix, a re-check passes.
    storage
        .put_cors_rules(&[Rule::needed(&["https://app.example.com".to_owned()])])
        .await
        .unwrap();
    let (status, checks) = owner
        .post(
            &format!("{path}/media/check"),
            json!({"cors_origins": ["https://app.example.com"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{checks}");
    assert_eq!(checks["cors"]["ok"], true, "{checks}");
    // The test bucket has no lifecycle rule: the check says so, and what to add.
    assert_eq!(checks["lifecycle"]["ok"], false, "{checks}");
    let problem = checks["lifecycle"]["problem"].as_str().unwrap();
    assert!(
        problem.contains("AbortIncompleteMultipartUpload") || problem.contains("lifecycle"),
        "{problem}"
    );
    let (_, listed) = owner.get(path).await;
    assert_eq!(listed["data"].as_array().unwrap().len(), 2);
    assert!(!listed.to_string().contains("sealed"));
    assert_no_secrets_in_audit(&app, &[secret]).await;
}

#[sqlx::test(migrations = false)]
async fn grants_decide_who_uploads_and_revoking_one_stops_presigns_at_once(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let mut owner = owner_of_acme(&app).await;
    assert_eq!(
        owner
            .post("/v1/orgs/acme/teams", json!({"slug": "mobile", "name": "Mobile"}))
            .await
            .0,
        StatusCode::CREATED
    );
    let project = json!({"slug": "app", "name": "App", "bucket": "main"});
    let refused = owner.post("/v1/orgs/acme/teams/mobile/projects", project.clone()).await;
    assert_error(&refused, StatusCode::BAD_REQUEST, "bucket_not_writable");
    let grant = "/v1/orgs/acme/teams/web/buckets/main/grants/mobile";
    assert_eq!(
        owner
            .send(Method::PUT, grant, Some(json!({"access": "read-only"})))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_error(
        &owner.post("/v1/orgs/acme/teams/mobile/projects", project.clone()).await,
        StatusCode::BAD_REQUEST,
        "bucket_not_writable",
    );
    assert_eq!(
        owner
            .send(Method::PUT, grant, Some(json!({"access": "read-write"})))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    let (status, created) = owner.post("/v1/orgs/acme/teams/mobile/projects", project).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (_, shown) = owner.get("/v1/orgs/acme/teams/web/buckets/main").await;
    assert_eq!(
        shown["grants"],
        json!([{"team_id": shown["grants"][0]["team_id"], "team_slug": "mobile", "access": "read-write"}])
    );
    let (_, as_grantee) = owner.get("/v1/orgs/acme/teams/mobile/buckets/main").await;
    assert_eq!(as_grantee["access"], "read-write");
    assert!(
        as_grantee.get("grants").is_none(),
        "a read-write grantee does not see other grants"
    );
    // The grantee cannot manage the bucket.
    let rotate = owner
        .send(
            Method::PUT,
            "/v1/orgs/acme/teams/mobile/buckets/main/credentials",
            Some(json!({"access_key": "x", "secret_key": "y"})),
        )
        .await;
    assert_error(&rotate, StatusCode::FORBIDDEN, "bucket_admin_required");
    assert_error(
        &owner
            .send(
                Method::PUT,
                "/v1/orgs/acme/teams/web/buckets/main/grants/web",
                Some(json!({"access": "admin"})),
            )
            .await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    );
    assert_error(
        &owner.send(Method::PUT, grant, Some(json!({"access": "owner"}))).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    );

    // The grantee's project uploads...
    let (status, key) = owner
        .post(
            &format!("/v1/projects/{}/api-keys", created["id"].as_str().unwrap()),
            json!({"name": "k", "permissions": ["files:read", "files:write"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let key = key["token"].as_str().unwrap().to_owned();
    let presign = |key: String| {
        let app = &app;
        async move {
            app.request(
                Method::POST,
                "/v1/uploads",
                Some(&key),
                Some(json!({"filename": "a.png", "content_type": "image/png", "size": PNG.len()})),
            )
            .await
        }
    };
    let upload = presign(key.clone()).await;
    assert_eq!(upload.0, StatusCode::CREATED, "{}", upload.1);
    assert_eq!(app.put_signed(&upload.1, PNG).await, StatusCode::OK);
    let id = upload.1["id"].as_str().unwrap().to_owned();
    app.request(Method::POST, &format!("/v1/uploads/{id}/complete"), Some(&key), None)
        .await;
    crate::support::eventually("the upload to be ready", || async {
        app.request(Method::GET, &format!("/v1/uploads/{id}"), Some(&key), None)
            .await
            .1["status"]
            == "ready"
    })
    .await;
    // ...until the grant is revoked: presigns stop at once, an upload presigned before cannot
    // complete, and the file already made stays readable.
    let late = presign(key.clone()).await;
    assert_eq!(late.0, StatusCode::CREATED);
    assert_eq!(app.put_signed(&late.1, PNG).await, StatusCode::OK);
    assert_eq!(owner.send(Method::DELETE, grant, None).await.0, StatusCode::NO_CONTENT);
    crate::support::eventually("presigns to stop", || async {
        presign(key.clone()).await.0 == StatusCode::FORBIDDEN
    })
    .await;
    assert_error(
        &presign(key.clone()).await,
        StatusCode::FORBIDDEN,
        "bucket_access_revoked",
    );
    let file = app
        .request(Method::GET, &format!("/v1/uploads/{id}"), Some(&key), None)
        .await
        .1["file_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.request(Method::GET, &format!("/v1/files/{file}"), Some(&key), None)
            .await
            .0,
        StatusCode::OK
    );
    assert_error(
        &owner.send(Method::DELETE, grant, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let trail: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_logs WHERE action LIKE 'bucket.%' ORDER BY id")
            .fetch_all(&app.env.pool)
            .await
            .unwrap();
    assert_eq!(trail, ["bucket.shared", "bucket.shared", "bucket.unshared"]);
}

#[sqlx::test(migrations = false)]
async fn credentials_rotate_only_after_the_new_ones_work(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let mut owner = owner_of_acme(&app).await;
    let access = carcosa_common::testing::s3_access(None);
    let (key_id, secret) = {
        use secrecy::ExposeSecret as _;
        (
            access.access_key.expose_secret().to_owned(),
            access.secret_key.expose_secret().to_owned(),
        )
    };
    let path = "/v1/orgs/acme/teams/web/buckets/main/credentials";
    let before: (Vec<u8>, chrono::DateTime<chrono::Utc>) =
        sqlx::query_as("SELECT secret_key_sealed, updated_at FROM buckets")
            .fetch_one(&app.env.pool)
            .await
            .unwrap();

    let bad = owner
        .send(
            Method::PUT,
            path,
            Some(json!({"access_key": key_id, "secret_key": "wrong-secret-for-sure"})),
        )
        .await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "bucket_check_failed");
    let unchanged: Vec<u8> = sqlx::query_scalar("SELECT secret_key_sealed FROM buckets")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(unchanged, before.0, "refused credentials change nothing");

    assert_eq!(
        owner
            .send(
                Method::PUT,
                path,
                Some(json!({"access_key": key_id, "secret_key": secret}))
            )
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    let after: (Vec<u8>, chrono::DateTime<chrono::Utc>) =
        sqlx::query_as("SELECT secret_key_sealed, updated_at FROM buckets")
            .fetch_one(&app.env.pool)
            .await
            .unwrap();
    assert_ne!(after.0, before.0, "sealed afresh");
    assert!(
        after.1 > before.1,
        "the row version moved, so every process rebuilds its client"
    );
    let ready = app.upload("after.png", "image/png", PNG).await;
    assert_eq!(
        ready["status"], "ready",
        "API and worker use the new credentials: {ready}"
    );
    let mut stranger = crate::support::Browser::new(&app);
    stranger.origin = Some(app.url.clone());
    assert_error(
        &stranger
            .send(Method::PUT, path, Some(json!({"access_key": "a", "secret_key": "b"})))
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_no_secrets_in_audit(&app, &[secret, "wrong-secret-for-sure".into()]).await;
}
