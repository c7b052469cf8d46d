//! Image work: probe a file's header against limits, decode it once (JPEG with DCT-domain
//! shrink-on-load through libjpeg-turbo, everything else through `image`), apply EXIF
//! orientation, resize with `fast_image_resize` (SIMD), and encode WebP (libwebp, lossy), JPEG
//! (libjpeg-turbo) or PNG. Outputs carry no metadata: they are built from pixels only.
//!
//! Everything here is synchronous CPU work; callers run it on a blocking thread.

mod decode;
mod encode;
mod resize;

use carcosa_common::domain::FailureReason;
use image::ImageFormat;
use image::metadata::Orientation;

pub use carcosa_common::transform::{Fit, Format, TransformSpec};
pub use decode::{Decoded, decode_for, probe};
pub use encode::encode;
pub use resize::{plan, resize};

/// Limits checked against the header before any pixel is decoded (defaults follow pict-rs and
/// imgproxy).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Longest allowed side, in pixels.
    pub max_side: u32,
    /// Most pixels allowed (width × height).
    pub max_pixels: u64,
    /// Largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// Largest output side a transform may ask for.
    pub max_output_side: u32,
    /// Most pixels an output may have (what the render would produce, not only the spec's box).
    pub max_output_pixels: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self::from(&carcosa_common::transform::ImageLimits::default())
    }
}

impl From<&carcosa_common::transform::ImageLimits> for Limits {
    fn from(l: &carcosa_common::transform::ImageLimits) -> Self {
        Self {
            max_side: l.max_side,
            max_pixels: l.max_pixels,
            max_input_bytes: usize::try_from(l.max_input_bytes).unwrap_or(usize::MAX),
            max_output_side: carcosa_common::transform::MAX_OUTPUT_SIDE,
            max_output_pixels: l.max_output_pixels,
        }
    }
}

/// What the header says about a source image.
#[derive(Debug, Clone, Copy)]
pub struct SourceInfo {
    /// Container format.
    pub format: ImageFormat,
    /// Stored width (before orientation).
    pub width: u32,
    /// Stored height (before orientation).
    pub height: u32,
    /// EXIF orientation (no-op when absent).
    pub orientation: Orientation,
}

impl SourceInfo {
    /// Width and height as displayed, after the EXIF orientation.
    pub fn display_size(&self) -> (u32, u32) {
        if swaps_axes(self.orientation) {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// Whether an orientation transposes width and height.
pub fn swaps_axes(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    )
}

/// An encoded output.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Encoded bytes.
    pub bytes: Vec<u8>,
    /// Pixel width.
    pub width: u32,
    /// Pixel height.
    pub height: u32,
    /// Encoding.
    pub format: Format,
}

/// Why an image could not be processed. `code()` is the stable failure reason.
#[derive(Debug, thiserror::Error)]
pub enum ImagingError {
    /// Not an image format we decode.
    #[error("not a supported image format")]
    Unsupported,
    /// Header dimensions or byte size over the limits.
    #[error("image exceeds the limits: {0}")]
    TooLarge(String),
    /// The decoder refused the data.
    #[error("image data is corrupt or truncated: {0}")]
    Corrupt(String),
    /// An encoder failed (a bug or an impossible size).
    #[error("encoding failed: {0}")]
    Encode(String),
}

impl ImagingError {
    /// The failure reason recorded on the upload (or the transform).
    pub fn reason(&self) -> FailureReason {
        match self {
            Self::Unsupported => FailureReason::UnsupportedImage,
            Self::TooLarge(_) => FailureReason::ImageTooLarge,
            Self::Corrupt(_) => FailureReason::CorruptImage,
            Self::Encode(_) => FailureReason::EncodeFailed,
        }
    }

    /// Stable reason code recorded on the upload.
    pub fn code(&self) -> &'static str {
        self.reason().as_str()
    }
}

/// Probes, decodes once (at the scale the largest target needs) and renders every target.
pub fn render(
    bytes: &[u8],
    limits: &Limits,
    targets: &[TransformSpec],
) -> Result<(SourceInfo, Vec<Rendered>), ImagingError> {
    let info = probe(bytes, limits)?;
    let (dw, dh) = info.display_size();
    for t in targets {
        let (cw, ch) = plan(dw, dh, t).canvas;
        let pixels = u64::from(cw) * u64::from(ch);
        if pixels > limits.max_output_pixels {
            return Err(ImagingError::TooLarge(format!(
                "a {cw}x{ch} output is over the limit of {} pixels",
                limits.max_output_pixels
            )));
        }
    }
    let largest = targets
        .iter()
        .map(|t| plan(dw, dh, t).resize_to)
        .fold((1, 1), |(aw, ah), (w, h)| (aw.max(w), ah.max(h)));
    let decoded = decode_for(bytes, &info, limits, largest)?;
    // Largest outputs first, so a smaller one can start from a larger one's pixels.
    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.sort_by_cached_key(|&i| std::cmp::Reverse(area(plan(decoded.width, decoded.height, &targets[i]).resize_to)));
    let mut outputs: Vec<Option<Rendered>> = vec![None; targets.len()];
    let mut whole: Vec<Decoded> = Vec::new();
    for i in order {
        let t = &targets[i];
        let source = derive_from(&whole, &decoded, t).unwrap_or(&decoded);
        let pixels = resize(source, t)?;
        outputs[i] = Some(encode(&pixels, t)?);
        if keeps_whole_image(t) {
            whole.push(pixels);
        }
    }
    Ok((info, outputs.into_iter().flatten().collect()))
}

