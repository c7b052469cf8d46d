//! Bucket credentials: sealed at rest, bound to their row, checked for real when added, and
//! never echoed in errors.

use carcosa_common::crypto::OpenError;
use carcosa_common::db::buckets;
use carcosa_common::provision::{self, NewBucket, ProvisionError};
use carcosa_common::testing::s3_access;
use reqwest::StatusCode;
use secrecy::{ExposeSecret as _, SecretString};
use serde_json::json;
use sqlx::PgPool;

use crate::support::{TestApp, assert_error};

#[sqlx::test(migrations = false)]
async fn the_database_never_holds_credentials_in_plain_text(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let access = s3_access(None);
    let needles = [
        access.access_key.expose_secret().to_owned(),
        access.secret_key.expose_secret().to_owned(),
    ];
    let dump: Vec<String> = sqlx::query_scalar(
        "SELECT row_to_json(b)::text || encode(b.access_key_sealed, 'escape') || encode(b.secret_key_sealed, 'escape') FROM buckets b",
    )
    .fetch_all(&app.env.pool)
    .await
    .unwrap();
    assert_eq!(dump.len(), 1);
    for needle in &needles {
        let hex: String = needle.bytes().map(|b| format!("{b:02x}")).collect();
        assert!(
            !dump[0].contains(needle.as_str()) && !dump[0].contains(&hex),
            "credential visible in {}",
            dump[0]
        );
    }
    let row = buckets::get(&app.env.pool, app.env.bucket.id).await.unwrap().unwrap();
    let opened = row.open_access(&app.env.sealer).unwrap();
    assert_eq!(opened.secret_key.expose_secret(), needles[1]);
    let shown = format!("{row:?} {opened:?}");
    assert!(
        !needles.iter().any(|n| shown.contains(n.as_str())),
        "Debug leaks a credential: {shown}"
    );
}

#[sqlx::test(migrations = false)]
async fn a_ciphertext_moved_to_another_bucket_row_fails_to_open(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let env = &app.env;
    let second = NewBucket {
        org: env.org.id,
        owner_team: env.team.id,
        name: "second".into(),
        provider: "other".into(),
        access: s3_access(Some("carcosa-test-2")),
    };
    let second = provision::add_bucket(&env.pool, &env.sealer, second).await.unwrap();
    sqlx::query(
        "UPDATE buckets SET access_key_sealed = src.access_key_sealed, secret_key_sealed = src.secret_key_sealed, updated_at = now()
         FROM (SELECT access_key_sealed, secret_key_sealed FROM buckets WHERE id = $1) src WHERE buckets.id = $2",
    )
    .bind(env.bucket.id.0)
    .bind(second.id.0)
    .execute(&env.pool)
    .await
    .unwrap();
    let moved = buckets::get(&env.pool, second.id).await.unwrap().unwrap();
    assert!(matches!(moved.open_access(&env.sealer), Err(OpenError::Authentication)));

    // A project on that bucket gets a generic 500 — no key material, no detail.
    sqlx::query("UPDATE projects SET bucket_id = $1 WHERE id = $2")
        .bind(second.id.0)
        .bind(env.project.id.0)
        .execute(&env.pool)
        .await
        .unwrap();
    let got = app
        .post(
            "/v1/uploads",
            json!({"filename": "a.png", "content_type": "image/png", "size": 10}),
        )
        .await;
    assert_error(&got, StatusCode::INTERNAL_SERVER_ERROR, "internal_error");
    assert_eq!(got.1["error"]["message"], "internal error");
}

#[sqlx::test(migrations = false)]
async fn adding_a_bucket_checks_it_for_real(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let env = &app.env;
    let bucket = |name: &str, access| NewBucket {
        org: env.org.id,
        owner_team: env.team.id,
        name: name.into(),
        provider: "other".into(),
        access,
    };

    let mut wrong_key = s3_access(None);
    wrong_key.secret_key = SecretString::from("definitely-wrong-secret");
    let missing = s3_access(Some(&format!("missing-{}", uuid::Uuid::now_v7().simple())));
    let mut unreachable = s3_access(None);
    unreachable.endpoint = Some("http://127.0.0.1:9".into());
    let cases = [
        (wrong_key, "refused the credentials"),
        (missing, "does not exist"),
        (unreachable, "could not reach"),
    ];
    for (i, (access, expected)) in cases.into_iter().enumerate() {
        let err = provision::add_bucket(&env.pool, &env.sealer, bucket(&format!("b{i}"), access))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, ProvisionError::BucketCheck(m) if m.contains(expected)),
            "{expected}: {err}"
        );
        assert!(!err.to_string().contains("definitely-wrong-secret"));
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM buckets")
        .fetch_one(&env.pool)
        .await
        .unwrap();
    assert_eq!(count, 1, "a bucket that fails its check is not stored");
}
