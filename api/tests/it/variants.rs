//! Images get their project's preset variants before they are ready; an image the pipeline
//! refuses fails the upload with a reason and leaves the original intact.

use carcosa_common::storage::StorageError;
use reqwest::{Method, StatusCode};
use sqlx::PgPool;

use crate::support::{JPEG, PNG, TestApp, eventually};

#[sqlx::test(migrations = false)]
async fn presets_are_made_at_upload_and_deleted_with_the_file(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let done = app.upload("photo.jpg", "image/jpeg", JPEG).await;
    assert_eq!(done["status"], "ready", "{done}");
    let file_id = done["file_id"].as_str().unwrap();
    let (status, file) = app.get(&format!("/v1/files/{file_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (file["width"].as_i64(), file["height"].as_i64()),
        (Some(685), Some(999))
    );
    let variants = file["variants"].as_array().unwrap();
    let found: Vec<_> = variants
        .iter()
        .map(|v| {
            (
                v["transform"].as_str().unwrap(),
                v["width"].as_i64().unwrap(),
                v["height"].as_i64().unwrap(),
                v["format"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("w1024-inside-q80.webp", 685, 999, "webp"),
            ("w256-h256-cover-q80.webp", 256, 256, "webp")
        ]
    );

    let storage = app.env.storage();
    let upload_prefix = file["object_key"]
        .as_str()
        .unwrap()
        .rsplit_once('/')
        .unwrap()
        .0
        .to_owned();
    let mut keys = Vec::new();
    for v in variants {
        let key = v["object_key"].as_str().unwrap().to_owned();
        assert!(key.starts_with(&format!("{upload_prefix}/_v/")), "{key}");
        let bytes = storage.get(&key).await.unwrap();
        assert_eq!(bytes.len() as i64, v["size"].as_i64().unwrap());
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(i64::from(decoded.width()), v["width"].as_i64().unwrap());
        keys.push(key);
    }

    let (status, _) = app
        .request(
            Method::DELETE,
            &format!("/v1/files/{file_id}"),
            Some(&app.env.key),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for key in keys {
        eventually("variants to be deleted with the file", || async {
            matches!(storage.head(&key).await, Err(StorageError::NotFound))
        })
        .await;
    }
}

#[sqlx::test(migrations = false)]
async fn an_image_the_pipeline_refuses_fails_with_a_reason_and_keeps_the_original(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    // A real PNG signature and header, then garbage: it passes sniffing, not decoding.
    let mut broken = PNG[..64].to_vec();
    broken.extend_from_slice(&[0x42; 512]);
    let done = app.upload("broken.png", "image/png", &broken).await;
    assert_eq!(
        (done["status"].as_str(), done["failure_reason"].as_str()),
        (Some("failed"), Some("corrupt_image")),
        "{done}"
    );
    let files: i64 = sqlx::query_scalar("SELECT count(*) FROM files")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(files, 1, "the original file stays recorded");
    let key = done["object_key"].as_str().unwrap();
    assert!(app.env.storage().head(key).await.is_ok(), "the original object stays");
    // The file list and the upload agree: the file is listed with its upload's verdict.
    let (_, list) = app.get("/v1/files").await;
    let listed = &list["data"][0];
    assert_eq!(
        (listed["status"].as_str(), listed["failure_reason"].as_str()),
        (Some("failed"), Some("corrupt_image")),
        "{list}"
    );
    assert_eq!(listed["width"], serde_json::Value::Null);
}

#[sqlx::test(migrations = false)]
async fn non_images_skip_processing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let rules = carcosa_common::domain::UploadRules {
        allowed_content_types: vec!["text/csv".into()],
        ..Default::default()
    };
    carcosa_common::db::projects::set_rules(&app.env.pool, app.env.project.id, &rules)
        .await
        .unwrap();
    let csv = b"a,b\n1,2\n";
    // No request has been made yet, so no cached key lookup holds the old rules.
    let done = app.create_upload("t.csv", "text/csv", csv.len()).await;
    assert_eq!(app.put_signed(&done, csv).await, StatusCode::OK);
    let id = done["id"].as_str().unwrap();
    app.complete(id).await;
    let state = app.wait_status(id, &["ready", "failed"]).await;
    assert_eq!(state["status"], "ready");
    let variants: i64 = sqlx::query_scalar("SELECT count(*) FROM variants")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(variants, 0);
}
