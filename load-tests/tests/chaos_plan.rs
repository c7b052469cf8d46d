//! The chaos soak's plan is a function of its seed, covers every kind of upload and fault, and
//! its predictions are the pipeline's known verdicts on known files. (Also makes `cargo test`
//! build `carcosa-chaos`, which `scripts/test.sh` then runs in its short form.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::process::Command;

fn plan(seed: u64) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_carcosa-chaos"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args([
            "--plan-only",
            "--uploads",
            "300",
            "--secs",
            "60",
            "--fault-every",
            "5",
            "--seed",
        ])
        .arg(seed.to_string())
        .output()
        .expect("carcosa-chaos runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the plan is JSON")
}

#[test]
fn the_plan_is_fixed_by_the_seed_and_covers_every_kind() {
    let (a, b, c) = (plan(7), plan(7), plan(8));
    assert_eq!(a, b, "the same seed must give the same run");
    assert_ne!(a["uploads"], c["uploads"], "another seed, another stream");
    let kinds = a["kinds"].as_object().unwrap();
    for kind in [
        "Image",
        "Other",
        "Hostile",
        "AbandonedBeforePut",
        "AbandonedAfterPut",
        "DeletedAfterReady",
    ] {
        assert!(
            kinds.get(kind).and_then(|n| n.as_u64()).unwrap_or(0) > 5,
            "{kind}: {kinds:?}"
        );
    }
    let faults: Vec<&str> = a["faults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fault"].as_str().unwrap())
        .collect();
    for fault in [
        "kill-worker",
        "kill-api",
        "restart-redis",
        "drop-pg-connections",
        "stop-s3",
    ] {
        assert!(faults.contains(&fault), "{fault} never scheduled: {faults:?}");
    }
    let p = &a["predictions"];
    assert_eq!(p["text_renamed.jpg"], "failed `type_mismatch`");
    assert_eq!(
        p["png_bomb_header_50000x50000_rgba.png"],
        "failed `image_too_large` (original kept)"
    );
    assert_eq!(p["progressive_android_685x999.jpg"], "ready, 2 variant(s)");
}
