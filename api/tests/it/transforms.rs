//! On-demand transforms: signed URLs, the variant cache (ETag, 304, immutable), one production
//! per variant under concurrent misses, `format=auto`, presets, the bounded wait, and every
//! rejection with its status and code.

use carcosa_common::db::projects;
use carcosa_common::domain::Permission;
use carcosa_common::domain::UploadRules;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, RETRY_AFTER, VARY};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{JPEG, TestApp, assert_error, eventually};

/// A ready JPEG (685×999) and a key that may mint transform URLs.
pub(crate) async fn ready_jpeg(app: &TestApp) -> (String, String) {
    let done = app.upload("photo.jpg", "image/jpeg", JPEG).await;
    assert_eq!(done["status"], "ready", "{done}");
    let project = app.env.project.clone();
    let key = app
        .env
        .key_for(&project, &[Permission::FilesRead, Permission::TransformsExecute])
        .await;
    (done["file_id"].as_str().unwrap().to_owned(), key)
}

pub(crate) async fn mint(app: &TestApp, key: &str, file: &str, body: Value) -> (StatusCode, Value) {
    app.request(
        Method::POST,
        &format!("/v1/files/{file}/transform-url"),
        Some(key),
        Some(body),
    )
    .await
}

async fn fetch(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut req = app.http.get(format!("{}{path}", app.url));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

pub(crate) async fn transform_jobs(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM apalis.jobs WHERE job_type = 'transform'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap()
}

async fn error_of(resp: reqwest::Response) -> (StatusCode, Value) {
    let status = resp.status();
    (status, resp.json().await.unwrap())
}

#[sqlx::test(migrations = false)]
async fn a_signed_transform_is_made_once_then_served_from_the_cache(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (file, key) = ready_jpeg(&app).await;
    let (status, minted) = mint(&app, &key, &file, json!({"w": 100, "dpr": 2, "format": "jpeg"})).await;
    assert_eq!(status, StatusCode::OK, "{minted}");
    assert_eq!(minted["transform"], "w200-inside-q80.jpg");
    assert_eq!(
        minted["url"],
        format!("{}{}", app.url, minted["path"].as_str().unwrap())
    );
    let path = minted["path"].as_str().unwrap();

    let miss = fetch(&app, path, &[]).await;
    assert_eq!(miss.status(), StatusCode::OK);
    assert_eq!(miss.headers()[CONTENT_TYPE], "image/jpeg");
    assert_eq!(miss.headers()[CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert_eq!(miss.headers()["x-content-type-options"], "nosniff");
    let etag = miss.headers()[ETAG].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
    let img = image::load_from_memory(&miss.bytes().await.unwrap()).unwrap();
    assert_eq!((img.width(), img.height()), (200, 292));

    let hit = fetch(&app, path, &[]).await;
    assert_eq!(hit.status(), StatusCode::OK);
    assert_eq!(hit.headers()[ETAG].to_str().unwrap(), etag);
    let revalidated = fetch(&app, path, &[("if-none-match", &etag)]).await;
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(revalidated.headers()[ETAG].to_str().unwrap(), etag);
    let other_tag = fetch(&app, path, &[("if-none-match", "\"something-else\"")]).await;
    assert_eq!(other_tag.status(), StatusCode::OK);

    // The same transform spelled differently carries the same signature and the same variant.
    let sig = path.rsplit_once("sig=").unwrap().1;
    let respelled = format!("/v1/transform/{file}?format=jpeg&w=200&sig={sig}");
    let same = fetch(&app, &respelled, &[]).await;
    assert_eq!(same.status(), StatusCode::OK);
    assert_eq!(same.headers()[ETAG].to_str().unwrap(), etag);
    assert_eq!(transform_jobs(&app).await, 1, "one job for one variant");

    // The variant is recorded with the file.
    let (_, body) = app.get(&format!("/v1/files/{file}")).await;
    let transforms: Vec<_> = body["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["transform"].as_str().unwrap().to_owned())
        .collect();
    assert!(transforms.contains(&"w200-inside-q80.jpg".to_owned()), "{transforms:?}");
}

#[sqlx::test(migrations = false)]
async fn concurrent_misses_for_one_variant_produce_it_once(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (file, key) = ready_jpeg(&app).await;
    let (_, minted) = mint(&app, &key, &file, json!({"w": 300, "h": 300, "fit": "cover"})).await;
    let path = minted["path"].as_str().unwrap().to_owned();
    let requests = (0..8).map(|_| fetch(&app, &path, &[]));
    let responses = futures::future::join_all(requests).await;
    let mut bodies = Vec::new();
    for r in responses {
        assert_eq!(r.status(), StatusCode::OK);
        bodies.push(r.bytes().await.unwrap());
    }
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "every client got the same bytes"
    );
    assert_eq!(transform_jobs(&app).await, 1, "eight requests, one job");
    let img = image::load_from_memory(&bodies[0]).unwrap();
    assert_eq!((img.width(), img.height()), (300, 300));
}

/// Width and height from an AVIF's `ispe` property, after checking the `ftyp` brand.
fn avif_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[4..12], b"ftypavif", "not an AVIF file");
    let at = bytes.windows(4).position(|w| w == b"ispe").expect("ispe box") + 8;
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(at), be(at + 4))
}

