//! `carcosa serve` as its own process, measured from outside: slow readers of a large variant
//! must not grow its memory with the variant's size (#10: thirty slow readers of a 45 MB variant
//! took the buffering version from 0.8 to 3.5 GB RSS).

use std::time::{Duration, Instant};

use carcosa_common::testing::{TEST_CREDENTIALS_KEY, TestEnv};
use sqlx::PgPool;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::processes::{Proc, carcosa};

/// Variant size: the one the finding was measured with.
const VARIANT_BYTES: usize = 45 << 20;
/// Concurrent slow readers.
const READERS: usize = 30;
/// The bound this test holds the server to: RSS may grow by at most this much (~4 MB per
/// reader) while every reader is mid-stream. Buffering would need READERS × 45 MB = 1.35 GB;
/// streaming holds a 64 KiB chunk plus hyper's read and write buffers on the bucket and client
/// sides per response (measured: 54 MB for 30 readers, from a 47 MB baseline).
const MAX_GROWTH_BYTES: u64 = 128 << 20;

fn rss_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .expect("VmRSS in /proc/<pid>/status");
    kb * 1024
}

fn serve(env: &TestEnv) -> (Proc, String) {
    let proc = Proc::spawn(
        carcosa(&env.database_url)
            .arg("serve")
            .env("CARCOSA_CREDENTIALS_KEY", TEST_CREDENTIALS_KEY)
            .env("CARCOSA_HTTP__BIND", "127.0.0.1:0")
            .env("CARCOSA_METRICS__QUEUE_SAMPLE_SECS", "0")
            .env("CARCOSA_LOG", "info"),
    );
    let addr = proc.wait_addr("API listening", Duration::from_secs(30));
    (proc, addr)
}

/// Sends a GET and reads the answer very slowly (64 KiB every 100 ms) until `stop`.
async fn slow_reader(addr: String, path: String, stop: Instant) -> usize {
    let mut socket = TcpStream::connect(&addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 64 * 1024];
    let mut read = 0;
    while Instant::now() < stop {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    read
}

#[sqlx::test(migrations = false)]
async fn slow_readers_of_a_large_variant_keep_memory_bounded(pool: PgPool) {
    let env = TestEnv::new(pool).await;
    let file = env
        .ready_file(
            "big.png",
            "image/png",
            include_bytes!("../../../tests/fixtures/icon_rgba_128x128.png"),
        )
        .await;
    // Incompressible, so no layer can shrink it in flight.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let bytes: Vec<u8> = (0..VARIANT_BYTES)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let path = env
        .plant_variant(file, &[("w", "4000"), ("format", "png")], bytes)
        .await;
    let (server, addr) = serve(&env);

    // One full read first, so connection pools and allocator arenas are warm before measuring.
    let full = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    assert_eq!(full.status(), 200);
    assert_eq!(full.bytes().await.unwrap().len(), VARIANT_BYTES);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let baseline = rss_bytes(server.pid());

    let stop = Instant::now() + Duration::from_secs(6);
    let readers: Vec<_> = (0..READERS)
        .map(|_| tokio::spawn(slow_reader(addr.clone(), path.clone(), stop)))
        .collect();
    let mut peak = baseline;
    while Instant::now() < stop {
        peak = peak.max(rss_bytes(server.pid()));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut total = 0;
    for r in readers {
        total += r.await.unwrap();
    }
    let growth = peak.saturating_sub(baseline);
    println!(
        "carcosa serve RSS: baseline {} MB, peak {} MB with {READERS} slow readers of a {} MB variant \
         ({} MB read in all)",
        baseline >> 20,
        peak >> 20,
        VARIANT_BYTES >> 20,
        total >> 20
    );
    assert!(
        total > READERS * 64 * 1024,
        "every reader was being served ({total} bytes read)"
    );
    assert!(
        total < READERS * VARIANT_BYTES / 2,
        "the readers were slow: most of each variant was still unsent"
    );
    assert!(
        growth < MAX_GROWTH_BYTES,
        "RSS grew by {} MB (bound {} MB)",
        growth >> 20,
        MAX_GROWTH_BYTES >> 20
    );
}
