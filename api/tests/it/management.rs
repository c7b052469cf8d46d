//! The management API end to end: projects (settings with an audited diff, soft delete),
//! tenants, API keys (secret once, permission ceiling, revocation), the audit log (filters,
//! keyset pages, NDJSON export, organization isolation) — and no secret in any audit row.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::rate_limits::owner_of_acme;
use crate::support::{Browser, PASSWORD, TestApp, assert_error};

/// Every audit row of the database, as text.
async fn audit_text(app: &TestApp) -> String {
    let rows: Vec<Value> = sqlx::query_scalar("SELECT to_jsonb(a) FROM audit_logs a")
        .fetch_all(&app.env.pool)
        .await
        .unwrap();
    serde_json::to_string(&rows).unwrap()
}

/// Fails if any of `secrets` (or a long piece of one) appears in an audit row.
pub async fn assert_no_secrets_in_audit(app: &TestApp, secrets: &[String]) {
    let text = audit_text(app).await;
    for s in secrets {
        assert!(s.len() >= 12, "secret too short to search for: {s:?}");
        let tail = &s[s.len() - 12..];
        assert!(
            !text.contains(s.as_str()) && !text.contains(tail),
            "an audit row holds a secret ({}…)",
            &s[..6]
        );
    }
}

#[sqlx::test(migrations = false)]
async fn keys_over_http_show_their_secret_once_respect_the_ceiling_and_revoke(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut owner = owner_of_acme(&app).await;
    let path = format!("/v1/projects/{}/api-keys", app.env.project.slug);
    let (status, created) = owner
        .post(
            &path,
            json!({"name": "ci", "permissions": ["files:read", "files:write"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let token = created["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with(created["prefix"].as_str().unwrap()));
    let (_, listed) = owner.get(&path).await;
    let text = listed.to_string();
    assert!(!text.contains(&token) && !text.contains("secret_hash"), "{listed}");
    assert!(app.request(Method::GET, "/v1/files", Some(&token), None).await.0 == StatusCode::OK);

    // A key holding api-keys:write but not files:delete cannot mint a files:delete key.
    let minter = app
        .env
        .key_for(
            &app.env.project.clone(),
            &[
                carcosa_common::domain::Permission::ApiKeysWrite,
                carcosa_common::domain::Permission::FilesRead,
            ],
        )
        .await;
    let body = json!({"name": "escalate", "permissions": ["files:delete"]});
    let refused = app.request(Method::POST, &path, Some(&minter), Some(body)).await;
    assert_error(&refused, StatusCode::FORBIDDEN, "permission_ceiling");
    let admin = app
        .request(
            Method::POST,
            &path,
            Some(&minter),
            Some(json!({"name": "x", "permissions": ["admin"]})),
        )
        .await;
    assert_error(&admin, StatusCode::FORBIDDEN, "permission_ceiling");
    let ok = app
        .request(
            Method::POST,
            &path,
            Some(&minter),
            Some(json!({"name": "reader", "permissions": ["files:read"]})),
        )
        .await;
    assert_eq!(ok.0, StatusCode::CREATED, "{}", ok.1);
    let unknown = owner
        .post(&path, json!({"name": "x", "permissions": ["files:everything"]}))
        .await;
    assert_error(&unknown, StatusCode::BAD_REQUEST, "validation_failed");
    let none = owner.post(&path, json!({"name": "x", "permissions": []})).await;
    assert_error(&none, StatusCode::BAD_REQUEST, "validation_failed");
    let past = owner
        .post(
            &path,
            json!({"name": "x", "permissions": ["files:read"], "expires_at": "2001-01-01T00:00:00Z"}),
        )
        .await;
    assert_error(&past, StatusCode::BAD_REQUEST, "validation_failed");

    let id = created["id"].as_str().unwrap();
    assert_eq!(
        owner.send(Method::DELETE, &format!("{path}/{id}"), None).await.0,
        StatusCode::NO_CONTENT
    );
    assert_error(
        &owner.send(Method::DELETE, &format!("{path}/{id}"), None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    crate::support::eventually("the revoked key to stop working", || async {
        app.request(Method::GET, "/v1/files", Some(&token), None).await.0 == StatusCode::UNAUTHORIZED
    })
    .await;
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_logs WHERE action LIKE 'api_key.%' ORDER BY id")
            .fetch_all(&app.env.pool)
            .await
            .unwrap();
    assert_eq!(actions, ["api_key.created", "api_key.created", "api_key.revoked"]);
    let secrets = vec![
        token,
        minter,
        ok.1["token"].as_str().unwrap().to_owned(),
        owner.cookie.clone().unwrap(),
        PASSWORD.to_owned(),
    ];
    assert_no_secrets_in_audit(&app, &secrets).await;
}

#[sqlx::test(migrations = false)]
async fn project_settings_tenants_and_soft_delete(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut owner = owner_of_acme(&app).await;
    let create =
        |slug: &str, bucket: &str| json!({"slug": slug, "name": "Shop", "bucket": bucket, "max_upload_bytes": 1048576});
    let (status, shop) = owner
        .post("/v1/orgs/acme/teams/web/projects", create("shop", "main"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{shop}");
    assert_eq!(shop["transforms"]["presets"]["thumb"]["w"], 256, "defaults spelled out");
    let missing = owner
        .post("/v1/orgs/acme/teams/web/projects", create("shop2", "nope"))
        .await;
    assert_error(&missing, StatusCode::BAD_REQUEST, "bucket_not_writable");
    let dup = owner
        .post("/v1/orgs/acme/teams/web/projects", create("shop", "main"))
        .await;
    assert_error(&dup, StatusCode::CONFLICT, "already_exists");
    let bad_slug = owner
        .post("/v1/orgs/acme/teams/web/projects", create("Shop!", "main"))
        .await;
    assert_error(&bad_slug, StatusCode::BAD_REQUEST, "validation_failed");

    let project = format!("/v1/projects/{}", shop["id"].as_str().unwrap());
    let patch = json!({
        "allowed_content_types": ["image/png"],
        "max_files": 10,
        "presets": {"square": "w=64&h=64&fit=cover&format=png", "preview": null},
        "public_presets": true,
        "image_limits": {"max_side": 5000, "max_pixels": 20000000, "max_input_bytes": 10485760, "max_output_pixels": 4000000},
    });
    let (status, after) = owner.send(Method::PATCH, &project, Some(patch)).await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!(after["allowed_content_types"], json!(["image/png"]));
    assert_eq!(after["quotas"]["max_files"], 10);
    assert_eq!(after["transforms"]["presets"]["square"]["format"], "png");
    assert!(after["transforms"]["presets"].get("preview").is_none());
    assert_eq!(after["transforms"]["public_presets"], true);
    let diff: Value = sqlx::query_scalar("SELECT diff FROM audit_logs WHERE action = 'project.updated'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(diff["before"]["max_files"], Value::Null);
    assert_eq!(diff["after"]["max_files"], 10);
    assert!(diff["before"].get("name").is_none(), "only what changed: {diff}");
    for (bad, code) in [
        (json!({"max_upload_bytes": 0}), "validation_failed"),
        (json!({"presets": {"x": "w=0"}}), "invalid_transform_policy"),
        (json!({"presets": {"x": "w=10&format=auto"}}), "validation_failed"),
        (json!({"presets": {"ghost": null}}), "validation_failed"),
        (json!({"max_files": -1}), "validation_failed"),
        (json!({"upload_url_ttl_secs": 5}), "validation_failed"),
        (json!({"colour": "blue"}), "validation_failed"),
    ] {
        assert_error(
            &owner.send(Method::PATCH, &project, Some(bad)).await,
            StatusCode::BAD_REQUEST,
            code,
        );
    }
    let (_, unchanged) = owner.get(&project).await;
    assert_eq!(unchanged["quotas"]["max_files"], 10, "refused patches change nothing");

    // Tenants.
    let tenants = format!("{project}/tenants");
    assert_eq!(
        owner
            .post(&tenants, json!({"slug": "acme_corp", "name": "Acme"}))
            .await
            .0,
        StatusCode::CREATED
    );
    assert_error(
        &owner.post(&tenants, json!({"slug": "acme_corp"})).await,
        StatusCode::CONFLICT,
        "already_exists",
    );
    assert_error(
        &owner.post(&tenants, json!({"slug": "Bad Slug"})).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    );
    assert_eq!(
        owner
            .send(Method::DELETE, &format!("{tenants}/acme_corp"), None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(owner.get(&tenants).await.1["data"].as_array().unwrap().len(), 0);
    assert_eq!(
        owner.post(&tenants, json!({"slug": "acme_corp"})).await.0,
        StatusCode::CREATED,
        "a tenant without files is gone for good"
    );

    // Transform secret rotation.
    assert_eq!(
        owner
            .send(Method::POST, &format!("{project}/transform-secret"), None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );

    // Soft delete: refused while an upload is in flight, then keys stop and the project is hidden.
    let site = format!("/v1/projects/{}", app.env.project.id);
    app.create_upload("a.png", "image/png", 100).await;
    assert_error(
        &owner.send(Method::DELETE, &site, None).await,
        StatusCode::CONFLICT,
        "has_dependents",
    );
    sqlx::query("UPDATE uploads SET expires_at = now() - interval '1 second'")
        .execute(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(owner.send(Method::DELETE, &site, None).await.0, StatusCode::NO_CONTENT);
    assert_error(&owner.get(&site).await, StatusCode::NOT_FOUND, "not_found");
    crate::support::eventually("the deleted project's keys to stop", || async {
        app.get("/v1/files").await.0 == StatusCode::UNAUTHORIZED
    })
    .await;
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM projects WHERE deleted_at IS NOT NULL")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(kept, 1, "the row stays");
}

#[sqlx::test(migrations = false)]
async fn the_audit_log_pages_filters_exports_and_stays_in_its_organization(pool: PgPool) {
    let app =
        TestApp::spawn_api_only_configured(pool, |c| c.auth.signup = carcosa_common::config::SignupPolicy::Open).await;
    let mut owner = owner_of_acme(&app).await;
    for i in 0..7 {
        let (status, _) = owner
            .post("/v1/orgs/acme/teams", json!({"slug": format!("t{i}"), "name": "T"}))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let (_, key) = owner
        .post(
            &format!("/v1/projects/{}/api-keys", app.env.project.id),
            json!({"name": "k", "permissions": ["files:read"]}),
        )
        .await;

    // Pages of 3, newest first, no overlap.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let q = cursor.as_ref().map_or(String::new(), |c| format!("&cursor={c}"));
        let (status, page) = owner
            .get(&format!("/v1/orgs/acme/audit-logs?limit=3&action=team.created{q}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for row in page["data"].as_array().unwrap() {
            seen.push(row["target_name"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, ["t6", "t5", "t4", "t3", "t2", "t1", "t0"]);
    let (_, prefixed) = owner.get("/v1/orgs/acme/audit-logs?action=api_key.").await;
    assert_eq!(prefixed["data"].as_array().unwrap().len(), 1);
    assert_eq!(prefixed["data"][0]["actor_label"], "owner@acme.example");
    assert_eq!(prefixed["data"][0]["target_id"], key["id"]);
    assert!(
        prefixed["data"][0]["request_id"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    assert_eq!(prefixed["data"][0]["ip"], "127.0.0.1");
    let (_, by_target) = owner
        .get(&format!(
            "/v1/orgs/acme/audit-logs?target={}",
            key["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(by_target["data"].as_array().unwrap().len(), 1);
    let future = owner.get("/v1/orgs/acme/audit-logs?since=2999-01-01T00:00:00Z").await;
    assert_eq!(future.1["data"].as_array().unwrap().len(), 0);
    assert_error(
        &owner.get("/v1/orgs/acme/audit-logs?cursor=garbage").await,
        StatusCode::BAD_REQUEST,
        "invalid_cursor",
    );
    assert_error(
        &owner.get("/v1/orgs/acme/audit-logs?limit=0").await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    );

    // Export: NDJSON of every matching row; the export itself is audited.
    let resp = owner
        .http
        .get(format!(
            "{}/v1/orgs/acme/audit-logs/export?action=team.created",
            app.url
        ))
        .header("cookie", format!("carcosa_session={}", owner.cookie.clone().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-type"], "application/x-ndjson");
    let body = resp.text().await.unwrap();
    let lines: Vec<Value> = body.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 7);
    let (_, exported) = owner.get("/v1/orgs/acme/audit-logs?action=audit_log.exported").await;
    assert_eq!(exported["data"].as_array().unwrap().len(), 1);

    // Another organization's owner sees none of it; a member without audit-logs:read is refused.
    let mut stranger = Browser::new(&app);
    stranger.signup("stranger@b.example", PASSWORD, None).await;
    assert_error(
        &stranger.get("/v1/orgs/acme/audit-logs").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let org_b = stranger.get("/v1/auth/me").await.1["organizations"][0]["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, theirs) = stranger.get(&format!("/v1/orgs/{org_b}/audit-logs")).await;
    assert!(
        theirs["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["organization_id"] != json!(app.env.org.id))
    );

    // The table refuses edits.
    let tamper = sqlx::query("UPDATE audit_logs SET action = 'nothing'")
        .execute(&app.env.pool)
        .await;
    assert!(tamper.is_err());
    let delete = sqlx::query("DELETE FROM audit_logs").execute(&app.env.pool).await;
    assert!(delete.is_err());
    let pruned = carcosa_common::db::audit::prune(&app.env.pool, chrono::Utc::now() + chrono::Duration::days(1))
        .await
        .unwrap();
    assert!(pruned > 10);
    assert_no_secrets_in_audit(
        &app,
        &[key["token"].as_str().unwrap().to_owned(), owner.cookie.clone().unwrap()],
    )
    .await;
}
