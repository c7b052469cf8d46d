//! Every real-world image produces variants with the right dimensions and orientation.

use std::path::PathBuf;

use carcosa_worker::imaging::{self, Fit, Format, Limits, TransformSpec};

fn corpus(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/real")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("the shared corpus must be at {}: {e}", path.display()))
}

const THUMB: TransformSpec = TransformSpec {
    width: Some(256),
    height: Some(256),
    fit: Fit::Cover,
    format: Format::Webp,
    quality: 80,
};
const PREVIEW: TransformSpec = TransformSpec {
    width: Some(1024),
    height: None,
    fit: Fit::Inside,
    format: Format::Webp,
    quality: 80,
};

/// (file, displayed width, displayed height) — displayed = after EXIF orientation.
const REAL: &[(&str, u32, u32)] = &[
    ("cmyk_adobe_800x533.jpg", 800, 533),
    ("cmyk_icc_500x333.jpg", 500, 333),
    ("exif_orient6_landscape.jpg", 1800, 1200),
    ("exif_orient6_portrait.jpg", 1200, 1800),
    ("exif_orient8_landscape.jpg", 1800, 1200),
    ("gif_animated_30f_80x80.gif", 80, 80),
    ("gif_animated_44f_400x400.gif", 400, 400),
    ("gif_static_800x533.gif", 800, 533),
    ("icon_palette_68x68.png", 68, 68),
    ("icon_rgba_128x128.png", 128, 128),
    ("panorama_strip_derived_4608x512.jpg", 4608, 512),
    ("photo_canon_4608x3456.jpg", 4608, 3456),
    ("photo_canon_portrait_3456x4608.jpg", 3456, 4608),
    ("photo_flickr_2725x2225.jpg", 2725, 2225),
    ("photo_grayscale_3264x2448.jpg", 3264, 2448),
    ("photo_iphone4s_city_3264x2448.jpg", 3264, 2448),
    ("photo_iphone5_3264x2448.jpg", 3264, 2448),
    ("photo_nexus6p_4032x3024.jpg", 4032, 3024),
    ("png_16bit_rgb_290x442.png", 290, 442),
    ("png_16bit_rgba_32x32_pngsuite.png", 32, 32),
    ("png_palette_290x442.png", 290, 442),
    ("png_rgb_photo_800x533.png", 800, 533),
    ("png_rgba_2048x1536.png", 2048, 1536),
    ("png_rgba_paper_2048x1536.png", 2048, 1536),
    ("progressive_android_685x999.jpg", 685, 999),
    ("progressive_iphone4s_city_3264x2448.jpg", 3264, 2448),
    ("webp_animated_80x80.webp", 80, 80),
    ("webp_lossless_300x300.webp", 300, 300),
    ("webp_lossy_1024x772.webp", 1024, 772),
    ("webp_lossy_alpha_300x300.webp", 300, 300),
];

#[test]
fn every_real_image_renders_the_presets_at_the_right_size() {
    let listed: Vec<_> = REAL.iter().map(|r| r.0).collect();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/real");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            listed.contains(&name.as_str()),
            "{name} is in the corpus but not in this test"
        );
    }
    for &(name, w, h) in REAL {
        let (info, out) = imaging::render(&corpus(name), &Limits::default(), &[THUMB, PREVIEW])
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(info.display_size(), (w, h), "{name}");
        let cover = (256.0 / f64::from(w)).max(256.0 / f64::from(h));
        let thumb = if cover > 1.0 {
            ((256.0 / cover).round() as u32, (256.0 / cover).round() as u32)
        } else {
            (256, 256)
        };
        assert_eq!((out[0].width, out[0].height), thumb, "{name} thumb");
        let scale = (1024.0 / f64::from(w)).min(1.0);
        let expected = (
            (f64::from(w) * scale).round() as u32,
            (f64::from(h) * scale).round() as u32,
        );
        assert_eq!((out[1].width, out[1].height), expected, "{name} preview");
        for o in &out {
            let decoded =
                image::load_from_memory(&o.bytes).unwrap_or_else(|e| panic!("{name}: output does not decode: {e}"));
            assert_eq!((decoded.width(), decoded.height()), (o.width, o.height), "{name}");
            assert!(
                !contains(&o.bytes, b"Exif") && !contains(&o.bytes, b"XMP "),
                "{name}: metadata leaked into the output"
            );
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The same photo stored rotated two ways (EXIF 6 and 8) must come out the same way up.
#[test]
fn exif_orientation_is_applied_not_just_the_size() {
    let target = TransformSpec {
        width: Some(300),
        height: None,
        fit: Fit::Inside,
        format: Format::Png,
        quality: 100,
    };
    let render = |name: &str| {
        let (_, out) = imaging::render(&corpus(name), &Limits::default(), &[target]).unwrap();
        image::load_from_memory(&out[0].bytes).unwrap().into_rgb8()
    };
    let six = render("exif_orient6_landscape.jpg");
    let eight = render("exif_orient8_landscape.jpg");
    assert_eq!(six.dimensions(), eight.dimensions());
    let diff = |a: &image::RgbImage, b: &image::RgbImage| {
        a.as_raw()
            .iter()
            .zip(b.as_raw())
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .sum::<u64>() as f64
            / a.as_raw().len() as f64
    };
    let same = diff(&six, &eight);
    let flipped = diff(&six, &image::imageops::rotate180(&eight));
    assert!(
        same < 8.0 && same * 4.0 < flipped,
        "mean abs difference upright {same:.1}, rotated {flipped:.1}"
    );
}

#[test]
fn headers_over_the_limits_are_refused_before_decoding() {
    let limits = Limits {
        max_side: 1000,
        ..Limits::default()
    };
    let err = imaging::render(&corpus("photo_canon_4608x3456.jpg"), &limits, &[PREVIEW]).unwrap_err();
    assert_eq!(err.code(), "image_too_large");
    let err = imaging::render(b"definitely not an image", &Limits::default(), &[PREVIEW]).unwrap_err();
    assert_eq!(err.code(), "unsupported_image");
}
