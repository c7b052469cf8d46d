//! Content swaps after verification (#10): a presigned PUT only ever writes the upload's staging
//! key. Re-PUTting other bytes with the original URL after the upload is ready, failed or its
//! file deleted changes nothing anyone is served, and the sweep removes what the PUT left once
//! the URL has expired — no reachable swapped bytes, no orphan object.

use carcosa_common::storage::{StorageError, prefix_of};
use carcosa_worker::jobs::sweep_uploads;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use sqlx::PgPool;

use crate::support::{PNG, TestApp, eventually, staging_key};

const SWAP: &[u8] = b"<html><script>alert(document.domain)</script></html>";

/// `SWAP` padded to the signed length, declared with the signed type: what an attacker holding
/// the URL can PUT.
fn swapped_bytes(len: usize) -> Vec<u8> {
    let mut bytes = SWAP.to_vec();
    bytes.resize(len, b' ');
    bytes
}

async fn backdate(app: &TestApp, upload: &Value) {
    sqlx::query("UPDATE uploads SET expires_at = now() - interval '1 second' WHERE id = $1::uuid")
        .bind(upload["id"].as_str().unwrap())
        .execute(&app.env.pool)
        .await
        .unwrap();
}

/// Every key under the upload's prefix.
async fn keys_under(app: &TestApp, upload: &Value) -> Vec<String> {
    let prefix = prefix_of(upload["object_key"].as_str().unwrap()).to_owned();
    app.env.storage().list(&prefix).await.unwrap()
}

