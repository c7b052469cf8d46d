//! Transform hardening (#10): one parse per query (no second `format` behind a signature), an
//! output pixel cap, minting that needs `files:read` and ignores `Host`, bounded streaming and
//! redirect delivery, and renders over their budget killed, remembered and counted.

use std::time::{Duration, Instant};

use carcosa_common::config::TransformDelivery;
use carcosa_common::domain::{FileId, Permission};
use carcosa_common::transform::{self, Format, TransformSpec};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{TestApp, assert_error};
use crate::transforms::{mint, ready_jpeg, transform_jobs};

async fn get(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let resp = app.http.get(format!("{}{path}", app.url)).send().await.unwrap();
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn secret(app: &TestApp) -> Vec<u8> {
    sqlx::query_scalar("SELECT transform_secret FROM projects WHERE id = $1")
        .bind(app.env.project.id.0)
        .fetch_one(&app.env.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = false)]
async fn a_repeated_parameter_never_changes_what_a_signature_covers(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (file, key) = ready_jpeg(&app).await;
    let (_, minted) = mint(&app, &key, &file, json!({"w": 64, "format": "auto"})).await;
    let path = minted["path"].as_str().unwrap();
    for tampered in [
        format!("{path}&format=png"),
        format!("{path}&w=64"),
        format!("{path}&sig=AAAAAAAAAAAAAAAAAAAAAA"),
        path.replacen("format=auto", "format=png&format=auto", 1),
    ] {
        let got = get(&app, &tampered).await;
        assert_error(&got, StatusCode::BAD_REQUEST, "invalid_transform_parameter");
    }
    assert_eq!(transform_jobs(&app).await, 0, "nothing was rendered");
    let ok = app
        .http
        .get(format!("{}{path}", app.url))
        .header("accept", "image/png")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(ok.headers()[CONTENT_TYPE], "image/jpeg", "auto never becomes png");
}

#[sqlx::test(migrations = false)]
async fn outputs_over_the_pixel_limit_are_refused_even_when_signed(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (file, key) = ready_jpeg(&app).await;
    let huge = json!({"w": 4096, "h": 4096, "fit": "cover", "format": "png"});
    let got = mint(&app, &key, &file, huge).await;
    assert_error(&got, StatusCode::BAD_REQUEST, "invalid_transform_parameter");
    let retina = json!({"w": 1400, "h": 1400, "dpr": 3, "fit": "contain", "format": "png"});
    assert_error(
        &mint(&app, &key, &file, retina).await,
        StatusCode::BAD_REQUEST,
        "invalid_transform_parameter",
    );

    // A URL signed by hand (or minted before the limit was lowered) is refused too.
    let parsed = TransformSpec::from_query(
        [("w", "4096"), ("h", "4096"), ("fit", "fill"), ("format", "png")],
        Format::Webp,
    )
    .unwrap();
    let sig = transform::sign(&secret(&app).await, &parsed.signing_payload(&file));
    let path = format!("/v1/transform/{file}?{}&sig={sig}", parsed.spec.to_query(false));
    assert_error(
        &get(&app, &path).await,
        StatusCode::BAD_REQUEST,
        "invalid_transform_parameter",
    );

    // The limit is per project.
    let policy = json!({
        "presets": {"tiny": {"w": 50, "h": 50, "fit": "cover"}},
        "limits": {"max_output_pixels": 10000}
    });
    carcosa_common::db::projects::set_transform_policy(&app.env.pool, app.env.project.id, &policy)
        .await
        .unwrap();
    let small = json!({"w": 101, "h": 100, "fit": "cover"});
    assert_error(
        &mint(&app, &key, &file, small).await,
        StatusCode::BAD_REQUEST,
        "invalid_transform_parameter",
    );
    // One side only: the output size depends on the source; the render refuses what is over.
    let (status, minted) = mint(&app, &key, &file, json!({"w": 200})).await;
    assert_eq!(status, StatusCode::OK, "{minted}");
    let got = get(&app, minted["path"].as_str().unwrap()).await;
    assert_error(&got, StatusCode::UNPROCESSABLE_ENTITY, "image_too_large");
    assert_eq!(transform_jobs(&app).await, 1);
}

#[sqlx::test(migrations = false)]
async fn minting_needs_files_read_and_never_uses_the_host_header(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (file, key) = ready_jpeg(&app).await;
    let execute_only = app
        .env
        .key_for(&app.env.project.clone(), &[Permission::TransformsExecute])
        .await;
    let got = mint(&app, &execute_only, &file, json!({"w": 64})).await;
    assert_error(&got, StatusCode::FORBIDDEN, "forbidden");
    assert!(
        got.1["error"]["message"].as_str().unwrap().contains("files:read"),
        "{}",
        got.1
    );

    let resp = app
        .http
        .post(format!("{}/v1/files/{file}/transform-url", app.url))
        .bearer_auth(&key)
        .header("host", "evil.example")
        .json(&json!({"w": 64}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let minted: Value = resp.json().await.unwrap();
    let url = minted["url"].as_str().unwrap();
    assert!(url.starts_with(&app.url), "{url}");
    assert!(!url.contains("evil.example"), "{url}");
}

#[sqlx::test(migrations = false)]
async fn redirect_delivery_answers_302_to_a_presigned_get(pool: PgPool) {
    let app = TestApp::spawn_configured(pool, |c| c.transforms.delivery = TransformDelivery::Redirect).await;
    let (file, key) = ready_jpeg(&app).await;
    let (_, minted) = mint(&app, &key, &file, json!({"w": 80, "format": "png"})).await;
    let no_follow = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = no_follow
        .get(format!("{}{}", app.url, minted["path"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
    assert!(resp.headers()["cache-control"].to_str().unwrap().starts_with("private"));
    let location = resp.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(location.contains("X-Amz-Signature"), "{location}");
    let image = reqwest::get(&location).await.unwrap();
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()[CONTENT_TYPE], "image/png");
    let img = image::load_from_memory(&image.bytes().await.unwrap()).unwrap();
    assert_eq!(img.width(), 80);
}

#[sqlx::test(migrations = false)]
async fn streamed_responses_are_bounded(pool: PgPool) {
    let app = TestApp::spawn_configured(pool, |c| c.transforms.max_concurrent_responses = 1).await;
    let (file, _) = ready_jpeg(&app).await;
    // Larger than loopback socket buffers, so an unread response keeps its stream open.
    let file_id: FileId = file.parse().unwrap();
    let path = app
        .env
        .plant_variant(file_id, &[("w", "4000"), ("format", "png")], vec![7; 32 << 20])
        .await;
    let first = app.http.get(format!("{}{path}", app.url)).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["content-length"], (32u64 << 20).to_string().as_str());
    let busy = app.http.get(format!("{}{path}", app.url)).send().await.unwrap();
    assert_eq!(busy.headers()[RETRY_AFTER], "1");
    let got = (busy.status(), busy.json::<Value>().await.unwrap());
    assert_error(&got, StatusCode::SERVICE_UNAVAILABLE, "transforms_busy");
    // The slot comes back when the first client finishes reading.
    assert_eq!(first.bytes().await.unwrap().len(), 32 << 20);
    let again = app.http.get(format!("{}{path}", app.url)).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
}

/// A PNG of `side`² pixels of noise: incompressible, and slow for any encoder.
fn noise_png(side: u32) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let img = image::RgbImage::from_fn(side, side, |_, _| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let [a, b, c, ..] = state.to_le_bytes();
        image::Rgb([a, b, c])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[sqlx::test(migrations = false)]
async fn a_render_over_its_budget_is_killed_remembered_and_counted(pool: PgPool) {
    let app = TestApp::spawn_configured(pool, |c| {
        c.transforms.render_timeout_secs = 2;
        c.http.transform_wait_secs = 20;
    })
    .await;
    let png = noise_png(1600);
    let done = app.upload("noise.png", "image/png", &png).await;
    assert_eq!(done["status"], "ready", "{done}");
    let file = done["file_id"].as_str().unwrap();
    let key = app
        .env
        .key_for(
            &app.env.project.clone(),
            &[Permission::FilesRead, Permission::TransformsExecute],
        )
        .await;
    // A full-size AVIF of noise takes rav1e many seconds: far over the 2 s budget.
    let (_, minted) = mint(
        &app,
        &key,
        file,
        json!({"w": 1600, "h": 1600, "fit": "fill", "format": "avif"}),
    )
    .await;
    let path = minted["path"].as_str().unwrap().to_owned();
    let started = Instant::now();
    let got = get(&app, &path).await;
    assert_error(&got, StatusCode::UNPROCESSABLE_ENTITY, "processing_timeout");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "answered when the budget ran out"
    );
    let killed = carcosa_common::metrics::render();
    assert!(
        killed
            .lines()
            .any(|l| l.starts_with("carcosa_transform_renders_killed_total") && !l.ends_with(" 0")),
        "the render process was killed"
    );

    // Asked again: answered from memory, nothing rendered again.
    let started = Instant::now();
    let again = get(&app, &path).await;
    assert_error(&again, StatusCode::UNPROCESSABLE_ENTITY, "processing_timeout");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(transform_jobs(&app).await, 1, "one render for two requests");

    // The failed render counts against the monthly transform quota.
    let (status, usage) = app.get("/v1/usage").await;
    assert_eq!(status, StatusCode::OK, "{usage}");
    assert_eq!(usage["quotas"]["transforms_this_month"], 1, "{usage}");
}
