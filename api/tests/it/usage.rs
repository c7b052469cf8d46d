//! Usage: events → daily rows (exactly once, however often or concurrently the roll-up runs),
//! `GET /v1/usage` live and after a roll-up, its rejections, and per-project quotas at presign,
//! at verification and at transform time.

use carcosa_common::db::usage::{self, UsageKind};
use carcosa_common::db::{projects, tenants};
use carcosa_common::domain::{Permission, ProjectId, Quotas, TenantId};
use carcosa_worker::jobs::rollup_usage;
use chrono::{Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{JPEG, PNG, TestApp, assert_error};

async fn event_at(pool: &PgPool, project: ProjectId, tenant: Option<TenantId>, kind: &str, bytes: i64, days_ago: i64) {
    sqlx::query(
        "INSERT INTO usage_events (project_id, tenant_id, kind, bytes, at)
         VALUES ($1, $2, $3, $4, now() - make_interval(days => $5))",
    )
    .bind(project.0)
    .bind(tenant.map(|t| t.0))
    .bind(kind)
    .bind(bytes)
    .bind(days_ago as i32)
    .execute(pool)
    .await
    .unwrap();
}

/// `(tenant slug or "-", day offset, uploads, upload bytes, deletes, deleted bytes, variants,
/// variant bytes, transforms, downloads)` of every daily row, sorted.
async fn daily_rows(pool: &PgPool) -> Vec<(String, i64, [i64; 8])> {
    type Row = (Option<String>, i32, i64, i64, i64, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.slug, (current_date - d.day)::int, uploads_count, uploads_bytes, deleted_count, deleted_bytes,
                variants_count, variants_bytes, transforms_count, downloads_count
         FROM usage_daily d LEFT JOIN tenants t ON t.id = d.tenant_id ORDER BY 1 NULLS FIRST, 2",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|r| {
            (
                r.0.unwrap_or_else(|| "-".into()),
                r.1 as i64,
                [r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9],
            )
        })
        .collect()
}

