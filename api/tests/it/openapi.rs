//! The OpenAPI document: generated from the route table, complete for every operation, served at
//! `/openapi.json`, with the reference at `/docs/` served from the binary.

use reqwest::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

use crate::support::TestApp;

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options", "trace"];

fn document() -> Value {
    serde_json::to_value(carcosa_api::routes::table().openapi()).unwrap()
}

#[test]
fn every_operation_is_described() {
    let doc = document();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "OpenAPI 3.1");
    let schemes = doc["components"]["securitySchemes"].as_object().unwrap();
    for scheme in ["api_key", "session", "transform_signature", "realtime_token"] {
        assert!(schemes.contains_key(scheme), "security scheme {scheme}");
    }
    let tags: Vec<&str> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let mut problems = Vec::new();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            let Some(op) = item.get(*method) else { continue };
            operations += 1;
            let at = format!("{} {path}", method.to_uppercase());
            for field in ["summary", "description", "operationId"] {
                if op[field].as_str().is_none_or(str::is_empty) {
                    problems.push(format!("{at}: no {field}"));
                }
            }
            match op["tags"].as_array().map(Vec::as_slice) {
                Some([tag]) if tags.contains(&tag.as_str().unwrap()) => {}
                other => problems.push(format!("{at}: tags {other:?} (one known tag expected)")),
            }
            // Every `{param}` of the path is declared.
            let declared: Vec<&str> = op["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .filter(|p| p["in"] == "path")
                        .map(|p| p["name"].as_str().unwrap())
                        .collect()
                })
                .unwrap_or_default();
            for segment in path.split('/').filter(|s| s.starts_with('{')) {
                let name = segment.trim_matches(|c| c == '{' || c == '}');
                if !declared.contains(&name) {
                    problems.push(format!("{at}: path parameter {name} not declared"));
                }
            }
            let responses = op["responses"].as_object().unwrap();
            if !responses
                .keys()
                .any(|s| s.starts_with('1') || s.starts_with('2') || s.starts_with('3'))
            {
                problems.push(format!("{at}: no success response"));
            }
            for needed in ["429", "500"] {
                if !responses.contains_key(needed) {
                    problems.push(format!("{at}: no {needed} response"));
                }
            }
            // Error responses carry the envelope with the exact codes.
            for (status, response) in responses {
                if !(status.starts_with('4') || status.starts_with('5')) {
                    continue;
                }
                let schema = &response["content"]["application/json"]["schema"];
                assert_eq!(
                    schema["allOf"][0]["$ref"], "#/components/schemas/ErrorBody",
                    "{at} {status}"
                );
                let codes = schema["allOf"][1]["properties"]["error"]["properties"]["code"]["enum"].as_array();
                if codes.is_none_or(Vec::is_empty) {
                    problems.push(format!("{at}: {status} lists no error codes"));
                }
            }
            if op["security"].is_null() {
                problems.push(format!(
                    "{at}: no security requirement (use security(()) for open routes)"
                ));
            }
        }
    }
    assert!(operations >= 60, "only {operations} operations documented");
    assert!(problems.is_empty(), "incomplete operations:\n{}", problems.join("\n"));
}

#[test]
fn the_router_serves_exactly_the_documented_paths() {
    let table = carcosa_api::routes::table();
    let doc = document();
    let documented: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    let mut routed = table.paths();
    routed.sort();
    let mut documented_sorted = documented.clone();
    documented_sorted.sort();
    assert_eq!(routed, documented_sorted);
}

#[sqlx::test(migrations = false)]
async fn the_document_and_the_reference_are_served_offline(pool: PgPool) {
    let app = TestApp::spawn_api_only(pool).await;
    let got = app.http.get(format!("{}/openapi.json", app.url)).send().await.unwrap();
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.headers()["content-type"], "application/json");
    let served: Value = got.json().await.unwrap();
    assert_eq!(served, document());

    let redirect = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/docs", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(redirect.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(redirect.headers()["location"], "/docs/");

    let page = app.http.get(format!("{}/docs/", app.url)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    let html = page.text().await.unwrap();
    // Every script and stylesheet of the page comes from this server.
    for attr in ["src=\"", "href=\""] {
        for part in html.split(attr).skip(1) {
            let target = &part[..part.find('"').unwrap()];
            assert!(!target.contains("//"), "{target} is not served from /docs/");
            let asset = app
                .http
                .get(format!("{}/docs/{}", app.url, target.trim_start_matches("./")))
                .send()
                .await
                .unwrap();
            assert_eq!(asset.status(), StatusCode::OK, "{target}");
        }
    }
    let init = app
        .http
        .get(format!("{}/docs/swagger-initializer.js", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(init.contains("/openapi.json"), "{init}");
    assert!(
        init.contains("\"validatorUrl\": \"none\""),
        "no online validator: {init}"
    );

    let missing = app.http.get(format!("{}/docs/nope.js", app.url)).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}