#[sqlx::test(migrations = false)]
async fn format_auto_follows_accept_and_says_vary(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (file, key) = ready_jpeg(&app).await;
    let (_, minted) = mint(&app, &key, &file, json!({"w": 64, "format": "auto"})).await;
    assert_eq!(minted["transform"], Value::Null);
    let path = minted["path"].as_str().unwrap();
    assert!(path.contains("format=auto"), "{path}");
    let mut etags = Vec::new();
    for (accept, want) in [
        ("image/avif,image/webp,*/*", "image/avif"),
        ("image/avif;q=0,image/webp", "image/webp"),
        ("image/jpeg", "image/jpeg"),
    ] {
        let resp = fetch(&app, path, &[("accept", accept)]).await;
        assert_eq!(resp.status(), StatusCode::OK, "{accept}");
        assert_eq!(resp.headers()[CONTENT_TYPE], want, "{accept}");
        assert_eq!(resp.headers()[VARY], "Accept");
        etags.push(resp.headers()[ETAG].to_str().unwrap().to_owned());
        let bytes = resp.bytes().await.unwrap();
        let size = if want == "image/avif" {
            avif_size(&bytes)
        } else {
            let img = image::load_from_memory(&bytes).unwrap();
            (img.width(), img.height())
        };
        assert_eq!(size, (64, 93), "{accept}");
    }
    etags.dedup();
    assert_eq!(etags.len(), 3, "one variant per negotiated format");

    let (_, minted) = mint(
        &app,
        &key,
        &file,
        json!({"w": 100, "h": 100, "fit": "cover", "format": "avif", "q": 60}),
    )
    .await;
    assert_eq!(minted["transform"], "w100-h100-cover-q60.avif");
    let resp = fetch(&app, minted["path"].as_str().unwrap(), &[]).await;
    assert_eq!(resp.headers()[CONTENT_TYPE], "image/avif");
    assert!(resp.headers().get(VARY).is_none(), "an explicit format does not vary");
    assert_eq!(avif_size(&resp.bytes().await.unwrap()), (100, 100));
}