async fn pending_events(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM usage_events")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = false)]
async fn the_rollup_folds_each_event_exactly_once(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let db = &app.env.pool;
    let p = app.env.project.id;
    let t = tenants::create(db, p, "acme", "Acme").await.unwrap().id;
    event_at(db, p, None, "upload_verified", 100, 0).await;
    event_at(db, p, None, "upload_verified", 200, 0).await;
    event_at(db, p, None, "file_deleted", 50, 0).await;
    event_at(db, p, Some(t), "upload_verified", 10, 0).await;
    event_at(db, p, None, "transform_produced", 7, 1).await;
    event_at(db, p, None, "variant_produced", 3, 1).await;
    event_at(db, p, None, "download_issued", 0, 1).await;

    assert_eq!(rollup_usage::run(db).await.unwrap(), 7);
    let want = vec![
        ("-".to_owned(), 0, [2, 300, 1, 50, 0, 0, 0, 0]),
        ("-".to_owned(), 1, [0, 0, 0, 0, 2, 10, 1, 1]),
        ("acme".to_owned(), 0, [1, 10, 0, 0, 0, 0, 0, 0]),
    ];
    assert_eq!(daily_rows(db).await, want);
    assert_eq!(pending_events(db).await, 0, "folded events are pruned");

    // Rerunning changes nothing.
    assert_eq!(rollup_usage::run(db).await.unwrap(), 0);
    assert_eq!(daily_rows(db).await, want);

    // A later event for a day already rolled up is added to that day's row.
    event_at(db, p, None, "upload_verified", 1, 0).await;
    rollup_usage::run(db).await.unwrap();
    assert_eq!(
        daily_rows(db).await[0],
        ("-".to_owned(), 0, [3, 301, 1, 50, 0, 0, 0, 0])
    );
}

#[sqlx::test(migrations = false)]
async fn concurrent_rollups_share_the_work_without_double_counting(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let db = &app.env.pool;
    let p = app.env.project.id;
    sqlx::query(
        "INSERT INTO usage_events (project_id, kind, bytes)
         SELECT $1, 'upload_verified', 2 FROM generate_series(1, 5000)",
    )
    .bind(p.0)
    .execute(db)
    .await
    .unwrap();
    // Four roll-ups at once, in small batches so they overlap.
    let fold_all = || async {
        let mut n = 0;
        loop {
            let got = usage::fold(db, 250).await.unwrap();
            n += got;
            if got == 0 {
                return n;
            }
        }
    };
    let counts = futures::future::join_all((0..4).map(|_| fold_all())).await;
    assert_eq!(counts.iter().sum::<u64>(), 5000, "{counts:?}");
    assert_eq!(
        daily_rows(db).await,
        vec![("-".to_owned(), 0, [5000, 10_000, 0, 0, 0, 0, 0, 0])]
    );
    assert_eq!(pending_events(db).await, 0);
}

fn today(body: &Value) -> &Value {
    body["days"].as_array().unwrap().last().unwrap()
}

#[sqlx::test(migrations = false)]
async fn usage_is_live_and_the_same_after_a_rollup(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let done = app.upload("photo.jpg", "image/jpeg", JPEG).await;
    assert_eq!(done["status"], "ready", "{done}");
    let file = done["file_id"].as_str().unwrap().to_owned();
    let (status, _) = app.get(&format!("/v1/files/{file}/download")).await;
    assert_eq!(status, StatusCode::OK);

    let (status, live) = app.get("/v1/usage").await;
    assert_eq!(status, StatusCode::OK, "{live}");
    assert_eq!(live["days"].as_array().unwrap().len(), 30, "default range: 30 days");
    assert_eq!(live["to"], Utc::now().date_naive().to_string());
    let day = today(&live);
    assert_eq!(day["uploads"], 1, "{live}");
    assert_eq!(day["upload_bytes"], JPEG.len());
    assert_eq!(day["downloads"], 1);
    let variants = sqlx::query_scalar::<_, i64>("SELECT count(*) FROM variants")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(day["variants"], variants, "preset variants are counted");
    assert_eq!(live["totals"], {
        let mut t = day.clone();
        t.as_object_mut().unwrap().remove("day");
        t
    });
    assert_eq!(live["stored"], json!({"files": 1, "bytes": JPEG.len()}));

    rollup_usage::run(&app.env.pool).await.unwrap();
    assert_eq!(pending_events(&app.env.pool).await, 0);
    let (_, rolled) = app.get("/v1/usage").await;
    assert_eq!(rolled, live, "folding changes where numbers live, not what they are");

    let (status, _) = app
        .request(Method::DELETE, &format!("/v1/files/{file}"), Some(&app.env.key), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, after) = app.get("/v1/usage").await;
    assert_eq!(today(&after)["deletes"], 1);
    assert_eq!(today(&after)["deleted_bytes"], JPEG.len());
    assert_eq!(after["stored"], json!({"files": 0, "bytes": 0}));
}

#[sqlx::test(migrations = false)]
async fn usage_filters_by_tenant_and_range(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let db = &app.env.pool;
    let p = app.env.project.id;
    let t = tenants::create(db, p, "acme", "Acme").await.unwrap().id;
    event_at(db, p, Some(t), "upload_verified", 10, 3).await;
    event_at(db, p, Some(t), "upload_verified", 20, 0).await;
    event_at(db, p, None, "upload_verified", 1000, 0).await;
    rollup_usage::run(db).await.unwrap();
    event_at(db, p, Some(t), "upload_verified", 5, 0).await; // not folded yet

    let to = Utc::now().date_naive();
    let from = to - Duration::days(3);
    let (status, body) = app.get(&format!("/v1/usage?from={from}&to={to}&tenant=acme")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["tenant"], "acme");
    let days = body["days"].as_array().unwrap();
    assert_eq!(days.len(), 4);
    assert_eq!(days[0]["day"], from.to_string());
    assert_eq!(days[0]["upload_bytes"], 10);
    assert_eq!(days[1]["uploads"], 0, "quiet days are zeros, not gaps");
    assert_eq!(days[3]["upload_bytes"], 25);
    assert_eq!(body["totals"]["uploads"], 3);
    assert_eq!(body["totals"]["upload_bytes"], 35);

    let (_, whole) = app.get(&format!("/v1/usage?from={to}&to={to}")).await;
    assert_eq!(whole["totals"]["upload_bytes"], 1025, "{whole}");
}

#[sqlx::test(migrations = false)]
async fn bad_usage_queries_are_refused_with_their_codes(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let got = app.get("/v1/usage?from=yesterday").await;
    assert_error(&got, StatusCode::BAD_REQUEST, "validation_failed");
    assert_eq!(got.1["error"]["field"], "from");
    let got = app.get("/v1/usage?to=2026-02-30").await;
    assert_error(&got, StatusCode::BAD_REQUEST, "validation_failed");
    assert_eq!(got.1["error"]["field"], "to");
    let got = app.get("/v1/usage?from=2026-11-20&to=2026-11-01").await;
    assert_error(&got, StatusCode::BAD_REQUEST, "invalid_range");
    let got = app.get("/v1/usage?from=2024-01-01&to=2026-01-01").await;
    assert_error(&got, StatusCode::BAD_REQUEST, "invalid_range");
    let got = app.get("/v1/usage?days=3").await;
    assert_error(&got, StatusCode::BAD_REQUEST, "validation_failed");
    let got = app.get("/v1/usage?tenant=nobody").await;
    assert_error(&got, StatusCode::NOT_FOUND, "not_found");
    let key = app.env.key_for(&app.env.project, &[Permission::FilesRead]).await;
    let got = app.request(Method::GET, "/v1/usage", Some(&key), None).await;
    assert_error(&got, StatusCode::FORBIDDEN, "forbidden");
    let got = app.request(Method::GET, "/v1/usage", None, None).await;
    assert_error(&got, StatusCode::UNAUTHORIZED, "unauthorized");
}

async fn mint(app: &TestApp, key: &str, file: &str, w: u32) -> String {
    let (status, minted) = app
        .request(
            Method::POST,
            &format!("/v1/files/{file}/transform-url"),
            Some(key),
            Some(json!({"w": w})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{minted}");
    minted["path"].as_str().unwrap().to_owned()
}

async fn fetch(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let resp = app.http.get(format!("{}{path}", app.url)).send().await.unwrap();
    let status = resp.status();
    (status, resp.json::<Value>().await.unwrap_or(Value::Null))
}

async fn set_quotas(app: &TestApp, q: Quotas) {
    assert!(
        projects::set_quotas(&app.env.pool, app.env.project.id, &q)
            .await
            .unwrap()
    );
}

#[sqlx::test(migrations = false)]
async fn presigns_over_a_storage_quota_are_refused(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let cap = JPEG.len() as i64 + 10;
    set_quotas(
        &app,
        Quotas {
            max_stored_bytes: Some(cap),
            max_files: Some(2),
            max_transforms_per_month: None,
        },
    )
    .await;
    let body = json!({"filename": "big.jpg", "content_type": "image/jpeg", "size": cap + 1});
    let got = app.post("/v1/uploads", body).await;
    assert_error(&got, StatusCode::FORBIDDEN, "quota_exceeded");
    assert_eq!(got.1["error"]["quota"], "max_stored_bytes");
    assert_eq!(got.1["error"]["limit"], cap);
    assert_eq!(got.1["error"]["used"], 0);

    assert_eq!(app.upload("photo.jpg", "image/jpeg", JPEG).await["status"], "ready");
    let body = json!({"filename": "icon.png", "content_type": "image/png", "size": PNG.len()});
    let got = app.post("/v1/uploads", body).await;
    assert_error(&got, StatusCode::FORBIDDEN, "quota_exceeded");
    assert_eq!(got.1["error"]["used"], JPEG.len());
    let uploads: i64 = sqlx::query_scalar("SELECT count(*) FROM uploads")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(uploads, 1, "a refused presign writes nothing");

    // Raising the bytes cap leaves the file-count cap.
    set_quotas(
        &app,
        Quotas {
            max_stored_bytes: None,
            max_files: Some(1),
            max_transforms_per_month: None,
        },
    )
    .await;
    crate::support::eventually("the key cache to see the new quota", || async {
        let body = json!({"filename": "icon.png", "content_type": "image/png", "size": PNG.len()});
        let got = app.post("/v1/uploads", body).await;
        got.0 == StatusCode::FORBIDDEN && got.1["error"]["quota"] == "max_files"
    })
    .await;
    let (_, usage) = app.get("/v1/usage").await;
    assert_eq!(usage["quotas"]["max_files"], 1, "{usage}");
    assert_eq!(usage["quotas"]["max_stored_bytes"], Value::Null);
}

#[sqlx::test(migrations = false)]
async fn verification_holds_the_quota_when_presigns_raced_past_it(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    set_quotas(
        &app,
        Quotas {
            max_files: Some(1),
            ..Quotas::default()
        },
    )
    .await;
    // Both presigns see zero files; only one upload can become a file.
    let a = app.create_upload("a.png", "image/png", PNG.len()).await;
    let b = app.create_upload("b.png", "image/png", PNG.len()).await;
    for u in [&a, &b] {
        assert_eq!(app.put_signed(u, PNG).await, StatusCode::OK);
        assert_eq!(app.complete(u["id"].as_str().unwrap()).await.0, StatusCode::ACCEPTED);
    }
    let mut outcomes = Vec::new();
    for u in [&a, &b] {
        let done = app.wait_status(u["id"].as_str().unwrap(), &["ready", "failed"]).await;
        outcomes.push((
            done["status"].clone(),
            done["failure_reason"].clone(),
            u["object_key"].clone(),
        ));
    }
    outcomes.sort_by_key(|o| o.0.to_string());
    assert_eq!(outcomes[0].0, "failed", "{outcomes:?}");
    assert_eq!(outcomes[0].1, "quota_exceeded");
    assert_eq!(outcomes[1].0, "ready");
    let refused_key = outcomes[0].2.as_str().unwrap();
    assert!(
        app.env.storage().head(refused_key).await.is_err(),
        "the refused object is deleted"
    );
    let (_, usage) = app.get("/v1/usage").await;
    assert_eq!(usage["stored"]["files"], 1);
}

#[sqlx::test(migrations = false)]
async fn transforms_over_the_monthly_quota_are_refused(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let done = app.upload("photo.jpg", "image/jpeg", JPEG).await;
    let file = done["file_id"].as_str().unwrap().to_owned();
    set_quotas(
        &app,
        Quotas {
            max_transforms_per_month: Some(1),
            ..Quotas::default()
        },
    )
    .await;
    let key = app
        .env
        .key_for(
            &app.env.project,
            &[Permission::TransformsExecute, Permission::FilesRead],
        )
        .await;
    let first = mint(&app, &key, &file, 50).await;
    assert_eq!(fetch(&app, &first).await.0, StatusCode::OK);
    let got = fetch(&app, &mint(&app, &key, &file, 60).await).await;
    assert_error(&got, StatusCode::FORBIDDEN, "quota_exceeded");
    assert_eq!(got.1["error"]["quota"], "max_transforms_per_month");
    assert_eq!(got.1["error"]["used"], 1);
    assert_eq!(
        fetch(&app, &first).await.0,
        StatusCode::OK,
        "variants already made are still served"
    );
    let (_, usage) = app.get("/v1/usage").await;
    assert_eq!(usage["quotas"]["transforms_this_month"], 1);
    assert_eq!(today(&usage)["transforms"], 1);
}

#[sqlx::test(migrations = false)]
async fn usage_is_recorded_where_it_happens(pool: PgPool) {
    // The one direct call site not reached through HTTP above: kinds map to their columns.
    let app = TestApp::spawn_api_only(pool).await;
    let db = &app.env.pool;
    let p = app.env.project.id;
    for kind in [
        UsageKind::UploadVerified,
        UsageKind::FileDeleted,
        UsageKind::VariantProduced,
        UsageKind::TransformProduced,
        UsageKind::DownloadIssued,
    ] {
        usage::record(db, p, None, kind, 1).await.unwrap();
    }
    rollup_usage::run(db).await.unwrap();
    assert_eq!(
        daily_rows(db).await,
        vec![("-".to_owned(), 0, [1, 1, 1, 1, 2, 2, 1, 1])]
    );
}
