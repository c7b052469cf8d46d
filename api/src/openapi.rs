//! The OpenAPI 3.1 document, generated from the handlers.
//!
//! Every route enters the table through [`crate::routes::Routes::route`], which takes utoipa's
//! `routes!(handler)` — so a handler without a `#[utoipa::path]` description does not compile into
//! the router, and the test `openapi::every_operation_is_described` checks each one has a summary,
//! a tag and documented errors. Errors are declared per handler with [`errors!`]: each status with
//! the stable `code`s it can carry, listed in the response's description and as the `code` enum of
//! that response's schema, so the document says exactly which codes a route answers.
//!
//! This module adds what is common to every operation (429 `rate_limited`, 500
//! `internal_error`), the four auth schemes and the document's header, and serves the result at
//! `GET /openapi.json` and an interactive reference at `GET /docs` (Swagger UI, its files compiled
//! into the binary, nothing fetched from elsewhere).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::extract::Path as AxumPath;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use carcosa_common::domain::Permission;
use carcosa_common::events::Event;
use serde::Serialize;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{InfoBuilder, OpenApi, Ref, RefOr, ServerBuilder, Tag};
use utoipa::{PartialSchema as _, ToSchema};

use crate::access::PublicRead;
use crate::error::ApiError;

/// A response's error codes by HTTP status.
pub type ErrorSet = &'static [(u16, &'static [&'static str])];

/// Errors of every request with a JSON body (the body extractor's refusals).
pub const JSON_BODY: ErrorSet = &[
    (400, &["invalid_json", "validation_failed"]),
    (413, &["payload_too_large"]),
    (415, &["unsupported_media_type"]),
];

/// Errors of a query string that does not parse.
pub const QUERY: ErrorSet = &[(400, &["validation_failed"])];

/// Errors of an API-key-only route (`Auth<P>`): no/unknown/revoked/expired key, missing permission.
pub const KEY: ErrorSet = &[
    (401, &["unauthorized", "api_key_revoked", "api_key_expired"]),
    (403, &["forbidden"]),
];

/// Errors of a route that takes an API key or a session (`Access<P>`): the key's errors, the
/// session's, the CSRF check on cookie requests, and 404 for an org/team/project the caller cannot see.
pub const ACCESS: ErrorSet = &[
    (
        401,
        &["unauthorized", "api_key_revoked", "api_key_expired", "session_expired"],
    ),
    (403, &["forbidden", "csrf_failed", "session_required"]),
    (404, &["not_found"]),
];

/// Errors of a route with `{project}` in its path: a slug more than one of the caller's teams uses.
pub const PROJECT_ERRORS: ErrorSet = &[(409, &["ambiguous_project"])];

/// Errors of a route only a signed-in user may call (no API keys).
pub const SESSION: ErrorSet = &[
    (401, &["unauthorized", "session_expired"]),
    (403, &["csrf_failed", "session_required"]),
];

/// 404 for an id that is not in the caller's project (other projects' ids included).
pub const NOT_FOUND: ErrorSet = &[(404, &["not_found"])];

/// Declares a type listing a handler's error responses, for `responses(…)` of `#[utoipa::path]`:
/// `errors!(UploadErrors = KEY, JSON_BODY, &[(413, &["upload_too_large"])]);`
macro_rules! errors {
    ($(#[$meta:meta])* $name:ident = $($set:expr),+ $(,)?) => {
        $(#[$meta])*
        pub struct $name;

        impl utoipa::IntoResponses for $name {
            fn responses() -> std::collections::BTreeMap<
                String,
                utoipa::openapi::RefOr<utoipa::openapi::response::Response>,
            > {
                $crate::openapi::error_responses(&[$($set),+])
            }
        }
    };
}
pub(crate) use errors;

/// The error envelope every 4xx and 5xx answer carries.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code clients branch on (`upload_too_large`, `not_found`, …).
    pub code: String,
    /// What happened and what to do, in words; may change between versions.
    pub message: String,
    /// The offending field of a `validation_failed` (or another 400), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// `quota_exceeded` only: which quota (`max_stored_bytes`, `max_files`, `max_transforms_per_month`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota: Option<String>,
    /// `quota_exceeded` only: the quota's limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// `quota_exceeded` only: what is used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub used: Option<i64>,
}

/// Builds the error responses of one handler from its sets (codes of one status are merged).
pub fn error_responses(sets: &[ErrorSet]) -> BTreeMap<String, RefOr<utoipa::openapi::response::Response>> {
    let mut by_status: BTreeMap<u16, Vec<&'static str>> = BTreeMap::new();
    for set in sets {
        for (status, codes) in *set {
            let entry = by_status.entry(*status).or_default();
            for code in *codes {
                if !entry.contains(code) {
                    entry.push(code);
                }
            }
        }
    }
    by_status
        .into_iter()
        .map(|(status, codes)| (status.to_string(), RefOr::T(error_response(status, &codes))))
        .collect()
}

/// One error response: the envelope, with `code` narrowed to the codes this status can carry.
fn error_response(status: u16, codes: &[&str]) -> utoipa::openapi::response::Response {
    let reason = StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    let listed = codes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    // The envelope by reference, with `code` narrowed to this response's codes.
    let code = ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(codes.iter().copied()));
    let narrowed = ObjectBuilder::new().property("error", ObjectBuilder::new().property("code", code).required("code"));
    let schema = AllOfBuilder::new()
        .item(RefOr::<Schema>::Ref(Ref::from_schema_name("ErrorBody")))
        .item(narrowed);
    let example = serde_json::json!({"error": {"code": codes.first().copied().unwrap_or("error"), "message": reason}});
    ResponseBuilder::new()
        .description(format!("{reason}: {listed}"))
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Schema::AllOf(schema.build())))
                .example(Some(example))
                .build(),
        )
        .build()
}

