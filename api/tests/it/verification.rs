//! The worker decides, never the client: missing objects, lies about the type, sizes changed
//! behind the API's back and rules tightened after presign all end `failed` with a reason, and
//! the rejected object is deleted.

use carcosa_common::db::buckets::SECRET_KEY_FIELD;
use carcosa_common::db::projects;
use carcosa_common::domain::UploadRules;
use carcosa_common::storage::StorageError;
use reqwest::StatusCode;
use secrecy::SecretString;
use sqlx::PgPool;

use crate::support::{JPEG, PNG, TestApp, eventually, staging_key};

/// Whether `key` is (or within 20 s becomes) absent: rejected objects are deleted by a job
/// queued with the rejection.
async fn object_gone(app: &TestApp, key: &str) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if matches!(app.env.storage().head(key).await, Err(StorageError::NotFound)) {
            return true;
        }
        if std::time::Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[sqlx::test(migrations = false)]
async fn complete_before_any_put_fails_with_object_missing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    let id = upload["id"].as_str().unwrap();
    app.complete(id).await;
    let done = app.wait_status(id, &["ready", "failed"]).await;
    assert_eq!(
        (done["status"].as_str(), done["failure_reason"].as_str()),
        (Some("failed"), Some("object_missing"))
    );
    assert!(done.get("file_id").is_none());
}

#[sqlx::test(migrations = false)]
async fn bytes_that_are_not_the_declared_type_fail_and_are_deleted(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let text = b"this is a text file that only claims to be a PNG image".to_vec();
    for (name, declared, bytes) in [
        ("notes.png", "image/png", text.as_slice()),
        ("photo.png", "image/png", JPEG),
    ] {
        let upload = app.create_upload(name, declared, bytes.len()).await;
        assert_eq!(
            app.put_signed(&upload, bytes).await,
            StatusCode::OK,
            "S3 accepts it: the signature only binds headers"
        );
        let id = upload["id"].as_str().unwrap();
        app.complete(id).await;
        let done = app.wait_status(id, &["ready", "failed"]).await;
        assert_eq!(
            (done["status"].as_str(), done["failure_reason"].as_str()),
            (Some("failed"), Some("type_mismatch")),
            "{name}"
        );
        assert!(
            object_gone(&app, &staging_key(&app, &upload).await).await,
            "{name}: rejected object deleted"
        );
        assert!(
            object_gone(&app, upload["object_key"].as_str().unwrap()).await,
            "{name}: never copied to its final key"
        );
    }
    let files: i64 = sqlx::query_scalar("SELECT count(*) FROM files")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(files, 0);
}

#[sqlx::test(migrations = false)]
async fn object_replaced_behind_the_api_fails_with_size_mismatch(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    let key = staging_key(&app, &upload).await;
    // Someone holding the bucket's own credentials writes a different object at the key.
    app.env
        .storage()
        .put(&key, [PNG, b"tail"].concat(), "image/png")
        .await
        .unwrap();
    let id = upload["id"].as_str().unwrap();
    app.complete(id).await;
    let done = app.wait_status(id, &["ready", "failed"]).await;
    assert_eq!(done["failure_reason"], "size_mismatch");
    assert!(object_gone(&app, &key).await);
}

#[sqlx::test(migrations = false)]
async fn rules_tightened_after_presign_fail_with_too_large(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let upload = app.create_upload("a.jpg", "image/jpeg", JPEG.len()).await;
    assert_eq!(app.put_signed(&upload, JPEG).await, StatusCode::OK);
    let rules = UploadRules {
        max_upload_bytes: 1000,
        ..UploadRules::default()
    };
    projects::set_rules(&app.env.pool, app.env.project.id, &rules)
        .await
        .unwrap();
    let id = upload["id"].as_str().unwrap();
    app.complete(id).await;
    let done = app.wait_status(id, &["ready", "failed"]).await;
    assert_eq!(done["failure_reason"], "too_large");
    assert!(object_gone(&app, upload["object_key"].as_str().unwrap()).await);
}

#[sqlx::test(migrations = false)]
async fn a_job_that_keeps_failing_gives_up_visibly(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    assert_eq!(app.put_signed(&upload, PNG).await, StatusCode::OK);
    // Break the bucket's secret so every S3 call is refused: verification can only retry.
    let env = &app.env;
    let wrong = env
        .sealer
        .seal_credential(env.bucket.id.0, SECRET_KEY_FIELD, &SecretString::from("not-the-secret"));
    sqlx::query("UPDATE buckets SET secret_key_sealed = $1, updated_at = now() WHERE id = $2")
        .bind(wrong)
        .bind(env.bucket.id.0)
        .execute(&env.pool)
        .await
        .unwrap();
    let id = upload["id"].as_str().unwrap();
    app.complete(id).await;
    let done = app.wait_status(id, &["ready", "failed"]).await;
    assert_eq!(done["failure_reason"], "verification_error");
    let job = || async {
        sqlx::query_as::<_, (String, i32)>(
            "SELECT status, attempts FROM apalis.jobs WHERE job_type = 'complete_upload'",
        )
        .fetch_one(&env.pool)
        .await
        .unwrap()
    };
    eventually("the job to be killed", || async { job().await.0 == "Killed" }).await;
    assert_eq!(
        job().await.1,
        env.config.worker.max_attempts as i32,
        "ran exactly max_attempts times"
    );
}
