//! Bad input at presign time gets a 4xx with a stable code and writes nothing; bytes that differ
//! from the signature are refused by the S3 server itself.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{JPEG, PNG, TestApp, assert_error};

async fn presign(app: &TestApp, body: Value) -> (StatusCode, Value) {
    app.post("/v1/uploads", body).await
}

#[sqlx::test(migrations = false)]
async fn presign_rejects_bad_input_with_stable_codes(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let cases: Vec<(Value, StatusCode, &str)> = vec![
        (
            json!({"filename": "big.png", "content_type": "image/png", "size": 20 * 1024 * 1024 + 1}),
            StatusCode::PAYLOAD_TOO_LARGE,
            "upload_too_large",
        ),
        (
            json!({"filename": "doc.pdf", "content_type": "application/pdf", "size": 10}),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content_type_not_allowed",
        ),
        (
            json!({"filename": "x.svg", "content_type": "image/svg+xml", "size": 10}),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content_type_not_allowed",
        ),
        (
            json!({"filename": "../../etc/passwd", "content_type": "image/png", "size": 10}),
            StatusCode::BAD_REQUEST,
            "invalid_filename",
        ),
        (
            json!({"filename": "a\\b.png", "content_type": "image/png", "size": 10}),
            StatusCode::BAD_REQUEST,
            "invalid_filename",
        ),
        (
            json!({"filename": "  ", "content_type": "image/png", "size": 10}),
            StatusCode::BAD_REQUEST,
            "invalid_filename",
        ),
        (
            json!({"filename": "..", "content_type": "image/png", "size": 10}),
            StatusCode::BAD_REQUEST,
            "invalid_filename",
        ),
        (
            json!({"filename": "a\u{0000}.png", "content_type": "image/png", "size": 10}),
            StatusCode::BAD_REQUEST,
            "invalid_filename",
        ),
        (
            json!({"filename": "x".repeat(300), "content_type": "image/png", "size": 10}),
            StatusCode::BAD_REQUEST,
            "invalid_filename",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png", "size": 0}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png", "size": -5}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            json!({"filename": "a.png", "content_type": "png", "size": 10}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png"}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png", "size": "10"}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png", "size": 10, "colour": "red"}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png", "size": 10, "tenant": "ghost"}),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png", "size": 10, "metadata": [1, 2]}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png", "size": 10, "metadata": {"x": "y".repeat(5000)}}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png", "size": 10, "expires_in": 5}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            json!({"filename": "a.png", "content_type": "image/png", "size": 10, "expires_in": 999_999}),
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
    ];
    for (body, status, code) in cases {
        let got = presign(&app, body.clone()).await;
        assert_eq!(got.0, status, "{body} → {}", got.1);
        assert_error(&got, status, code);
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM uploads")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "a rejected presign writes nothing");
}

#[sqlx::test(migrations = false)]
async fn malformed_requests_get_the_json_envelope(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let raw = |content_type: &'static str, body: Vec<u8>| {
        let req = app
            .http
            .post(format!("{}/v1/uploads", app.url))
            .bearer_auth(&app.env.key)
            .header("content-type", content_type)
            .body(body);
        async move {
            let resp = req.send().await.unwrap();
            (resp.status(), resp.json::<Value>().await.unwrap())
        }
    };
    assert_error(
        &raw("application/json", b"{not json".to_vec()).await,
        StatusCode::BAD_REQUEST,
        "invalid_json",
    );
    assert_error(
        &raw("text/plain", b"{}".to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    );
    let huge = format!("{{\"filename\": \"{}\"}}", "a".repeat(100_000)).into_bytes();
    assert_error(
        &raw("application/json", huge).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    );

    let long_key = app
        .http
        .post(format!("{}/v1/uploads", app.url))
        .bearer_auth(&app.env.key)
        .header("Idempotency-Key", "k".repeat(300))
        .json(&json!({"filename": "a.png", "content_type": "image/png", "size": 10}))
        .send()
        .await
        .unwrap();
    let got = (long_key.status(), long_key.json::<Value>().await.unwrap());
    assert_error(&got, StatusCode::BAD_REQUEST, "validation_failed");

    assert_error(&app.get("/v1/nothing-here").await, StatusCode::NOT_FOUND, "not_found");
    assert_error(
        &app.get("/v1/uploads/not-a-uuid").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &app.get(&format!("/v1/uploads/{}", uuid::Uuid::now_v7())).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let got = app.request(Method::PUT, "/v1/uploads", Some(&app.env.key), None).await;
    assert_error(&got, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}

#[sqlx::test(migrations = false)]
async fn s3_refuses_bytes_that_differ_from_the_signature(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    let url = upload["upload"]["url"].as_str().unwrap();

    let longer = [PNG, b"extra"].concat();
    let resp = app
        .http
        .put(url)
        .header("content-type", "image/png")
        .body(longer)
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::FORBIDDEN,
        "a different Content-Length breaks the signature"
    );

    let resp = app
        .http
        .put(url)
        .header("content-type", "image/jpeg")
        .body(PNG.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::FORBIDDEN,
        "a different Content-Type breaks the signature"
    );

    let other = app.create_upload("b.jpg", "image/jpeg", JPEG.len()).await;
    let resp = app
        .http
        .put(url.replace(upload["id"].as_str().unwrap(), other["id"].as_str().unwrap()))
        .header("content-type", "image/png")
        .body(PNG.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::FORBIDDEN,
        "a URL cannot be reused for another key"
    );

    let id = upload["id"].as_str().unwrap();
    assert_eq!(app.get(&format!("/v1/uploads/{id}")).await.1["status"], "pending");
    assert_eq!(
        app.put_signed(&upload, PNG).await,
        StatusCode::OK,
        "the exact signed request still works"
    );
}
