//! `carcosa-thumbs FILE FORMAT [--width 400] [--quality 80] [--iterations 7]`: runs Carcosa's
//! imaging pipeline (probe → decode with shrink-on-load → orient → resize → encode) on one file,
//! one warm-up plus N timed iterations on the calling thread, and prints one JSON line with the
//! median and each iteration's process CPU time (clock_gettime, as Python's process_time),
//! the process's peak RSS (VmHWM) and the output size. Used by load-tests/thumbs.py, which runs
//! pyvips on the same files in the same invocation.
//!
//! FORMAT `presets` renders a project's default presets instead (`thumb` 256×256 cover and
//! `preview` 1024 wide, both WebP q80) in one call, as the worker does for each upload; the
//! output size is then the sum and each output is listed. Used by load-tests/presets.py.

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
        bail!("usage: carcosa-thumbs FILE webp|jpeg|png|presets [--width N] [--quality Q] [--iterations N]");
    };
    let flag = |name: &str, default: u32| -> anyhow::Result<u32> {
        match args.iter().position(|a| a == name) {
            Some(i) => args.get(i + 1).context("flag value")?.parse().context("flag value"),
            None => Ok(default),
        }
    };
    let single = |format| -> anyhow::Result<Vec<TransformSpec>> {
        Ok(vec![TransformSpec {
            width: Some(flag("--width", 400)?),
            height: None,
            fit: Fit::Inside,
            format,
            quality: flag("--quality", 80)? as u8,
        }])
    };
    let targets = match format.as_str() {
        "webp" => single(Format::Webp)?,
        "jpeg" | "jpg" => single(Format::Jpeg)?,
        "png" => single(Format::Png)?,
        "presets" => carcosa_common::transform::TransformPolicy::default()
            .presets
            .values()
            .copied()
            .collect(),
        other => bail!("unknown format {other}"),
    };
    let iterations = flag("--iterations", 7)? as usize;
    let bytes = std::fs::read(path).with_context(|| format!("reading {path}"))?;
    let limits = Limits::default();
    let mut cpu_ms = Vec::new();
    let mut wall_ms = Vec::new();
    let mut outputs = Vec::new();
    for i in 0..=iterations {
        let (c0, w0) = (ProcessTime::now(), Instant::now());
        let (_, rendered) = imaging::render(&bytes, &limits, &targets)?;
        let (cpu, wall) = (c0.elapsed(), w0.elapsed());
        if i > 0 {
            cpu_ms.push(cpu.as_secs_f64() * 1e3);
            wall_ms.push(wall.as_secs_f64() * 1e3);
        }
        outputs = rendered;
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let report = serde_json::json!({
        "tool": "carcosa",
        "file": path,
        "format": format,
        "cpu_ms_median": median(&mut cpu_ms.clone()),
        "wall_ms_median": median(&mut wall_ms),
        "cpu_ms": cpu_ms,
        "peak_rss_kb": peak_rss_kb()?,
        "out_bytes": outputs.iter().map(|o| o.bytes.len()).sum::<usize>(),
        "out_width": outputs[0].width,
        "out_height": outputs[0].height,
        "outputs": targets.iter().zip(&outputs).map(|(t, o)| serde_json::json!({
            "spec": t.canonical(), "bytes": o.bytes.len(), "width": o.width, "height": o.height,
        })).collect::<Vec<_>>(),
    });
    println!("{report}");
    Ok(())
}
