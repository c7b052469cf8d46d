//! Uploads never completed expire, and whatever they left in the bucket is removed.

use std::sync::Arc;

use carcosa_common::storage::StorageError;
use carcosa_worker::jobs::sweep_uploads;
use reqwest::StatusCode;
use sqlx::PgPool;

use crate::support::{PNG, TestApp, assert_error, eventually};

async fn backdate(app: &TestApp, id: &str) {
    sqlx::query("UPDATE uploads SET expires_at = now() - interval '1 second' WHERE id = $1::uuid")
        .bind(id)
        .execute(&app.env.pool)
        .await
        .unwrap();
}

#[sqlx::test(migrations = false)]
async fn sweep_expires_stale_uploads_and_deletes_their_objects(pool: PgPool) {
    let mut app = TestApp::spawn_api_only(pool).await;
    let stale = app.create_upload("stale.png", "image/png", PNG.len()).await;
    let fresh = app.create_upload("fresh.png", "image/png", PNG.len()).await;
    assert_eq!(app.put_signed(&stale, PNG).await, StatusCode::OK);
    let stale_id = stale["id"].as_str().unwrap();
    backdate(&app, stale_id).await;

    let state = app.worker_state();
    assert_eq!(sweep_uploads::run(&state).await.unwrap(), 1);
    assert_eq!(sweep_uploads::run(&state).await.unwrap(), 0, "each upload expires once");
    assert_eq!(app.get(&format!("/v1/uploads/{stale_id}")).await.1["status"], "expired");
    assert_eq!(
        app.get(&format!("/v1/uploads/{}", fresh["id"].as_str().unwrap()))
            .await
            .1["status"],
        "pending"
    );
    assert_error(&app.complete(stale_id).await, StatusCode::CONFLICT, "upload_expired");

    app.start_worker().await;
    let key = stale["object_key"].as_str().unwrap().to_owned();
    let storage = app.env.storage();
    eventually("the stale object to be deleted", || async {
        matches!(storage.head(&key).await, Err(StorageError::NotFound))
    })
    .await;
}

#[sqlx::test(migrations = false)]
async fn the_cron_schedule_runs_the_sweep(pool: PgPool) {
    let mut app = TestApp::spawn_api_only(pool).await;
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    let id = upload["id"].as_str().unwrap().to_owned();
    backdate(&app, &id).await;
    let mut config = (*app.env.config).clone();
    config.worker.sweep_schedule = "* * * * * *".into();
    app.env.config = Arc::new(config);
    app.start_worker().await;
    app.wait_status(&id, &["expired"]).await;
}

#[sqlx::test(migrations = false)]
async fn finished_jobs_are_pruned_after_their_retention(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    assert_eq!(app.upload("a.png", "image/png", PNG).await["status"], "ready");
    let db = &app.env.pool;
    let done = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM apalis.jobs WHERE status = 'Done'")
            .fetch_one(db)
            .await
            .unwrap()
    };
    eventually("both jobs (verify, variants) to be recorded as done", || async {
        done().await == 2
    })
    .await;
    assert_eq!(
        carcosa_common::jobs::prune_finished(db, 72).await.unwrap(),
        0,
        "recent jobs stay"
    );
    sqlx::query("UPDATE apalis.jobs SET done_at = now() - interval '73 hours'")
        .execute(db)
        .await
        .unwrap();
    assert_eq!(carcosa_common::jobs::prune_finished(db, 72).await.unwrap(), 2);
    assert_eq!(done().await, 0);
}
