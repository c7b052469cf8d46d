//! Accounts over HTTP: sign-up policy, login, sessions (fixation, expiry, revocation), CSRF,
//! password changes and invitations.

use reqwest::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

use crate::support::{Browser, PASSWORD, TestApp, assert_error};

#[sqlx::test(migrations = false)]
async fn the_first_user_owns_an_organization_then_sign_up_needs_an_invitation(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut alice = Browser::new(&app);
    let (status, body, cookie) = alice
        .send_raw(
            Method::POST,
            "/v1/auth/signup",
            Some(json!({"email": "Alice@Example.com", "password": PASSWORD, "organization": "Alice Co"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let cookie = cookie.unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert_eq!(body["user"]["email"], "alice@example.com");
    assert!(
        body["created_organization"].is_null(),
        "the operator's first organization is adopted: {body}"
    );
    assert_eq!(
        (
            body["organizations"][0]["slug"].as_str(),
            body["organizations"][0]["role"].as_str()
        ),
        (Some("acme"), Some("owner"))
    );
    let (status, me) = alice.get("/v1/auth/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["organizations"][0]["role"], "owner");
    assert!(me["user"].get("password_hash").is_none(), "{me}");

    let mut bob = Browser::new(&app);
    let no_invite = bob
        .post(
            "/v1/auth/signup",
            json!({"email": "bob@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(&no_invite, StatusCode::FORBIDDEN, "signup_requires_invitation");
    let weak = bob
        .post(
            "/v1/auth/signup",
            json!({"email": "bob@example.com", "password": "password123"}),
        )
        .await;
    assert_error(&weak, StatusCode::BAD_REQUEST, "weak_password");
    let short = bob
        .post(
            "/v1/auth/signup",
            json!({"email": "bob@example.com", "password": "abc"}),
        )
        .await;
    assert_error(&short, StatusCode::BAD_REQUEST, "weak_password");
    let bad_email = bob
        .post("/v1/auth/signup", json!({"email": "bob", "password": PASSWORD}))
        .await;
    assert_error(&bad_email, StatusCode::BAD_REQUEST, "validation_failed");
    let taken = bob
        .post(
            "/v1/auth/signup",
            json!({"email": "ALICE@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(&taken, StatusCode::FORBIDDEN, "signup_requires_invitation");
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(users, 1, "refused sign-ups wrote nothing");
}

#[sqlx::test(migrations = false)]
async fn open_and_closed_sign_up(pool: PgPool) {
    let open =
        TestApp::spawn_api_only_configured(pool, |c| c.auth.signup = carcosa_common::config::SignupPolicy::Open).await;
    Browser::new(&open).signup("first@example.com", PASSWORD, None).await;
    let body = Browser::new(&open).signup("second@example.com", PASSWORD, None).await;
    assert_eq!(
        body["organizations"][0]["role"], "owner",
        "open sign-up gives everyone an organization"
    );
    let taken = Browser::new(&open)
        .post(
            "/v1/auth/signup",
            json!({"email": "second@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(&taken, StatusCode::CONFLICT, "email_taken");
}

#[sqlx::test(migrations = false)]
async fn closed_sign_up_admits_only_the_first_user(pool: PgPool) {
    let app =
        TestApp::spawn_api_only_configured(pool, |c| c.auth.signup = carcosa_common::config::SignupPolicy::Closed)
            .await;
    Browser::new(&app).signup("first@example.com", PASSWORD, None).await;
    let closed = Browser::new(&app)
        .post(
            "/v1/auth/signup",
            json!({"email": "x@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(&closed, StatusCode::FORBIDDEN, "signup_closed");
}

#[sqlx::test(migrations = false)]
async fn login_mints_a_new_session_and_a_planted_cookie_never_signs_in(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut alice = Browser::new(&app);
    alice.signup("alice@example.com", PASSWORD, None).await;
    let signup_cookie = alice.cookie.clone().unwrap();

    let mut victim = Browser::new(&app);
    victim.cookie = Some("cs_planted-by-an-attacker".into());
    let (status, _, set) = victim
        .send_raw(
            Method::POST,
            "/v1/auth/login",
            Some(json!({"email": "alice@example.com", "password": PASSWORD})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(set.is_some());
    let fresh = victim.cookie.clone().unwrap();
    assert_ne!(fresh, "cs_planted-by-an-attacker");
    assert_ne!(fresh, signup_cookie, "every login gets its own token");
    let mut attacker = Browser::new(&app);
    attacker.cookie = Some("cs_planted-by-an-attacker".into());
    assert_error(
        &attacker.get("/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    );

    let wrong = Browser::new(&app)
        .post(
            "/v1/auth/login",
            json!({"email": "alice@example.com", "password": "not the password"}),
        )
        .await;
    assert_error(&wrong, StatusCode::UNAUTHORIZED, "invalid_credentials");
    let unknown = Browser::new(&app)
        .post(
            "/v1/auth/login",
            json!({"email": "nobody@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(&unknown, StatusCode::UNAUTHORIZED, "invalid_credentials");

    let (status, _, cleared) = victim.send_raw(Method::POST, "/v1/auth/logout", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(cleared.unwrap().contains("Max-Age=0"));
    let mut old = Browser::new(&app);
    old.cookie = Some(fresh);
    assert_error(
        &old.get("/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    );
    assert_eq!(
        alice.get("/v1/auth/me").await.0,
        StatusCode::OK,
        "other sessions live on"
    );
}

#[sqlx::test(migrations = false)]
async fn cookies_are_secure_outside_dev(pool: PgPool) {
    let app = TestApp::spawn_api_only_configured(pool, |c| c.auth.insecure_cookies = false).await;
    let (_, _, cookie) = Browser::new(&app)
        .send_raw(
            Method::POST,
            "/v1/auth/signup",
            Some(json!({"email": "a@example.com", "password": PASSWORD})),
        )
        .await;
    assert!(cookie.unwrap().contains("; Secure"));
}

#[sqlx::test(migrations = false)]
async fn a_cross_site_post_with_the_cookie_is_refused(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut alice = Browser::new(&app);
    alice.signup("alice@example.com", PASSWORD, None).await;
    let org = alice.get("/v1/auth/me").await.1["organizations"][0]["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v1/orgs/{org}/teams");

    alice.origin = Some("https://evil.example".into());
    assert_error(
        &alice.post(&path, json!({"slug": "x", "name": "X"})).await,
        StatusCode::FORBIDDEN,
        "csrf_failed",
    );
    alice.origin = None;
    assert_error(
        &alice.post(&path, json!({"slug": "x", "name": "X"})).await,
        StatusCode::FORBIDDEN,
        "csrf_failed",
    );
    assert_error(
        &alice.send(Method::POST, "/v1/auth/logout", None).await,
        StatusCode::FORBIDDEN,
        "csrf_failed",
    );
    assert_eq!(
        alice.get("/v1/auth/me").await.0,
        StatusCode::OK,
        "reads need no origin; the refused logout did nothing"
    );
    let teams: i64 = sqlx::query_scalar("SELECT count(*) FROM teams WHERE slug = 'x'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(teams, 0);

    alice.origin = Some(app.url.clone());
    assert_eq!(
        alice.post(&path, json!({"slug": "x", "name": "X"})).await.0,
        StatusCode::CREATED
    );
    // Login CSRF: another site cannot sign a browser in to the attacker's account.
    let mut b = Browser::new(&app);
    b.origin = Some("https://evil.example".into());
    let forced = b
        .post(
            "/v1/auth/login",
            json!({"email": "alice@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(&forced, StatusCode::FORBIDDEN, "csrf_failed");
}

#[sqlx::test(migrations = false)]
async fn sessions_end_when_revoked_idle_expired_or_the_password_changes(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut one = Browser::new(&app);
    one.signup("alice@example.com", PASSWORD, None).await;
    let mut two = Browser::new(&app);
    two.login("alice@example.com", PASSWORD).await;
    let mut three = Browser::new(&app);
    three.login("alice@example.com", PASSWORD).await;

    let (status, list) = one.get("/v1/auth/sessions").await;
    assert_eq!(status, StatusCode::OK);
    let list = list["data"].as_array().unwrap().clone();
    assert_eq!(list.len(), 3);
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    assert!(list.iter().all(|s| s.get("token_hash").is_none()));
    let two_id =
        sqlx::query_scalar::<_, uuid::Uuid>("SELECT id FROM sessions WHERE token_hash = sha256($1::text::bytea)")
            .bind(two.cookie.clone().unwrap())
            .fetch_one(&app.env.pool)
            .await
            .unwrap();
    assert_eq!(
        one.send(Method::DELETE, &format!("/v1/auth/sessions/{two_id}"), None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_error(
        &two.get("/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    );
    assert_error(
        &one.send(Method::DELETE, &format!("/v1/auth/sessions/{two_id}"), None)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );

    // Idle past auth.session_idle_secs.
    sqlx::query(
        "UPDATE sessions SET last_seen_at = now() - interval '3 days' WHERE token_hash = sha256($1::text::bytea)",
    )
    .bind(three.cookie.clone().unwrap())
    .execute(&app.env.pool)
    .await
    .unwrap();
    assert_error(
        &three.get("/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    );
    // Past the absolute expiry.
    let mut four = Browser::new(&app);
    four.login("alice@example.com", PASSWORD).await;
    sqlx::query(
        "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = sha256($1::text::bytea)",
    )
    .bind(four.cookie.clone().unwrap())
    .execute(&app.env.pool)
    .await
    .unwrap();
    assert_error(
        &four.get("/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    );

    let mut five = Browser::new(&app);
    five.login("alice@example.com", PASSWORD).await;
    let wrong = one
        .post(
            "/v1/auth/password",
            json!({"current_password": "nope nope nope", "new_password": "a brand new passphrase"}),
        )
        .await;
    assert_error(&wrong, StatusCode::FORBIDDEN, "wrong_password");
    let weak = one
        .post(
            "/v1/auth/password",
            json!({"current_password": PASSWORD, "new_password": "short"}),
        )
        .await;
    assert_error(&weak, StatusCode::BAD_REQUEST, "weak_password");
    let changed = one
        .post(
            "/v1/auth/password",
            json!({"current_password": PASSWORD, "new_password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(changed.0, StatusCode::NO_CONTENT, "{}", changed.1);
    assert_eq!(
        one.get("/v1/auth/me").await.0,
        StatusCode::OK,
        "the session that changed it lives on"
    );
    assert_error(
        &five.get("/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "session_expired",
    );
    Browser::new(&app)
        .login("alice@example.com", "a brand new passphrase")
        .await;
}

#[sqlx::test(migrations = false)]
async fn invitations_are_single_use_expire_and_can_be_revoked(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut alice = Browser::new(&app);
    alice.signup("alice@example.com", PASSWORD, None).await;
    let org = alice.get("/v1/auth/me").await.1["organizations"][0]["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let invite = |email: &str, role: &str| json!({"email": email, "role": role});
    let path = format!("/v1/orgs/{org}/invitations");

    let (status, inv) = alice.post(&path, invite("bob@example.com", "member")).await;
    assert_eq!(status, StatusCode::CREATED, "{inv}");
    let token = inv["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("ci_"));
    let listed = alice.get(&path).await.1;
    assert!(listed["data"][0].get("token").is_none(), "{listed}");
    assert_error(
        &alice.post(&path, invite("x@example.com", "owner")).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    );

    let wrong = Browser::new(&app)
        .post(
            "/v1/auth/signup",
            json!({"email": "eve@example.com", "password": PASSWORD, "invitation": token}),
        )
        .await;
    assert_error(&wrong, StatusCode::FORBIDDEN, "invitation_invalid");
    let mut bob = Browser::new(&app);
    let body = bob.signup("bob@example.com", PASSWORD, Some(&token)).await;
    assert_eq!(body["organizations"][0]["slug"], org.as_str());
    assert_eq!(body["organizations"][0]["role"], "member");
    assert!(body["created_organization"].is_null());
    let reuse = Browser::new(&app)
        .post(
            "/v1/auth/signup",
            json!({"email": "bob2@example.com", "password": PASSWORD, "invitation": token}),
        )
        .await;
    assert_error(&reuse, StatusCode::FORBIDDEN, "invitation_invalid");

    // Expired.
    let (_, late) = alice.post(&path, invite("carol@example.com", "viewer")).await;
    sqlx::query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1::uuid")
        .bind(late["id"].as_str().unwrap())
        .execute(&app.env.pool)
        .await
        .unwrap();
    let expired = Browser::new(&app)
        .post(
            "/v1/auth/signup",
            json!({"email": "carol@example.com", "password": PASSWORD, "invitation": late["token"]}),
        )
        .await;
    assert_error(&expired, StatusCode::FORBIDDEN, "invitation_invalid");
    // Revoked.
    let (_, gone) = alice.post(&path, invite("dave@example.com", "admin")).await;
    let id = gone["id"].as_str().unwrap();
    assert_eq!(
        alice.send(Method::DELETE, &format!("{path}/{id}"), None).await.0,
        StatusCode::NO_CONTENT
    );
    assert_error(
        &alice.send(Method::DELETE, &format!("{path}/{id}"), None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let revoked = Browser::new(&app)
        .post(
            "/v1/auth/signup",
            json!({"email": "dave@example.com", "password": PASSWORD, "invitation": gone["token"]}),
        )
        .await;
    assert_error(&revoked, StatusCode::FORBIDDEN, "invitation_invalid");

    // A member cannot invite.
    assert_error(
        &bob.post(&path, invite("z@example.com", "member")).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert_eq!(users, 2);
}

#[sqlx::test(migrations = false)]
async fn the_last_owner_can_neither_leave_nor_be_demoted(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut alice = Browser::new(&app);
    let me = alice.signup("alice@example.com", PASSWORD, None).await;
    let alice_id = me["user"]["id"].as_str().unwrap().to_owned();
    let org = me["organizations"][0]["slug"].as_str().unwrap().to_owned();
    let member = format!("/v1/orgs/{org}/members/{alice_id}");
    assert_error(
        &alice.send(Method::PATCH, &member, Some(json!({"role": "admin"}))).await,
        StatusCode::CONFLICT,
        "last_owner",
    );
    assert_error(
        &alice.send(Method::DELETE, &member, None).await,
        StatusCode::CONFLICT,
        "last_owner",
    );

    let (_, inv) = alice
        .post(
            &format!("/v1/orgs/{org}/invitations"),
            json!({"email": "bob@example.com", "role": "admin"}),
        )
        .await;
    let mut bob = Browser::new(&app);
    let bob_id = bob.signup("bob@example.com", PASSWORD, inv["token"].as_str()).await["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // An admin cannot unmake or make owners.
    assert_error(
        &bob.send(Method::PATCH, &member, Some(json!({"role": "member"}))).await,
        StatusCode::FORBIDDEN,
        "owner_required",
    );
    assert_error(
        &bob.send(
            Method::PATCH,
            &format!("/v1/orgs/{org}/members/{bob_id}"),
            Some(json!({"role": "owner"})),
        )
        .await,
        StatusCode::FORBIDDEN,
        "owner_required",
    );
    // The owner promotes bob; then alice may step down.
    assert_eq!(
        alice
            .send(
                Method::PATCH,
                &format!("/v1/orgs/{org}/members/{bob_id}"),
                Some(json!({"role": "owner"}))
            )
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        alice
            .send(Method::PATCH, &member, Some(json!({"role": "viewer"})))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    let members = bob.get(&format!("/v1/orgs/{org}/members")).await.1;
    let roles: Vec<&str> = members["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["viewer", "owner"]);
}
