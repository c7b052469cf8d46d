//! WebSocket fan-out benchmark (see `load-tests/ws.sh`).
//!
//! * `carcosa-ws baseline --bind ADDR --rate R`: the peer — a minimal tokio-tungstenite server
//!   with no auth and no Redis that broadcasts a timestamped message R times a second to every
//!   connection.
//! * `carcosa-ws run --url WS_URL --conns N --secs S [--key K --redis URL --project ID --rate R]`:
//!   opens N connections (with the API key and a `project` subscription for Carcosa), then — for
//!   Carcosa — publishes R events a second through Redis exactly as workers do; every receiver
//!   records `now - at` for each message. Prints one JSON line: delivered messages, msgs/s,
//!   latency p50/p99/max, and how many connections opened.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use carcosa_common::domain::{ProjectId, UploadId};
use carcosa_common::events::{Bus, Event, EventKind};
use chrono::Utc;
use clap::{Parser, Subcommand};
use futures::{SinkExt as _, StreamExt as _};
use tokio::net::TcpListener;
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;

#[derive(Debug, Parser)]
struct Args {
    #[command(subcommand)]
    mode: Mode,
}

#[derive(Debug, Subcommand)]
enum Mode {
    /// The peer: a bare broadcaster.
    Baseline {
        #[arg(long)]
        bind: String,
        /// Messages per second.
        #[arg(long, default_value_t = 10)]
        rate: u32,
    },
    /// Connect N subscribers and measure.
    Run {
        #[arg(long)]
        url: String,
        #[arg(long)]
        conns: usize,
        #[arg(long, default_value_t = 10)]
        secs: u64,
        /// Carcosa API key (sent as a bearer token); subscribes to `project`.
        #[arg(long)]
        key: Option<String>,
        /// Publish events through this Redis (Carcosa mode).
        #[arg(long)]
        redis: Option<String>,
        /// The key's project id.
        #[arg(long)]
        project: Option<String>,
        /// Events per second (Carcosa mode).
        #[arg(long, default_value_t = 10)]
        rate: u32,
    },
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        match args.mode {
            Mode::Baseline { bind, rate } => baseline(&bind, rate).await,
            Mode::Run {
                url,
                conns,
                secs,
                key,
                redis,
                project,
                rate,
            } => run(&url, conns, secs, key, redis, project, rate).await,
        }
    })
}

async fn baseline(bind: &str, rate: u32) -> anyhow::Result<()> {
    let listener = TcpListener::bind(bind).await?;
    let (tx, _) = broadcast::channel::<Arc<str>>(4096);
    let ticker = tx.clone();
    // Like Carcosa's publisher, ticks start only when the client says so (after connecting).
    let go = Arc::new(tokio::sync::Notify::new());
    let started = go.clone();
    tokio::spawn(async move {
        started.notified().await;
        let mut every = tokio::time::interval(Duration::from_secs_f64(1.0 / f64::from(rate)));
        loop {
            every.tick().await;
            let msg = serde_json::json!({"type": "tick", "at": Utc::now()}).to_string();
            let _ = ticker.send(msg.into());
        }
    });
    loop {
        let (tcp, _) = listener.accept().await?;
        let mut rx = tx.subscribe();
        let go = go.clone();
        tokio::spawn(async move {
            let Ok(ws) = tokio_tungstenite::accept_async(tcp).await else {
                return;
            };
            let (mut sink, mut stream) = ws.split();
            loop {
                tokio::select! {
                    got = rx.recv() => match got {
                        Ok(msg) => if sink.send(Message::Text(msg.to_string().into())).await.is_err() { return },
                        Err(broadcast::error::RecvError::Lagged(_)) => {}
                        Err(_) => return,
                    },
                    incoming = stream.next() => match incoming {
                        Some(Ok(Message::Text(t))) if t.as_str() == "start" => go.notify_one(),
                        Some(Ok(_)) => {}
                        _ => return,
                    },
                }
            }
        });
    }
}

async fn run(
    url: &str,
    conns: usize,
    secs: u64,
    key: Option<String>,
    redis: Option<String>,
    project: Option<String>,
    rate: u32,
) -> anyhow::Result<()> {
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let delivered = Arc::new(AtomicU64::new(0));
    let measuring = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut tasks = Vec::with_capacity(conns);
    let mut opened = 0usize;
    let connect_started = Instant::now();
    for i in 0..conns {
        let mut req = url.into_client_request()?;
        if let Some(key) = &key {
            req.headers_mut()
                .insert("authorization", format!("Bearer {key}").parse()?);
        }
        let ws = match tokio_tungstenite::connect_async(req).await {
            Ok((ws, _)) => ws,
            Err(e) => {
                eprintln!("connection {i} failed: {e}");
                break;
            }
        };
        opened += 1;
        let (delivered, measuring, subscribe, mut stop) =
            (delivered.clone(), measuring.clone(), key.is_some(), stop_rx.clone());
        tasks.push(tokio::spawn(async move {
            let (mut sink, mut stream) = ws.split();
            if subscribe {
                let msg = r#"{"op":"subscribe","channel":"project"}"#;
                if sink.send(Message::Text(msg.into())).await.is_err() {
                    return Vec::new();
                }
            }
            let mut local: Vec<f64> = Vec::new();
            loop {
                let msg = tokio::select! {
                    _ = stop.changed() => return local,
                    msg = stream.next() => match msg {
                        Some(Ok(msg)) => msg,
                        _ => return local,
                    },
                };
                let Message::Text(text) = msg else { continue };
                let now = Utc::now();
                let Ok(v) = serde_json::from_str::<serde_json::Value>(text.as_str()) else {
                    continue;
                };
                let Some(at) = v["at"].as_str().and_then(|s| s.parse::<chrono::DateTime<Utc>>().ok()) else {
                    continue;
                };
                if measuring.load(Ordering::Relaxed) {
                    delivered.fetch_add(1, Ordering::Relaxed);
                    local.push((now - at).num_microseconds().unwrap_or(0) as f64 / 1000.0);
                }
            }
        }));
    }
    let connect_secs = connect_started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(2)).await; // subscriptions settle
    measuring.store(true, Ordering::Relaxed);
    let started = Instant::now();
    if let Some(redis) = redis {
        let bus = Bus::redis(&redis)?;
        let project: ProjectId = project.context("--project is needed with --redis")?.parse()?;
        let mut every = tokio::time::interval(Duration::from_secs_f64(1.0 / f64::from(rate)));
        while started.elapsed() < Duration::from_secs(secs) {
            every.tick().await;
            let kind = EventKind::Processing {
                step: "bench".into(),
                done: 0,
                total: 1,
            };
            bus.publish(Event::new(project, None, UploadId::new(), kind)).await;
        }
    } else {
        let (mut control, _) = tokio_tungstenite::connect_async(url).await?;
        control.send(Message::Text("start".into())).await?;
        tokio::time::sleep(Duration::from_secs(secs)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await; // in-flight messages land
    measuring.store(false, Ordering::Relaxed);
    let window = started.elapsed().as_secs_f64();
    let _ = stop_tx.send(true);
    let mut lat = Vec::new();
    for t in tasks {
        lat.extend(t.await.unwrap_or_default());
    }
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    let n = delivered.load(Ordering::Relaxed);
    println!(
        "{}",
        serde_json::json!({
            "opened": opened, "connect_secs": connect_secs, "delivered": n, "msgs_per_sec": n as f64 / window,
            "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": lat.last().copied().unwrap_or(0.0),
        })
    );
    Ok(())
}