fn area((w, h): (u32, u32)) -> u64 {
    u64::from(w) * u64::from(h)
}

/// Whether a target's pixels are the whole image, only scaled (no crop, padding or distortion),
/// so a smaller target may be resized from them instead of from the decoded source.
fn keeps_whole_image(t: &TransformSpec) -> bool {
    t.fit == Fit::Inside
}

/// The smallest earlier whole-image output a target can be resized from without a visible
/// difference: at least twice the target's size on both sides (a Lanczos3 downscale by 2× or
/// more from an already-filtered image), and giving the target exactly the size and crop it
/// gets from the decoded source.
fn derive_from<'a>(whole: &'a [Decoded], decoded: &Decoded, t: &TransformSpec) -> Option<&'a Decoded> {
    let want = plan(decoded.width, decoded.height, t);
    whole
        .iter()
        .filter(|w| {
            plan(w.width, w.height, t) == want && w.width >= 2 * want.resize_to.0 && w.height >= 2 * want.resize_to.1
        })
        .min_by_key(|w| area((w.width, w.height)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(width: u32, height: Option<u32>, fit: Fit) -> TransformSpec {
        TransformSpec {
            width: Some(width),
            height,
            fit,
            format: Format::Webp,
            quality: 80,
        }
    }

    fn image(width: u32, height: u32) -> Decoded {
        Decoded {
            width,
            height,
            channels: 3,
            pixels: vec![0; width as usize * height as usize * 3],
        }
    }

    #[test]
    fn smaller_targets_start_from_a_larger_whole_image_output_only_when_it_is_twice_their_size() {
        let decoded = image(1224, 918);
        let preview = image(1024, 768);
        let whole = std::slice::from_ref(&preview);
        let thumb = spec(256, Some(256), Fit::Cover);
        assert!(derive_from(whole, &decoded, &thumb).is_some(), "768 ≥ 2 × 256");
        assert!(
            derive_from(whole, &decoded, &spec(600, None, Fit::Inside)).is_none(),
            "1024 < 2 × 600"
        );
        assert!(
            derive_from(whole, &decoded, &spec(400, Some(400), Fit::Cover)).is_none(),
            "768 < 2 × 400"
        );
        assert!(keeps_whole_image(&spec(1024, None, Fit::Inside)));
        assert!(!keeps_whole_image(&thumb), "a cover output is cropped");
        assert!(
            !keeps_whole_image(&spec(1024, Some(1024), Fit::Contain)),
            "a contain output is padded"
        );
        assert!(
            !keeps_whole_image(&spec(1024, Some(10), Fit::Fill)),
            "a fill output is distorted"
        );
    }

    /// The default presets' thumb made from the preview's pixels against the thumb made from the
    /// decoded photo: same size, and on average under 1.5 levels (of 255) apart per channel.
    #[test]
    fn a_thumb_derived_from_the_preview_matches_one_made_from_the_source() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/progressive_android_685x999.jpg"
        ))
        .expect("fixture");
        let limits = Limits::default();
        let info = probe(&bytes, &limits).expect("probe");
        let (dw, dh) = info.display_size();
        let decoded = decode_for(&bytes, &info, &limits, (dw, dh)).expect("decode");
        let preview = resize(&decoded, &spec(512, None, Fit::Inside)).expect("preview");
        let thumb = spec(160, Some(160), Fit::Cover);
        assert!(derive_from(std::slice::from_ref(&preview), &decoded, &thumb).is_some());
        let direct = resize(&decoded, &thumb).expect("direct");
        let derived = resize(&preview, &thumb).expect("derived");
        assert_eq!((direct.width, direct.height), (derived.width, derived.height));
        let diff: u64 = direct
            .pixels
            .iter()
            .zip(&derived.pixels)
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        let mean = diff as f64 / direct.pixels.len() as f64;
        assert!(mean < 1.5, "mean difference {mean:.2} levels");
    }
}
