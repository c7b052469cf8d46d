//! `carcosa admin user|member|rotate-credentials-key`: people made and reset from the shell (the
//! same rules as the HTTP API), and bucket credentials re-sealed under a new key.

use std::io::Write as _;
use std::process::Stdio;

use carcosa_common::crypto::Sealer;
use carcosa_common::testing::{TEST_CREDENTIALS_KEY, TestEnv, database_url};
use serde_json::Value;
use sqlx::PgPool;

use crate::processes::{carcosa, run, stderr, stdout};

fn admin_with_stdin(url: &str, args: &[&str], input: &str) -> std::process::Output {
    let mut child = carcosa(url)
        .arg("admin")
        .args(args)
        .env("CARCOSA_CREDENTIALS_KEY", TEST_CREDENTIALS_KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[track_caller]
fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "stdout: {}\nstderr: {}", stdout(out), stderr(out));
    stdout(out)
}

#[sqlx::test(migrations = false)]
async fn operators_make_users_reset_passwords_and_add_members(pool: PgPool) {
    let env = TestEnv::new(pool).await;
    let url = database_url(&env.pool);
    ok(&admin_with_stdin(
        &url,
        &[
            "user",
            "add",
            "alice@example.com",
            "--name",
            "Alice",
            "--password-stdin",
        ],
        "correct horse battery staple\n",
    ));
    let generated = ok(&admin_with_stdin(&url, &["user", "add", "bob@example.com"], ""));
    assert!(generated.contains("password (shown once): "), "{generated}");
    let weak = admin_with_stdin(
        &url,
        &["user", "add", "carol@example.com", "--password-stdin"],
        "password123\n",
    );
    assert!(
        !weak.status.success() && stderr(&weak).contains("too common"),
        "{}",
        stderr(&weak)
    );
    let dup = admin_with_stdin(&url, &["user", "add", "ALICE@example.com"], "");
    assert!(
        !dup.status.success() && stderr(&dup).contains("already exists"),
        "{}",
        stderr(&dup)
    );

    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'alice@example.com'")
        .fetch_one(&env.pool)
        .await
        .unwrap();
    assert!(carcosa_common::password::verify("correct horse battery staple", &hash));
    ok(&admin_with_stdin(
        &url,
        &["user", "reset-password", "alice@example.com", "--password-stdin"],
        "a new passphrase, long\n",
    ));
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'alice@example.com'")
        .fetch_one(&env.pool)
        .await
        .unwrap();
    assert!(carcosa_common::password::verify("a new passphrase, long", &hash));
    let missing = admin_with_stdin(&url, &["user", "reset-password", "nobody@example.com"], "");
    assert!(!missing.status.success() && stderr(&missing).contains("no user"));

    ok(&admin_with_stdin(
        &url,
        &["member", "add", "--org", "acme", "alice@example.com", "--role", "owner"],
        "",
    ));
    let members: Value = serde_json::from_str(&ok(&admin_with_stdin(
        &url,
        &["member", "list", "--org", "acme", "--json"],
        "",
    )))
    .unwrap();
    assert_eq!(members[0]["role"], "owner");
    let last_owner = admin_with_stdin(
        &url,
        &[
            "member",
            "add",
            "--org",
            "acme",
            "alice@example.com",
            "--role",
            "viewer",
        ],
        "",
    );
    assert!(
        !last_owner.status.success() && stderr(&last_owner).contains("last owner"),
        "{}",
        stderr(&last_owner)
    );
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_logs WHERE actor_type = 'cli' ORDER BY id")
        .fetch_all(&env.pool)
        .await
        .unwrap();
    assert!(
        actions.ends_with(&[
            "user.created".into(),
            "user.created".into(),
            "user.password_reset".into(),
            "member.added".into()
        ]),
        "{actions:?}"
    );
}

#[sqlx::test(migrations = false)]
async fn rotating_the_credentials_key_reseals_every_bucket(pool: PgPool) {
    let env = TestEnv::new(pool).await;
    let url = database_url(&env.pool);
    let new_key = carcosa_common::crypto::generate_credentials_key();
    let rotate = |previous: Option<&str>| {
        let mut cmd = carcosa(&url);
        cmd.args(["admin", "rotate-credentials-key", "--json"])
            .env("CARCOSA_CREDENTIALS_KEY", &new_key)
            .env("CARCOSA_CREDENTIALS_KEY_ID", "k2");
        if let Some(old) = previous {
            cmd.env("CARCOSA_CREDENTIALS_PREVIOUS_KEYS__K1", old);
        }
        run(&mut cmd)
    };
    let without_old = rotate(None);
    assert!(
        !without_old.status.success() && stderr(&without_old).contains("credentials_previous_keys"),
        "{}",
        stderr(&without_old)
    );
    let out: Value = serde_json::from_str(&ok(&rotate(Some(TEST_CREDENTIALS_KEY)))).unwrap();
    assert_eq!(out, serde_json::json!({"resealed": 1, "key_id": "k2"}));
    // Only the new key is needed now.
    let (id, sealed): (uuid::Uuid, Vec<u8>) = sqlx::query_as("SELECT id, secret_key_sealed FROM buckets")
        .fetch_one(&env.pool)
        .await
        .unwrap();
    let key = carcosa_common::config::decode_credentials_key(&secrecy::SecretString::from(new_key.clone())).unwrap();
    let opened = Sealer::new("k2", &key).open_credential(id, "secret_key", &sealed);
    assert!(opened.is_ok());
    let again: Value = serde_json::from_str(&ok(&rotate(None))).unwrap();
    assert_eq!(again["resealed"], 1, "running it again is harmless");
}
