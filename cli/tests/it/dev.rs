//! `carcosa dev` as a new user runs it: one process, embedded S3, a demo key, and the printed
//! walkthrough works.

use std::time::{Duration, Instant};

use carcosa_common::testing::database_url;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::processes::{Proc, carcosa, fixture};

fn field(line: &str) -> String {
    line.split_whitespace()
        .last()
        .expect("value after the label")
        .to_owned()
}

/// `carcosa dev` on free ports, with its data in `data`.
pub(crate) fn spawn_dev(pool: &PgPool, data: &std::path::Path) -> Proc {
    Proc::spawn(
        carcosa(&database_url(pool))
            .arg("dev")
            .arg("--data-dir")
            .arg(data)
            .args(["--bind", "127.0.0.1:0", "--s3-bind", "127.0.0.1:0"]),
    )
}

#[sqlx::test(migrations = false)]
async fn dev_mode_serves_a_full_upload(pool: PgPool) {
    let data = tempfile::tempdir().unwrap();
    let dev = spawn_dev(&pool, data.path());
    let api = field(&dev.wait_line("  API          ", Duration::from_secs(60)));
    let key = field(&dev.wait_line("  API key      ", Duration::from_secs(5)));
    assert!(key.starts_with("ck_"), "{key}");

    let http = reqwest::Client::new();
    let jpeg = fixture("progressive_android_685x999.jpg");
    let upload: Value = http
        .post(format!("{api}/v1/uploads"))
        .bearer_auth(&key)
        .json(&json!({"filename": "photo.jpg", "content_type": "image/jpeg", "size": jpeg.len()}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let put = http
        .put(upload["upload"]["url"].as_str().unwrap())
        .header("content-type", "image/jpeg")
        .body(jpeg.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200, "the embedded endpoint accepts the presigned PUT");
    // The embedded endpoint checks signatures, and answers browsers' CORS preflights. A refused
    // PUT's connection is closed mid-body, so these requests do not reuse connections.
    let url = upload["upload"]["url"].as_str().unwrap();
    let once = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let unsigned = url.split('?').next().unwrap();
    let resp = once
        .put(unsigned)
        .header("content-type", "image/jpeg")
        .body(jpeg.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403, "an unsigned PUT is refused");
    let last = url.chars().last().unwrap();
    let tampered = format!("{}{}", &url[..url.len() - 1], if last == '0' { '1' } else { '0' });
    let resp = once
        .put(tampered)
        .header("content-type", "image/jpeg")
        .body(jpeg.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403, "a tampered signature is refused");
    let preflight = once
        .request(reqwest::Method::OPTIONS, url)
        .header("origin", "http://app.example")
        .header("access-control-request-method", "PUT")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "http://app.example");

    let id = upload["id"].as_str().unwrap();
    let complete = http
        .post(format!("{api}/v1/uploads/{id}/complete"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(complete.status(), 202);

    let deadline = Instant::now() + Duration::from_secs(20);
    let file_id = loop {
        let state: Value = http
            .get(format!("{api}/v1/uploads/{id}"))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if state["status"] == "ready" {
            break state["file_id"].as_str().unwrap().to_owned();
        }
        assert!(state["status"] != "failed" && Instant::now() < deadline, "{state}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let download: Value = http
        .get(format!("{api}/v1/files/{file_id}/download"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bytes = http
        .get(download["url"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.as_ref(), jpeg.as_slice());
    assert!(data.path().join("demo-api-key").exists());
}

#[sqlx::test(migrations = false)]
async fn the_printed_walkthrough_runs_verbatim_and_secrets_are_private(pool: PgPool) {
    use std::os::unix::fs::PermissionsExt as _;
    let data = tempfile::tempdir().unwrap();
    let dev = spawn_dev(&pool, data.path());
    dev.wait_line("Ctrl-C stops everything.", Duration::from_secs(60));
    let lines = dev.lines.lock().unwrap().clone();
    let start = lines.iter().position(|l| l.starts_with("Try an upload")).unwrap() + 1;
    let end = lines.iter().position(|l| l.starts_with("Ctrl-C")).unwrap();
    let script: String = lines[start..end]
        .iter()
        .map(|l| format!("{}\n", l.strip_prefix("  ").unwrap_or(l)))
        .collect();

    let work = tempfile::tempdir().unwrap();
    let out = tokio::process::Command::new("bash")
        .arg("-euo")
        .arg("pipefail")
        .arg("-c")
        .arg(&script)
        .current_dir(work.path())
        .output();
    let out = tokio::time::timeout(Duration::from_secs(60), out)
        .await
        .expect("the walkthrough finishes")
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{script}\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, after) = stdout.split_once("upload ready\n").expect("the upload ends ready");
    let answers: Vec<Value> = serde_json::Deserializer::from_str(after)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    let [files, usage] = answers.as_slice() else {
        panic!("expected the file list and the usage: {after}")
    };
    assert_eq!(files["data"][0]["filename"], "hello.png", "{files}");
    assert_eq!(files["data"][0]["status"], "ready", "{files}");
    // The usage call works with the demo key (it holds usage:read).
    assert_eq!(usage["totals"]["uploads"], 1, "{usage}");

    // The printed dashboard link signs the demo owner in, once.
    let link = lines
        .iter()
        .find_map(|l| l.trim_start().strip_prefix("Dashboard"))
        .map(|l| l.trim().to_owned())
        .expect("a dashboard line");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let signed = http.get(&link).send().await.unwrap();
    assert_eq!(signed.status(), reqwest::StatusCode::SEE_OTHER, "{link}");
    assert!(signed.headers().get("set-cookie").is_some(), "a session cookie");
    let again = http.get(&link).send().await.unwrap();
    assert_eq!(again.status(), reqwest::StatusCode::FORBIDDEN, "the link works once");

    for secret in ["credentials.key", "s3-access-key", "s3-secret-key", "demo-api-key"] {
        let mode = std::fs::metadata(data.path().join(secret))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{secret} is {:o}", mode & 0o777);
    }
}

#[sqlx::test(migrations = false)]
async fn a_private_postgres_runs_in_the_data_dir_and_stops_with_dev(_pool: PgPool) {
    // What a machine without a PostgreSQL server gets (forced here, since this one has one).
    // The data dir is under /tmp: as root the cluster runs as `postgres`, which must enter it.
    use std::os::unix::fs::PermissionsExt as _;
    let data = tempfile::tempdir().unwrap();
    std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut dev = Proc::spawn(
        carcosa("postgres://unused@127.0.0.1:1/unused")
            .env_remove("DATABASE_URL")
            .arg("dev")
            .arg("--data-dir")
            .arg(data.path())
            .args([
                "--bind",
                "127.0.0.1:0",
                "--s3-bind",
                "127.0.0.1:0",
                "--private-postgres",
            ]),
    );
    let api = field(&dev.wait_line("  API          ", Duration::from_secs(120)));
    let key = field(&dev.wait_line("  API key      ", Duration::from_secs(5)));
    assert!(
        data.path().join("postgres/PG_VERSION").is_file(),
        "the cluster lives in the data dir"
    );
    let files: Value = reqwest::Client::new()
        .get(format!("{api}/v1/files"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(files["data"].is_array(), "{files}");
    let pid = std::fs::read_to_string(data.path().join("postgres/postmaster.pid")).unwrap();
    let pid = pid.lines().next().unwrap().trim().to_owned();
    assert!(
        std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "the server runs"
    );

    // Ctrl-C: dev stops, and the private server with it.
    std::process::Command::new("kill")
        .args(["-INT", &dev.pid().to_string()])
        .status()
        .unwrap();
    let exited = dev.child.wait().unwrap();
    assert!(exited.success(), "{exited:?}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(Instant::now() < deadline, "the private PostgreSQL outlived dev");
        std::thread::sleep(Duration::from_millis(100));
    }
}
