//! Organization-level rules on top of the permission table: owners reset passwords and delete
//! the organization, organization admins delete teams, and nothing that still holds something
//! is deleted.

use reqwest::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

use crate::support::{Browser, PASSWORD, TestApp, assert_error};

#[sqlx::test(migrations = false)]
async fn owners_reset_passwords_and_deletes_wait_for_emptiness(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut alice = Browser::new(&app);
    let me = alice.signup("alice@example.com", PASSWORD, None).await;
    let (status, created) = alice
        .post("/v1/orgs", json!({"slug": "alice-co", "name": "Alice Co"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let org = "alice-co".to_owned();
    let invite = |role: &str, email: &str| json!({"email": email, "role": role});
    let (_, inv) = alice
        .post(
            &format!("/v1/orgs/{org}/invitations"),
            invite("admin", "bob@example.com"),
        )
        .await;
    let mut bob = Browser::new(&app);
    let bob_id = bob.signup("bob@example.com", PASSWORD, inv["token"].as_str()).await["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reset = format!("/v1/orgs/{org}/members/{bob_id}/password");

    // An admin cannot reset passwords; the owner can, and it ends the member's sessions.
    let alice_id = me["user"]["id"].as_str().unwrap();
    let by_admin = bob
        .post(
            &format!("/v1/orgs/{org}/members/{alice_id}/password"),
            json!({"new_password": "taken over by bob"}),
        )
        .await;
    assert_error(&by_admin, StatusCode::FORBIDDEN, "owner_required");
    assert_error(
        &alice.post(&reset, json!({"new_password": "short"})).await,
        StatusCode::BAD_REQUEST,
        "weak_password",
    );
    assert_eq!(
        alice
            .post(&reset, json!({"new_password": "a fresh start for bob"}))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_error(
        &bob.get("/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    );
    bob.login("bob@example.com", "a fresh start for bob").await;
    let stranger_id = uuid::Uuid::now_v7();
    let not_member = alice
        .post(
            &format!("/v1/orgs/{org}/members/{stranger_id}/password"),
            json!({"new_password": "whatever it is now"}),
        )
        .await;
    assert_error(&not_member, StatusCode::NOT_FOUND, "not_found");

    // A team with a project cannot go; a team admin who is not an org admin cannot delete teams.
    assert_eq!(
        alice
            .post(&format!("/v1/orgs/{org}/teams"), json!({"slug": "web", "name": "Web"}))
            .await
            .0,
        StatusCode::CREATED
    );
    let (_, inv) = alice
        .post(
            &format!("/v1/orgs/{org}/invitations"),
            json!({"email": "carol@example.com", "role": "member", "team": "web", "team_role": "admin"}),
        )
        .await;
    let mut carol = Browser::new(&app);
    carol.signup("carol@example.com", PASSWORD, inv["token"].as_str()).await;
    assert_error(
        &carol
            .send(Method::DELETE, &format!("/v1/orgs/{org}/teams/web"), None)
            .await,
        StatusCode::FORBIDDEN,
        "org_admin_required",
    );
    assert_error(
        &alice.send(Method::DELETE, &format!("/v1/orgs/{org}"), None).await,
        StatusCode::CONFLICT,
        "has_dependents",
    );
    assert_error(
        &bob.send(Method::DELETE, &format!("/v1/orgs/{org}"), None).await,
        StatusCode::FORBIDDEN,
        "owner_required",
    );
    let team_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM teams WHERE slug = 'web' AND organization_id <> $1")
        .bind(app.env.org.id.0)
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    let bucket: uuid::Uuid = sqlx::query_scalar("SELECT id FROM buckets LIMIT 1")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO projects (id, team_id, bucket_id, slug, name) VALUES (gen_random_uuid(), $1, $2, 'p', 'P')",
    )
    .bind(team_id)
    .bind(bucket)
    .execute(&app.env.pool)
    .await
    .unwrap();
    assert_error(
        &alice
            .send(Method::DELETE, &format!("/v1/orgs/{org}/teams/web"), None)
            .await,
        StatusCode::CONFLICT,
        "has_dependents",
    );
    sqlx::query("DELETE FROM projects WHERE team_id = $1")
        .bind(team_id)
        .execute(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(
        alice
            .send(Method::DELETE, &format!("/v1/orgs/{org}/teams/web"), None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );

    let (status, renamed) = alice
        .send(
            Method::PATCH,
            &format!("/v1/orgs/{org}"),
            Some(json!({"name": "Alice & Co"})),
        )
        .await;
    assert_eq!((status, renamed["name"].as_str()), (StatusCode::OK, Some("Alice & Co")));
    assert_eq!(
        alice.send(Method::DELETE, &format!("/v1/orgs/{org}"), None).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        alice.get("/v1/orgs").await.1["data"].as_array().unwrap().len(),
        1,
        "only the first organization is left"
    );
    let trail: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_logs WHERE action IN ('user.password_reset', 'team.deleted', 'org.updated', 'org.deleted') ORDER BY id")
        .fetch_all(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(
        trail,
        ["user.password_reset", "team.deleted", "org.updated", "org.deleted"],
        "the trail outlives the organization"
    );
}
