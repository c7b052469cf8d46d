//! Encoders. Outputs are built from pixels alone, so no EXIF, GPS, XMP or ICC data from the
//! source can leak into them.

use image::ImageEncoder as _;
use image::codecs::png::PngEncoder;
use turbojpeg::{Compressor, Image, PixelFormat, Subsamp};

use super::{Decoded, Format, ImagingError, Rendered, TransformSpec};

/// Encodes resized pixels as the target's format.
pub fn encode(pixels: &Decoded, target: &TransformSpec) -> Result<Rendered, ImagingError> {
    let q = target.quality.clamp(1, 100);
    let bytes = match target.format {
        Format::Webp => webp(pixels, q)?,
        Format::Jpeg => jpeg(pixels, q)?,
        Format::Png => png(pixels)?,
        Format::Avif => avif(pixels, q)?,
    };
    Ok(Rendered {
        bytes,
        width: pixels.width,
        height: pixels.height,
        format: target.format,
    })
}

/// libwebp's effort (`method`: 0 fastest … 6 smallest; libwebp and libvips default to 4).
/// Measured with `load-tests/presets.sh` (2026-12-02, one core, q80, six photos): method 2
/// halves the CPU of an upload's two presets against method 4 (42.7 vs 79.8 ms for the 2 MP
/// photo) for outputs 0.6–3.8 % larger than libvips' at its default effort; method 3 costs the
/// same as 4 and method 1 is no faster than 2 but 9 % larger.
const WEBP_METHOD: i32 = 2;

fn webp(p: &Decoded, quality: u8) -> Result<Vec<u8>, ImagingError> {
    let encoder = if p.channels == 4 {
        webp::Encoder::from_rgba(&p.pixels, p.width, p.height)
    } else {
        webp::Encoder::from_rgb(&p.pixels, p.width, p.height)
    };
    let mut config = webp::WebPConfig::new().map_err(|()| ImagingError::Encode("WebP config".into()))?;
    config.quality = f32::from(quality);
    config.method = WEBP_METHOD;
    config.alpha_compression = 1;
    encoder
        .encode_advanced(&config)
        .map(|m| m.to_vec())
        .map_err(|e| ImagingError::Encode(format!("WebP: {e:?}")))
}

fn jpeg(p: &Decoded, quality: u8) -> Result<Vec<u8>, ImagingError> {
    let failed = |e: turbojpeg::Error| ImagingError::Encode(e.to_string());
    let rgb = if p.channels == 4 {
        flatten_on_white(p)
    } else {
        p.pixels.clone()
    };
    let mut compressor = Compressor::new().map_err(failed)?;
    compressor.set_quality(i32::from(quality)).map_err(failed)?;
    compressor.set_subsamp(Subsamp::Sub2x2).map_err(failed)?;
    let (w, h) = (p.width as usize, p.height as usize);
    let image = Image {
        pixels: rgb.as_slice(),
        width: w,
        pitch: w * 3,
        height: h,
        format: PixelFormat::RGB,
    };
    compressor.compress_to_vec(image).map_err(failed)
}

/// JPEG has no alpha: composite over white, as browsers show a transparent PNG on a white page.
fn flatten_on_white(p: &Decoded) -> Vec<u8> {
    p.pixels
        .chunks_exact(4)
        .flat_map(|px| {
            let a = u16::from(px[3]);
            [0, 1, 2].map(|c| ((u16::from(px[c]) * a + 255 * (255 - a) + 127) / 255) as u8)
        })
        .collect()
}

/// rav1e speed for AVIF: 8 of 1 (slowest) to 10. On-demand requests wait for the encoder, and
/// AV1 at speed 8 still beats WebP on size at equal quality; imgproxy's default is similar (9).
const AVIF_SPEED: u8 = 8;

fn avif(p: &Decoded, quality: u8) -> Result<Vec<u8>, ImagingError> {
    use rgb::FromSlice as _;
    let (w, h) = (p.width as usize, p.height as usize);
    let encoder = ravif::Encoder::new()
        .with_quality(f32::from(quality))
        .with_alpha_quality(f32::from(quality))
        .with_speed(AVIF_SPEED)
        // One thread per encode: the worker already runs one job per core.
        .with_num_threads(Some(1));
    let encoded = if p.channels == 4 {
        encoder.encode_rgba(ravif::Img::new(p.pixels.as_rgba(), w, h))
    } else {
        encoder.encode_rgb(ravif::Img::new(p.pixels.as_rgb(), w, h))
    };
    encoded
        .map(|e| e.avif_file)
        .map_err(|e| ImagingError::Encode(e.to_string()))
}

fn png(p: &Decoded) -> Result<Vec<u8>, ImagingError> {
    let mut out = Vec::new();
    let color = if p.channels == 4 {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    PngEncoder::new(&mut out)
        .write_image(&p.pixels, p.width, p.height, color)
        .map_err(|e| ImagingError::Encode(e.to_string()))?;
    Ok(out)
}
