//! `carcosa-uploads`: uploads end to end against a running `carcosa serve` + `carcosa work`,
//! open loop (a new upload starts every 1/RATE s whether or not earlier ones finished):
//! presign (`POST /v1/uploads`) → PUT the file to the presigned URL → complete → wait for the
//! `upload.ready` event on a WebSocket subscribed to the project. Prints one JSON line: uploads/s
//! and presign→ready p50/p95/p99/max, plus each phase's median.
//!
//!   carcosa-uploads --api http://127.0.0.1:8080 --key ck_… --file photo.jpg --rate 20 --secs 30
//!   carcosa-uploads make-photo SRC.jpg OUT.jpg WIDTH   # the test photo, resized by Carcosa's pipeline

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Parser;
use futures::{SinkExt as _, StreamExt as _};
use serde_json::{Value, json};
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;

#[derive(Parser)]
struct Args {
    /// API base URL; several (comma-separated) spread uploads round-robin across API processes.
    #[arg(long, value_delimiter = ',')]
    api: Vec<String>,
    /// API key with files:write.
    #[arg(long)]
    key: String,
    /// The file to upload (a JPEG).
    #[arg(long)]
    file: String,
    /// Uploads started per second.
    #[arg(long, default_value_t = 20.0)]
    rate: f64,
    /// How long to keep starting uploads.
    #[arg(long, default_value_t = 30.0)]
    secs: f64,
    /// Uploads to run (and discard) before measuring, to warm connections and caches.
    #[arg(long, default_value_t = 10)]
    warmup: usize,
}

type Waiters = Arc<Mutex<HashMap<String, oneshot::Sender<(Instant, String)>>>>;

