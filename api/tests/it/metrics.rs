//! `/metrics`: scraped over HTTP and parsed as the Prometheus text format. The named series are
//! there with the right labels, and the queue gauges follow jobs as they are enqueued and drained.
//!
//! The registry is per process and this binary runs many apps at once, so assertions are about
//! series this test alone moves (or lower bounds), and only this test turns the queue sampler on.

use std::collections::HashMap;

use serde_json::json;
use sqlx::PgPool;

use crate::support::{PNG, TestApp};

/// One sample: name, labels, value.
#[derive(Debug, Clone)]
struct Sample {
    name: String,
    labels: HashMap<String, String>,
    value: f64,
}

/// Parses the text exposition format (enough of it for our series: no escapes in label values).
fn parse(text: &str) -> (Vec<Sample>, HashMap<String, String>) {
    let mut samples = Vec::new();
    let mut types = HashMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect("TYPE line has a kind");
            types.insert(name.to_owned(), kind.to_owned());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (series, value) = line.rsplit_once(' ').expect("sample line has a value");
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("bad value in {line:?}")),
        };
        let (name, labels) = match series.split_once('{') {
            None => (series.to_owned(), HashMap::new()),
            Some((name, rest)) => {
                let body = rest.strip_suffix('}').expect("labels end with }");
                let labels = body
                    .split("\",")
                    .filter(|p| !p.is_empty())
                    .map(|pair| {
                        let (k, v) = pair.split_once("=\"").expect("label is k=\"v\"");
                        (k.to_owned(), v.trim_end_matches('"').to_owned())
                    })
                    .collect();
                (name.to_owned(), labels)
            }
        };
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
            "bad metric name {name:?}"
        );
        samples.push(Sample { name, labels, value });
    }
    (samples, types)
}

async fn scrape(app: &TestApp) -> (Vec<Sample>, HashMap<String, String>) {
    let resp = app.http.get(format!("{}/metrics", app.url)).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let ctype = resp.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ctype.starts_with("text/plain"), "{ctype}");
    parse(&resp.text().await.unwrap())
}

/// Scrapes until `done` holds (fails after 20 s); returns the last scrape.
async fn scrape_until(app: &TestApp, what: &str, done: impl Fn(&[Sample]) -> bool) -> Vec<Sample> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (samples, _) = scrape(app).await;
        if done(&samples) {
            return samples;
        }
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

fn value(samples: &[Sample], name: &str, want: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| {
            s.name == name
                && want
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
}

#[sqlx::test(migrations = false)]
async fn metrics_expose_http_job_and_queue_series(pool: PgPool) {
    let mut app = TestApp::spawn_api_only_configured(pool, |c| c.metrics.queue_sample_secs = 1).await;
    // Three uploads completed with no worker running: three complete_upload jobs wait.
    let mut ids = Vec::new();
    for i in 0..3 {
        let upload = app.create_upload(&format!("{i}.png"), "image/png", PNG.len()).await;
        assert_eq!(app.put_signed(&upload, PNG).await, 200);
        let id = upload["id"].as_str().unwrap().to_owned();
        assert_eq!(app.complete(&id).await.0, 202);
        ids.push(id);
    }
    let (status, _) = app.post("/v1/uploads", json!({"filename": "x"})).await;
    assert_eq!(status, 400);

    let q = [("queue", "complete_upload")];
    let seen = scrape_until(&app, "3 pending complete_upload jobs", |s| {
        value(s, "carcosa_queue_pending_jobs", &q) == Some(3.0)
    })
    .await;
    assert!(value(&seen, "carcosa_queue_oldest_pending_age_seconds", &q).is_some_and(|v| v >= 0.0));
    assert_eq!(value(&seen, "carcosa_queue_running_jobs", &q), Some(0.0));
    assert_eq!(value(&seen, "carcosa_queue_workers", &q), Some(0.0));
    assert_eq!(value(&seen, "carcosa_queue_sampler_leader", &[]), Some(1.0));
    for queue in ["generate_variants", "transform", "delete_objects"] {
        assert!(
            value(&seen, "carcosa_queue_pending_jobs", &[("queue", queue)]).is_some(),
            "every queue is reported before its first job: {queue}"
        );
    }

    let (samples, types) = scrape(&app).await;
    let created = [("route", "/v1/uploads"), ("method", "POST"), ("status", "201")];
    assert!(value(&samples, "carcosa_http_requests_total", &created).is_some_and(|v| v >= 3.0));
    let refused = [("route", "/v1/uploads"), ("method", "POST"), ("status", "400")];
    assert!(value(&samples, "carcosa_http_requests_total", &refused).is_some_and(|v| v >= 1.0));
    let completed = [("route", "/v1/uploads/{id}/complete"), ("status", "202")];
    assert!(
        value(&samples, "carcosa_http_requests_total", &completed).is_some_and(|v| v >= 3.0),
        "routes are labelled by pattern, never by id"
    );
    assert!(!samples.iter().any(|s| s.labels.values().any(|v| ids.contains(v))));
    assert_eq!(types["carcosa_http_request_duration_seconds"], "histogram");
    let le_inf = [("route", "/v1/uploads"), ("status", "201"), ("le", "+Inf")];
    assert!(value(&samples, "carcosa_http_request_duration_seconds_bucket", &le_inf).is_some_and(|v| v >= 3.0));
    assert!(value(&samples, "carcosa_http_requests_in_flight", &[]).is_some());
    assert!(value(&samples, "carcosa_uploads_presigned_total", &[]).is_some_and(|v| v >= 3.0));

    // A worker drains the queue; the gauge follows and the job series appear.
    app.start_worker().await;
    for id in &ids {
        assert_eq!(app.wait_status(id, &["ready", "failed"]).await["status"], "ready");
    }
    scrape_until(&app, "the pending gauge to drop to 0", |s| {
        value(s, "carcosa_queue_pending_jobs", &q) == Some(0.0)
    })
    .await;
    scrape_until(&app, "the worker to show in the gauges", |s| {
        value(s, "carcosa_queue_workers", &q).is_some_and(|v| v >= 1.0)
    })
    .await;
    let (samples, types) = scrape(&app).await;
    assert!(value(&samples, "carcosa_jobs_started_total", &q).is_some_and(|v| v >= 3.0));
    assert!(value(&samples, "carcosa_jobs_succeeded_total", &q).is_some_and(|v| v >= 3.0));
    let variants = [("queue", "generate_variants")];
    assert!(value(&samples, "carcosa_jobs_succeeded_total", &variants).is_some_and(|v| v >= 3.0));
    assert_eq!(types["carcosa_jobs_duration_seconds"], "histogram");
    assert!(
        value(
            &samples,
            "carcosa_jobs_duration_seconds_count",
            &[("queue", "complete_upload"), ("outcome", "succeeded")]
        )
        .is_some_and(|v| v >= 3.0)
    );
    assert_eq!(types["carcosa_transform_cpu_seconds"], "histogram");
    assert!(value(&samples, "carcosa_transform_cpu_seconds_sum", &variants).is_some_and(|v| v > 0.0));
    assert!(value(&samples, "carcosa_worker_bytes_read_total", &[]).is_some_and(|v| v >= 3.0 * PNG.len() as f64));
    assert!(value(&samples, "carcosa_worker_bytes_written_total", &[]).is_some_and(|v| v > 0.0));
}