/// Codes any operation can answer: the rate limit and an internal error.
const EVERYWHERE: ErrorSet = &[(429, &["rate_limited"]), (500, &["internal_error"])];

/// Security scheme names used in `security(…)` of the handlers.
pub mod scheme {
    /// `Authorization: Bearer ck_…` — a project API key.
    pub const API_KEY: &str = "api_key";
    /// The `carcosa_session` cookie of a signed-in user.
    pub const SESSION: &str = "session";
    /// `?sig=` — an HMAC over a transform URL, minted by `POST /v1/files/{id}/transform-url`.
    pub const TRANSFORM_SIGNATURE: &str = "transform_signature";
    /// `?token=` — a realtime token from `POST /v1/realtime/token`.
    pub const REALTIME_TOKEN: &str = "realtime_token";
}

/// Adds the header, the auth schemes, the tags and the errors every operation shares.
pub fn finish(mut doc: OpenApi) -> OpenApi {
    doc.info = InfoBuilder::new()
        .title("Carcosa")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "Self-hosted media uploads into your own S3-compatible bucket: presigned direct uploads, \
             verification, presets, signed on-demand transforms, live status, and the management API \
             (accounts, organizations, teams, projects, buckets, API keys, audit log).\n\n\
             Every error answers with the envelope `{\"error\": {\"code\", \"message\"}}`; each \
             operation lists the codes it can return per status. Every operation is rate limited \
             (`429 rate_limited` with `Retry-After` and the IETF `RateLimit`/`RateLimit-Policy` fields).",
        ))
        .license(Some(utoipa::openapi::LicenseBuilder::new().name("Apache-2.0").build()))
        .build();
    doc.servers = Some(vec![ServerBuilder::new().url("/").build()]);
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        scheme::API_KEY,
        SecurityScheme::Http(
            Http::builder()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("ck_…")
                .description(Some("A project API key, `Authorization: Bearer ck_…`."))
                .build(),
        ),
    );
    components.add_security_scheme(
        scheme::SESSION,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            crate::session::COOKIE_NAME,
            "The session cookie set by `POST /v1/auth/login`; state-changing requests must also \
             carry an `Origin` (or `Referer`) of this server or of `auth.allowed_origins`.",
        ))),
    );
    components.add_security_scheme(
        scheme::TRANSFORM_SIGNATURE,
        SecurityScheme::ApiKey(ApiKey::Query(ApiKeyValue::with_description(
            "sig",
            "HMAC-SHA256 of the transform, minted by `POST /v1/files/{id}/transform-url`.",
        ))),
    );
    components.add_security_scheme(
        scheme::REALTIME_TOKEN,
        SecurityScheme::ApiKey(ApiKey::Query(ApiKeyValue::with_description(
            "token",
            "A subscribe token from `POST /v1/realtime/token` (browsers cannot set headers on a WebSocket).",
        ))),
    );
    // Types no operation names but clients need: the envelope, live events, permission names.
    let mut extra = vec![
        ("ErrorBody".to_owned(), ErrorBody::schema()),
        ("ErrorDetail".to_owned(), ErrorDetail::schema()),
        ("Event".to_owned(), Event::schema()),
        ("Permission".to_owned(), Permission::schema()),
    ];
    Event::schemas(&mut extra);
    components.schemas.extend(extra);
    let shared = error_responses(&[EVERYWHERE]);
    for item in doc.paths.paths.values_mut() {
        for op in operations(item) {
            for (status, response) in &shared {
                op.responses
                    .responses
                    .entry(status.clone())
                    .or_insert_with(|| response.clone());
            }
        }
    }
    doc.tags = Some(
        TAGS.iter()
            .map(|(name, description)| {
                let mut tag = Tag::new(*name);
                tag.description = Some((*description).to_owned());
                tag
            })
            .collect(),
    );
    doc
}

