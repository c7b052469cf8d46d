//! Resumable multipart uploads (#13) against the real S3 server: part URLs in batches, resuming
//! from what the bucket holds, completion that checks every part against the declared layout,
//! abort, quotas counting bytes in flight, and the sweep aborting what is left behind.

use std::time::Duration;

use carcosa_common::storage::StorageError;
use carcosa_worker::jobs::sweep_uploads;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{TestApp, assert_error, eventually, staging_key};

const MIB: usize = 1024 * 1024;
const TYPE: &str = "video/mp4";

/// An MP4 header (what the worker sniffs), then bytes that differ from part to part.
fn payload(len: usize) -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..len)
        .map(|i| b"carcosa multipart "[i % 18] ^ ((i / 4096) as u8 & 0x0f))
        .collect();
    let header = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2";
    let n = header.len().min(len);
    bytes[..n].copy_from_slice(&header[..n]);
    bytes
}

/// API and worker, with a project that takes octet streams up to 1 GiB.
async fn app(pool: PgPool) -> TestApp {
    let app = TestApp::spawn(pool).await;
    sqlx::query(
        "UPDATE projects SET allowed_content_types = '{video/mp4,image/*}', \
         max_upload_bytes = 1073741824 WHERE id = $1",
    )
    .bind(app.env.project.id.0)
    .execute(&app.env.pool)
    .await
    .unwrap();
    app
}

async fn create(app: &TestApp, size: usize, extra: Value) -> Value {
    let mut body = json!({"filename": "big.bin", "content_type": TYPE, "size": size, "multipart": true});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().cloned().unwrap_or_default());
    let (status, upload) = app.post("/v1/uploads", body).await;
    assert_eq!(status, StatusCode::CREATED, "{upload}");
    upload
}

