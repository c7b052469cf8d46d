//! Another project's ids answer 404 — never 403 — and nothing about them changes.

use reqwest::{Method, StatusCode};
use sqlx::PgPool;

use crate::support::{PNG, TestApp, assert_error};

#[sqlx::test(migrations = false)]
async fn other_projects_uploads_and_files_are_not_found(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let ready = app.upload("mine.png", "image/png", PNG).await;
    let file_id = ready["file_id"].as_str().unwrap().to_owned();
    let pending = app.create_upload("pending.png", "image/png", PNG.len()).await;
    let pending_id = pending["id"].as_str().unwrap().to_owned();

    let (_, intruder) = app.env.other_project("intruder").await;
    let k = Some(intruder.as_str());
    let probes = [
        (Method::GET, format!("/v1/uploads/{pending_id}")),
        (Method::POST, format!("/v1/uploads/{pending_id}/complete")),
        (Method::GET, format!("/v1/files/{file_id}")),
        (Method::GET, format!("/v1/files/{file_id}/download")),
        (Method::DELETE, format!("/v1/files/{file_id}")),
    ];
    for (method, path) in probes {
        assert_error(
            &app.request(method, &path, k, None).await,
            StatusCode::NOT_FOUND,
            "not_found",
        );
    }
    let (status, page) = app.request(Method::GET, "/v1/files", k, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["data"].as_array().unwrap().len(), 0);

    assert_eq!(
        app.get(&format!("/v1/uploads/{pending_id}")).await.1["status"],
        "pending",
        "intruder's complete changed nothing"
    );
    assert_eq!(
        app.get(&format!("/v1/files/{file_id}")).await.0,
        StatusCode::OK,
        "intruder's delete changed nothing"
    );
}