#[sqlx::test(migrations = false)]
async fn presets_are_served_signed_or_public(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (file, key) = ready_jpeg(&app).await;
    let (status, minted) = mint(&app, &key, &file, json!({"preset": "thumb"})).await;
    assert_eq!(status, StatusCode::OK, "{minted}");
    assert_eq!(minted["transform"], "w256-h256-cover-q80.webp");
    assert_eq!(minted["cache_control"], "public, max-age=3600");
    let thumb = fetch(&app, minted["path"].as_str().unwrap(), &[]).await;
    assert_eq!(thumb.status(), StatusCode::OK);
    assert_eq!(thumb.headers()[CONTENT_TYPE], "image/webp");
    assert_eq!(thumb.headers()[CACHE_CONTROL], "public, max-age=3600");
    let img = image::load_from_memory(&thumb.bytes().await.unwrap()).unwrap();
    assert_eq!((img.width(), img.height()), (256, 256));
    assert_eq!(transform_jobs(&app).await, 0, "the preset was made at upload");

    let unsigned = format!("/v1/transform/{file}/thumb");
    let denied = error_of(fetch(&app, &unsigned, &[]).await).await;
    assert_error(&denied, StatusCode::FORBIDDEN, "signature_required");
    let wrong_preset_sig = format!(
        "/v1/transform/{file}/preview?{}",
        minted["path"].as_str().unwrap().rsplit_once('?').unwrap().1
    );
    let denied = error_of(fetch(&app, &wrong_preset_sig, &[]).await).await;
    assert_error(&denied, StatusCode::FORBIDDEN, "invalid_signature");

    let policy = json!({"public_presets": true, "presets": {
        "thumb": {"w": 256, "h": 256, "fit": "cover"},
        "tiny": {"w": 32, "format": "png"}
    }});
    projects::set_transform_policy(&app.env.pool, app.env.project.id, &policy)
        .await
        .unwrap();
    assert_eq!(fetch(&app, &unsigned, &[]).await.status(), StatusCode::OK);
    let tiny = fetch(&app, &format!("/v1/transform/{file}/tiny"), &[]).await;
    assert_eq!(tiny.status(), StatusCode::OK);
    assert_eq!(tiny.headers()[CONTENT_TYPE], "image/png");
    let missing = error_of(fetch(&app, &format!("/v1/transform/{file}/preview"), &[]).await).await;
    assert_error(&missing, StatusCode::NOT_FOUND, "not_found");
    let extra = error_of(fetch(&app, &format!("/v1/transform/{file}/tiny?w=10"), &[]).await).await;
    assert_error(&extra, StatusCode::BAD_REQUEST, "unknown_transform_parameter");
}

