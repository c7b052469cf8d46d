//! `carcosa-thumbs FILE FORMAT [--width 400] [--quality 80] [--iterations 7]`: runs Carcosa's
//! imaging pipeline (probe → decode with shrink-on-load → orient → resize → encode) on one file,
//! one warm-up plus N timed iterations on the calling thread, and prints one JSON line with the
//! median and each iteration's process CPU time (clock_gettime, as Python's process_time),
//! the process's peak RSS (VmHWM) and the output size. Used by load-tests/thumbs.py, which runs
//! pyvips on the same files in the same invocation.

use std::time::Instant;

use anyhow::{Context as _, bail};
use carcosa_worker::imaging::{self, Fit, Format, Limits, TransformSpec};
use cpu_time::ProcessTime;

fn peak_rss_kb() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).context("no VmHWM")?;
    line.split_whitespace()
        .nth(1)
        .context("VmHWM value")?
        .parse()
        .context("VmHWM")
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(format)) = (args.get(1), args.get(2)) else {
        bail!("usage: carcosa-thumbs FILE webp|jpeg [--width N] [--quality Q] [--iterations N]");
    };
    let flag = |name: &str, default: u32| -> anyhow::Result<u32> {
        match args.iter().position(|a| a == name) {
            Some(i) => args.get(i + 1).context("flag value")?.parse().context("flag value"),
            None => Ok(default),
        }
    };
    let format = match format.as_str() {
        "webp" => Format::Webp,
        "jpeg" | "jpg" => Format::Jpeg,
        "png" => Format::Png,
        other => bail!("unknown format {other}"),
    };
    let target = TransformSpec {
        width: Some(flag("--width", 400)?),
        height: None,
        fit: Fit::Inside,
        format,
        quality: flag("--quality", 80)? as u8,
    };
    let iterations = flag("--iterations", 7)? as usize;
    let bytes = std::fs::read(path).with_context(|| format!("reading {path}"))?;
    let limits = Limits::default();
    let mut cpu_ms = Vec::new();
    let mut wall_ms = Vec::new();
    let mut out = (0, 0, 0);
    for i in 0..=iterations {
        let (c0, w0) = (ProcessTime::now(), Instant::now());
        let (_, rendered) = imaging::render(&bytes, &limits, &[target])?;
        let (cpu, wall) = (c0.elapsed(), w0.elapsed());
        if i > 0 {
            cpu_ms.push(cpu.as_secs_f64() * 1e3);
            wall_ms.push(wall.as_secs_f64() * 1e3);
        }
        out = (rendered[0].bytes.len(), rendered[0].width, rendered[0].height);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let report = serde_json::json!({
        "tool": "carcosa",
        "file": path,
        "format": format.extension(),
        "cpu_ms_median": median(&mut cpu_ms.clone()),
        "wall_ms_median": median(&mut wall_ms),
        "cpu_ms": cpu_ms,
        "peak_rss_kb": peak_rss_kb()?,
        "out_bytes": out.0,
        "out_width": out.1,
        "out_height": out.2,
    });
    println!("{report}");
    Ok(())
}
