//! The client commands against a real `carcosa dev`, as a user runs them: `login` stores the key
//! privately, `upload` sends files straight to the bucket and reports their ids, `files` lists,
//! shows, makes URLs and deletes, `routes push` shows the difference before applying it — all
//! over HTTP, with clear errors and a failing exit code when something is refused.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use sqlx::PgPool;

use crate::processes::{Proc, carcosa, run, stderr, stdout};

/// The client with its config dir in `home` (and no server settings from the environment).
fn client(home: &Path) -> Command {
    let mut cmd = carcosa("postgres://unused");
    cmd.env_remove("DATABASE_URL").env("XDG_CONFIG_HOME", home);
    cmd
}

fn fixture_path(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// `carcosa dev` on free ports: the process, its API URL and its demo key.
fn dev_with_key(pool: &PgPool, data: &Path) -> (Proc, String, String) {
    let dev = crate::dev::spawn_dev(pool, data);
    let field = |line: String| line.split_whitespace().last().unwrap().to_owned();
    let api = field(dev.wait_line("  API          ", Duration::from_secs(60)));
    let key = field(dev.wait_line("  API key      ", Duration::from_secs(5)));
    (dev, api, key)
}

#[sqlx::test(migrations = false)]
async fn login_upload_files_and_routes_over_http(pool: PgPool) {
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let (dev, api, key) = dev_with_key(&pool, data.path());

    // Without a login there is nothing to talk to.
    let out = run(client(home.path()).args(["files", "ls"]));
    assert!(!out.status.success());
    assert!(stderr(&out).contains("carcosa login"), "{}", stderr(&out));

    // A wrong key is refused before anything is stored.
    let out = run(client(home.path()).args(["login", "--url", &api, "--key", "ck_wrong_wrong"]));
    assert!(!out.status.success());
    assert!(stderr(&out).contains("unauthorized"), "{}", stderr(&out));
    let stored = home.path().join("carcosa/credentials.json");
    assert!(!stored.exists());

    let out = run(client(home.path()).args(["login", "--url", &api, "--key", &key]));
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = std::fs::metadata(&stored).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the key is readable by its owner only");

    // Two files at once; JSON out.
    let out = run(client(home.path()).args([
        "upload",
        "--json",
        "-j",
        "2",
        &fixture_path("progressive_android_685x999.jpg"),
        &fixture_path("icon_rgba_128x128.png"),
    ]));
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let results: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<String> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r["upload"]["status"], "ready", "{r}");
            r["upload"]["file_id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 2);

    let out = run(client(home.path()).args(["files", "ls", "--json"]));
    let listed = stdout(&out);
    for id in &ids {
        assert!(listed.contains(id.as_str()), "{listed}");
    }
    let out = run(client(home.path()).args(["files", "url", &ids[0], "--preset", "thumb"]));
    let url = stdout(&out).trim().to_owned();
    assert!(url.contains("/thumb?sig="), "{url}");
    let thumb = reqwest::get(&url).await.unwrap();
    assert_eq!(thumb.status(), 200);
    assert_eq!(thumb.headers()["content-type"], "image/webp");
    let out = run(client(home.path()).args(["files", "url", &ids[1]]));
    let download = reqwest::get(stdout(&out).trim()).await.unwrap().bytes().await.unwrap();
    assert_eq!(
        download.len(),
        std::fs::read(fixture_path("icon_rgba_128x128.png")).unwrap().len()
    );

    // A refused file: the server's code and words, a failing exit code.
    let text = home.path().join("notes.txt");
    std::fs::write(&text, "not an image").unwrap();
    let out = run(client(home.path()).args(["upload", text.to_str().unwrap()]));
    assert!(!out.status.success());
    assert!(stdout(&out).contains("content_type_not_allowed"), "{}", stdout(&out));

    // Routes from a file in the SDK's form: the difference first, then applied.
    let routes = home.path().join("routes.json");
    std::fs::write(
        &routes,
        r#"{"avatar": {"contentTypes": ["image/*"], "maxFileSize": "100KB", "maxFiles": 1, "presets": ["thumb"]}}"#,
    )
    .unwrap();
    let out = run(client(home.path()).args(["routes", "push", routes.to_str().unwrap(), "--dry-run"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("+ avatar"), "{}", stdout(&out));
    let out = run(client(home.path()).args(["routes", "push", routes.to_str().unwrap()]));
    assert!(!out.status.success(), "without a terminal, applying needs --yes");
    let out = run(client(home.path()).args(["routes", "push", routes.to_str().unwrap(), "--yes"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("applied"), "{}", stdout(&out));
    let out = run(client(home.path()).args(["routes", "push", routes.to_str().unwrap(), "--yes"]));
    assert!(stdout(&out).contains("up to date"), "{}", stdout(&out));
    let out = run(client(home.path()).args([
        "upload",
        "--route",
        "avatar",
        &fixture_path("progressive_android_685x999.jpg"),
    ]));
    assert!(!out.status.success());
    assert!(stdout(&out).contains("upload_too_large"), "{}", stdout(&out));
    let out = run(client(home.path()).args(["upload", "--route", "avatar", &fixture_path("icon_rgba_128x128.png")]));
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    let out = run(client(home.path()).args(["files", "rm", &ids[0], "no-such-file"]));
    assert!(!out.status.success());
    assert!(stdout(&out).contains(&format!("deleted {}", ids[0])));
    assert!(stderr(&out).contains("not_found"), "{}", stderr(&out));
    drop(dev);
}

/// A large file through `carcosa upload` against `carcosa dev`: multipart parts straight to the
/// embedded S3 endpoint (which now speaks the multipart calls), completed with their ETags, the
/// file byte for byte; and the embedded endpoint lists and aborts multipart uploads for the sweep.
#[sqlx::test(migrations = false)]
async fn large_files_go_up_in_parts_through_the_embedded_endpoint(pool: PgPool) {
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let (dev, api, key) = dev_with_key(&pool, data.path());
    let http = reqwest::Client::new();
    let patched = http
        .patch(format!("{api}/v1/projects/current"))
        .bearer_auth(&key)
        .json(&serde_json::json!({
            "multipart_threshold_bytes": 5 * 1024 * 1024,
            "max_upload_bytes": 64 * 1024 * 1024,
            "allowed_content_types": ["image/*", "video/mp4"],
        }))
        .send()
        .await
        .unwrap();
    assert!(patched.status().is_success(), "{:?}", patched.text().await);

    // 19 MiB + a bit: three parts (8, 8, 3 MiB + 77 bytes), an MP4 header for the sniffer.
    let mut bytes: Vec<u8> = (0..19 * 1024 * 1024 + 77).map(|i: usize| (i % 251) as u8).collect();
    bytes[..20].copy_from_slice(b"\0\0\0\x18ftypisom\0\0\x02\0isom");
    let movie = home.path().join("movie.mp4");
    std::fs::write(&movie, &bytes).unwrap();
    let out = run(client(home.path()).args(["login", "--url", &api, "--key", &key]));
    assert!(out.status.success(), "{}", stderr(&out));
    // The key cache learns the new threshold from a notification; retry briefly.
    let mut result = Value::Null;
    for _ in 0..20 {
        let out = run(client(home.path()).args(["upload", "--json", movie.to_str().unwrap()]));
        assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
        result = serde_json::from_str(&stdout(&out)).unwrap();
        let upload_id = result[0]["upload"]["id"].as_str().unwrap().to_owned();
        let state: Value = http
            .get(format!("{api}/v1/uploads/{upload_id}"))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if state["multipart"]["part_count"] == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        result = Value::Null;
    }
    assert!(!result.is_null(), "the upload went up in parts");
    assert_eq!(result[0]["upload"]["status"], "ready", "{result}");
    let file = result[0]["upload"]["file_id"].as_str().unwrap();
    let out = run(client(home.path()).args(["files", "url", file]));
    let download = reqwest::get(stdout(&out).trim()).await.unwrap().bytes().await.unwrap();
    assert!(download.as_ref() == bytes.as_slice(), "the parts were joined in order");

    // Abort through the API: the embedded endpoint drops the parts.
    let created: Value = http
        .post(format!("{api}/v1/uploads"))
        .bearer_auth(&key)
        .json(&serde_json::json!({"filename": "b.mp4", "content_type": "video/mp4", "size": 9 * 1024 * 1024}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap();
    let held: Value = http
        .get(format!("{api}/v1/uploads/{id}/parts/uploaded"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(held["parts"], serde_json::json!([]), "{held}");
    let aborted = http
        .delete(format!("{api}/v1/uploads/{id}"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(aborted.status(), 200);
    let mpu_dir = data.path().join("s3/.carcosa-mpu");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::fs::read_dir(&mpu_dir).map(|d| d.count()).unwrap_or(0) > 0 {
        assert!(std::time::Instant::now() < deadline, "the aborted upload's parts stay");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(dev);
}
