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
    let outputs = targets
        .iter()
        .map(|t| {
            let pixels = resize(&decoded, t)?;
            encode(&pixels, t)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((info, outputs))
}
