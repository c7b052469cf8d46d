//! The dashboard's pages and forms over real HTTP: status, what the page says, the permission a
//! page needs, the form token, and the API's words on a refused form. (The browser end to end —
//! the dropzone, live status, screenshots — is `sdk/js/test/dashboard.test.mjs`.)

use carcosa_common::db::{members, users};
use carcosa_common::domain::{OrgRole, TeamRole};
use reqwest::header::{CONTENT_SECURITY_POLICY, LOCATION, X_FRAME_OPTIONS};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{PASSWORD, PNG, TestApp};

/// A browser without script: a cookie jar of one, no redirects followed, the form token of the
/// last page it saw.
pub struct Dash {
    base: String,
    http: reqwest::Client,
    cookie: Option<String>,
    pub csrf: String,
    pub origin: Option<String>,
}

/// What a page answered.
pub struct Got {
    pub status: StatusCode,
    pub html: String,
    pub location: Option<String>,
    pub headers: reqwest::header::HeaderMap,
}

impl Got {
    /// The stable code an error page or a refused form shows (`data-code="…"`).
    pub fn code(&self) -> Option<&str> {
        let at = self.html.find("data-code=\"")? + "data-code=\"".len();
        let end = self.html[at..].find('"')?;
        Some(&self.html[at..at + end])
    }

    #[track_caller]
    pub fn refused(&self, status: StatusCode, code: &str) {
        assert_eq!(
            (self.status, self.code()),
            (status, Some(code)),
            "{}",
            &self.html[..self.html.len().min(3000)]
        );
    }

    #[track_caller]
    pub fn ok_with(&self, text: &str) {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{}",
            &self.html[..self.html.len().min(3000)]
        );
        assert!(self.html.contains(text), "page lacks {text:?}: {}", self.html);
    }
}

impl Dash {
    pub fn new(app: &TestApp) -> Self {
        Self {
            base: app.url.clone(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookie: None,
            csrf: String::new(),
            origin: Some(app.url.clone()),
        }
    }

    async fn send(&mut self, req: reqwest::RequestBuilder) -> Got {
        let mut req = req;
        if let Some(c) = &self.cookie {
            req = req.header("cookie", format!("carcosa_session={c}"));
        }
        if let Some(o) = &self.origin {
            req = req.header("origin", o);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        if let Some(sc) = headers.get("set-cookie").and_then(|v| v.to_str().ok()) {
            let value = sc.split(';').next().unwrap().trim_start_matches("carcosa_session=");
            self.cookie = (!value.is_empty()).then(|| value.to_owned());
        }
        let location = headers.get(LOCATION).map(|v| v.to_str().unwrap().to_owned());
        let html = resp.text().await.unwrap();
        if let Some(at) = html.find("name=\"_csrf\" value=\"") {
            let rest = &html[at + "name=\"_csrf\" value=\"".len()..];
            self.csrf = rest[..rest.find('"').unwrap()].to_owned();
        }
        Got {
            status,
            html,
            location,
            headers,
        }
    }

    pub async fn get(&mut self, path: &str) -> Got {
        let req = self.http.get(format!("{}{path}", self.base));
        self.send(req).await
    }

    /// Posts a form with the current token.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Got {
        let mut all: Vec<(&str, &str)> = vec![("_csrf", &self.csrf)];
        all.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&all).unwrap();
        self.post_raw(path, body).await
    }

    /// Posts owned fields with the current token.
    pub async fn post_all(&mut self, path: &str, fields: Vec<(String, String)>) -> Got {
        let mut all = vec![("_csrf".to_owned(), self.csrf.clone())];
        all.extend(fields);
        let body = serde_urlencoded::to_string(&all).unwrap();
        self.post_raw(path, body).await
    }

    /// Posts a form body exactly as given (no token added).
    pub async fn post_raw(&mut self, path: &str, body: String) -> Got {
        let req = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        self.send(req).await
    }

    /// Posts JSON with the form token in `X-CSRF-Token` (the dropzone's endpoint).
    pub async fn action(&mut self, path: &str, body: Value) -> (StatusCode, Value) {
        let req = self
            .http
            .post(format!("{}{path}", self.base))
            .header("x-csrf-token", self.csrf.clone())
            .json(&body);
        let got = self.send(req).await;
        (
            got.status,
            serde_json::from_str(&got.html).unwrap_or(Value::String(got.html)),
        )
    }

    /// Signs in through the form (asserting it worked).
    pub async fn sign_in(&mut self, email: &str) {
        self.get("/sign-in").await;
        let got = self.post("/sign-in", &[("email", email), ("password", PASSWORD)]).await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.html);
        self.get("/account").await;
    }
}

/// A person with `org_role` in acme (and `team` role in web), signed in to the dashboard.
pub async fn person(app: &TestApp, email: &str, org_role: Option<OrgRole>, team: Option<TeamRole>) -> Dash {
    let hash = carcosa_common::password::hash(PASSWORD).unwrap();
    let user = users::create(&app.env.pool, email, email, Some(&hash)).await.unwrap();
    if let Some(role) = org_role {
        members::put_org_member(&app.env.pool, app.env.org.id, user.id, role)
            .await
            .unwrap();
    }
    if let Some(role) = team {
        members::put_team_member(&app.env.pool, app.env.team.id, user.id, role)
            .await
            .unwrap();
    }
    let mut dash = Dash::new(app);
    dash.sign_in(email).await;
    dash
}

