//! Every file of `../shared/corpus/hostile` (fetched and generated) against the real pipeline.
//!
//! * Budget: each file goes through `carcosa inspect-image` in its own process — header probe,
//!   limits, decode, every default preset — and must finish with a verdict (variants that
//!   decode, or a failure code) within 2 s of CPU and 256 MB peak RSS (the process's own
//!   VmHWM, which includes its ~20 MB baseline). A crash shows as a signal, not a silent pass.
//! * Pipeline: all of them are uploaded to one `carcosa work` process through `complete_upload`
//!   → `generate_variants`; each upload ends `ready` with decodable variants or `failed` with a
//!   known reason code, and the worker never dies.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use carcosa_common::testing::TestEnv;
use sqlx::PgPool;

use crate::processes::{carcosa, run, stderr, stdout, worker};
use crate::workers::{verifying_upload_as, wait_until};

/// Per-file budgets (the aim).
const CPU_BUDGET_MS: f64 = 2000.0;
const RSS_BUDGET_KB: u64 = 256 * 1024;

/// Reason codes a hostile file may be refused with.
const REFUSALS: &[&str] = &["type_mismatch", "unsupported_image", "image_too_large", "corrupt_image"];

/// Types the pipeline decodes; other allowed types (AVIF here) are stored without variants.
const RENDERED: &[&str] = &["image/jpeg", "image/png", "image/gif", "image/webp"];

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/hostile");
    let mut files = Vec::new();
    for dir in ["generated", "fetched"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("the hostile corpus is at ../shared/corpus/hostile") {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e != "tsv" && e != "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(
        files.len() > 80,
        "hostile corpus looks incomplete: {} files",
        files.len()
    );
    files
}

/// The type a browser would declare for the file name.
fn declared_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        other => panic!("no declared type for .{other}"),
    }
}

#[test]
fn every_hostile_file_is_judged_within_budget() {
    let mut worst_cpu = (0.0f64, String::new());
    let mut worst_rss = (0u64, String::new());
    for path in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let out = run(carcosa("postgres://unused").arg("inspect-image").arg(&path));
        assert!(
            out.status.success(),
            "{name}: inspect-image ended with {:?}\n{}",
            out.status,
            stderr(&out)
        );
        let report: serde_json::Value = serde_json::from_str(stdout(&out).trim())
            .unwrap_or_else(|e| panic!("{name}: report is not JSON ({e}): {}", stdout(&out)));
        if report["ok"] == true {
            let variants = report["variants"].as_array().unwrap();
            assert!(!variants.is_empty(), "{name}: no variants");
            for v in variants {
                assert_eq!(v["decodes"], true, "{name}: variant {} does not decode", v["transform"]);
                assert!(v["width"].as_u64().unwrap() >= 1 && v["height"].as_u64().unwrap() >= 1);
            }
        } else {
            let code = report["code"].as_str().unwrap();
            assert!(REFUSALS.contains(&code), "{name}: unexpected code {code}");
            assert!(!report["message"].as_str().unwrap().is_empty(), "{name}: empty message");
        }
        let cpu = report["cpu_ms"].as_f64().unwrap();
        let rss = report["peak_rss_kb"].as_u64().unwrap();
        assert!(cpu <= CPU_BUDGET_MS, "{name}: {cpu:.0} ms CPU is over the budget");
        assert!(rss <= RSS_BUDGET_KB, "{name}: {rss} KiB peak RSS is over the budget");
        if cpu > worst_cpu.0 {
            worst_cpu = (cpu, name.clone());
        }
        if rss > worst_rss.0 {
            worst_rss = (rss, name);
        }
    }
    println!(
        "worst CPU {:.0} ms ({}), worst peak RSS {} MB ({})",
        worst_cpu.0,
        worst_cpu.1,
        worst_rss.0 / 1024,
        worst_rss.1
    );
}

#[sqlx::test(migrations = false)]
async fn every_hostile_upload_ends_ready_or_refused_and_the_worker_survives(pool: PgPool) {
    let env = TestEnv::new(pool).await;
    let mut work = worker(&env);
    let mut uploads = HashMap::new();
    for path in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        if bytes.is_empty() {
            continue; // presign refuses a size of 0 (a `validation_error` on `size`), so no such upload exists
        }
        // Names like `png_bomb_header_50000x50000_rgba.png` are valid; keep them.
        let id = verifying_upload_as(&env, &bytes, &name, declared_type(&path)).await;
        uploads.insert(id.0, name);
    }
    let total = uploads.len() as i64;
    wait_until("every hostile upload to settle", Duration::from_secs(240), async || {
        assert!(work.child.try_wait().unwrap().is_none(), "the worker died");
        let settled: i64 = sqlx::query_scalar("SELECT count(*) FROM uploads WHERE status IN ('ready', 'failed')")
            .fetch_one(&env.pool)
            .await
            .unwrap();
        settled == total
    })
    .await;
    assert!(work.child.try_wait().unwrap().is_none(), "the worker died");

    let rows: Vec<(uuid::Uuid, String, Option<String>, String)> =
        sqlx::query_as("SELECT id, status, failure_reason, content_type FROM uploads")
            .fetch_all(&env.pool)
            .await
            .unwrap();
    let storage = env.storage();
    let (mut ready, mut refused) = (0, 0);
    for (id, status, reason, content_type) in rows {
        let name = &uploads[&id];
        if status == "failed" {
            let reason = reason.unwrap_or_default();
            assert!(REFUSALS.contains(&reason.as_str()), "{name}: refused with {reason:?}");
            refused += 1;
            continue;
        }
        ready += 1;
        let variants: Vec<(String, i32, i32)> = sqlx::query_as(
            "SELECT v.object_key, v.width, v.height FROM variants v JOIN files f ON f.id = v.file_id
             WHERE f.upload_id = $1",
        )
        .bind(id)
        .fetch_all(&env.pool)
        .await
        .unwrap();
        if RENDERED.contains(&content_type.as_str()) {
            assert!(
                !variants.is_empty(),
                "{name} ({content_type}) is ready without variants"
            );
        } else {
            // Stored as a plain file, like a PDF: Carcosa cannot decode it, so makes no variants.
            assert!(variants.is_empty(), "{name} ({content_type}) has variants");
        }
        for (key, w, h) in variants {
            let img = image::load_from_memory(&storage.get(&key).await.unwrap())
                .unwrap_or_else(|e| panic!("{name}: variant {key} does not decode: {e}"));
            assert_eq!((img.width() as i32, img.height() as i32), (w, h), "{name}: {key}");
        }
    }
    println!("{ready} ready, {refused} refused");
    assert!(ready > 0 && refused > 0);
    work.kill9();
}
