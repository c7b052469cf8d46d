//! The authorization matrix, generated from the router's own route table: every (method, path)
//! the API answers must have an entry here (a new route without one fails this test), and every
//! entry is probed with callers from another organization, another team, another project, with
//! each organization and team role, and with keys lacking the needed permission. Denials must be
//! 404 `not_found` (cannot see it) or 403 with the documented code; allowed callers must get
//! past authorization (bodies are left empty, so nothing is changed by them).

use std::collections::{BTreeSet, HashMap};

use carcosa_common::db::{members, users};
use carcosa_common::domain::roles::project_permissions;
use carcosa_common::domain::{OrgRole, Permission, PermissionSet, TeamRole};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::support::{Browser, PASSWORD, TestApp};
use Permission::*;

/// How a route is guarded.
#[derive(Debug, Clone, Copy)]
enum Guard {
    /// No caller needed (health, metrics, login, sign-up).
    Open,
    /// A signed transform URL (anonymous callers without a signature are refused).
    SignedUrl,
    /// A data-plane route: API keys holding these permissions.
    Key(&'static [Permission]),
    /// A signed-in person's own account.
    Session,
    /// Organization scope.
    Org(&'static [Permission]),
    /// Team scope.
    Team(&'static [Permission]),
    /// Project scope (sessions and keys).
    Project(&'static [Permission]),
}

/// (method, path pattern, guard, whether an allowed call would change something even with an
/// empty body — those are only probed for denial).
const MATRIX: &[(&str, &str, Guard, bool)] = &[
    ("GET", "/healthz", Guard::Open, false),
    ("GET", "/readyz", Guard::Open, false),
    ("GET", "/metrics", Guard::Open, false),
    ("GET", "/openapi.json", Guard::Open, false),
    ("GET", "/docs", Guard::Open, false),
    ("GET", "/docs/", Guard::Open, false),
    ("GET", "/docs/{file}", Guard::Open, false),
    ("POST", "/v1/uploads", Guard::Key(&[FilesWrite]), false),
    ("POST", "/v1/uploads/from-url", Guard::Key(&[FilesWrite]), false),
    ("GET", "/v1/uploads/{id}", Guard::Key(&[FilesRead]), false),
    ("POST", "/v1/uploads/{id}/complete", Guard::Key(&[FilesWrite]), false),
    ("DELETE", "/v1/uploads/{id}", Guard::Key(&[FilesWrite]), false),
    ("GET", "/v1/uploads/{id}/parts", Guard::Key(&[FilesWrite]), false),
    (
        "GET",
        "/v1/uploads/{id}/parts/uploaded",
        Guard::Key(&[FilesWrite]),
        false,
    ),
    ("GET", "/v1/files", Guard::Key(&[FilesRead]), false),
    ("GET", "/v1/files/{id}", Guard::Key(&[FilesRead]), false),
    ("DELETE", "/v1/files/{id}", Guard::Key(&[FilesDelete]), false),
    ("GET", "/v1/files/{id}/download", Guard::Key(&[FilesRead]), false),
    (
        "POST",
        "/v1/files/{id}/transform-url",
        Guard::Key(&[TransformsExecute, FilesRead]),
        false,
    ),
    ("GET", "/v1/transform/{id}", Guard::SignedUrl, false),
    ("GET", "/v1/transform/{id}/{preset}", Guard::SignedUrl, false),
    ("GET", "/v1/ws", Guard::Key(&[FilesRead]), false),
    ("POST", "/v1/realtime/token", Guard::Key(&[FilesRead]), false),
    ("GET", "/v1/usage", Guard::Key(&[UsageRead]), false),
    ("POST", "/v1/auth/signup", Guard::Open, false),
    ("POST", "/v1/auth/login", Guard::Open, false),
    ("POST", "/v1/auth/logout", Guard::Session, true),
    ("GET", "/v1/auth/me", Guard::Session, false),
    ("POST", "/v1/auth/password", Guard::Session, false),
    ("GET", "/v1/auth/sessions", Guard::Session, false),
    ("DELETE", "/v1/auth/sessions/{id}", Guard::Session, false),
    ("POST", "/v1/invitations/accept", Guard::Session, false),
    ("GET", "/v1/orgs", Guard::Session, false),
    ("POST", "/v1/orgs", Guard::Session, false),
    ("GET", "/v1/orgs/{org}", Guard::Org(&[ProjectsRead]), false),
    ("PATCH", "/v1/orgs/{org}", Guard::Org(&[Admin]), false),
    ("DELETE", "/v1/orgs/{org}", Guard::Org(&[Admin]), true),
    (
        "POST",
        "/v1/orgs/{org}/members/{user}/password",
        Guard::Org(&[Admin]),
        false,
    ),
    ("GET", "/v1/orgs/{org}/members", Guard::Org(&[ProjectsRead]), false),
    ("PATCH", "/v1/orgs/{org}/members/{user}", Guard::Org(&[Admin]), false),
    ("DELETE", "/v1/orgs/{org}/members/{user}", Guard::Org(&[Admin]), false),
    ("GET", "/v1/orgs/{org}/invitations", Guard::Org(&[Admin]), false),
    ("POST", "/v1/orgs/{org}/invitations", Guard::Org(&[Admin]), false),
    ("DELETE", "/v1/orgs/{org}/invitations/{id}", Guard::Org(&[Admin]), false),
    ("GET", "/v1/orgs/{org}/teams", Guard::Org(&[ProjectsRead]), false),
    ("POST", "/v1/orgs/{org}/teams", Guard::Org(&[Admin]), false),
    (
        "GET",
        "/v1/orgs/{org}/teams/{team}",
        Guard::Team(&[ProjectsRead]),
        false,
    ),
    ("DELETE", "/v1/orgs/{org}/teams/{team}", Guard::Team(&[Admin]), true),
    ("PATCH", "/v1/orgs/{org}/teams/{team}", Guard::Team(&[Admin]), false),
    (
        "GET",
        "/v1/orgs/{org}/teams/{team}/members",
        Guard::Team(&[ProjectsRead]),
        false,
    ),
    (
        "PUT",
        "/v1/orgs/{org}/teams/{team}/members/{user}",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "DELETE",
        "/v1/orgs/{org}/teams/{team}/members/{user}",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "GET",
        "/v1/orgs/{org}/teams/{team}/projects",
        Guard::Team(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/v1/orgs/{org}/teams/{team}/projects",
        Guard::Team(&[ProjectsWrite]),
        false,
    ),
    ("GET", "/v1/orgs/{org}/audit-logs", Guard::Org(&[AuditLogsRead]), false),
    (
        "GET",
        "/v1/orgs/{org}/audit-logs/export",
        Guard::Org(&[AuditLogsRead]),
        false,
    ),
    ("GET", "/v1/projects/{project}", Guard::Project(&[ProjectsRead]), false),
    (
        "PATCH",
        "/v1/projects/{project}",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "DELETE",
        "/v1/projects/{project}",
        Guard::Project(&[ProjectsDelete]),
        true,
    ),
    (
        "POST",
        "/v1/projects/{project}/transform-secret",
        Guard::Project(&[ProjectsWrite]),
        true,
    ),
    (
        "GET",
        "/v1/projects/{project}/tenants",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/v1/projects/{project}/tenants",
        Guard::Project(&[TenantsManage]),
        false,
    ),
    (
        "DELETE",
        "/v1/projects/{project}/tenants/{tenant}",
        Guard::Project(&[TenantsManage]),
        false,
    ),
    (
        "GET",
        "/v1/projects/{project}/api-keys",
        Guard::Project(&[ApiKeysRead]),
        false,
    ),
    (
        "POST",
        "/v1/projects/{project}/api-keys",
        Guard::Project(&[ApiKeysWrite]),
        false,
    ),
    (
        "DELETE",
        "/v1/projects/{project}/api-keys/{id}",
        Guard::Project(&[ApiKeysDelete]),
        false,
    ),
    (
        "GET",
        "/v1/projects/{project}/upload-routes",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "PUT",
        "/v1/projects/{project}/upload-routes",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "PUT",
        "/v1/projects/{project}/upload-routes/{name}",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "DELETE",
        "/v1/projects/{project}/upload-routes/{name}",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "GET",
        "/v1/projects/{project}/webhooks",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/v1/projects/{project}/webhooks",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "GET",
        "/v1/projects/{project}/webhooks/{id}",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "PATCH",
        "/v1/projects/{project}/webhooks/{id}",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "DELETE",
        "/v1/projects/{project}/webhooks/{id}",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "POST",
        "/v1/projects/{project}/webhooks/{id}/rotate-secret",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "POST",
        "/v1/projects/{project}/webhooks/{id}/test",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "GET",
        "/v1/projects/{project}/webhooks/{id}/deliveries",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "GET",
        "/v1/projects/{project}/webhooks/{id}/deliveries/{delivery}",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/v1/projects/{project}/webhooks/{id}/deliveries/{delivery}/replay",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
];

/// Bucket routes, appended to the matrix (team scope).
const BUCKETS: &[(&str, &str, Guard, bool)] = &[
    (
        "GET",
        "/v1/orgs/{org}/teams/{team}/buckets",
        Guard::Team(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/v1/orgs/{org}/teams/{team}/buckets",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "GET",
        "/v1/orgs/{org}/teams/{team}/buckets/{bucket}",
        Guard::Team(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/check",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "PUT",
        "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/grants/{grantee}",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "DELETE",
        "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/grants/{grantee}",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "PUT",
        "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/credentials",
        Guard::Team(&[Admin]),
        false,
    ),
];

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// A person in organization A (or in another organization).
struct Person {
    label: &'static str,
    browser: Browser,
    /// Role in organization A, if a member.
    org_role: Option<OrgRole>,
    /// Role in A's team `web` (the project's team), if any.
    team_role: Option<TeamRole>,
}

fn fill(path: &str, org: &str, team: &str, project: &str) -> String {
    let random = uuid::Uuid::now_v7().to_string();
    path.replace("{org}", org)
        .replace("{team}", team)
        .replace("{project}", project)
        .replace("{id}", &random)
        .replace("{user}", &random)
        .replace("{tenant}", "no-such-tenant")
        .replace("{preset}", "thumb")
        .replace("{file}", "index.css")
        .replace("{name}", "no-such-route")
        .replace("{bucket}", "main")
        .replace("{grantee}", "no-such-team")
        .replace("{delivery}", &random)
}

async fn person(
    app: &TestApp,
    label: &'static str,
    email: &str,
    org_role: Option<OrgRole>,
    team: Option<(&str, TeamRole)>,
) -> Person {
    let hash = carcosa_common::password::hash(PASSWORD).unwrap();
    let user = users::create(&app.env.pool, email, label, Some(&hash)).await.unwrap();
    if let Some(role) = org_role {
        members::put_org_member(&app.env.pool, app.env.org.id, user.id, role)
            .await
            .unwrap();
    }
    if let Some((slug, role)) = team {
        let team = carcosa_common::db::orgs::find_team(&app.env.pool, app.env.org.id, slug)
            .await
            .unwrap()
            .unwrap();
        members::put_team_member(&app.env.pool, team.id, user.id, role)
            .await
            .unwrap();
    }
    let mut browser = Browser::new(app);
    browser.login(email, PASSWORD).await;
    let team_role = team.filter(|(s, _)| *s == "web").map(|(_, r)| r);
    Person {
        label,
        browser,
        org_role,
        team_role,
    }
}

/// What a person holds at the route's scope (`None`: they cannot see it).
fn held(p: &Person, guard: Guard) -> Option<PermissionSet> {
    let org_role = p.org_role?;
    let mut org_scope: Vec<Permission> = org_role.permissions().iter().collect();
    org_scope.push(ProjectsRead);
    match guard {
        Guard::Org(_) => Some(PermissionSet::new(org_scope)),
        Guard::Team(_) => {
            org_scope.extend(p.team_role.map(TeamRole::permissions).unwrap_or_default().iter());
            Some(PermissionSet::new(org_scope))
        }
        Guard::Project(_) => Some(project_permissions(org_role, p.team_role)).filter(|s| !s.is_empty()),
        _ => None,
    }
}

#[track_caller]
fn expect(got: &(StatusCode, Value), status: StatusCode, code: &str, what: &str) {
    assert_eq!(
        (got.0, got.1["error"]["code"].as_str().unwrap_or("")),
        (status, code),
        "{what}: {}",
        got.1
    );
}

/// Got past authorization: not 401/403, and not a 404 for the scope itself. Two rules sit on top
/// of the permission table and answer their own codes: only owners touch owners, passwords and
/// the organization's deletion (`owner_required`), only organization admins delete teams
/// (`org_admin_required`); those are tested in `orgs_admin.rs`.
#[track_caller]
fn passed(got: &(StatusCode, Value), what: &str) {
    if got.0 == StatusCode::FORBIDDEN
        && ["owner_required", "org_admin_required"].contains(&got.1["error"]["code"].as_str().unwrap_or(""))
    {
        return;
    }
    let scope_hidden = got.0 == StatusCode::NOT_FOUND
        && ["organization not found", "team not found", "project not found"]
            .contains(&got.1["error"]["message"].as_str().unwrap_or(""));
    assert!(
        got.0 != StatusCode::UNAUTHORIZED
            && got.0 != StatusCode::FORBIDDEN
            && !scope_hidden
            && got.0 != StatusCode::TOO_MANY_REQUESTS,
        "{what} should pass authorization: {} {}",
        got.0,
        got.1
    );
}

async fn call(app: &TestApp, method: &str, path: &str, key: Option<&str>) -> (StatusCode, Value) {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let body = (method != Method::GET && method != Method::DELETE).then(|| json!({}));
    app.request(method, path, key, body).await
}

#[sqlx::test(migrations = false)]
async fn every_route_is_in_the_matrix_and_refuses_whoever_may_not_use_it(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;

    // 1. The route table, and the methods each path answers (anything but 405).
    let mut served = BTreeSet::new();
    for path in carcosa_api::routes::table().paths() {
        let concrete = fill(&path, "acme", "web", &app.env.project.id.to_string());
        for m in METHODS {
            let (status, body) = call(&app, m, &concrete, None).await;
            if !(status == StatusCode::METHOD_NOT_ALLOWED && body["error"]["code"] == "method_not_allowed") {
                served.insert((m.to_string(), path.clone()));
            }
        }
    }
    let listed: BTreeSet<(String, String)> = MATRIX
        .iter()
        .chain(BUCKETS)
        .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
        .collect();
    let missing: Vec<_> = served.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&served).collect();
    assert!(
        missing.is_empty(),
        "routes without an authorization-matrix entry: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "matrix entries for routes that do not exist: {stale:?}"
    );

    // 2. The cast.
    let other_team = carcosa_common::db::orgs::create_team(&app.env.pool, app.env.org.id, "other", "Other")
        .await
        .unwrap();
    let _ = other_team;
    let mut people = vec![
        person(&app, "org owner", "owner@a.example", Some(OrgRole::Owner), None).await,
        person(&app, "org admin", "admin@a.example", Some(OrgRole::Admin), None).await,
        person(&app, "org viewer", "viewer@a.example", Some(OrgRole::Viewer), None).await,
        person(
            &app,
            "org member without team",
            "member@a.example",
            Some(OrgRole::Member),
            None,
        )
        .await,
        person(
            &app,
            "team admin",
            "tadmin@a.example",
            Some(OrgRole::Member),
            Some(("web", TeamRole::Admin)),
        )
        .await,
        person(
            &app,
            "team member",
            "tmember@a.example",
            Some(OrgRole::Member),
            Some(("web", TeamRole::Member)),
        )
        .await,
        person(
            &app,
            "team viewer",
            "tviewer@a.example",
            Some(OrgRole::Member),
            Some(("web", TeamRole::Viewer)),
        )
        .await,
        person(
            &app,
            "member of another team",
            "elsewhere@a.example",
            Some(OrgRole::Member),
            Some(("other", TeamRole::Admin)),
        )
        .await,
    ];
    let mut outsider = person(&app, "owner of another organization", "owner@b.example", None, None).await;
    outsider
        .browser
        .post("/v1/orgs", json!({"slug": "bcorp", "name": "B"}))
        .await;
    people.push(outsider);

    let (other_project, other_key) = app.env.other_project("elsewhere").await;
    let _ = other_project;
    let mut keys_without: HashMap<Vec<Permission>, String> = HashMap::new();
    let project_id = app.env.project.id.to_string();
    let mut probes = 0;

    for &(method, pattern, guard, destructive) in MATRIX.iter().chain(BUCKETS) {
        let path = fill(pattern, "acme", "web", &project_id);
        let what = |who: &str| format!("{method} {pattern} as {who}");
        match guard {
            Guard::Open | Guard::SignedUrl => {
                let got = call(&app, method, &path, None).await;
                if matches!(guard, Guard::SignedUrl) {
                    assert!(
                        matches!(got.0, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                        "{}: {}",
                        what("anonymous"),
                        got.1
                    );
                } else {
                    assert!(
                        got.0 != StatusCode::UNAUTHORIZED && got.0 != StatusCode::FORBIDDEN,
                        "{}: {}",
                        what("anonymous"),
                        got.1
                    );
                }
            }
            Guard::Key(needed) => {
                expect(
                    &call(&app, method, &path, None).await,
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    &what("anonymous"),
                );
                let lacking = key_lacking(&app, &mut keys_without, needed).await;
                if method != "GET" || pattern != "/v1/ws" {
                    expect(
                        &call(&app, method, &path, Some(&lacking)).await,
                        StatusCode::FORBIDDEN,
                        "forbidden",
                        &what("a key without the permission"),
                    );
                }
                // A person's cookie is not a key.
                let got = people[0]
                    .browser
                    .send(Method::from_bytes(method.as_bytes()).unwrap(), &path, None)
                    .await;
                assert_eq!(
                    got.0,
                    StatusCode::UNAUTHORIZED,
                    "{}: {}",
                    what("a signed-in owner"),
                    got.1
                );
                probes += 3;
            }
            Guard::Session => {
                expect(
                    &call(&app, method, &path, None).await,
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    &what("anonymous"),
                );
                expect(
                    &call(&app, method, &path, Some(&app.env.key)).await,
                    StatusCode::FORBIDDEN,
                    "session_required",
                    &what("an API key"),
                );
                if !destructive {
                    let body = (method != "GET" && method != "DELETE").then(|| json!({}));
                    let got = people[0]
                        .browser
                        .send(Method::from_bytes(method.as_bytes()).unwrap(), &path, body)
                        .await;
                    passed(&got, &what("a signed-in user"));
                }
                probes += 3;
            }
            Guard::Org(needed) | Guard::Team(needed) | Guard::Project(needed) => {
                expect(
                    &call(&app, method, &path, None).await,
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    &what("anonymous"),
                );
                if matches!(guard, Guard::Project(_)) {
                    let lacking = key_lacking(&app, &mut keys_without, needed).await;
                    expect(
                        &call(&app, method, &path, Some(&lacking)).await,
                        StatusCode::FORBIDDEN,
                        "forbidden",
                        &what("a key without the permission"),
                    );
                    expect(
                        &call(&app, method, &path, Some(&other_key)).await,
                        StatusCode::NOT_FOUND,
                        "not_found",
                        &what("another project's key"),
                    );
                } else {
                    expect(
                        &call(&app, method, &path, Some(&app.env.key)).await,
                        StatusCode::FORBIDDEN,
                        "session_required",
                        &what("an API key"),
                    );
                }
                for p in &mut people {
                    let body = (method != "GET" && method != "DELETE").then(|| json!({}));
                    let m = Method::from_bytes(method.as_bytes()).unwrap();
                    match held(p, guard) {
                        None => expect(
                            &p.browser.send(m, &path, body).await,
                            StatusCode::NOT_FOUND,
                            "not_found",
                            &what(p.label),
                        ),
                        Some(set) if needed.iter().all(|n| set.allows(*n)) => {
                            if !destructive {
                                passed(&p.browser.send(m, &path, body).await, &what(p.label));
                            }
                        }
                        Some(_) => expect(
                            &p.browser.send(m, &path, body).await,
                            StatusCode::FORBIDDEN,
                            "forbidden",
                            &what(p.label),
                        ),
                    }
                    probes += 1;
                }
                probes += 3;
            }
        }
    }
    assert!(probes > 300, "only {probes} probes ran");
    // Denials on management routes are in the audit log.
    let denied: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_logs WHERE action = 'permission.denied'")
        .fetch_one(&app.env.pool)
        .await
        .unwrap();
    assert!(denied > 20, "{denied} denials recorded");
}

/// A key of the test project holding every permission except `needed` (and `admin`).
async fn key_lacking(app: &TestApp, cache: &mut HashMap<Vec<Permission>, String>, needed: &[Permission]) -> String {
    if let Some(k) = cache.get(needed) {
        return k.clone();
    }
    let perms: Vec<Permission> = Permission::ALL
        .iter()
        .copied()
        .filter(|p| *p != Admin && !needed.contains(p))
        .collect();
    let key = app.env.key_for(&app.env.project.clone(), &perms).await;
    cache.insert(needed.to_vec(), key.clone());
    key
}

/// The dashboard's pages and forms, guarded like the API routes beside them (the same
/// extractor underneath). The last field: a call that would change something with an empty
/// form (only probed for denial).
const DASHBOARD: &[(&str, &str, Guard, bool)] = &[
    ("GET", "/", Guard::Session, false),
    ("GET", "/assets/{file}", Guard::Open, false),
    ("GET", "/sign-in", Guard::Open, false),
    ("POST", "/sign-in", Guard::Open, false),
    ("GET", "/sign-in/link", Guard::Open, false),
    ("GET", "/sign-up", Guard::Open, false),
    ("POST", "/sign-up", Guard::Open, false),
    ("POST", "/sign-out", Guard::Session, true),
    ("GET", "/account", Guard::Session, false),
    ("POST", "/account/password", Guard::Session, false),
    ("POST", "/account/sessions/{id}/revoke", Guard::Session, false),
    ("GET", "/orgs/{org}", Guard::Org(&[ProjectsRead]), false),
    ("POST", "/orgs/{org}/teams", Guard::Org(&[Admin]), false),
    ("GET", "/orgs/{org}/audit", Guard::Org(&[AuditLogsRead]), false),
    ("GET", "/orgs/{org}/members", Guard::Org(&[ProjectsRead]), false),
    ("POST", "/orgs/{org}/members/{user}/role", Guard::Org(&[Admin]), false),
    // Anyone may leave; removing someone else needs admin.
    ("POST", "/orgs/{org}/members/{user}/remove", Guard::Org(&[Admin]), false),
    ("POST", "/orgs/{org}/invitations", Guard::Org(&[Admin]), false),
    (
        "POST",
        "/orgs/{org}/invitations/{id}/revoke",
        Guard::Org(&[Admin]),
        false,
    ),
    ("GET", "/invitations/accept", Guard::Session, false),
    ("POST", "/invitations/accept", Guard::Session, false),
    ("GET", "/orgs/{org}/teams/{team}", Guard::Team(&[ProjectsRead]), false),
    ("POST", "/orgs/{org}/teams/{team}/members", Guard::Team(&[Admin]), false),
    (
        "POST",
        "/orgs/{org}/teams/{team}/members/{user}/remove",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "POST",
        "/orgs/{org}/teams/{team}/projects",
        Guard::Team(&[ProjectsWrite]),
        false,
    ),
    (
        "GET",
        "/orgs/{org}/teams/{team}/buckets/new",
        Guard::Team(&[Admin]),
        false,
    ),
    ("POST", "/orgs/{org}/teams/{team}/buckets", Guard::Team(&[Admin]), false),
    (
        "GET",
        "/orgs/{org}/teams/{team}/buckets/{bucket}",
        Guard::Team(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/orgs/{org}/teams/{team}/buckets/{bucket}/check",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "POST",
        "/orgs/{org}/teams/{team}/buckets/{bucket}/credentials",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "POST",
        "/orgs/{org}/teams/{team}/buckets/{bucket}/grants",
        Guard::Team(&[Admin]),
        false,
    ),
    (
        "POST",
        "/orgs/{org}/teams/{team}/buckets/{bucket}/grants/{grantee}/remove",
        Guard::Team(&[Admin]),
        false,
    ),
    ("GET", "/projects/{project}", Guard::Project(&[ProjectsRead]), false),
    ("GET", "/projects/{project}/keys", Guard::Project(&[ApiKeysRead]), false),
    (
        "POST",
        "/projects/{project}/keys",
        Guard::Project(&[ApiKeysWrite]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/keys/{id}/revoke",
        Guard::Project(&[ApiKeysDelete]),
        false,
    ),
    ("GET", "/projects/{project}/files", Guard::Project(&[FilesRead]), false),
    (
        "GET",
        "/projects/{project}/files/{id}",
        Guard::Project(&[FilesRead]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/files/{id}/delete",
        Guard::Project(&[FilesDelete]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/upload",
        Guard::Project(&[FilesWrite]),
        false,
    ),
    ("GET", "/projects/{project}/usage", Guard::Project(&[UsageRead]), false),
    (
        "GET",
        "/projects/{project}/settings",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/settings",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/presets",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "GET",
        "/projects/{project}/presets/preview",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/presets/{name}/remove",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    // Without the confirmation box an allowed call changes nothing.
    (
        "POST",
        "/projects/{project}/transform-secret",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "GET",
        "/projects/{project}/webhooks",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/webhooks",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "GET",
        "/projects/{project}/webhooks/{id}",
        Guard::Project(&[ProjectsRead]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/webhooks/{id}/test",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/webhooks/{id}/enabled",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/webhooks/{id}/rotate-secret",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/webhooks/{id}/delete",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
    (
        "POST",
        "/projects/{project}/webhooks/{id}/deliveries/{delivery}/replay",
        Guard::Project(&[ProjectsWrite]),
        false,
    ),
];

/// A dashboard request as a browser without script sends it: the session cookie, this site's
/// `Origin`, the form token when given; redirects are not followed. Returns the status, the
/// redirect target and the page's `data-code` (or the JSON error code).
async fn page_call(
    app: &TestApp,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    key: Option<&str>,
    token: Option<&str>,
) -> (StatusCode, Option<String>, String, String) {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut req = http.request(
        Method::from_bytes(method.as_bytes()).unwrap(),
        format!("{}{path}", app.url),
    );
    if let Some(c) = cookie {
        req = req.header("cookie", format!("carcosa_session={c}"));
    }
    if let Some(k) = key {
        req = req.bearer_auth(k);
    }
    req = req.header("origin", &app.url);
    if method == "POST" {
        if let Some(t) = token {
            req = req.header("x-csrf-token", t);
        }
        let body = match token {
            Some(t) => format!("_csrf={t}"),
            None => String::new(),
        };
        req = req
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let location = resp.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
    let text = resp.text().await.unwrap();
    let code = match text.find("data-code=\"") {
        Some(at) => {
            let rest = &text[at + "data-code=\"".len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        }
        None => serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v["error"]["code"].as_str().map(str::to_owned))
            .unwrap_or_default(),
    };
    (status, location, code, text)
}

/// The form token a signed-in person's pages carry.
async fn token_of(app: &TestApp, cookie: &str) -> String {
    let (_, _, _, html) = page_call(app, "GET", "/account", Some(cookie), None, None).await;
    let at = html.find("name=\"_csrf\" value=\"").expect("a form") + "name=\"_csrf\" value=\"".len();
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

#[sqlx::test(migrations = false)]
async fn every_dashboard_page_is_in_the_matrix_and_refuses_whoever_may_not_use_it(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let served: BTreeSet<(String, String)> = carcosa_api::dashboard::table()
        .paths()
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    let listed: BTreeSet<(String, String)> = DASHBOARD
        .iter()
        .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        served.difference(&listed).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "dashboard routes without a matrix entry"
    );
    assert_eq!(
        listed.difference(&served).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "matrix entries for dashboard routes that do not exist"
    );

    let mut people = vec![
        person(&app, "org owner", "owner@a.example", Some(OrgRole::Owner), None).await,
        person(&app, "org viewer", "viewer@a.example", Some(OrgRole::Viewer), None).await,
        person(
            &app,
            "org member without team",
            "member@a.example",
            Some(OrgRole::Member),
            None,
        )
        .await,
        person(
            &app,
            "team member",
            "tmember@a.example",
            Some(OrgRole::Member),
            Some(("web", TeamRole::Member)),
        )
        .await,
        person(
            &app,
            "team viewer",
            "tviewer@a.example",
            Some(OrgRole::Member),
            Some(("web", TeamRole::Viewer)),
        )
        .await,
    ];
    let mut outsider = person(&app, "owner of another organization", "owner@b.example", None, None).await;
    outsider
        .browser
        .post("/v1/orgs", json!({"slug": "bcorp", "name": "B"}))
        .await;
    people.push(outsider);
    let mut tokens = Vec::new();
    for p in &people {
        tokens.push(token_of(&app, p.browser.cookie.as_deref().unwrap()).await);
    }
    let project_id = app.env.project.id.to_string();
    let mut probes = 0;
    for &(method, pattern, guard, destructive) in DASHBOARD {
        let path = fill(pattern, "acme", "web", &project_id);
        let what = |who: &str| format!("{method} {pattern} as {who}");
        let anonymous = page_call(&app, method, &path, None, None, None).await;
        if let Guard::Open = guard {
            assert!(
                !["forbidden", "csrf_failed", "session_required"].contains(&anonymous.2.as_str())
                    && anonymous.1.as_deref() != Some("/sign-in"),
                "{}: {} {}",
                what("anonymous"),
                anonymous.0,
                anonymous.2
            );
            probes += 1;
            continue;
        }
        assert_eq!(
            (anonymous.0, anonymous.1.as_deref()),
            (StatusCode::SEE_OTHER, Some("/sign-in")),
            "{}",
            what("anonymous")
        );
        let keyed = page_call(&app, method, &path, None, Some(&app.env.key), None).await;
        assert_eq!(
            (keyed.0, keyed.2.as_str()),
            (StatusCode::FORBIDDEN, "session_required"),
            "{}",
            what("an API key")
        );
        probes += 2;
        for (p, token) in people.iter().zip(&tokens) {
            let cookie = p.browser.cookie.as_deref();
            let held = match guard {
                Guard::Session => Some(PermissionSet::default()),
                _ => held(p, guard),
            };
            let needed: &[Permission] = match guard {
                Guard::Org(n) | Guard::Team(n) | Guard::Project(n) => n,
                _ => &[],
            };
            match held {
                None => {
                    let got = page_call(&app, method, &path, cookie, None, Some(token)).await;
                    assert_eq!(
                        (got.0, got.2.as_str()),
                        (StatusCode::NOT_FOUND, "not_found"),
                        "{}",
                        what(p.label)
                    );
                }
                Some(set) if needed.iter().all(|n| set.allows(*n)) => {
                    if method == "POST" {
                        // Without the form token: refused, whoever it is.
                        let got = page_call(&app, method, &path, cookie, None, None).await;
                        assert_eq!(
                            (got.0, got.2.as_str()),
                            (StatusCode::FORBIDDEN, "csrf_failed"),
                            "{} without the form token",
                            what(p.label)
                        );
                    }
                    if !destructive {
                        let got = page_call(&app, method, &path, cookie, None, Some(token)).await;
                        let scope_hidden = got.0 == StatusCode::NOT_FOUND
                            && ["organization not found", "team not found", "project not found"]
                                .iter()
                                .any(|m| got.3.contains(&format!(">{m}<")));
                        assert!(
                            got.1.as_deref() != Some("/sign-in")
                                && !["forbidden", "csrf_failed", "session_required"].contains(&got.2.as_str())
                                && !scope_hidden
                                && got.0 != StatusCode::TOO_MANY_REQUESTS,
                            "{} should pass authorization: {} {}",
                            what(p.label),
                            got.0,
                            got.2
                        );
                    }
                }
                Some(_) => {
                    let got = page_call(&app, method, &path, cookie, None, Some(token)).await;
                    assert_eq!(
                        (got.0, got.2.as_str()),
                        (StatusCode::FORBIDDEN, "forbidden"),
                        "{}",
                        what(p.label)
                    );
                }
            }
            probes += 1;
        }
    }
    assert!(probes > 150, "only {probes} probes ran");
}