#[sqlx::test(migrations = false)]
async fn bad_transform_requests_get_stable_codes(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (file, key) = ready_jpeg(&app).await;
    let (_, minted) = mint(&app, &key, &file, json!({"w": 120})).await;
    let path = minted["path"].as_str().unwrap().to_owned();
    let sig = path.rsplit_once("sig=").unwrap().1.to_owned();

    let cases: Vec<(String, StatusCode, &str)> = vec![
        (
            format!("/v1/transform/{file}?w=120"),
            StatusCode::FORBIDDEN,
            "signature_required",
        ),
        (
            format!("/v1/transform/{file}?w=121&sig={sig}"),
            StatusCode::FORBIDDEN,
            "invalid_signature",
        ),
        (
            format!("/v1/transform/{file}?w=120&sig=AAAA"),
            StatusCode::FORBIDDEN,
            "invalid_signature",
        ),
        (
            format!("/v1/transform/{file}?w=120&blur=3&sig={sig}"),
            StatusCode::BAD_REQUEST,
            "unknown_transform_parameter",
        ),
        (
            format!("/v1/transform/{file}?w=0&sig={sig}"),
            StatusCode::BAD_REQUEST,
            "invalid_transform_parameter",
        ),
        (
            format!("/v1/transform/{file}?w=9000&sig={sig}"),
            StatusCode::BAD_REQUEST,
            "invalid_transform_parameter",
        ),
        (
            format!("/v1/transform/{file}?w=120&format=gif&sig={sig}"),
            StatusCode::BAD_REQUEST,
            "invalid_transform_parameter",
        ),
        (
            format!("/v1/transform/{file}?w=120&fit=cover&sig={sig}"),
            StatusCode::BAD_REQUEST,
            "invalid_transform_parameter",
        ),
        (
            format!("/v1/transform/{file}?w=%ZZ&sig={sig}"),
            StatusCode::BAD_REQUEST,
            "invalid_transform_parameter",
        ),
        (
            format!("/v1/transform/{}?w=120&sig={sig}", uuid::Uuid::now_v7()),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            format!("/v1/transform/{file}/nope?sig={sig}"),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ];
    for (path, status, code) in cases {
        let got = error_of(fetch(&app, &path, &[]).await).await;
        assert_eq!(got.0, status, "{path}: {}", got.1);
        assert_error(&got, status, code);
    }
    assert_eq!(
        fetch(&app, &path, &[]).await.status(),
        StatusCode::OK,
        "the genuine URL still works"
    );

    // Minting.
    let no_perm = app
        .request(
            Method::POST,
            &format!("/v1/files/{file}/transform-url"),
            Some(&app.env.key),
            Some(json!({"w": 10})),
        )
        .await;
    assert_error(&no_perm, StatusCode::FORBIDDEN, "forbidden");
    let unknown_preset = mint(&app, &key, &file, json!({"preset": "huge"})).await;
    assert_error(&unknown_preset, StatusCode::BAD_REQUEST, "unknown_preset");
    let both = mint(&app, &key, &file, json!({"preset": "thumb", "w": 10})).await;
    assert_error(&both, StatusCode::BAD_REQUEST, "validation_failed");
    let bad_fit = mint(&app, &key, &file, json!({"w": 10, "fit": "squash"})).await;
    assert_error(&bad_fit, StatusCode::BAD_REQUEST, "invalid_transform_parameter");
    let unknown_field = mint(&app, &key, &file, json!({"w": 10, "blur": 2})).await;
    assert_error(&unknown_field, StatusCode::BAD_REQUEST, "validation_failed");
    let other_project = mint(&app, &key, &uuid::Uuid::now_v7().to_string(), json!({"w": 10})).await;
    assert_error(&other_project, StatusCode::NOT_FOUND, "not_found");

    // Rotating the project's secret revokes every URL minted before.
    projects::rotate_transform_secret(&app.env.pool, app.env.project.id)
        .await
        .unwrap();
    let revoked = error_of(fetch(&app, &path, &[]).await).await;
    assert_error(&revoked, StatusCode::FORBIDDEN, "invalid_signature");
}

#[sqlx::test(migrations = false)]
async fn project_image_limits_apply_at_upload_and_on_demand(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (file, key) = ready_jpeg(&app).await;
    let policy = json!({"presets": {"thumb": {"w": 256, "h": 256, "fit": "cover"}}, "limits": {"max_side": 900}});
    projects::set_transform_policy(&app.env.pool, app.env.project.id, &policy)
        .await
        .unwrap();
    let refused = app.upload("photo.jpg", "image/jpeg", JPEG).await;
    assert_eq!(refused["status"], "failed");
    assert_eq!(refused["failure_reason"], "image_too_large");
    let (_, minted) = mint(&app, &key, &file, json!({"w": 10})).await;
    let got = error_of(fetch(&app, minted["path"].as_str().unwrap(), &[]).await).await;
    assert_error(&got, StatusCode::UNPROCESSABLE_ENTITY, "image_too_large");
}

#[sqlx::test(migrations = false)]
async fn files_that_are_not_images_are_not_transformable(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let rules = UploadRules {
        allowed_content_types: vec!["image/*".into(), "text/plain".into()],
        ..UploadRules::default()
    };
    projects::set_rules(&app.env.pool, app.env.project.id, &rules)
        .await
        .unwrap();
    let done = app.upload("notes.txt", "text/plain", b"just some text").await;
    assert_eq!(done["status"], "ready", "{done}");
    let file = done["file_id"].as_str().unwrap();
    let key = app
        .env
        .key_for(
            &app.env.project.clone(),
            &[Permission::TransformsExecute, Permission::FilesRead],
        )
        .await;
    let (_, minted) = mint(&app, &key, file, json!({"w": 10})).await;
    let got = error_of(fetch(&app, minted["path"].as_str().unwrap(), &[]).await).await;
    assert_error(&got, StatusCode::UNPROCESSABLE_ENTITY, "not_transformable");
    assert_eq!(transform_jobs(&app).await, 0);
}

#[sqlx::test(migrations = false)]
async fn a_slow_transform_answers_503_with_retry_after_then_is_served(pool: PgPool) {
    let app = TestApp::spawn_configured(pool, |c| c.http.transform_wait_secs = 1).await;
    let (file, key) = ready_jpeg(&app).await;
    let (_, minted) = mint(&app, &key, &file, json!({"w": 50})).await;
    let path = minted["path"].as_str().unwrap().to_owned();
    // Hold the variant's production lock, as a worker making it elsewhere would.
    let mut tx = app.env.pool.begin().await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 7301))")
        .bind(format!("{file}/w50-inside-q80.webp"))
        .execute(&mut *tx)
        .await
        .unwrap();
    let resp = fetch(&app, &path, &[]).await;
    let retry_after = resp.headers().get(RETRY_AFTER).cloned();
    let got = error_of(resp).await;
    assert_error(&got, StatusCode::SERVICE_UNAVAILABLE, "transform_pending");
    assert_eq!(retry_after.unwrap(), "2");
    tx.rollback().await.unwrap();
    eventually("the variant to be served", || async {
        fetch(&app, &path, &[]).await.status() == StatusCode::OK
    })
    .await;
    assert_eq!(transform_jobs(&app).await, 1, "the retry joined the first job's result");
}
