//! Fitting a decoded image into a target box and resizing it (Lanczos3, SIMD).

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use super::{Decoded, Fit, ImagingError, TransformSpec};

/// The sizes a target resolves to for a given source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Size the pixels are resized to.
    pub resize_to: (u32, u32),
    /// Size of the output (larger than `resize_to` only for `Contain`).
    pub canvas: (u32, u32),
    /// Whether the source is cropped to the box's aspect ratio first (`Cover`).
    pub crop: bool,
}

/// Resolves `target` for a `src_w`×`src_h` (display orientation) source.
pub fn plan(src_w: u32, src_h: u32, target: &TransformSpec) -> Plan {
    let (sw, sh) = (f64::from(src_w), f64::from(src_h));
    let (bw, bh) = match (target.width, target.height) {
        (Some(w), Some(h)) => (f64::from(w), f64::from(h)),
        (Some(w), None) => (f64::from(w), (sh * f64::from(w) / sw).max(1.0)),
        (None, Some(h)) => ((sw * f64::from(h) / sh).max(1.0), f64::from(h)),
        (None, None) => (sw, sh),
    };
    let dims = |s: f64| (((sw * s).round() as u32).max(1), ((sh * s).round() as u32).max(1));
    let exact = (bw.round().max(1.0) as u32, bh.round().max(1.0) as u32);
    // Nothing is enlarged except by `fill`, which asks for an exact size: a cover box larger
    // than the source shrinks (keeping its aspect ratio) until the source covers it.
    match target.fit {
        Fit::Inside => {
            let size = dims((bw / sw).min(bh / sh).min(1.0));
            Plan {
                resize_to: size,
                canvas: size,
                crop: false,
            }
        }
        Fit::Contain => Plan {
            resize_to: dims((bw / sw).min(bh / sh).min(1.0)),
            canvas: exact,
            crop: false,
        },
        Fit::Cover => {
            let s = (bw / sw).max(bh / sh);
            let size = if s > 1.0 {
                (((bw / s).round() as u32).max(1), ((bh / s).round() as u32).max(1))
            } else {
                exact
            };
            Plan {
                resize_to: size,
                canvas: size,
                crop: true,
            }
        }
        Fit::Fill => Plan {
            resize_to: exact,
            canvas: exact,
            crop: false,
        },
    }
}

/// Resizes `src` for `target`; the result has the target's canvas size.
pub fn resize(src: &Decoded, target: &TransformSpec) -> Result<Decoded, ImagingError> {
    let plan = plan(src.width, src.height, target);
    let pixel_type = if src.channels == 4 {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let resized = if plan.resize_to == (src.width, src.height) && !plan.crop {
        src.clone()
    } else {
        let view = ImageRef::new(src.width, src.height, &src.pixels, pixel_type)
            .map_err(|e| ImagingError::Encode(e.to_string()))?;
        let (w, h) = plan.resize_to;
        let mut dst = Image::new(w, h, pixel_type);
        let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        if plan.crop {
            options = options.fit_into_destination(Some((0.5, 0.5)));
        }
        Resizer::new()
            .resize(&view, &mut dst, &options)
            .map_err(|e| ImagingError::Encode(e.to_string()))?;
        Decoded {
            width: w,
            height: h,
            channels: src.channels,
            pixels: dst.into_vec(),
        }
    };
    Ok(if plan.canvas == plan.resize_to {
        resized
    } else {
        pad(&resized, plan.canvas)
    })
}

/// Centres `image` on a transparent canvas (`Contain`).
fn pad(image: &Decoded, (cw, ch): (u32, u32)) -> Decoded {
    let mut canvas = vec![0u8; cw as usize * ch as usize * 4];
    let (x0, y0) = ((cw - image.width) / 2, (ch - image.height) / 2);
    for y in 0..image.height as usize {
        for x in 0..image.width as usize {
            let src = (y * image.width as usize + x) * image.channels as usize;
            let dst = ((y + y0 as usize) * cw as usize + x + x0 as usize) * 4;
            canvas[dst..dst + 3].copy_from_slice(&image.pixels[src..src + 3]);
            canvas[dst + 3] = if image.channels == 4 {
                image.pixels[src + 3]
            } else {
                255
            };
        }
    }
    Decoded {
        width: cw,
        height: ch,
        channels: 4,
        pixels: canvas,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imaging::Format;

    fn target(width: Option<u32>, height: Option<u32>, fit: Fit) -> TransformSpec {
        TransformSpec {
            width,
            height,
            fit,
            format: Format::Webp,
            quality: 80,
        }
    }

    #[test]
    fn plans_follow_each_fit() {
        let p = plan(4000, 3000, &target(Some(400), None, Fit::Inside));
        assert_eq!(p.resize_to, (400, 300));
        let p = plan(290, 442, &target(Some(400), None, Fit::Inside));
        assert_eq!(p.resize_to, (290, 442), "inside never enlarges");
        let p = plan(4000, 3000, &target(Some(256), Some(256), Fit::Cover));
        assert_eq!((p.resize_to, p.crop), ((256, 256), true));
        let p = plan(4000, 3000, &target(Some(256), Some(256), Fit::Contain));
        assert_eq!((p.resize_to, p.canvas), ((256, 192), (256, 256)));
        let p = plan(4000, 3000, &target(Some(100), Some(100), Fit::Fill));
        assert_eq!(p.resize_to, (100, 100));
        let p = plan(128, 128, &target(Some(256), Some(256), Fit::Cover));
        assert_eq!(p.resize_to, (128, 128), "cover never enlarges");
        let p = plan(100, 400, &target(Some(200), Some(100), Fit::Cover));
        assert_eq!(p.resize_to, (100, 50), "the box shrinks to what the source covers");
    }
}