async fn download(app: &TestApp, file: &str) -> Vec<u8> {
    let (status, body) = app.get(&format!("/v1/files/{file}/download")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let resp = reqwest::get(body["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    resp.bytes().await.unwrap().to_vec()
}

/// Runs the sweep's staging pass and waits for the delete jobs it queued.
async fn sweep_staging(app: &TestApp, upload: &Value) {
    backdate(app, upload).await;
    let released = sweep_uploads::release_staging(&app.worker_state()).await.unwrap();
    assert_eq!(released, 1, "the upload's staging key is released once");
    assert_eq!(sweep_uploads::release_staging(&app.worker_state()).await.unwrap(), 0);
    let key = staging_key(app, upload).await;
    let storage = app.env.storage();
    eventually("the staging object to be deleted", || async {
        matches!(storage.head(&key).await, Err(StorageError::NotFound))
    })
    .await;
}

/// A PNG uploaded to `ready`: the create answer (with its presigned URL, which the tests reuse as
/// an attacker would) and the final upload state.
async fn ready_upload(app: &TestApp) -> (Value, Value) {
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    assert_eq!(app.put_signed(&upload, PNG).await, StatusCode::OK);
    let id = upload["id"].as_str().unwrap();
    app.complete(id).await;
    let done = app.wait_status(id, &["ready", "failed"]).await;
    assert_eq!(done["status"], "ready", "{done}");
    (upload, done)
}

#[sqlx::test(migrations = false)]
async fn the_presigned_url_never_targets_the_final_key(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    let url = upload["upload"]["url"].as_str().unwrap();
    let staging = staging_key(&app, &upload).await;
    assert!(staging.contains("/_incoming/"), "{staging}");
    assert!(url.contains(&staging), "{url} signs {staging}");
    assert!(!url.contains(&format!("{}?", upload["object_key"].as_str().unwrap())));
    assert_eq!(app.put_signed(&upload, PNG).await, StatusCode::OK);
    assert!(
        matches!(
            app.env.storage().head(upload["object_key"].as_str().unwrap()).await,
            Err(StorageError::NotFound)
        ),
        "nothing at the final key before verification"
    );
}

#[sqlx::test(migrations = false)]
async fn a_re_put_after_ready_is_never_served_and_is_swept(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (upload, done) = ready_upload(&app).await;
    let file = done["file_id"].as_str().unwrap();
    assert!(
        matches!(
            app.env.storage().head(&staging_key(&app, &upload).await).await,
            Err(StorageError::NotFound)
        ),
        "the staging object is deleted once the file is recorded"
    );

    // The attacker still holds the URL: the PUT lands, but on the staging key.
    assert_eq!(app.put_signed(&upload, &swapped_bytes(PNG.len())).await, StatusCode::OK);
    assert_eq!(
        download(&app, file).await,
        PNG,
        "the download serves the verified bytes"
    );
    let (_, listed) = app.get(&format!("/v1/files/{file}")).await;
    assert_eq!(listed["size"], PNG.len());

    sweep_staging(&app, &upload).await;
    let mut left = keys_under(&app, &upload).await;
    left.sort();
    assert!(left.iter().all(|k| !k.contains("/_incoming/")), "{left:?}");
    assert!(left.contains(&upload["object_key"].as_str().unwrap().to_owned()));
    assert_eq!(download(&app, file).await, PNG);
}

#[sqlx::test(migrations = false)]
async fn a_re_put_after_a_failed_verdict_leaves_no_orphan(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    // Not a PNG: refused, and its object deleted.
    assert_eq!(app.put_signed(&upload, &swapped_bytes(PNG.len())).await, StatusCode::OK);
    let id = upload["id"].as_str().unwrap();
    app.complete(id).await;
    let done = app.wait_status(id, &["ready", "failed"]).await;
    assert_eq!(done["failure_reason"], "type_mismatch", "{done}");
    assert!(keys_under(&app, &upload).await.is_empty());

    // Written again with the same URL: no row points at it, no quota counts it…
    assert_eq!(app.put_signed(&upload, &swapped_bytes(PNG.len())).await, StatusCode::OK);
    assert_eq!(keys_under(&app, &upload).await.len(), 1);
    let (_, files) = app.get("/v1/files").await;
    assert_eq!(files["data"].as_array().unwrap().len(), 0);
    // …and the sweep removes it once the URL has expired.
    sweep_staging(&app, &upload).await;
    assert!(keys_under(&app, &upload).await.is_empty());
}

#[sqlx::test(migrations = false)]
async fn a_re_put_after_delete_leaves_no_orphan(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (upload, done) = ready_upload(&app).await;
    let file = done["file_id"].as_str().unwrap();
    let (status, _) = app
        .request(Method::DELETE, &format!("/v1/files/{file}"), Some(&app.env.key), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    eventually("the file's objects to be deleted", || async {
        keys_under(&app, &upload).await.is_empty()
    })
    .await;

    // The upload's URL has not expired yet: the PUT is accepted, onto the staging key.
    assert_eq!(app.put_signed(&upload, &swapped_bytes(PNG.len())).await, StatusCode::OK);
    assert_eq!(keys_under(&app, &upload).await.len(), 1);
    assert_eq!(app.get(&format!("/v1/files/{file}")).await.0, StatusCode::NOT_FOUND);
    sweep_staging(&app, &upload).await;
    assert!(keys_under(&app, &upload).await.is_empty(), "no orphan object");
}

#[sqlx::test(migrations = false)]
async fn the_worker_copies_only_the_version_it_verified(pool: PgPool) {
    // What the worker relies on between its sniff and its copy: a PUT in between (the URL is
    // still valid) changes the ETag, and the conditional copy then copies nothing.
    let app = TestApp::spawn_api_only(pool).await;
    let upload = app.create_upload("a.png", "image/png", PNG.len()).await;
    assert_eq!(app.put_signed(&upload, PNG).await, StatusCode::OK);
    let staging = staging_key(&app, &upload).await;
    let storage = app.env.storage();
    let verified = storage.head(&staging).await.unwrap();
    assert_eq!(app.put_signed(&upload, &swapped_bytes(PNG.len())).await, StatusCode::OK);
    let target = upload["object_key"].as_str().unwrap();
    let copied = storage.copy(&staging, target, verified.etag.as_deref()).await;
    assert!(matches!(copied, Err(StorageError::Changed)), "{copied:?}");
    assert!(matches!(storage.head(target).await, Err(StorageError::NotFound)));
}