async fn part_urls(app: &TestApp, id: &str, from: usize, count: usize) -> Vec<Value> {
    let (status, body) = app
        .get(&format!("/v1/uploads/{id}/parts?from={from}&count={count}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["parts"].as_array().unwrap().clone()
}

/// PUTs one part exactly as signed; returns the ETag the bucket answered.
async fn put_part(app: &TestApp, part: &Value, bytes: &[u8]) -> String {
    let mut req = app.http.put(part["url"].as_str().unwrap()).body(bytes.to_vec());
    for (name, value) in part["headers"].as_object().unwrap() {
        if name != "content-length" {
            req = req.header(name, value.as_str().unwrap());
        }
    }
    let resp = req.send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "{:?}", resp.text().await);
    resp.headers()["etag"].to_str().unwrap().to_owned()
}

fn slice(bytes: &[u8], part: &Value) -> Vec<u8> {
    let n = part["part_number"].as_u64().unwrap() as usize;
    let size = part["size"].as_u64().unwrap() as usize;
    let start = (n - 1) * 8 * MIB;
    bytes[start..start + size].to_vec()
}

async fn complete_with(app: &TestApp, id: &str, parts: Option<Value>) -> (StatusCode, Value) {
    let body = parts.map(|p| json!({ "parts": p }));
    app.request(
        Method::POST,
        &format!("/v1/uploads/{id}/complete"),
        Some(&app.env.key),
        body,
    )
    .await
}

#[sqlx::test(migrations = "../migrations")]
async fn a_multipart_upload_resumes_from_what_the_bucket_holds(pool: PgPool) {
    let app = app(pool).await;
    let bytes = payload(16 * MIB + 12_345);
    let upload = create(&app, bytes.len(), json!({})).await;
    let id = upload["id"].as_str().unwrap();
    assert!(
        upload.get("upload").is_none(),
        "no single PUT for a multipart upload: {upload}"
    );
    assert_eq!(upload["multipart"]["part_size"], 8 * MIB);
    assert_eq!(upload["multipart"]["part_count"], 3);
    assert_eq!(upload["multipart"]["parts_url"], format!("/v1/uploads/{id}/parts"));

    // The first part, then "the page reloads": the client asks the bucket what it has.
    let first = part_urls(&app, id, 1, 1).await;
    assert_eq!(first.len(), 1);
    assert_eq!(first[0]["size"], 8 * MIB);
    assert_eq!(first[0]["method"], "PUT");
    let etag1 = put_part(&app, &first[0], &slice(&bytes, &first[0])).await;
    let (status, held) = app.get(&format!("/v1/uploads/{id}/parts/uploaded")).await;
    assert_eq!(status, StatusCode::OK, "{held}");
    assert_eq!(held["part_count"], 3);
    assert_eq!(held["uploaded_bytes"], 8 * MIB);
    assert_eq!(held["parts"].as_array().unwrap().len(), 1);
    assert_eq!(held["parts"][0]["part_number"], 1);
    assert_eq!(held["parts"][0]["etag"].as_str().unwrap(), etag1.trim_matches('"'));

    // Completing early changes nothing and names what is missing.
    let early = complete_with(&app, id, None).await;
    assert_error(&early, StatusCode::CONFLICT, "parts_missing");
    assert!(
        early.1["error"]["message"].as_str().unwrap().contains("parts 2, 3"),
        "{}",
        early.1
    );
    assert_eq!(app.get(&format!("/v1/uploads/{id}")).await.1["status"], "pending");

    // The rest (the URL batch is capped at what exists), in parallel.
    let rest = part_urls(&app, id, 2, 100).await;
    assert_eq!(rest.len(), 2);
    assert_eq!(rest[1]["size"], 12_345);
    let (body2, body3) = (slice(&bytes, &rest[0]), slice(&bytes, &rest[1]));
    let (etag2, etag3) = tokio::join!(put_part(&app, &rest[0], &body2), put_part(&app, &rest[1], &body3));
    let parts = json!([
        {"part_number": 1, "etag": etag1},
        {"part_number": 2, "etag": etag2},
        {"part_number": 3, "etag": etag3},
    ]);
    let (status, done) = complete_with(&app, id, Some(parts.clone())).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{done}");
    // Completing again is harmless and reports the state.
    let (status, _) = complete_with(&app, id, Some(parts)).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let ready = app.wait_status(id, &["ready", "failed"]).await;
    assert_eq!(ready["status"], "ready", "{ready}");
    let file = ready["file_id"].as_str().unwrap();
    let (_, meta) = app.get(&format!("/v1/files/{file}")).await;
    assert_eq!(meta["size"], bytes.len());
    let (_, link) = app.get(&format!("/v1/files/{file}/download")).await;
    let got = reqwest::get(link["url"].as_str().unwrap())
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(got.as_ref() == bytes.as_slice(), "the file is the bytes sent, in order");
    // The staging object is gone once the file is recorded; a finished upload takes no parts.
    let staging = staging_key(&app, &upload).await;
    let storage = app.env.storage();
    eventually("the staging object to be released", || async {
        matches!(storage.head(&staging).await, Err(StorageError::NotFound))
    })
    .await;
    let late = app.get(&format!("/v1/uploads/{id}/parts")).await;
    assert_error(&late, StatusCode::CONFLICT, "upload_not_pending");
}

#[sqlx::test(migrations = "../migrations")]
async fn parts_that_do_not_add_up_fail_the_upload_and_abort_it(pool: PgPool) {
    let app = app(pool).await;
    let bytes = payload(9 * MIB);
    let upload = create(&app, bytes.len(), json!({})).await;
    let id = upload["id"].as_str().unwrap();
    let parts = part_urls(&app, id, 1, 2).await;
    // A part URL signs its length: a longer body is refused by the bucket.
    let mut longer = app.http.put(parts[1]["url"].as_str().unwrap()).body(vec![0u8; MIB + 1]);
    for (name, value) in parts[1]["headers"].as_object().unwrap() {
        if name != "content-length" {
            longer = longer.header(name, value.as_str().unwrap());
        }
    }
    let refused = longer.send().await.unwrap().status();
    assert!(refused.is_client_error(), "an over-long part is refused: {refused}");

    let etag1 = put_part(&app, &parts[0], &bytes[..8 * MIB]).await;
    // A store that ignored the signed length (or a part written around Carcosa): the sizes
    // are summed from ListParts before anything is completed.
    let (mp, staging): (String, String) =
        sqlx::query_as("SELECT multipart_id, staging_key FROM uploads WHERE id = $1::uuid")
            .bind(id)
            .fetch_one(&app.env.pool)
            .await
            .unwrap();
    app.env
        .storage()
        .presign_part(&staging, &mp, 2, 2 * MIB as i64, Duration::from_secs(60))
        .await
        .map(|p| p.url)
        .map(|url| async move {
            let resp = reqwest::Client::new()
                .put(url)
                .body(vec![1u8; 2 * MIB])
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::OK);
        })
        .unwrap()
        .await;

    // A wrong ETag is the client's stale view: refused, nothing changes.
    let stale = complete_with(&app, id, Some(json!([{"part_number": 1, "etag": "\"0000\""}]))).await;
    assert_error(&stale, StatusCode::CONFLICT, "part_mismatch");
    assert_eq!(app.get(&format!("/v1/uploads/{id}")).await.1["status"], "pending");

    let bad = complete_with(&app, id, Some(json!([{"part_number": 1, "etag": etag1}]))).await;
    assert_error(&bad, StatusCode::CONFLICT, "size_mismatch");
    let failed = app.get(&format!("/v1/uploads/{id}")).await.1;
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["failure_reason"], "size_mismatch");
    let storage = app.env.storage();
    eventually("the multipart upload to be aborted", || async {
        matches!(storage.list_parts(&staging, &mp).await, Err(StorageError::NotFound))
    })
    .await;
    assert!(matches!(storage.head(&staging).await, Err(StorageError::NotFound)));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_aborted_upload_frees_its_parts_and_takes_no_more(pool: PgPool) {
    let app = app(pool).await;
    let bytes = payload(9 * MIB);
    let upload = create(&app, bytes.len(), json!({})).await;
    let id = upload["id"].as_str().unwrap();
    let parts = part_urls(&app, id, 1, 2).await;
    put_part(&app, &parts[0], &bytes[..8 * MIB]).await;
    let (status, aborted) = app
        .request(Method::DELETE, &format!("/v1/uploads/{id}"), Some(&app.env.key), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{aborted}");
    assert_eq!(aborted["status"], "failed");
    assert_eq!(aborted["failure_reason"], "aborted");
    // Aborting twice answers the same; the parts are freed in the bucket.
    let (status, again) = app
        .request(Method::DELETE, &format!("/v1/uploads/{id}"), Some(&app.env.key), None)
        .await;
    assert_eq!((status, &again["failure_reason"]), (StatusCode::OK, &json!("aborted")));
    let staging = staging_key(&app, &upload).await;
    let mp: String = sqlx::query_scalar("SELECT multipart_id FROM uploads WHERE id = $1::uuid")
        .bind(id)
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    let storage = app.env.storage();
    eventually("the multipart upload to be aborted", || async {
        matches!(storage.list_parts(&staging, &mp).await, Err(StorageError::NotFound))
    })
    .await;
    for path in [
        format!("/v1/uploads/{id}/parts"),
        format!("/v1/uploads/{id}/parts/uploaded"),
    ] {
        assert_error(&app.get(&path).await, StatusCode::CONFLICT, "upload_not_pending");
    }
    // Completing it reports its state, like any repeated complete.
    let (status, state) = complete_with(&app, id, None).await;
    assert_eq!(
        (status, &state["failure_reason"]),
        (StatusCode::ACCEPTED, &json!("aborted"))
    );

    // A single-PUT upload aborts the same way; a ready one cannot be aborted.
    let single = app.create_upload("a.png", "image/png", crate::support::PNG.len()).await;
    let sid = single["id"].as_str().unwrap();
    let (status, body) = app
        .request(Method::DELETE, &format!("/v1/uploads/{sid}"), Some(&app.env.key), None)
        .await;
    assert_eq!((status, &body["failure_reason"]), (StatusCode::OK, &json!("aborted")));
    let ready = app.upload("b.png", "image/png", crate::support::PNG).await;
    let got = app
        .request(
            Method::DELETE,
            &format!("/v1/uploads/{}", ready["id"].as_str().unwrap()),
            Some(&app.env.key),
            None,
        )
        .await;
    assert_error(&got, StatusCode::CONFLICT, "upload_not_pending");
}

#[sqlx::test(migrations = "../migrations")]
async fn multipart_requests_are_checked(pool: PgPool) {
    let app = app(pool).await;
    let upload = create(&app, 9 * MIB, json!({})).await;
    let id = upload["id"].as_str().unwrap();
    for (query, field) in [
        ("from=0", "from"),
        ("from=3", "from"),
        ("count=0", "count"),
        ("count=1001", "count"),
    ] {
        let got = app.get(&format!("/v1/uploads/{id}/parts?{query}")).await;
        assert_error(&got, StatusCode::BAD_REQUEST, "validation_failed");
        assert_eq!(got.1["error"]["field"], field, "{query}");
    }
    let single = app.create_upload("a.png", "image/png", crate::support::PNG.len()).await;
    let sid = single["id"].as_str().unwrap();
    assert_error(
        &app.get(&format!("/v1/uploads/{sid}/parts")).await,
        StatusCode::CONFLICT,
        "not_multipart",
    );
    assert_error(
        &app.get(&format!("/v1/uploads/{sid}/parts/uploaded")).await,
        StatusCode::CONFLICT,
        "not_multipart",
    );
    // Bodies of complete: JSON or nothing.
    let raw = app
        .http
        .post(format!("{}/v1/uploads/{id}/complete", app.url))
        .bearer_auth(&app.env.key)
        .body("parts")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let wrong = app
        .post(&format!("/v1/uploads/{id}/complete"), json!({"parts": "all"}))
        .await;
    assert_error(&wrong, StatusCode::BAD_REQUEST, "validation_failed");
    // Expiry for multipart uploads is bounded on its own scale.
    let short = app
        .post(
            "/v1/uploads",
            json!({"filename": "x.bin", "content_type": TYPE, "size": 9 * MIB, "multipart": true, "expires_in": 60}),
        )
        .await;
    assert_error(&short, StatusCode::BAD_REQUEST, "validation_failed");

    // Over 5 GiB a single PUT is impossible; at the threshold multipart is the default.
    sqlx::query("UPDATE projects SET max_upload_bytes = 10995116277760 WHERE id = $1")
        .bind(app.env.project.id.0)
        .execute(&app.env.pool)
        .await
        .unwrap();
    let app2 = &app;
    let huge = 6i64 * 1024 * 1024 * 1024;
    // The API's key cache drops the old rules when the projects row changes (a notification).
    eventually("the new upload limit to apply", || async {
        let (status, _) = app2
            .post(
                "/v1/uploads",
                json!({"filename": "x.bin", "content_type": TYPE, "size": huge, "multipart": true}),
            )
            .await;
        status == StatusCode::CREATED
    })
    .await;
    let single_huge = app2
        .post(
            "/v1/uploads",
            json!({"filename": "x.bin", "content_type": TYPE, "size": huge, "multipart": false}),
        )
        .await;
    assert_error(&single_huge, StatusCode::BAD_REQUEST, "validation_failed");
    let (status, auto) = app2
        .post(
            "/v1/uploads",
            json!({"filename": "x.bin", "content_type": TYPE, "size": huge}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{auto}");
    assert_eq!(auto["multipart"]["part_count"], 768);
    let (status, small) = app2
        .post(
            "/v1/uploads",
            json!({"filename": "x.bin", "content_type": TYPE, "size": 64 * MIB - 1}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(
        small.get("multipart").is_none() && small["upload"]["method"] == "PUT",
        "{small}"
    );
    let (_, at) = app2
        .post(
            "/v1/uploads",
            json!({"filename": "x.bin", "content_type": TYPE, "size": 64 * MIB}),
        )
        .await;
    assert_eq!(at["multipart"]["part_count"], 8, "{at}");
}

#[sqlx::test(migrations = "../migrations")]
async fn quotas_count_multipart_bytes_in_flight(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    sqlx::query(
        "UPDATE projects SET allowed_content_types = '{video/mp4}', \
         quota_max_stored_bytes = 20971520 WHERE id = $1",
    )
    .bind(app.env.project.id.0)
    .execute(&app.env.pool)
    .await
    .unwrap();
    create(&app, 12 * MIB, json!({})).await;
    let (status, body) = app
        .post(
            "/v1/uploads",
            json!({"filename": "b.bin", "content_type": TYPE, "size": 12 * MIB, "multipart": true}),
        )
        .await;
    assert_error(&(status, body), StatusCode::FORBIDDEN, "quota_exceeded");
    create(&app, 8 * MIB, json!({})).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_sweep_aborts_expired_and_orphaned_multipart_uploads(pool: PgPool) {
    let app = app(pool).await;
    let upload = create(&app, 9 * MIB, json!({})).await;
    let id = upload["id"].as_str().unwrap();
    let parts = part_urls(&app, id, 1, 1).await;
    put_part(&app, &parts[0], &payload(8 * MIB)).await;
    let (mp, staging): (String, String) =
        sqlx::query_as("SELECT multipart_id, staging_key FROM uploads WHERE id = $1::uuid")
            .bind(id)
            .fetch_one(&app.env.pool)
            .await
            .unwrap();
    sqlx::query("UPDATE uploads SET expires_at = now() - interval '1 second' WHERE id = $1::uuid")
        .bind(id)
        .execute(&app.env.pool)
        .await
        .unwrap();
    let state = app.worker_state();
    assert_eq!(sweep_uploads::run(&state).await.unwrap(), 1);
    assert_eq!(app.get(&format!("/v1/uploads/{id}")).await.1["status"], "expired");
    let storage = app.env.storage();
    eventually("the expired multipart upload to be aborted", || async {
        matches!(storage.list_parts(&staging, &mp).await, Err(StorageError::NotFound))
    })
    .await;

    // One started in the bucket but never recorded (a crash between the two) and one recorded and
    // pending: only the first is aborted. (Keys outside Carcosa's layout are never touched: a unit
    // test. The pass is confined to this test's organization: tests running beside it keep their
    // multipart uploads in the same test bucket, recorded in other databases.)
    let scope_prefix = staging
        .rsplit_once("/_incoming/")
        .unwrap()
        .0
        .rsplit_once('/')
        .unwrap()
        .0;
    let org_prefix = format!("{}/", app.env.org.id);
    let orphan_key = format!("{scope_prefix}/{}/_incoming/lost.bin", uuid::Uuid::now_v7());
    let orphan = storage.create_multipart(&orphan_key, TYPE).await.unwrap();
    let live = create(&app, 9 * MIB, json!({})).await;
    let live_key = staging_key(&app, &live).await;
    let live_mp: String = sqlx::query_scalar("SELECT multipart_id FROM uploads WHERE id = $1::uuid")
        .bind(live["id"].as_str().unwrap())
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    let aborted = sweep_uploads::abort_orphaned_multipart(&state, Duration::ZERO, &org_prefix)
        .await
        .unwrap();
    assert_eq!(aborted, 1);
    assert!(matches!(
        storage.list_parts(&orphan_key, &orphan).await,
        Err(StorageError::NotFound)
    ));
    assert!(
        storage.list_parts(&live_key, &live_mp).await.is_ok(),
        "a pending upload keeps its parts"
    );
    // A young orphan is left alone: its row may not be written yet.
    let young = storage.create_multipart(&orphan_key, TYPE).await.unwrap();
    sweep_uploads::abort_orphaned_multipart(&state, Duration::from_secs(3600), &org_prefix)
        .await
        .unwrap();
    assert!(storage.list_parts(&orphan_key, &young).await.is_ok());
    storage.abort_multipart(&orphan_key, &young).await.unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn objects_over_the_single_copy_limit_are_copied_in_parts(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let storage = app.env.storage();
    let bytes = payload(11 * MIB + 7);
    let from = format!("copy-test/{}/from.bin", uuid::Uuid::now_v7());
    let to = from.replace("from.bin", "to.bin");
    storage.put(&from, bytes.clone(), TYPE).await.unwrap();
    let head = storage.head(&from).await.unwrap();
    // A stale ETag copies nothing.
    let stale = storage
        .copy_in_parts(&from, &to, bytes.len() as i64, 5 * MIB as i64, Some("0123"))
        .await;
    assert!(stale.is_err());
    assert!(matches!(storage.head(&to).await, Err(StorageError::NotFound)));
    storage
        .copy_in_parts(&from, &to, bytes.len() as i64, 5 * MIB as i64, head.etag.as_deref())
        .await
        .unwrap();
    assert!(storage.get(&to).await.unwrap() == bytes);
    storage.delete_prefix(&from.replace("from.bin", "")).await.unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn the_threshold_is_a_project_setting(pool: PgPool) {
    let app = app(pool).await;
    let key = app
        .env
        .key_for(&app.env.project, &[carcosa_common::domain::Permission::ProjectsWrite])
        .await;
    let patch = |body: Value| app.request(Method::PATCH, "/v1/projects/current", Some(&key), Some(body));
    for bad in [json!(1024), json!(6i64 * 1024 * 1024 * 1024)] {
        let got = patch(json!({"multipart_threshold_bytes": bad})).await;
        assert_error(&got, StatusCode::BAD_REQUEST, "validation_failed");
    }
    let (status, body) = patch(json!({"multipart_threshold_bytes": 8 * MIB})).await;
    assert!(status.is_success(), "{body}");
    assert_eq!(body["multipart_threshold_bytes"], 8 * MIB, "{body}");
}

#[sqlx::test(migrations = "../migrations")]
async fn an_expired_multipart_upload_signs_no_more_parts(pool: PgPool) {
    let app = app(pool).await;
    let upload = create(&app, 9 * MIB, json!({})).await;
    let id = upload["id"].as_str().unwrap();
    sqlx::query("UPDATE uploads SET expires_at = now() - interval '1 second' WHERE id = $1::uuid")
        .bind(id)
        .execute(&app.env.pool)
        .await
        .unwrap();
    for path in [
        format!("/v1/uploads/{id}/parts"),
        format!("/v1/uploads/{id}/parts/uploaded"),
    ] {
        assert_error(&app.get(&path).await, StatusCode::CONFLICT, "upload_expired");
    }
}
