//! The admin CLI: create and list everything, a real bucket check with clear messages, keys
//! shown once and revocable, and clear failures for bad config.

use carcosa_common::testing::{TEST_CREDENTIALS_KEY, database_url, s3_access};
use secrecy::ExposeSecret as _;
use serde_json::Value;
use sqlx::PgPool;

use crate::processes::{carcosa, run, stderr, stdout};

fn admin(url: &str, args: &[&str]) -> std::process::Output {
    let s3 = s3_access(None);
    run(carcosa(url)
        .arg("admin")
        .args(args)
        .env("CARCOSA_CREDENTIALS_KEY", TEST_CREDENTIALS_KEY)
        .env("CARCOSA_BUCKET_ACCESS_KEY", s3.access_key.expose_secret())
        .env("CARCOSA_BUCKET_SECRET_KEY", s3.secret_key.expose_secret()))
}

#[track_caller]
fn ok_json(out: std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

#[sqlx::test(migrations = false)]
async fn admin_creates_everything_and_manages_keys(pool: PgPool) {
    let url = database_url(&pool);
    let migrate = run(carcosa(&url).arg("migrate"));
    assert!(migrate.status.success(), "{}", stderr(&migrate));
    let s3 = s3_access(None);
    let endpoint = s3.endpoint.clone().unwrap();

    ok_json(admin(&url, &["org", "create", "acme", "--json"]));
    ok_json(admin(&url, &["team", "create", "--org", "acme", "web", "--json"]));
    let bucket = ok_json(admin(
        &url,
        &[
            "bucket",
            "add",
            "--org",
            "acme",
            "--team",
            "web",
            "--name",
            "main",
            "--bucket",
            &s3.bucket_name,
            "--endpoint",
            &endpoint,
            "--path-style",
            "--json",
        ],
    ));
    assert_eq!(bucket["status"], "active");
    assert!(!bucket.to_string().contains(s3.secret_key.expose_secret()));
    let project = ok_json(admin(
        &url,
        &[
            "project",
            "create",
            "--org",
            "acme",
            "--team",
            "web",
            "site",
            "--bucket",
            "main",
            "--allow",
            "image/*",
            "--allow",
            "application/pdf",
            "--max-upload-bytes",
            "1048576",
            "--json",
        ],
    ));
    assert_eq!(project["max_upload_bytes"], 1_048_576);
    assert_eq!(
        project["allowed_content_types"],
        serde_json::json!(["image/*", "application/pdf"])
    );
    ok_json(admin(
        &url,
        &[
            "tenant",
            "create",
            "--org",
            "acme",
            "--team",
            "web",
            "--project",
            "site",
            "alice",
            "--json",
        ],
    ));
    let key = ok_json(admin(
        &url,
        &[
            "key",
            "create",
            "--org",
            "acme",
            "--team",
            "web",
            "--project",
            "site",
            "--name",
            "ci",
            "--permissions",
            "files:read,files:write",
            "--expires-in",
            "30d",
            "--json",
        ],
    ));
    let token = key["key"].as_str().unwrap();
    assert!(token.starts_with("ck_"));
    assert_eq!(key["permissions"], serde_json::json!(["files:read", "files:write"]));

    let keys = ok_json(admin(
        &url,
        &[
            "key",
            "list",
            "--org",
            "acme",
            "--team",
            "web",
            "--project",
            "site",
            "--json",
        ],
    ));
    assert_eq!(keys.as_array().unwrap().len(), 1);
    assert!(!keys.to_string().contains(token), "listings never show the secret");
    let prefix = keys[0]["prefix"].as_str().unwrap();
    ok_json(admin(&url, &["key", "revoke", prefix, "--json"]));
    let again = admin(&url, &["key", "revoke", prefix]);
    assert!(
        !again.status.success() && stderr(&again).contains("no active key"),
        "{}",
        stderr(&again)
    );

    for (what, args) in [
        ("orgs", vec!["org", "list", "--json"]),
        ("teams", vec!["team", "list", "--org", "acme", "--json"]),
        ("buckets", vec!["bucket", "list", "--org", "acme", "--json"]),
        (
            "projects",
            vec!["project", "list", "--org", "acme", "--team", "web", "--json"],
        ),
        (
            "tenants",
            vec![
                "tenant",
                "list",
                "--org",
                "acme",
                "--team",
                "web",
                "--project",
                "site",
                "--json",
            ],
        ),
    ] {
        assert_eq!(ok_json(admin(&url, &args)).as_array().unwrap().len(), 1, "{what}");
    }

    let dup = admin(&url, &["org", "create", "acme"]);
    assert!(
        !dup.status.success() && stderr(&dup).contains("already exists"),
        "{}",
        stderr(&dup)
    );
    let bad_perm = admin(
        &url,
        &[
            "key",
            "create",
            "--org",
            "acme",
            "--team",
            "web",
            "--project",
            "site",
            "--name",
            "x",
            "--permissions",
            "files:everything",
        ],
    );
    assert!(
        !bad_perm.status.success() && stderr(&bad_perm).contains("unknown permission"),
        "{}",
        stderr(&bad_perm)
    );
}

#[sqlx::test(migrations = false)]
async fn bucket_add_explains_what_is_wrong(pool: PgPool) {
    let url = database_url(&pool);
    assert!(run(carcosa(&url).arg("migrate")).status.success());
    ok_json(admin(&url, &["org", "create", "acme", "--json"]));
    ok_json(admin(&url, &["team", "create", "--org", "acme", "web", "--json"]));
    let s3 = s3_access(None);
    let endpoint = s3.endpoint.clone().unwrap();
    let base = [
        "bucket",
        "add",
        "--org",
        "acme",
        "--team",
        "web",
        "--name",
        "main",
        "--path-style",
    ];

    let wrong_secret = admin(
        &url,
        &[
            &base[..],
            &[
                "--bucket",
                &s3.bucket_name,
                "--endpoint",
                &endpoint,
                "--secret-key",
                "wrong-wrong-wrong",
            ],
        ]
        .concat(),
    );
    assert!(!wrong_secret.status.success());
    assert!(
        stderr(&wrong_secret).contains("refused the credentials"),
        "{}",
        stderr(&wrong_secret)
    );
    assert!(
        !stderr(&wrong_secret).contains("wrong-wrong-wrong"),
        "the secret is not echoed"
    );

    let missing = admin(
        &url,
        &[&base[..], &["--bucket", "no-such-bucket-x1", "--endpoint", &endpoint]].concat(),
    );
    assert!(stderr(&missing).contains("does not exist"), "{}", stderr(&missing));

    let unreachable = admin(
        &url,
        &[
            &base[..],
            &["--bucket", &s3.bucket_name, "--endpoint", "http://127.0.0.1:9"],
        ]
        .concat(),
    );
    assert!(
        stderr(&unreachable).contains("could not reach http://127.0.0.1:9"),
        "{}",
        stderr(&unreachable)
    );

    let listed = ok_json(admin(&url, &["bucket", "list", "--org", "acme", "--json"]));
    assert_eq!(listed, serde_json::json!([]), "failed checks store nothing");
}

#[test]
fn bad_configuration_fails_at_start_with_a_clear_message() {
    let out = run(carcosa("postgres://postgres@127.0.0.1/unused")
        .arg("serve")
        .env("CARCOSA_HTTP__BIND", "not-an-address"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("http.bind \"not-an-address\""),
        "{}",
        stderr(&out)
    );

    let out = run(carcosa("postgres://postgres@127.0.0.1/unused").arg("work"));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("CARCOSA_CREDENTIALS_KEY is not set"),
        "{}",
        stderr(&out)
    );

    let out = run(carcosa("mysql://nope").arg("serve"));
    assert!(stderr(&out).contains("database.url (DATABASE_URL)"), "{}", stderr(&out));
}
