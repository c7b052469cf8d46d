//! The web dashboard, served under `/` by the same process as the API: server-rendered HTML
//! (askama templates compiled into the binary), plain forms that work without script, and three
//! small scripts of our own plus htmx (vendored) for the live parts. Nothing is loaded from
//! another origin, so the pages set a strict Content-Security-Policy: no inline script or style,
//! no framing.
//!
//! Why server-rendered: the management logic already lives in `common::manage` and the access
//! rules in [`crate::access`]; a page is a handler that takes the same [`Access`] extractor as the
//! JSON route beside it and calls the same function, so there is one authorization path and one
//! validation path, and the error a form shows is the API's own message. A single-page app would
//! need a second build toolchain and would re-render in script what the server already knows.
//!
//! Every form carries a CSRF token bound to the session ([`page::Form`]); on top of it the
//! session's usual `Origin` check applies to every state-changing request.
//!
//! [`Access`]: crate::access::Access

pub mod account;
pub mod assets;
pub mod audit;
pub mod buckets;
pub mod charts;
pub mod files;
pub mod keys;
pub mod members;
pub mod orgs;
pub mod page;
pub mod projects;
pub mod settings;
pub mod usage;
pub mod webhooks;

use axum::Router;
use axum::http::{HeaderValue, Method, header};
use axum::response::Response;
use axum::routing::MethodRouter;

use crate::state::AppState;

/// The dashboard's route table: each path with its methods, kept beside the router so the
/// authorization-matrix test can walk every page and form.
pub struct Pages {
    router: Router<AppState>,
    paths: Vec<(Method, &'static str)>,
}

impl Pages {
    fn new() -> Self {
        Self {
            router: Router::new(),
            paths: Vec::new(),
        }
    }

    fn get(self, path: &'static str, handler: MethodRouter<AppState>) -> Self {
        self.add(Method::GET, path, handler)
    }

    fn post(self, path: &'static str, handler: MethodRouter<AppState>) -> Self {
        self.add(Method::POST, path, handler)
    }

    fn add(mut self, method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Self {
        self.paths.push((method, path));
        self.router = self.router.route(path, handler);
        self
    }

    /// Every (method, path) the dashboard answers.
    pub fn paths(&self) -> &[(Method, &'static str)] {
        &self.paths
    }
}

/// Every page and form.
pub fn table() -> Pages {
    use axum::routing::{get, post};
    Pages::new()
        .get("/", get(account::home))
        .get("/assets/{file}", get(assets::serve))
        .get("/sign-in", get(account::sign_in_page))
        .post("/sign-in", post(account::sign_in))
        .get("/sign-in/link", get(account::sign_in_link))
        .get("/sign-up", get(account::sign_up_page))
        .post("/sign-up", post(account::sign_up))
        .post("/sign-out", post(account::sign_out))
        .get("/account", get(account::account_page))
        .post("/account/password", post(account::change_password))
        .post("/account/sessions/{id}/revoke", post(account::revoke_session))
        .get("/orgs/{org}", get(orgs::org_page))
        .post("/orgs/{org}/teams", post(orgs::create_team))
        .get("/orgs/{org}/teams/{team}", get(orgs::team_page))
        .post("/orgs/{org}/teams/{team}/projects", post(projects::create_project))
        .get("/orgs/{org}/teams/{team}/buckets/new", get(buckets::connect_page))
        .post("/orgs/{org}/teams/{team}/buckets", post(buckets::connect))
        .get("/orgs/{org}/teams/{team}/buckets/{bucket}", get(buckets::bucket_page))
        .post("/orgs/{org}/teams/{team}/buckets/{bucket}/check", post(buckets::check))
        .post(
            "/orgs/{org}/teams/{team}/buckets/{bucket}/credentials",
            post(buckets::rotate_credentials),
        )
        .post("/orgs/{org}/teams/{team}/buckets/{bucket}/grants", post(buckets::share))
        .post(
            "/orgs/{org}/teams/{team}/buckets/{bucket}/grants/{grantee}/remove",
            post(buckets::unshare),
        )
        .get("/orgs/{org}/audit", get(audit::audit_page))
        .get("/orgs/{org}/members", get(members::members_page))
        .post("/orgs/{org}/members/{user}/role", post(members::set_role))
        .post("/orgs/{org}/members/{user}/remove", post(members::remove))
        .post("/orgs/{org}/invitations", post(members::invite))
        .post("/orgs/{org}/invitations/{id}/revoke", post(members::revoke_invitation))
        .post("/orgs/{org}/teams/{team}/members", post(members::add_team_member))
        .post(
            "/orgs/{org}/teams/{team}/members/{user}/remove",
            post(members::remove_team_member),
        )
        .get("/invitations/accept", get(members::accept_page))
        .post("/invitations/accept", post(members::accept))
        .get("/projects/{project}", get(projects::project_page))
        .get("/projects/{project}/usage", get(usage::usage_page))
        .get("/projects/{project}/settings", get(settings::settings_page))
        .post("/projects/{project}/settings", post(settings::save))
        .post("/projects/{project}/presets", post(settings::put_preset))
        .get("/projects/{project}/presets/preview", get(settings::preview))
        .post(
            "/projects/{project}/presets/{name}/remove",
            post(settings::remove_preset),
        )
        .post("/projects/{project}/transform-secret", post(settings::rotate_secret))
        .get("/projects/{project}/webhooks", get(webhooks::webhooks_page))
        .post("/projects/{project}/webhooks", post(webhooks::create))
        .get("/projects/{project}/webhooks/{id}", get(webhooks::webhook_page))
        .post("/projects/{project}/webhooks/{id}/test", post(webhooks::send_test))
        .post("/projects/{project}/webhooks/{id}/enabled", post(webhooks::set_enabled))
        .post(
            "/projects/{project}/webhooks/{id}/rotate-secret",
            post(webhooks::rotate_secret),
        )
        .post("/projects/{project}/webhooks/{id}/delete", post(webhooks::delete))
        .post(
            "/projects/{project}/webhooks/{id}/deliveries/{delivery}/replay",
            post(webhooks::replay),
        )
        .get("/projects/{project}/keys", get(keys::keys_page))
        .post("/projects/{project}/keys", post(keys::create_key))
        .post("/projects/{project}/keys/{id}/revoke", post(keys::revoke_key))
        .get("/projects/{project}/files", get(files::files_page))
        .get("/projects/{project}/files/{id}", get(files::file_page))
        .post("/projects/{project}/files/{id}/delete", post(files::delete_file))
        .post("/projects/{project}/upload", post(files::upload_action))
}

/// The dashboard's router, with its security headers.
pub fn router() -> Router<AppState> {
    table().router.layer(axum::middleware::map_response(security_headers))
}

/// The policy every page is served with. `connect-src` also names the bucket a page uploads to
/// (the page sets its own header then, see [`page::with_bucket_origin`]).
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
                       connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
}