/// Phase timings of one upload, ms.
#[derive(Debug, Clone, Copy)]
struct Timing {
    presign: f64,
    put: f64,
    complete: f64,
    to_ready: f64,
    total: f64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

async fn one(http: &reqwest::Client, args: &Args, n: usize, body: &[u8], waiters: &Waiters) -> anyhow::Result<Timing> {
    let api = &args.api[n % args.api.len()];
    let t0 = Instant::now();
    let created: Value = http
        .post(format!("{api}/v1/uploads"))
        .bearer_auth(&args.key)
        .json(&json!({"filename": "photo.jpg", "content_type": "image/jpeg", "size": body.len()}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let id = created["id"].as_str().context("upload id")?.to_owned();
    let (tx, rx) = oneshot::channel();
    waiters
        .lock()
        .map_err(|_| anyhow::anyhow!("poisoned"))?
        .insert(id.clone(), tx);
    let t1 = Instant::now();
    let presigned = &created["upload"];
    let mut put = http.put(presigned["url"].as_str().context("url")?).body(body.to_vec());
    for (name, value) in presigned["headers"].as_object().context("headers")? {
        if name != "content-length" {
            put = put.header(name, value.as_str().unwrap_or_default());
        }
    }
    put.send().await?.error_for_status()?;
    let t2 = Instant::now();
    http.post(format!("{api}/v1/uploads/{id}/complete"))
        .bearer_auth(&args.key)
        .send()
        .await?
        .error_for_status()?;
    let t3 = Instant::now();
    let (t4, kind) = tokio::time::timeout(Duration::from_secs(60), rx)
        .await
        .context("no ready event within 60 s")??;
    anyhow::ensure!(kind == "upload.ready", "upload {id} ended {kind}");
    Ok(Timing {
        presign: ms(t1 - t0),
        put: ms(t2 - t1),
        complete: ms(t3 - t2),
        to_ready: ms(t4.saturating_duration_since(t3)),
        total: ms(t4 - t0),
    })
}

fn pct(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)]
}

/// Writes `src` resized to `width` (JPEG q85) to `out`, with Carcosa's own imaging pipeline, so
/// the benchmark needs no image tool on the machine.
fn make_photo(src: &str, out: &str, width: &str) -> anyhow::Result<()> {
    use carcosa_worker::imaging::{self, Fit, Format, Limits, TransformSpec};
    let bytes = std::fs::read(src).with_context(|| format!("reading {src}"))?;
    let spec = TransformSpec {
        width: Some(width.parse()?),
        height: None,
        fit: Fit::Inside,
        format: Format::Jpeg,
        quality: 85,
    };
    let (_, mut rendered) = imaging::render(&bytes, &Limits::default(), &[spec])?;
    let photo = rendered.pop().context("no output")?;
    std::fs::write(out, &photo.bytes)?;
    println!("{out}: {}x{}, {} bytes", photo.width, photo.height, photo.bytes.len());
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("make-photo") {
        let arg = |i: usize| argv.get(i).map(String::as_str).context("make-photo SRC OUT WIDTH");
        return make_photo(arg(2)?, arg(3)?, arg(4)?);
    }
    let args = Arc::new(Args::parse());
    let body = Arc::new(std::fs::read(&args.file).with_context(|| format!("reading {}", args.file))?);
    let waiters: Waiters = Arc::default();

    // One WebSocket for the whole project; events are matched to uploads by id.
    // (Every API process gets every event through Redis, so the first one's socket sees all.)
    let ws_url = format!("{}/v1/ws", args.api[0].replacen("http", "ws", 1));
    let mut req = ws_url.into_client_request()?;
    req.headers_mut()
        .insert("authorization", format!("Bearer {}", args.key).parse()?);
    let (ws, _) = tokio_tungstenite::connect_async(req).await.context("WebSocket")?;
    let (mut sink, mut stream) = ws.split();
    sink.send(Message::Text(r#"{"op":"subscribe","channel":"project"}"#.into()))
        .await?;
    {
        let waiters = waiters.clone();
        tokio::spawn(async move {
            let _sink = sink; // keep the socket open
            while let Some(Ok(msg)) = stream.next().await {
                let Message::Text(text) = msg else { continue };
                let at = Instant::now();
                let Ok(event) = serde_json::from_str::<Value>(&text) else {
                    continue;
                };
                let kind = event["type"].as_str().unwrap_or_default();
                if kind != "upload.ready" && kind != "upload.failed" {
                    continue;
                }
                let id = event["upload_id"].as_str().unwrap_or_default();
                let waiter = waiters.lock().ok().and_then(|mut w| w.remove(id));
                if let Some(tx) = waiter {
                    let _ = tx.send((at, kind.to_owned()));
                }
            }
        });
    }
    tokio::time::sleep(Duration::from_millis(300)).await; // subscribed

    let http = reqwest::Client::builder().pool_max_idle_per_host(256).build()?;
    for n in 0..args.warmup {
        one(&http, &args, n, &body, &waiters).await?;
    }

    let total = (args.rate * args.secs).round() as usize;
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for i in 0..total {
        tokio::time::sleep_until((started + Duration::from_secs_f64(i as f64 / args.rate)).into()).await;
        let (http, args, body, waiters) = (http.clone(), args.clone(), body.clone(), waiters.clone());
        tasks.push(tokio::spawn(async move { one(&http, &args, i, &body, &waiters).await }));
    }
    let mut ok = Vec::new();
    let mut errors: HashMap<String, usize> = HashMap::new();
    for t in tasks {
        match t.await? {
            Ok(timing) => ok.push(timing),
            Err(e) => *errors.entry(format!("{e:#}")).or_default() += 1,
        }
    }
    let wall = started.elapsed().as_secs_f64();
    anyhow::ensure!(!ok.is_empty(), "no upload succeeded: {errors:?}");
    let sorted = |f: fn(&Timing) -> f64| {
        let mut v: Vec<f64> = ok.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v
    };
    let total_ms = sorted(|t| t.total);
    let out = json!({
        "rate": args.rate,
        "started": total,
        "ok": ok.len(),
        "errors": errors,
        "uploads_per_s": ok.len() as f64 / wall,
        "p50_ms": pct(&total_ms, 0.5),
        "p95_ms": pct(&total_ms, 0.95),
        "p99_ms": pct(&total_ms, 0.99),
        "max_ms": total_ms[total_ms.len() - 1],
        "presign_p50_ms": pct(&sorted(|t| t.presign), 0.5),
        "put_p50_ms": pct(&sorted(|t| t.put), 0.5),
        "complete_p50_ms": pct(&sorted(|t| t.complete), 0.5),
        "complete_to_ready_p50_ms": pct(&sorted(|t| t.to_ready), 0.5),
        "complete_to_ready_p99_ms": pct(&sorted(|t| t.to_ready), 0.99),
    });
    println!("{out}");
    Ok(())
}