/// Tags in the order the reference shows them.
pub const TAGS: &[(&str, &str)] = &[
    (
        "uploads",
        "Presign, complete and follow uploads. The bytes go straight to the bucket.",
    ),
    ("files", "Verified files: list, read, download, delete."),
    ("transforms", "Presets and signed on-demand transforms."),
    ("realtime", "Live upload status over WebSocket."),
    ("usage", "Usage and quotas."),
    ("auth", "Users and browser sessions."),
    ("orgs", "Organizations, members, invitations and teams."),
    ("projects", "Projects, their settings, tenants and API keys."),
    (
        "buckets",
        "Bring-your-own buckets: connect, check, share, rotate credentials.",
    ),
    (
        "webhooks",
        "Signed webhook deliveries to your backend: endpoints, the delivery log, replay.",
    ),
    ("audit", "The audit log."),
    ("operations", "Health, readiness, metrics and this document."),
];

/// The operations of a path item.
pub fn operations(item: &mut utoipa::openapi::PathItem) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.options.as_mut(),
        item.head.as_mut(),
        item.patch.as_mut(),
        item.trace.as_mut(),
    ]
    .into_iter()
    .flatten()
}

/// The finished document, as JSON (built once per process).
pub fn json() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        let doc = crate::routes::table().openapi();
        serde_json::to_string(&doc).unwrap_or_else(|_| String::from("{}"))
    })
}

/// `GET /openapi.json`
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "operations",
    summary = "This OpenAPI 3.1 document",
    description = "The document the SDK's types are generated from. No authentication.",
    responses((status = 200, description = "The OpenAPI document.", content_type = "application/json", body = Object)),
    security(()),
)]
pub async fn openapi_json(_: PublicRead) -> Response {
    let mut response = json().into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Content-Security-Policy of the reference: everything from this server, nothing from elsewhere.
const DOCS_CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
                        script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

fn swagger_config() -> Arc<utoipa_swagger_ui::Config<'static>> {
    static CONFIG: OnceLock<Arc<utoipa_swagger_ui::Config<'static>>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            Arc::new(
                utoipa_swagger_ui::Config::new(["/openapi.json"])
                    .validator_url("none")
                    .try_it_out_enabled(true)
                    .persist_authorization(false)
                    .display_request_duration(true),
            )
        })
        .clone()
}

fn docs_file(path: &str) -> Result<Response, ApiError> {
    let file = utoipa_swagger_ui::serve(path, swagger_config())
        .map_err(|e| ApiError::Internal(e.to_string().into()))?
        .ok_or(ApiError::NotFound("file"))?;
    let content_type = HeaderValue::from_str(&file.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let mut response = Response::new(Body::from(file.bytes.into_owned()));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, content_type);
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DOCS_CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    if file.gzpipped {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    Ok(response)
}

errors!(DocsErrors = NOT_FOUND);

/// `GET /docs`
#[utoipa::path(
    get,
    path = "/docs",
    tag = "operations",
    summary = "Interactive API reference (redirect)",
    description = "Redirects to `/docs/`, so the page's relative asset paths resolve under `/docs/`.",
    responses((status = 308, description = "To `/docs/`.", headers(("location" = String, description = "`/docs/`")))),
    security(()),
)]
pub async fn docs_redirect(_: PublicRead) -> Response {
    (
        StatusCode::PERMANENT_REDIRECT,
        [(header::LOCATION, HeaderValue::from_static("/docs/"))],
    )
        .into_response()
}

/// `GET /docs/`
#[utoipa::path(
    get,
    path = "/docs/",
    tag = "operations",
    summary = "Interactive API reference",
    description = "Swagger UI over `/openapi.json`, served from the binary: it works with no internet.",
    responses((status = 200, description = "The reference page.", content_type = "text/html", body = String), DocsErrors),
    security(()),
)]
pub async fn docs_index(_: PublicRead) -> Result<Response, ApiError> {
    docs_file("index.html")
}

/// `GET /docs/{file}`
#[utoipa::path(
    get,
    path = "/docs/{file}",
    tag = "operations",
    summary = "A file of the API reference",
    description = "Scripts and styles of the reference page.",
    params(("file" = String, Path, description = "File name, e.g. `swagger-ui.css`.")),
    responses((status = 200, description = "The file.", content_type = "application/octet-stream", body = String), DocsErrors),
    security(()),
)]
pub async fn docs_asset(_: PublicRead, AxumPath(file): AxumPath<String>) -> Result<Response, ApiError> {
    docs_file(&file)
}

/// The document's routes.
pub fn router() -> crate::routes::Routes {
    crate::routes::Routes::new()
        .route(utoipa_axum::routes!(openapi_json))
        .route(utoipa_axum::routes!(docs_redirect))
        .route(utoipa_axum::routes!(docs_index))
        .route(utoipa_axum::routes!(docs_asset))
}
