//! URL imports (#13): a worker fetches the URL into the bucket and verifies it like any upload;
//! the outbound guard refuses private addresses however they are reached — decimal and octal
//! IPs, IPv4-mapped IPv6, a name resolving to loopback, a redirect from an allowed address to a
//! private one — and sizes, types and failures end in stable codes with words.

use axum::body::Body;
use axum::extract::Query;
use axum::http::{StatusCode as AxumStatus, header};
use axum::response::{IntoResponse, Response};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{PNG, TestApp, assert_error};

const MIB: usize = 1024 * 1024;

fn big_video() -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..17 * MIB + 123).map(|i| (i % 241) as u8).collect();
    bytes[..20].copy_from_slice(b"\0\0\0\x18ftypisom\0\0\x02\0isom");
    bytes
}

/// A source server on `ip`: files, a redirect, errors and a body with no length.
async fn source(ip: &str) -> String {
    #[derive(serde::Deserialize)]
    struct To {
        to: String,
    }
    let app = axum::Router::new()
        .route(
            "/img/icon.png",
            axum::routing::get(|| async { ([(header::CONTENT_TYPE, "image/png")], PNG) }),
        )
        .route(
            "/no-type",
            axum::routing::get(|| async { Response::new(Body::from(PNG)) }),
        )
        .route(
            "/page.html",
            axum::routing::get(|| async { ([(header::CONTENT_TYPE, "text/html")], "<html>hi</html>") }),
        )
        .route("/missing.png", axum::routing::get(|| async { AxumStatus::NOT_FOUND }))
        .route(
            "/redirect",
            axum::routing::get(|Query(q): Query<To>| async move {
                (AxumStatus::FOUND, [(header::LOCATION, q.to)]).into_response()
            }),
        )
        .route(
            "/endless",
            axum::routing::get(|| async {
                // No Content-Length: the size limit must stop the read itself.
                let chunks = futures::stream::iter((0..64).map(|_| Ok::<_, std::io::Error>(vec![b'x'; 64 * 1024])));
                ([(header::CONTENT_TYPE, "image/png")], Body::from_stream(chunks)).into_response()
            }),
        )
        .route(
            "/movie.mp4",
            axum::routing::get(|| async { ([(header::CONTENT_TYPE, "video/mp4")], big_video()) }),
        );
    let listener = tokio::net::TcpListener::bind((ip, 0)).await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

async fn import(app: &TestApp, body: Value) -> (StatusCode, Value) {
    app.post("/v1/uploads/from-url", body).await
}

async fn imported(app: &TestApp, body: Value) -> Value {
    let (status, upload) = import(app, body).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{upload}");
    assert_eq!(upload["status"], "pending");
    app.wait_status(upload["id"].as_str().unwrap(), &["ready", "failed"])
        .await
}

#[sqlx::test(migrations = "../migrations")]
async fn an_imported_image_becomes_a_file_like_any_upload(pool: PgPool) {
    let app = TestApp::spawn_configured(pool, |c| c.outbound.allow_loopback = true).await;
    sqlx::query(
        "UPDATE projects SET allowed_content_types = '{image/*,video/mp4}', max_upload_bytes = 67108864 WHERE id = $1",
    )
    .bind(app.env.project.id.0)
    .execute(&app.env.pool)
    .await
    .unwrap();
    let src = source("127.0.0.1").await;
    let done = imported(
        &app,
        json!({"url": format!("{src}/img/icon.png"), "metadata": {"via": "import"}}),
    )
    .await;
    assert_eq!(done["status"], "ready", "{done}");
    assert_eq!(done["filename"], "icon.png", "named after the URL");
    assert_eq!(done["size"], PNG.len());
    assert_eq!(done["content_type"], "image/png");
    assert_eq!(done["source_url"], format!("{src}/img/icon.png"));
    let file = done["file_id"].as_str().unwrap();
    let (_, meta) = app.get(&format!("/v1/files/{file}")).await;
    assert_eq!(meta["metadata"], json!({"via": "import"}));
    assert!(!meta["variants"].as_array().unwrap().is_empty(), "presets made: {meta}");
    let (_, link) = app.get(&format!("/v1/files/{file}/download")).await;
    let got = reqwest::get(link["url"].as_str().unwrap())
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(got.as_ref(), PNG);

    // No Content-Type: the bytes say what it is.
    let sniffed = imported(&app, json!({"url": format!("{src}/no-type"), "filename": "logo.png"})).await;
    assert_eq!(
        (sniffed["status"].clone(), sniffed["content_type"].clone()),
        (json!("ready"), json!("image/png"))
    );

    // A body over 8 MiB goes into the bucket in parts, in order.
    let movie = imported(&app, json!({"url": format!("{src}/movie.mp4")})).await;
    assert_eq!(movie["status"], "ready", "{movie}");
    let (_, link) = app
        .get(&format!("/v1/files/{}/download", movie["file_id"].as_str().unwrap()))
        .await;
    let got = reqwest::get(link["url"].as_str().unwrap())
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(got.as_ref() == big_video().as_slice());
}

#[sqlx::test(migrations = "../migrations")]
async fn sources_that_fail_end_the_upload_with_a_reason_in_words(pool: PgPool) {
    let app = TestApp::spawn_configured(pool, |c| {
        c.outbound.allow_loopback = true;
        c.ingest.max_redirects = 2;
    })
    .await;
    sqlx::query("UPDATE projects SET max_upload_bytes = 1048576 WHERE id = $1")
        .bind(app.env.project.id.0)
        .execute(&app.env.pool)
        .await
        .unwrap();
    let src = source("127.0.0.1").await;
    let cases = [
        (format!("{src}/missing.png"), "fetch_failed", "404"),
        (format!("{src}/page.html"), "type_mismatch", "text/html"),
        (format!("{src}/endless"), "too_large", "limit of 1048576"),
        (
            format!("{src}/redirect?to={src}/redirect%3Fto%3D{src}/redirect%253Fto%253D{src}/img/icon.png"),
            "fetch_failed",
            "more than 2 redirects",
        ),
    ];
    for (url, reason, words) in cases {
        let failed = imported(&app, json!({ "url": url })).await;
        assert_eq!(failed["status"], "failed", "{url}: {failed}");
        assert_eq!(failed["failure_reason"], reason, "{url}: {failed}");
        let detail = failed["failure_detail"].as_str().unwrap();
        assert!(detail.contains(words), "{url}: {detail}");
    }
    // One redirect is followed.
    let ok = imported(&app, json!({"url": format!("{src}/redirect?to={src}/img/icon.png")})).await;
    assert_eq!(ok["status"], "ready", "{ok}");
    // Nothing a failed import fetched stays in the bucket.
    let keys = app.env.storage().list(&format!("{}/", app.env.org.id)).await.unwrap();
    let orphans: Vec<&String> = keys.iter().filter(|k| k.contains("/_incoming/")).collect();
    assert!(orphans.is_empty(), "{orphans:?}");
    // Bad requests.
    for (body, code) in [
        (json!({"url": "ftp://example.com/a.png"}), "url_refused"),
        (json!({"url": "not a url"}), "url_refused"),
        (
            json!({"url": format!("{src}/a.png"), "filename": "../x"}),
            "invalid_filename",
        ),
        (json!({"url": format!("{src}/a.png"), "route": "nope"}), "unknown_route"),
        (
            json!({"url": format!("{src}/a.png"), "metadata": []}),
            "validation_failed",
        ),
        (json!({"href": "x"}), "validation_failed"),
    ] {
        let got = import(&app, body.clone()).await;
        assert_error(&got, StatusCode::BAD_REQUEST, code);
    }
    let got = import(&app, json!({"url": format!("{src}/a.png"), "tenant": "nobody"})).await;
    assert_error(&got, StatusCode::NOT_FOUND, "not_found");
}

#[sqlx::test(migrations = "../migrations")]
async fn private_addresses_are_refused_however_they_are_reached(pool: PgPool) {
    // Production's policy, with one operator-allowed address (127.0.0.2) to stand for a public
    // server: loopback itself is not allowed.
    let app = TestApp::spawn_configured(pool, |c| c.outbound.allow_cidrs = vec!["127.0.0.2/32".into()]).await;
    let allowed = source("127.0.0.2").await;
    let private = source("127.0.0.1").await;
    let port = private.rsplit(':').next().unwrap().to_owned();

    // The allowed server works.
    let ok = imported(&app, json!({"url": format!("{allowed}/img/icon.png")})).await;
    assert_eq!(ok["status"], "ready", "{ok}");

    // Spelled as an address: refused before anything is queued.
    for url in [
        format!("http://127.0.0.1:{port}/img/icon.png"),
        format!("http://2130706433:{port}/img/icon.png"),
        format!("http://0177.0.0.1:{port}/img/icon.png"),
        format!("http://[::ffff:127.0.0.1]:{port}/img/icon.png"),
        format!("http://[::1]:{port}/img/icon.png"),
        "http://169.254.169.254/latest/meta-data/iam/".to_owned(),
        "http://[fd00:ec2::254]/latest/meta-data/".to_owned(),
        "http://10.0.0.1/a.png".to_owned(),
    ] {
        let got = import(&app, json!({ "url": url })).await;
        assert_error(&got, StatusCode::BAD_REQUEST, "url_refused");
    }

    // A name that resolves to loopback: refused when it resolves, with the reason.
    let by_name = imported(&app, json!({"url": format!("http://localhost:{port}/img/icon.png")})).await;
    assert_eq!(by_name["failure_reason"], "fetch_failed", "{by_name}");
    let detail = by_name["failure_detail"].as_str().unwrap();
    assert!(
        detail.contains("refused address") && detail.contains("loopback"),
        "{detail}"
    );

    // A redirect from the allowed server to a private one: the hop is checked and refused.
    let hop = imported(
        &app,
        json!({"url": format!("{allowed}/redirect?to=http://127.0.0.1:{port}/img/icon.png")}),
    )
    .await;
    assert_eq!(hop["failure_reason"], "fetch_failed", "{hop}");
    assert!(hop["failure_detail"].as_str().unwrap().contains("loopback"), "{hop}");
    let hop = imported(
        &app,
        json!({"url": format!("{allowed}/redirect?to=http://localhost:{port}/img/icon.png")}),
    )
    .await;
    assert!(
        hop["failure_detail"].as_str().unwrap().contains("refused address"),
        "{hop}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_import_under_a_route_meets_its_tenant_and_metadata_rules(pool: PgPool) {
    use carcosa_common::domain::Permission;
    let app = TestApp::spawn_configured(pool, |c| c.outbound.allow_loopback = true).await;
    let admin = app.env.key_for(&app.env.project, &[Permission::ProjectsWrite]).await;
    let routes = json!({"routes": {"docs": {
        "content_types": ["image/*"], "max_file_size": 1048576, "tenant_required": true,
        "metadata": {"type": "object", "properties": {"caption": {"type": "string", "maxLength": 5}}}
    }}});
    let (status, body) = app
        .request(
            reqwest::Method::PUT,
            "/v1/projects/current/upload-routes",
            Some(&admin),
            Some(routes),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let src = source("127.0.0.1").await;
    let url = format!("{src}/img/icon.png");
    let got = import(&app, json!({"url": url, "route": "docs"})).await;
    assert_error(&got, StatusCode::BAD_REQUEST, "tenant_required");
    let got = import(
        &app,
        json!({"url": url, "route": "docs", "metadata": {"caption": "far too long"}}),
    )
    .await;
    // The tenant rule is checked before the metadata.
    assert_error(&got, StatusCode::BAD_REQUEST, "tenant_required");
    sqlx::query("INSERT INTO tenants (id, project_id, slug, name) VALUES (gen_random_uuid(), $1, 'acme', 'Acme')")
        .bind(app.env.project.id.0)
        .execute(&app.env.pool)
        .await
        .unwrap();
    let got = import(
        &app,
        json!({"url": url, "route": "docs", "tenant": "acme", "metadata": {"caption": "far too long"}}),
    )
    .await;
    assert_error(&got, StatusCode::BAD_REQUEST, "invalid_metadata");
    let ok = imported(
        &app,
        json!({"url": url, "route": "docs", "tenant": "acme", "metadata": {"caption": "hi"}}),
    )
    .await;
    assert_eq!(ok["status"], "ready", "{ok}");
    assert_eq!(ok["tenant"], "acme");
}
