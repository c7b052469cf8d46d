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

#[sqlx::test(migrations = false)]
async fn admin_edits_presets_limits_and_the_signing_secret(pool: PgPool) {
    let env = carcosa_common::testing::TestEnv::new(pool).await;
    let url = env.database_url.clone();
    let at = ["--org", "acme", "--team", "web", "--project", "site"];
    let cmd = |args: &[&str]| {
        let mut all = vec!["project"];
        all.extend_from_slice(args);
        all.extend_from_slice(&at);
        all.push("--json");
        admin(&url, &all)
    };
    let policy = ok_json(cmd(&["transforms"]));
    assert_eq!(policy["presets"]["thumb"]["w"], 256);
    assert_eq!(policy["public_presets"], false);
    assert_eq!(policy["limits"]["max_side"], 10_000);

    let policy = ok_json(cmd(&[
        "set-preset",
        "card",
        "--w",
        "600",
        "--h",
        "400",
        "--fit",
        "cover",
        "--format",
        "jpeg",
    ]));
    assert_eq!(policy["presets"]["card"]["format"], "jpeg");
    let policy = ok_json(cmd(&["remove-preset", "preview"]));
    assert!(policy["presets"].get("preview").is_none());
    let policy = ok_json(cmd(&["public-presets", "true"]));
    assert_eq!(policy["public_presets"], true);
    let policy = ok_json(cmd(&["set-image-limits", "--max-side", "4000"]));
    assert_eq!(policy["limits"]["max_side"], 4000);
    assert_eq!(policy["limits"]["max_pixels"], 40_000_000);
    let stored: Value = sqlx::query_scalar("SELECT transform_policy FROM projects WHERE id = $1")
        .bind(env.project.id.0)
        .fetch_one(&env.pool)
        .await
        .unwrap();
    let parsed = carcosa_common::transform::TransformPolicy::from_json(&stored).unwrap();
    assert_eq!(
        parsed.presets.keys().collect::<Vec<_>>(),
        ["card", "thumb"],
        "the worker reads what the CLI wrote"
    );

    // Bad input is refused with a reason and changes nothing.
    for (args, needle) in [
        (vec!["set-preset", "bad name", "--w", "10"], "preset name"),
        (vec!["set-preset", "big", "--w", "99999"], "w must be"),
        (
            vec!["set-preset", "auto", "--w", "10", "--format", "auto"],
            "one format",
        ),
        (
            vec!["set-preset", "half", "--w", "10", "--fit", "cover"],
            "need both w and h",
        ),
        (vec!["remove-preset", "nope"], "no preset"),
        (vec!["set-image-limits", "--max-side", "0"], "max_side"),
    ] {
        let out = cmd(&args);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    let after: Value = sqlx::query_scalar("SELECT transform_policy FROM projects WHERE id = $1")
        .bind(env.project.id.0)
        .fetch_one(&env.pool)
        .await
        .unwrap();
    assert_eq!(after, stored);

    let secret = || async {
        sqlx::query_scalar::<_, Vec<u8>>("SELECT transform_secret FROM projects WHERE id = $1")
            .bind(env.project.id.0)
            .fetch_one(&env.pool)
            .await
            .unwrap()
    };
    let before = secret().await;
    assert_eq!(before.len(), 32);
    ok_json(cmd(&["rotate-transform-secret"]));
    let rotated = secret().await;
    assert_eq!(rotated.len(), 32);
    assert_ne!(before, rotated);
}
