//! `carcosa-load`: a small closed-loop HTTP load generator for Carcosa's benchmarks.
//!
//! `carcosa-load presign --url http://127.0.0.1:8080 --key ck_… --concurrency 64 --duration 20`
//! keeps `concurrency` keep-alive connections busy with `POST /v1/uploads` for `duration`
//! seconds (after a warm-up), and prints one JSON line: requests, errors, requests/s and
//! latency percentiles in milliseconds.

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use bytes::Bytes;
use clap::{Parser, Subcommand};
use http_body_util::{BodyExt as _, Full};
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

#[derive(Debug, Parser)]
struct Cli {
    #[command(subcommand)]
    scenario: Scenario,
}

#[derive(Debug, Subcommand)]
enum Scenario {
    /// `POST /v1/uploads` as fast as `concurrency` connections allow.
    Presign {
        /// API base URL.
        #[arg(long)]
        url: String,
        /// API key with files:write.
        #[arg(long)]
        key: String,
        /// Concurrent connections (each sends its next request when the last one answered).
        #[arg(long, default_value_t = 64)]
        concurrency: usize,
        /// Measured seconds.
        #[arg(long, default_value_t = 20)]
        duration: u64,
        /// Unmeasured warm-up seconds.
        #[arg(long, default_value_t = 3)]
        warmup: u64,
    },
}

struct Sample {
    latencies_us: Vec<u32>,
    errors: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let Scenario::Presign {
        url,
        key,
        concurrency,
        duration,
        warmup,
    } = Cli::parse().scenario;
    let client = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(concurrency)
        .build_http::<Full<Bytes>>();
    let endpoint = format!("{}/v1/uploads", url.trim_end_matches('/'));
    let body = Bytes::from_static(br#"{"filename":"bench photo.png","content_type":"image/png","size":123456}"#);
    // Fail fast on a wrong URL or key instead of measuring errors.
    let status = send(&client, &endpoint, &key, body.clone()).await?;
    if status != 201 {
        bail!("POST {endpoint} answered {status}, expected 201");
    }
    let start = Instant::now();
    let measure_from = start + Duration::from_secs(warmup);
    let stop = measure_from + Duration::from_secs(duration);
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, endpoint, key, body) = (client.clone(), endpoint.clone(), key.clone(), body.clone());
            tokio::spawn(async move { connection_loop(client, endpoint, key, body, measure_from, stop).await })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let sample = task.await.context("load task")?;
        latencies.extend(sample.latencies_us);
        errors += sample.errors;
    }
    latencies.sort_unstable();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |us| *us as f64 / 1000.0)
    };
    let report = serde_json::json!({
        "scenario": "presign",
        "concurrency": concurrency,
        "duration_s": duration,
        "requests": latencies.len(),
        "errors": errors,
        "rps": latencies.len() as f64 / duration as f64,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "p999_ms": pct(0.999),
        "max_ms": latencies.last().map_or(0.0, |us| *us as f64 / 1000.0),
    });
    println!("{report}");
    Ok(())
}

async fn send(
    client: &Client<HttpConnector, Full<Bytes>>,
    endpoint: &str,
    key: &str,
    body: Bytes,
) -> anyhow::Result<u16> {
    let req = Request::post(endpoint)
        .header("authorization", format!("Bearer {key}"))
        .header("content-type", "application/json")
        .body(Full::new(body))?;
    let resp = client.request(req).await?;
    let status = resp.status().as_u16();
    resp.into_body().collect().await?;
    Ok(status)
}

async fn connection_loop(
    client: Client<HttpConnector, Full<Bytes>>,
    endpoint: String,
    key: String,
    body: Bytes,
    measure_from: Instant,
    stop: Instant,
) -> Sample {
    let mut sample = Sample {
        latencies_us: Vec::with_capacity(1 << 16),
        errors: 0,
    };
    loop {
        let sent = Instant::now();
        if sent >= stop {
            return sample;
        }
        let ok = matches!(send(&client, &endpoint, &key, body.clone()).await, Ok(201));
        if sent >= measure_from {
            if ok {
                sample
                    .latencies_us
                    .push(sent.elapsed().as_micros().min(u32::MAX as u128) as u32);
            } else {
                sample.errors += 1;
            }
        }
    }
}
