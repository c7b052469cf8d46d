//! Header probing and decoding. JPEGs decode through libjpeg-turbo with DCT-domain scaling
//! (1/8, 1/4, 1/2) to the smallest size still at least as large as the biggest output — the
//! shrink-on-load that makes thumbnailing a 16 MP photo cheap. CMYK JPEGs and every other format
//! go through `image` with explicit limits. The result is 8-bit RGB or RGBA, already oriented.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder as _, ImageFormat, ImageReader};
use turbojpeg::{Colorspace, Decompressor, Image, PixelFormat, ScalingFactor};

use super::{ImagingError, Limits, SourceInfo, swaps_axes};

/// Progressive JPEGs with more scans than this are refused: real ones have about ten, and a
/// crafted 5000-scan file costs seconds of CPU per decode.
const MAX_JPEG_SCANS: u32 = 100;

/// Decoded, oriented pixels: 8-bit, 3 (RGB) or 4 (RGBA) channels, rows packed.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// 3 or 4.
    pub channels: u8,
    /// `width * height * channels` bytes.
    pub pixels: Vec<u8>,
}

/// Reads the header only and checks it against the limits.
pub fn probe(bytes: &[u8], limits: &Limits) -> Result<SourceInfo, ImagingError> {
    if bytes.len() > limits.max_input_bytes {
        return Err(ImagingError::TooLarge(format!(
            "{} bytes is over {} bytes",
            bytes.len(),
            limits.max_input_bytes
        )));
    }
    let format = image::guess_format(bytes).map_err(|_| ImagingError::Unsupported)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::Gif | ImageFormat::WebP
    ) {
        return Err(ImagingError::Unsupported);
    }
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(|e| ImagingError::Corrupt(e.to_string()))?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height, limits)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Ok(SourceInfo {
        format,
        width,
        height,
        orientation,
    })
}

fn check_dimensions(width: u32, height: u32, limits: &Limits) -> Result<(), ImagingError> {
    if width == 0 || height == 0 {
        return Err(ImagingError::Corrupt("zero width or height".into()));
    }
    if width.max(height) > limits.max_side {
        return Err(ImagingError::TooLarge(format!(
            "{width}×{height} has a side over {} px",
            limits.max_side
        )));
    }
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(ImagingError::TooLarge(format!(
            "{width}×{height} is over {} pixels",
            limits.max_pixels
        )));
    }
    Ok(())
}

/// Decodes `bytes` (already probed into `info`) at the cheapest scale that still yields at least
/// `need` (display orientation) pixels, then applies the EXIF orientation.
pub fn decode_for(bytes: &[u8], info: &SourceInfo, limits: &Limits, need: (u32, u32)) -> Result<Decoded, ImagingError> {
    let stored_need = if swaps_axes(info.orientation) {
        (need.1, need.0)
    } else {
        need
    };
    let image = match info.format {
        ImageFormat::Jpeg => match decode_jpeg_scaled(bytes, stored_need)? {
            Some(image) => image,
            None => decode_generic(bytes, info.format, limits)?,
        },
        other => decode_generic(bytes, other, limits)?,
    };
    let mut image = image;
    image.apply_orientation(info.orientation);
    Ok(into_decoded(image))
}

/// libjpeg-turbo path; `None` for colour spaces it cannot turn into RGB (CMYK, YCCK).
fn decode_jpeg_scaled(bytes: &[u8], need: (u32, u32)) -> Result<Option<DynamicImage>, ImagingError> {
    let corrupt = |e: turbojpeg::Error| ImagingError::Corrupt(e.to_string());
    let mut decompressor = Decompressor::new().map_err(corrupt)?;
    decompressor.set_scan_limit(MAX_JPEG_SCANS).map_err(corrupt)?;
    let header = decompressor.read_header(bytes).map_err(corrupt)?;
    if matches!(header.colorspace, Colorspace::CMYK | Colorspace::YCCK) {
        return Ok(None);
    }
    let factor = [
        ScalingFactor::ONE_EIGHTH,
        ScalingFactor::ONE_QUARTER,
        ScalingFactor::ONE_HALF,
    ]
    .into_iter()
    .find(|f| f.scale(header.width) >= need.0 as usize && f.scale(header.height) >= need.1 as usize)
    .unwrap_or(ScalingFactor::ONE);
    decompressor.set_scaling_factor(factor).map_err(corrupt)?;
    let scaled = header.scaled(factor);
    let pitch = scaled.width * 3;
    let mut pixels = vec![0u8; pitch * scaled.height];
    let output = Image {
        pixels: pixels.as_mut_slice(),
        width: scaled.width,
        pitch,
        height: scaled.height,
        format: PixelFormat::RGB,
    };
    decompressor.decompress(bytes, output).map_err(corrupt)?;
    let image = image::RgbImage::from_raw(scaled.width as u32, scaled.height as u32, pixels)
        .ok_or_else(|| ImagingError::Corrupt("decoded buffer has the wrong size".into()))?;
    Ok(Some(DynamicImage::ImageRgb8(image)))
}

fn decode_generic(bytes: &[u8], format: ImageFormat, limits: &Limits) -> Result<DynamicImage, ImagingError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut decode_limits = image::Limits::default();
    decode_limits.max_image_width = Some(limits.max_side);
    decode_limits.max_image_height = Some(limits.max_side);
    // RGBA16 of the largest allowed image, the worst a decoder needs for one frame.
    decode_limits.max_alloc = Some(limits.max_pixels * 8);
    reader.limits(decode_limits);
    // For animations this decodes the first frame only.
    reader.decode().map_err(|e| match e {
        image::ImageError::Limits(l) => ImagingError::TooLarge(l.to_string()),
        image::ImageError::Unsupported(u) => ImagingError::Corrupt(u.to_string()),
        other => ImagingError::Corrupt(other.to_string()),
    })
}

fn into_decoded(image: DynamicImage) -> Decoded {
    let (width, height) = (image.width(), image.height());
    if image.color().has_alpha() {
        Decoded {
            width,
            height,
            channels: 4,
            pixels: image.into_rgba8().into_raw(),
        }
    } else {
        Decoded {
            width,
            height,
            channels: 3,
            pixels: image.into_rgb8().into_raw(),
        }
    }
}
