//! Render processes (#10): a render over its budget is killed — the process is gone before the
//! slot is handed on — and the next render gets a fresh process; the pipeline's refusals come
//! back as reasons, not errors.

use std::time::{Duration, Instant};

use carcosa_common::domain::FailureReason;
use carcosa_common::testing::carcosa_binary;
use carcosa_worker::imaging::{Fit, Format, Limits, TransformSpec};
use carcosa_worker::render::Renderer;

fn noise_png(side: u32) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let img = image::RgbImage::from_fn(side, side, |_, _| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let [a, b, c, ..] = state.to_le_bytes();
        image::Rgb([a, b, c])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Render processes this test process started that are still alive.
fn live_children() -> usize {
    let me = std::process::id().to_string();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
        .filter(|e| {
            let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
            // pid (comm) state ppid …
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1));
            let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
            ppid == Some(me.as_str()) && String::from_utf8_lossy(&cmdline).contains("render-child")
        })
        .count()
}

fn spec(w: u32, format: Format) -> TransformSpec {
    TransformSpec {
        width: Some(w),
        height: Some(w),
        fit: Fit::Fill,
        format,
        quality: 80,
    }
}

#[tokio::test]
async fn a_render_over_budget_is_killed_and_the_next_one_runs() {
    let renderer = Renderer::new(carcosa_binary(), 1, Duration::from_secs(1));
    let started = Instant::now();
    let got = renderer
        .render(
            noise_png(1400),
            Limits::default(),
            vec![spec(1400, Format::Avif)],
            "test",
        )
        .await
        .unwrap();
    assert_eq!(got.unwrap_err(), FailureReason::ProcessingTimeout);
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
    assert_eq!(live_children(), 0, "the render process is dead and reaped");

    let png = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/icon_rgba_128x128.png"
    ))
    .unwrap();
    let done = renderer
        .render(
            png,
            Limits::default(),
            vec![spec(32, Format::Png), spec(16, Format::Webp)],
            "test",
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(done.display, (128, 128));
    assert_eq!(done.outputs.len(), 2);
    let out = image::load_from_memory(&done.outputs[0].bytes).unwrap();
    assert_eq!((out.width(), out.height()), (32, 32));
    assert_eq!(live_children(), 1, "a fresh process, kept for the next render");

    let refused = renderer
        .render(
            b"not an image at all".to_vec(),
            Limits::default(),
            vec![spec(8, Format::Png)],
            "test",
        )
        .await
        .unwrap();
    assert_eq!(refused.unwrap_err(), FailureReason::UnsupportedImage);
    assert_eq!(live_children(), 1, "a refusal does not cost the process");
}
