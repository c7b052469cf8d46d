//! `carcosa inspect-image FILE`: runs the worker's image pipeline (header probe and limits,
//! decode, orientation, every default preset) on a local file, with no database or bucket, and
//! reports what a real upload of it would get — the variants, or the failure reason — plus the
//! CPU time and peak memory it took. For operators checking a problem file, and for the
//! hostile-corpus test, which runs it once per file so that a crash could not hide.

use std::path::PathBuf;

use anyhow::Context as _;
use carcosa_common::transform::TransformPolicy;
use carcosa_worker::imaging::{self, Limits};
use clap::Args;
use cpu_time::ProcessTime;
use serde_json::json;

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The image file.
    file: PathBuf,
}

pub fn run(args: InspectArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let specs: Vec<_> = TransformPolicy::default().presets.into_values().collect();
    let started = ProcessTime::now();
    let result = imaging::render(&bytes, &Limits::default(), &specs);
    let cpu_ms = started.elapsed().as_secs_f64() * 1e3;
    let report = match result {
        Ok((info, outputs)) => {
            let variants: Vec<_> = specs
                .iter()
                .zip(&outputs)
                .map(|(spec, out)| {
                    let decodes = image::load_from_memory(&out.bytes).is_ok();
                    json!({"transform": spec.canonical(), "width": out.width, "height": out.height, "bytes": out.bytes.len(), "decodes": decodes})
                })
                .collect();
            let (w, h) = info.display_size();
            json!({"ok": true, "format": format!("{:?}", info.format), "width": w, "height": h, "variants": variants})
        }
        Err(e) => json!({"ok": false, "code": e.code(), "message": e.to_string()}),
    };
    let mut report = report;
    report["cpu_ms"] = json!(cpu_ms);
    report["peak_rss_kb"] = json!(peak_rss_kb());
    println!("{report}");
    Ok(())
}

/// The process's peak resident set (VmHWM), in KiB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