#[sqlx::test(migrations = false)]
async fn sign_up_sign_in_and_sign_out_through_the_forms(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut ada = Dash::new(&app);

    // Pages carry the strict policy.
    let page = ada.get("/sign-up").await;
    page.ok_with("Create your account");
    let csp = page.headers[CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(page.headers[X_FRAME_OPTIONS], "DENY");

    // A refused sign-up shows the API's words and keeps what was typed.
    let weak = ada
        .post(
            "/sign-up",
            &[
                ("email", "ada@example.com"),
                ("password", "short"),
                ("organization", "Engines"),
            ],
        )
        .await;
    weak.refused(StatusCode::BAD_REQUEST, "weak_password");
    assert!(weak.html.contains("value=\"ada@example.com\""));
    let bad_email = ada
        .post(
            "/sign-up",
            &[
                ("email", "not-an-email"),
                ("password", PASSWORD),
                ("organization", "Engines"),
            ],
        )
        .await;
    assert_eq!(bad_email.status, StatusCode::BAD_REQUEST, "{}", bad_email.html);

    // The first user signs up, adopts the organization the operator made, and lands on it.
    ada.get("/sign-up").await.ok_with("you will own Acme");
    let done = ada
        .post(
            "/sign-up",
            &[
                ("email", "ada@example.com"),
                ("password", PASSWORD),
                ("name", "Ada"),
                ("organization", "Engines"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(done.location.as_deref(), Some("/"));
    let home = ada.get("/").await;
    assert_eq!(home.location.as_deref(), Some("/orgs/acme"));
    ada.get("/orgs/acme").await.ok_with("Acme");

    // Signing out needs the form token; then the session is gone.
    ada.post_raw("/sign-out", String::new())
        .await
        .refused(StatusCode::FORBIDDEN, "csrf_failed");
    let out = ada.post("/sign-out", &[]).await;
    assert_eq!(out.location.as_deref(), Some("/sign-in"));
    let after = ada.get("/orgs/acme").await;
    assert_eq!(
        (after.status, after.location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/sign-in"))
    );

    // Signing in: a wrong password is refused in words; the right one opens a session.
    ada.get("/sign-in").await.ok_with("Sign in");
    ada.post(
        "/sign-in",
        &[("email", "ada@example.com"), ("password", "wrong password!!")],
    )
    .await
    .refused(StatusCode::UNAUTHORIZED, "invalid_credentials");
    ada.sign_in("ada@example.com").await;
    ada.get("/orgs/acme").await.ok_with("Acme");

    // A second person cannot sign up on an invitation-only server without an invitation.
    let mut bob = Dash::new(&app);
    bob.get("/sign-up").await.ok_with("invitation");
    bob.post(
        "/sign-up",
        &[
            ("email", "bob@example.com"),
            ("password", PASSWORD),
            ("organization", "Bobs"),
        ],
    )
    .await
    .refused(StatusCode::FORBIDDEN, "signup_requires_invitation");

    // A form posted from another site is refused even with the right token.
    ada.origin = Some("https://evil.example".into());
    ada.post("/orgs/acme/teams", &[("name", "Sneaky")])
        .await
        .refused(StatusCode::FORBIDDEN, "csrf_failed");
}

#[sqlx::test(migrations = false)]
async fn account_page_changes_the_password_and_signs_other_sessions_out(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut here = person(&app, "owner@acme.example", Some(OrgRole::Owner), None).await;
    let mut there = Dash::new(&app);
    there.sign_in("owner@acme.example").await;

    let page = here.get("/account").await;
    page.ok_with("This session");
    assert_eq!(
        page.html.matches("/revoke\"").count(),
        1,
        "one other session to sign out"
    );

    here.post(
        "/account/password",
        &[
            ("current_password", "not my password"),
            ("new_password", "another long passphrase"),
        ],
    )
    .await
    .refused(StatusCode::FORBIDDEN, "wrong_password");
    here.post(
        "/account/password",
        &[("current_password", PASSWORD), ("new_password", "short")],
    )
    .await
    .refused(StatusCode::BAD_REQUEST, "weak_password");
    let changed = here
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "another long passphrase"),
            ],
        )
        .await;
    assert_eq!(
        changed.location.as_deref(),
        Some("/account?changed=1"),
        "{}",
        changed.html
    );
    here.get("/account?changed=1").await.ok_with("Password changed");
    // The other session was signed out by the change.
    assert_eq!(there.get("/account").await.location.as_deref(), Some("/sign-in"));
    // Revoking an unknown session is a 404 page.
    here.post(&format!("/account/sessions/{}/revoke", uuid::Uuid::now_v7()), &[])
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
}

#[sqlx::test(migrations = false)]
async fn pages_show_what_the_person_may_see_and_nothing_of_other_organizations(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let project = app.env.project.id;
    let mut owner = person(&app, "owner@acme.example", Some(OrgRole::Owner), None).await;
    let pages = [
        ("/orgs/acme", "web"),
        ("/orgs/acme/teams/web", "main"),
        ("/orgs/acme/teams/web/buckets/main", "Rotate credentials"),
        ("/orgs/acme/teams/web/buckets/new", "Check and connect"),
        ("/orgs/acme/audit", "Audit log"),
        (&format!("/projects/{project}") as &str, "Upload rules"),
        (&format!("/projects/{project}/keys"), "New key"),
        (&format!("/projects/{project}/files"), "No uploads yet"),
        ("/account", "Sessions"),
    ];
    for (path, text) in &pages {
        owner.get(path).await.ok_with(text);
    }

    // Someone of another organization sees 404 pages, never the data.
    let mut stranger = Dash::new(&app);
    stranger.get("/sign-up").await;
    let signed = stranger
        .post(
            "/sign-up",
            &[
                ("email", "eve@other.example"),
                ("password", PASSWORD),
                ("organization", "Other"),
            ],
        )
        .await;
    // Sign-up is by invitation here, so the stranger is made directly.
    if signed.status != StatusCode::SEE_OTHER {
        stranger = person(&app, "eve@other.example", None, None).await;
    }
    for (path, _) in pages.iter().filter(|(p, _)| *p != "/account") {
        let got = stranger.get(path).await;
        got.refused(StatusCode::NOT_FOUND, "not_found");
        assert!(!got.html.contains("Acme"), "{path} leaks the organization");
    }
    // Without an organization, home says what to do next.
    stranger.get("/").await.ok_with("not a member of any organization");

    // A team viewer reads the project but gets no key form, and the form itself is refused.
    let mut viewer = person(
        &app,
        "viewer@acme.example",
        Some(OrgRole::Member),
        Some(TeamRole::Viewer),
    )
    .await;
    let keys = viewer.get(&format!("/projects/{project}/keys")).await;
    keys.ok_with("API keys");
    assert!(!keys.html.contains("New key"));
    viewer
        .post(
            &format!("/projects/{project}/keys"),
            &[("name", "x"), ("permissions", "files:read")],
        )
        .await
        .refused(StatusCode::FORBIDDEN, "forbidden");
    // An organization member outside the team does not see the project at all.
    let mut outsider = person(&app, "member@acme.example", Some(OrgRole::Member), None).await;
    outsider
        .get(&format!("/projects/{project}/files"))
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
    // An API key is not a dashboard session.
    let got = app
        .request(
            Method::GET,
            &format!("/projects/{project}/files"),
            Some(&app.env.key),
            None,
        )
        .await;
    assert_eq!(got.0, StatusCode::FORBIDDEN, "{}", got.1);
}

#[sqlx::test(migrations = false)]
async fn keys_are_minted_within_the_ceiling_shown_once_and_revoked(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let project = app.env.project.id;
    let keys = format!("/projects/{project}/keys");
    let mut member = person(&app, "dev@acme.example", Some(OrgRole::Member), Some(TeamRole::Member)).await;

    let page = member.get(&keys).await;
    page.ok_with("files:write");
    assert!(
        !page.html.contains("value=\"admin\""),
        "the picker offers only held permissions"
    );

    member
        .post(&keys, &[("name", "no perms")])
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    member
        .post(&keys, &[("name", "too strong"), ("permissions", "admin")])
        .await
        .refused(StatusCode::FORBIDDEN, "permission_ceiling");
    member
        .post(&keys, &[("name", "typo"), ("permissions", "files:reed")])
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    member
        .post(
            &keys,
            &[("name", "x"), ("permissions", "files:read"), ("expires_in_days", "0")],
        )
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");

    let made = member
        .post(
            &keys,
            &[
                ("name", "web server"),
                ("permissions", "files:read"),
                ("permissions", "files:write"),
            ],
        )
        .await;
    made.ok_with("not shown again");
    assert_eq!(made.headers["cache-control"], "no-store");
    let at = made.html.find("value=\"ck_").expect("the secret is shown") + "value=\"".len();
    let token = &made.html[at..at + made.html[at..].find('"').unwrap()];
    // The key works against the API.
    let (status, _) = app.request(Method::GET, "/v1/files", Some(token), None).await;
    assert_eq!(status, StatusCode::OK);
    // And is never shown again.
    assert!(!member.get(&keys).await.html.contains(token));

    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM api_keys WHERE name = 'web server'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    member
        .post_raw(&format!("{keys}/{id}/revoke"), String::new())
        .await
        .refused(StatusCode::FORBIDDEN, "csrf_failed");
    let revoked = member.post(&format!("{keys}/{id}/revoke"), &[]).await;
    assert_eq!(revoked.location.as_deref(), Some(keys.as_str()));
    // Revocation reaches every API process's key cache within its notification delay.
    crate::support::eventually("the revoked key to be refused", || async {
        app.request(Method::GET, "/v1/files", Some(token), None).await.0 == StatusCode::UNAUTHORIZED
    })
    .await;
    member
        .post(&format!("{keys}/{id}/revoke"), &[])
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");

    // The owner finds the revocation in the audit log, filtered by action.
    let mut owner = person(&app, "owner@acme.example", Some(OrgRole::Owner), None).await;
    let log = owner.get("/orgs/acme/audit?action=api_key.").await;
    log.ok_with("api_key.revoked");
    assert!(log.html.contains("dev@acme.example"));
    assert!(!log.html.contains("auth.login"), "the filter applies");
    owner
        .get("/orgs/acme/audit?since=yesterday")
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    // The export link goes to the API's export, which the session may use.
    assert!(log.html.contains("/v1/orgs/acme/audit-logs/export?action=api_key."));
    // A team member cannot read the organization's audit log.
    member
        .get("/orgs/acme/audit")
        .await
        .refused(StatusCode::FORBIDDEN, "forbidden");
}

#[sqlx::test(migrations = false)]
async fn buckets_connect_with_real_checks_and_projects_are_created_on_them(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut owner = person(&app, "owner@acme.example", Some(OrgRole::Owner), None).await;
    let access = carcosa_common::testing::s3_access(None);
    let endpoint = access.endpoint.clone().unwrap();
    let key = secrecy::ExposeSecret::expose_secret(&access.access_key).to_owned();
    let secret = secrecy::ExposeSecret::expose_secret(&access.secret_key).to_owned();
    let new = "/orgs/acme/teams/web/buckets";
    owner
        .get("/orgs/acme/teams/web/buckets/new")
        .await
        .ok_with("Check and connect");

    let fields = |name: &'static str, secret: &str| -> Vec<(String, String)> {
        vec![
            ("name".into(), name.into()),
            ("provider".into(), "minio".into()),
            ("endpoint".into(), endpoint.clone()),
            ("region".into(), "us-east-1".into()),
            ("bucket_name".into(), access.bucket_name.clone()),
            ("force_path_style".into(), "on".into()),
            ("access_key".into(), key.clone()),
            ("secret_key".into(), secret.into()),
            ("cors_origins".into(), "https://app.example.com".into()),
        ]
    };
    // Wrong secret: the probe fails, nothing is stored, the form says why and keeps its fields
    // (never the secret).
    let wrong = owner.post_all(new, fields("media", "not-the-secret")).await;
    wrong.refused(StatusCode::BAD_REQUEST, "bucket_check_failed");
    assert!(wrong.html.contains(&access.bucket_name) && !wrong.html.contains("not-the-secret"));
    // Bad origin.
    let mut bad = fields("media", &secret);
    bad.last_mut().unwrap().1 = "app.example.com".into();
    owner
        .post_all(new, bad)
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");

    let connected = owner.post_all(new, fields("media", &secret)).await;
    assert_eq!(connected.status, StatusCode::CREATED, "{}", connected.html);
    assert!(
        connected.html.contains("data-check=\"probe\" class=\"ok\""),
        "{}",
        connected.html
    );
    assert!(connected.html.contains("data-check=\"cors\""));
    assert!(!connected.html.contains(&secret), "a secret is never shown back");
    owner
        .post_all(new, fields("media", &secret))
        .await
        .refused(StatusCode::CONFLICT, "already_exists");

    // Check again; rotate with a bad pair (refused, nothing changes) and the good one.
    owner.get("/orgs/acme/teams/web/buckets/media").await;
    let checked = owner
        .post(
            "/orgs/acme/teams/web/buckets/media/check",
            &[("cors_origins", "http://localhost:3000")],
        )
        .await;
    checked.ok_with("data-check=\"lifecycle\"");
    owner
        .post(
            "/orgs/acme/teams/web/buckets/media/credentials",
            &[("access_key", &key), ("secret_key", "wrong")],
        )
        .await
        .refused(StatusCode::BAD_REQUEST, "bucket_check_failed");
    let rotated = owner
        .post(
            "/orgs/acme/teams/web/buckets/media/credentials",
            &[("access_key", &key), ("secret_key", &secret)],
        )
        .await;
    assert_eq!(
        rotated.location.as_deref(),
        Some("/orgs/acme/teams/web/buckets/media?rotated=1")
    );

    // A project on it, from the team page.
    owner.get("/orgs/acme/teams/web").await.ok_with("New project");
    owner
        .post(
            "/orgs/acme/teams/web/projects",
            &[("name", "Photos"), ("slug", "Not A Slug"), ("bucket", "media")],
        )
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    owner
        .post(
            "/orgs/acme/teams/web/projects",
            &[("name", "Photos"), ("bucket", "media"), ("max_upload_mib", "lots")],
        )
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    owner
        .post(
            "/orgs/acme/teams/web/projects",
            &[("name", "Photos"), ("bucket", "no-such-bucket")],
        )
        .await
        .refused(StatusCode::BAD_REQUEST, "bucket_not_writable");
    let made = owner
        .post(
            "/orgs/acme/teams/web/projects",
            &[
                ("name", "Photos"),
                ("bucket", "media"),
                ("allowed_content_types", "image/*, video/mp4"),
                ("max_upload_mib", "50"),
            ],
        )
        .await;
    let files = made.location.expect("redirected to the new project's files");
    owner.get(&files).await.ok_with("image/*, video/mp4, up to 50 MiB");
    owner
        .post(
            "/orgs/acme/teams/web/projects",
            &[("name", "Photos"), ("bucket", "media")],
        )
        .await
        .refused(StatusCode::CONFLICT, "already_exists");

    // Teams from the organization page.
    let team = owner.post("/orgs/acme/teams", &[("name", "Mobile Apps")]).await;
    assert_eq!(team.location.as_deref(), Some("/orgs/acme/teams/mobile-apps"));
    owner
        .post("/orgs/acme/teams", &[("name", "Mobile Apps")])
        .await
        .refused(StatusCode::CONFLICT, "already_exists");

    // Sharing the bucket with the new team, and taking it back.
    let grants = "/orgs/acme/teams/web/buckets/media/grants";
    owner
        .get("/orgs/acme/teams/web/buckets/media")
        .await
        .ok_with("Share with");
    owner
        .post(grants, &[("team", "mobile-apps"), ("access", "owner")])
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    owner
        .post(grants, &[("team", "no-such-team"), ("access", "read-write")])
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
    let shared = owner
        .post(grants, &[("team", "mobile-apps"), ("access", "read-write")])
        .await;
    assert_eq!(shared.location.as_deref(), Some("/orgs/acme/teams/web/buckets/media"));
    owner
        .get("/orgs/acme/teams/web/buckets/media")
        .await
        .ok_with("mobile-apps: read-write");
    owner.get("/orgs/acme/teams/mobile-apps").await.ok_with("media");
    let back = owner.post(&format!("{grants}/mobile-apps/remove"), &[]).await;
    assert_eq!(back.location.as_deref(), Some("/orgs/acme/teams/web/buckets/media"));
    assert!(
        !owner
            .get("/orgs/acme/teams/mobile-apps")
            .await
            .html
            .contains("carcosa-test")
    );
}

#[sqlx::test(migrations = false)]
async fn files_are_listed_filtered_paged_and_deleted(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let project = app.env.project.id;
    let files = format!("/projects/{project}/files");
    let png = PNG.to_vec();
    let ready = app.upload("photo.png", "image/png", &png).await;
    assert_eq!(ready["status"], "ready", "{ready}");
    let failed = app
        .upload("fake.png", "image/png", b"not a png at all, just text")
        .await;
    assert_eq!(failed["status"], "failed", "{failed}");
    // Pending uploads enough for a second page.
    for i in 0..52 {
        app.create_upload(&format!("pending-{i:02}.jpg"), "image/jpeg", 10)
            .await;
    }
    let mut dev = person(&app, "dev@acme.example", Some(OrgRole::Member), Some(TeamRole::Member)).await;

    let page = dev.get(&files).await;
    page.ok_with("pending-51.jpg");
    assert!(!page.html.contains("photo.png"), "the oldest are on the next page");
    let at = page.html.find("rel=\"next\" href=\"").unwrap() + "rel=\"next\" href=\"".len();
    let next = page.html[at..at + page.html[at..].find('"').unwrap()]
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let second = dev.get(&next).await;
    second.ok_with("photo.png");
    assert!(
        second.html.contains("/v1/transform/") && second.html.contains("sig="),
        "a signed thumbnail"
    );
    assert!(!second.html.contains("pending-51.jpg"));

    let failed_only = dev.get(&format!("{files}?status=failed")).await;
    failed_only.ok_with("fake.png");
    assert!(failed_only.html.contains("not the type that was declared") || failed_only.html.contains("corrupt"));
    assert!(!failed_only.html.contains("photo.png"));
    dev.get(&format!("{files}?q=PHOTO")).await.ok_with("photo.png");
    let none = dev.get(&format!("{files}?q=%25")).await;
    none.ok_with("Nothing matches");
    dev.get(&format!("{files}?type=video/"))
        .await
        .ok_with("Nothing matches");
    dev.get(&format!("{files}?status=sideways"))
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    dev.get(&format!("{files}?from=01/12/2026"))
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");

    // The file's page: variants, metadata, a presigned download; then delete it.
    let file_id = ready["file_id"].as_str().unwrap();
    let page = dev.get(&format!("{files}/{file_id}")).await;
    page.ok_with("Download original");
    assert!(page.html.contains("X-Amz-Signature") || page.html.contains("x-amz-signature"));
    dev.post_raw(&format!("{files}/{file_id}/delete"), String::new())
        .await
        .refused(StatusCode::FORBIDDEN, "csrf_failed");
    let gone = dev.post(&format!("{files}/{file_id}/delete"), &[]).await;
    assert_eq!(gone.location.as_deref(), Some(files.as_str()));
    dev.get(&format!("{files}/{file_id}"))
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
    // A malformed id is a 404 page too, not a JSON error.
    dev.get(&format!("{files}/not-a-file-id"))
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
    // Another project's file id is a 404 too.
    let (other, other_key) = app.env.other_project("elsewhere").await;
    let _ = other;
    let theirs = app
        .request(
            Method::POST,
            "/v1/uploads",
            Some(&other_key),
            Some(json!({"filename": "x.png", "content_type": "image/png", "size": 10})),
        )
        .await;
    assert_eq!(theirs.0, StatusCode::CREATED);
    assert!(!dev.get(&files).await.html.contains(theirs.1["id"].as_str().unwrap()));
}

#[sqlx::test(migrations = false)]
async fn the_dropzone_endpoint_presigns_completes_and_reports(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let project = app.env.project.id;
    let endpoint = format!("/projects/{project}/upload");
    let png = PNG.to_vec();
    let mut dev = person(&app, "dev@acme.example", Some(OrgRole::Member), Some(TeamRole::Member)).await;
    let files = dev.get(&format!("/projects/{project}/files")).await;
    // The page lets the browser talk to the bucket, and only to it.
    let csp = files.headers[CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(csp.contains("connect-src 'self' http://127.0.0.1:8333"), "{csp}");

    let presign = json!({"action": "presign", "files": [{"name": "dot.png", "size": png.len(), "type": "image/png"}]});
    // Without the form token: refused.
    let token = std::mem::take(&mut dev.csrf);
    let (status, body) = dev.action(&endpoint, presign.clone()).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("csrf_failed")),
        "{body}"
    );
    dev.csrf = token;
    // Refusals in the API's words.
    let (status, body) = dev
        .action(
            &endpoint,
            json!({"action": "presign", "files": [{"name": "a.exe", "size": 10, "type": "application/x-msdownload"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    assert_eq!(body["error"]["code"], "content_type_not_allowed");
    let (status, body) = dev.action(&endpoint, json!({"action": "presign", "files": []})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("validation_failed"))
    );
    let (status, body) = dev.action(&endpoint, json!({"action": "dance"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    let (status, body) = dev.action(&endpoint, presign).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let up = &body["uploads"][0];
    assert!(up["socket_url"].as_str().unwrap().contains("/v1/ws?token="));
    let put = &up["upload"];
    let mut req = reqwest::Client::new().request(
        Method::from_bytes(put["method"].as_str().unwrap().as_bytes()).unwrap(),
        put["url"].as_str().unwrap(),
    );
    for (k, v) in put["headers"].as_object().unwrap() {
        req = req.header(k, v.as_str().unwrap());
    }
    assert!(req.body(png.clone()).send().await.unwrap().status().is_success());
    let id = up["id"].as_str().unwrap();
    let (status, body) = dev.action(&endpoint, json!({"action": "complete", "id": id})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut last = Value::Null;
    for _ in 0..400 {
        let (_, body) = dev.action(&endpoint, json!({"action": "status", "id": id})).await;
        if body["status"] == "ready" {
            last = body;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(last["file_id"].is_string(), "{last}");
    // Another project's upload id is a 404.
    let (other, other_key) = app.env.other_project("elsewhere").await;
    let _ = other;
    let theirs = app
        .request(
            Method::POST,
            "/v1/uploads",
            Some(&other_key),
            Some(json!({"filename": "x.png", "content_type": "image/png", "size": 10})),
        )
        .await;
    let (status, body) = dev
        .action(&endpoint, json!({"action": "status", "id": theirs.1["id"]}))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found")),
        "{body}"
    );
    // A viewer may not upload.
    let mut viewer = person(
        &app,
        "viewer@acme.example",
        Some(OrgRole::Member),
        Some(TeamRole::Viewer),
    )
    .await;
    let (status, _) = viewer.action(&endpoint, json!({"action": "status", "id": id})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The page's realtime token follows the project over the WebSocket.
    let page = dev.get(&format!("/projects/{project}/files")).await;
    let at = page.html.find("data-live-token=\"").unwrap() + "data-live-token=\"".len();
    let token = &page.html[at..at + page.html[at..].find('"').unwrap()];
    let ws = format!("{}/v1/ws?token={token}", app.url.replacen("http", "ws", 1));
    let (mut socket, _) = tokio_tungstenite::connect_async(ws).await.expect("socket opens");
    use futures::{SinkExt as _, StreamExt as _};
    socket
        .send(tokio_tungstenite::tungstenite::Message::text(
            json!({"op": "subscribe", "channel": format!("upload:{id}")}).to_string(),
        ))
        .await
        .unwrap();
    let mut saw_ready = false;
    for _ in 0..5 {
        let Some(Ok(msg)) = socket.next().await else { break };
        if msg.to_text().unwrap_or("").contains("upload.ready") {
            saw_ready = true;
            break;
        }
    }
    assert!(saw_ready, "the current state arrives over the socket");
    // Signing out ends what the token can open.
    dev.post("/sign-out", &[]).await;
    let ws = format!("{}/v1/ws?token={token}", app.url.replacen("http", "ws", 1));
    let refused = tokio_tungstenite::connect_async(ws).await;
    assert!(refused.is_err(), "a signed-out session's token opens nothing");
}

#[sqlx::test(migrations = false)]
async fn members_are_invited_re_roled_removed_and_put_in_teams(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let mut owner = person(&app, "owner@acme.example", Some(OrgRole::Owner), None).await;
    owner.get("/orgs/acme/members").await.ok_with("Invite someone");

    // An invitation: bad input refused in words, then a link shown once.
    owner
        .post(
            "/orgs/acme/invitations",
            &[("email", "bob@example.com"), ("role", "owner"), ("team", "")],
        )
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    owner
        .post(
            "/orgs/acme/invitations",
            &[("email", "bob@example.com"), ("role", "boss"), ("team", "")],
        )
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    owner
        .post(
            "/orgs/acme/invitations",
            &[
                ("email", "bob@example.com"),
                ("role", "member"),
                ("team", "nope"),
                ("team_role", "viewer"),
            ],
        )
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
    let invited = owner
        .post(
            "/orgs/acme/invitations",
            &[
                ("email", "bob@example.com"),
                ("role", "member"),
                ("team", "web"),
                ("team_role", "viewer"),
            ],
        )
        .await;
    invited.ok_with("bob@example.com is invited");
    let at = invited.html.find("/sign-up?invitation=").unwrap();
    let link = &invited.html[at..at + invited.html[at..].find('"').unwrap()];

    // Bob signs up through the link (sign-up is by invitation here) and lands in acme, able to
    // read the team's project.
    let mut bob = Dash::new(&app);
    bob.get(link).await.ok_with("joining through an invitation");
    let token = link.trim_start_matches("/sign-up?invitation=");
    let joined = bob
        .post(
            "/sign-up",
            &[
                ("email", "bob@example.com"),
                ("password", PASSWORD),
                ("invitation", token),
            ],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.html);
    bob.get("/").await;
    bob.get(&format!("/projects/{}/files", app.env.project.id))
        .await
        .ok_with("Files");
    // The link works once.
    let mut again = Dash::new(&app);
    again.get(link).await;
    again
        .post(
            "/sign-up",
            &[
                ("email", "bob2@example.com"),
                ("password", PASSWORD),
                ("invitation", token),
            ],
        )
        .await
        .refused(StatusCode::FORBIDDEN, "invitation_invalid");

    // Roles: the owner makes bob an admin; bob cannot make himself an owner; the last owner
    // cannot step down.
    let bob_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE email = 'bob@example.com'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    let owner_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE email = 'owner@acme.example'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    bob.get("/orgs/acme/members").await;
    bob.post(&format!("/orgs/acme/members/{bob_id}/role"), &[("role", "admin")])
        .await
        .refused(StatusCode::FORBIDDEN, "forbidden");
    owner.get("/orgs/acme/members").await;
    let made = owner
        .post(&format!("/orgs/acme/members/{bob_id}/role"), &[("role", "admin")])
        .await;
    assert_eq!(made.location.as_deref(), Some("/orgs/acme/members"));
    bob.get("/orgs/acme/members").await;
    bob.post(&format!("/orgs/acme/members/{bob_id}/role"), &[("role", "owner")])
        .await
        .refused(StatusCode::FORBIDDEN, "owner_required");
    owner
        .post(&format!("/orgs/acme/members/{owner_id}/role"), &[("role", "member")])
        .await
        .refused(StatusCode::CONFLICT, "last_owner");

    // Team membership from the team page.
    owner.get("/orgs/acme/teams/web").await.ok_with("bob@example.com");
    owner
        .post(
            "/orgs/acme/teams/web/members",
            &[("email", "stranger@example.com"), ("role", "member")],
        )
        .await
        .refused(StatusCode::BAD_REQUEST, "not_a_member");
    let added = owner
        .post(
            "/orgs/acme/teams/web/members",
            &[("email", "bob@example.com"), ("role", "admin")],
        )
        .await;
    assert_eq!(added.location.as_deref(), Some("/orgs/acme/teams/web"));
    let removed = owner
        .post(&format!("/orgs/acme/teams/web/members/{bob_id}/remove"), &[])
        .await;
    assert_eq!(removed.location.as_deref(), Some("/orgs/acme/teams/web"));

    // An existing account accepts an invitation from the accept page.
    let mut carol = person(&app, "carol@example.com", None, None).await;
    owner.get("/orgs/acme/members").await;
    let invited = owner
        .post(
            "/orgs/acme/invitations",
            &[("email", "carol@example.com"), ("role", "viewer"), ("team", "")],
        )
        .await;
    let at = invited.html.find("/sign-up?invitation=").unwrap() + "/sign-up?invitation=".len();
    let token = invited.html[at..at + invited.html[at..].find('"').unwrap()].to_owned();
    carol
        .get(&format!("/invitations/accept?token={token}"))
        .await
        .ok_with("Accept the invitation");
    carol
        .post("/invitations/accept", &[("token", "ci_not_a_real_token")])
        .await
        .refused(StatusCode::FORBIDDEN, "invitation_invalid");
    let accepted = carol.post("/invitations/accept", &[("token", &token)]).await;
    assert_eq!(accepted.location.as_deref(), Some("/"));
    assert_eq!(carol.get("/").await.location.as_deref(), Some("/orgs/acme"));

    // An open invitation can be revoked; then removing and leaving.
    owner.get("/orgs/acme/members").await;
    owner
        .post(
            "/orgs/acme/invitations",
            &[("email", "dan@example.com"), ("role", "member"), ("team", "")],
        )
        .await;
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM invitations WHERE email = 'dan@example.com'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    let page = owner.get("/orgs/acme/members").await;
    assert!(page.html.contains("dan@example.com"));
    owner.post(&format!("/orgs/acme/invitations/{id}/revoke"), &[]).await;
    assert!(!owner.get("/orgs/acme/members").await.html.contains("dan@example.com"));
    let carol_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE email = 'carol@example.com'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    carol.get("/orgs/acme/members").await;
    carol
        .post(&format!("/orgs/acme/members/{bob_id}/remove"), &[])
        .await
        .refused(StatusCode::FORBIDDEN, "forbidden");
    let left = carol.post(&format!("/orgs/acme/members/{carol_id}/remove"), &[]).await;
    assert_eq!(left.location.as_deref(), Some("/"));
    carol
        .get("/orgs/acme")
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
}

#[sqlx::test(migrations = false)]
async fn settings_presets_usage_and_the_transform_secret(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let project = app.env.project.id;
    let settings = format!("/projects/{project}/settings");
    let ready = app.upload("photo.png", "image/png", PNG).await;
    assert_eq!(ready["status"], "ready");
    let mut owner = person(&app, "owner@acme.example", Some(OrgRole::Owner), None).await;
    owner.get(&settings).await.ok_with("Upload rules and quotas");

    let good: Vec<(&str, &str)> = vec![
        ("name", "Site"),
        ("max_upload_mib", "30"),
        ("allowed_content_types", "image/*, video/mp4"),
        ("multipart_threshold_mib", "64"),
        ("max_stored_mib", "500"),
        ("max_files", ""),
        ("max_transforms_per_month", "10000"),
        ("max_side", "8000"),
        ("max_megapixels", "50"),
    ];
    let mut bad = good.clone();
    bad[1] = ("max_upload_mib", "-3");
    owner
        .post(&settings, &bad)
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    let mut bad = good.clone();
    bad[2] = ("allowed_content_types", "not a type");
    owner
        .post(&settings, &bad)
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    let saved = owner.post(&settings, &good).await;
    assert_eq!(saved.location.as_deref(), Some(&format!("{settings}?saved=1") as &str));
    let page = owner.get(&format!("{settings}?saved=1")).await;
    page.ok_with("Saved.");
    assert!(page.html.contains("value=\"image/*, video/mp4\"") && page.html.contains("value=\"500\""));

    // Presets: the preview renders from the newest image; a bad query says why.
    let preview = owner
        .get(&format!(
            "/projects/{project}/presets/preview?query=w%3D64%26h%3D64%26fit%3Dcover%26format%3Dpng"
        ))
        .await;
    preview.ok_with("/v1/transform/");
    let at = preview.html.find("src=\"").unwrap() + 5;
    let src = preview.html[at..at + preview.html[at..].find('"').unwrap()]
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let (status, body) = app.request(Method::GET, &src, None, None).await;
    assert_eq!(status, StatusCode::OK, "the preview URL {src} renders: {body}");
    owner
        .get(&format!("/projects/{project}/presets/preview?query=w%3Dhuge"))
        .await
        .ok_with("data-code=\"invalid_transform_policy\"");
    owner
        .post(
            &format!("/projects/{project}/presets"),
            &[("name", "tiny"), ("query", "w=-1")],
        )
        .await
        .refused(StatusCode::BAD_REQUEST, "invalid_transform_policy");
    let added = owner
        .post(
            &format!("/projects/{project}/presets"),
            &[("name", "tiny"), ("query", "w=64&h=64&fit=cover&format=webp")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.html);
    owner.get(&settings).await.ok_with("tiny");
    owner
        .post(&format!("/projects/{project}/presets/none-such/remove"), &[])
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
    owner
        .post(&format!("/projects/{project}/presets/tiny/remove"), &[])
        .await;
    assert!(!owner.get(&settings).await.html.contains("<td>tiny</td>"));

    // Rotating the transform secret needs the box ticked, and then old URLs stop working.
    owner
        .post(&format!("/projects/{project}/transform-secret"), &[])
        .await
        .refused(StatusCode::BAD_REQUEST, "confirmation_required");
    let rotated = owner
        .post(&format!("/projects/{project}/transform-secret"), &[("confirm", "on")])
        .await;
    assert_eq!(rotated.status, StatusCode::SEE_OTHER);
    let (status, _) = app.request(Method::GET, &src, None, None).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a URL signed before the rotation is refused"
    );

    // Usage: four charts with their numbers; bad ranges in words.
    let usage = owner.get(&format!("/projects/{project}/usage")).await;
    usage.ok_with("Uploads a day");
    assert_eq!(usage.html.matches("<svg").count(), 4);
    assert!(usage.html.contains("class=\"quota\""), "the storage quota is drawn");
    owner
        .get(&format!("/projects/{project}/usage?from=2026-12-01&to=2026-01-01"))
        .await
        .refused(StatusCode::BAD_REQUEST, "invalid_range");
    owner
        .get(&format!("/projects/{project}/usage?tenant=nobody"))
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
    // A team viewer reads settings but gets no forms.
    let mut viewer = person(
        &app,
        "viewer@acme.example",
        Some(OrgRole::Member),
        Some(TeamRole::Viewer),
    )
    .await;
    let page = viewer.get(&settings).await;
    page.ok_with("Presets");
    assert!(!page.html.contains("Rotate the secret"));
}

#[sqlx::test(migrations = false)]
async fn webhook_endpoints_deliveries_tests_and_replays(pool: PgPool) {
    let app = TestApp::spawn_configured(pool, |c| {
        c.outbound.allow_loopback = true;
    })
    .await;
    let project = app.env.project.id;
    let hooks = format!("/projects/{project}/webhooks");
    // A receiver that answers 204 to everything.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let receiver = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
                let mut buf = vec![0u8; 65536];
                let _ = s.read(&mut buf).await;
                let _ = s
                    .write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
                    .await;
            });
        }
    });
    let mut dev = person(&app, "dev@acme.example", Some(OrgRole::Member), Some(TeamRole::Member)).await;
    dev.get(&hooks).await.ok_with("No endpoints yet");
    dev.post(&hooks, &[("url", "ftp://example.com/x"), ("events", "upload.ready")])
        .await
        .refused(StatusCode::BAD_REQUEST, "invalid_webhook");
    dev.post(&hooks, &[("url", &receiver), ("events", "upload.exploded")])
        .await
        .refused(StatusCode::BAD_REQUEST, "invalid_webhook");
    let made = dev
        .post(
            &hooks,
            &[
                ("url", &receiver),
                ("events", "upload.ready"),
                ("events", "file.deleted"),
            ],
        )
        .await;
    made.ok_with("not shown again");
    assert!(made.html.contains("value=\"whsec_"));
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM webhook_endpoints")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    let page_url = format!("{hooks}/{id}");
    dev.get(&page_url).await.ok_with("Send a test event");
    let sent = dev.post(&format!("{page_url}/test"), &[]).await;
    assert_eq!(
        sent.location.as_deref(),
        Some(&format!("{page_url}?notice=test") as &str)
    );
    let mut delivered = false;
    for _ in 0..200 {
        if dev.get(&page_url).await.html.contains("data-status=\"delivered\"") {
            delivered = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(delivered, "the test event was delivered and shows as such");
    let delivery: uuid::Uuid = sqlx::query_scalar("SELECT id FROM webhook_deliveries")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    let replayed = dev.post(&format!("{page_url}/deliveries/{delivery}/replay"), &[]).await;
    assert_eq!(
        replayed.location.as_deref(),
        Some(&format!("{page_url}?notice=replayed") as &str)
    );
    dev.post(&format!("{page_url}/deliveries/{}/replay", uuid::Uuid::now_v7()), &[])
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
    // Off and on again; a bad value is refused.
    dev.post(&format!("{page_url}/enabled"), &[("enabled", "maybe")])
        .await
        .refused(StatusCode::BAD_REQUEST, "validation_failed");
    dev.post(&format!("{page_url}/enabled"), &[("enabled", "false")]).await;
    dev.get(&page_url).await.ok_with("Switch on");
    dev.post(&format!("{page_url}/enabled"), &[("enabled", "true")]).await;
    // Rotation shows the new secret once.
    dev.post(&format!("{page_url}/rotate-secret"), &[])
        .await
        .ok_with("The new signing secret");
    // Another project's endpoint id is a 404; deleting removes it.
    let (other, _) = app.env.other_project("elsewhere").await;
    dev.get(&format!("/projects/{}/webhooks/{id}", other.id))
        .await
        .refused(StatusCode::NOT_FOUND, "not_found");
    let gone = dev.post(&format!("{page_url}/delete"), &[]).await;
    assert_eq!(gone.location.as_deref(), Some(hooks.as_str()));
    dev.get(&page_url).await.refused(StatusCode::NOT_FOUND, "not_found");
}

#[sqlx::test(migrations = false)]
async fn a_one_time_link_signs_the_demo_owner_in_once(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let token = carcosa_common::manage::sign_in_links::create(
        &app.env.pool,
        "demo@carcosa.example",
        Some(app.env.org.id),
        chrono::Duration::hours(1),
    )
    .await
    .unwrap();
    let token = secrecy::ExposeSecret::expose_secret(&token).to_owned();
    let mut demo = Dash::new(&app);
    demo.get("/sign-in/link?token=sl_nonsense")
        .await
        .refused(StatusCode::FORBIDDEN, "link_invalid");
    let used = demo.get(&format!("/sign-in/link?token={token}")).await;
    assert_eq!(used.location.as_deref(), Some("/"), "{}", used.html);
    // Signed in, as the owner of the organization nobody owned.
    assert_eq!(demo.get("/").await.location.as_deref(), Some("/orgs/acme"));
    demo.get("/orgs/acme/members").await.ok_with("Invite someone");
    // Once only.
    let mut again = Dash::new(&app);
    again
        .get(&format!("/sign-in/link?token={token}"))
        .await
        .refused(StatusCode::FORBIDDEN, "link_invalid");
    // A link for an organization that has an owner signs in without making a second one.
    let token = carcosa_common::manage::sign_in_links::create(
        &app.env.pool,
        "late@carcosa.example",
        Some(app.env.org.id),
        chrono::Duration::hours(1),
    )
    .await
    .unwrap();
    let mut late = Dash::new(&app);
    late.get(&format!(
        "/sign-in/link?token={}",
        secrecy::ExposeSecret::expose_secret(&token)
    ))
    .await;
    late.get("/orgs/acme").await.refused(StatusCode::NOT_FOUND, "not_found");
}
