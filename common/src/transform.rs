//! Transform specs: the one canonical description of "this image, resized like so, encoded like
//! so". Query parameters and project presets parse into a [`TransformSpec`]; its canonical
//! string names the variant in the bucket (`…/{upload}/_v/{canonical}.{ext}`) and in the
//! `variants` table, so equal requests share one stored result.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Source types the image pipeline decodes; other types are stored without variants.
pub const RENDERABLE_TYPES: &[&str] = &["image/jpeg", "image/png", "image/gif", "image/webp"];

/// Whether files of `content_type` get variants and transforms.
pub fn is_renderable(content_type: &str) -> bool {
    RENDERABLE_TYPES.contains(&content_type)
}

/// Largest width or height a spec may ask for (after `dpr`).
pub const MAX_OUTPUT_SIDE: u32 = 4096;

/// How the image meets the requested box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fit {
    /// Fill the box, cropping what overflows (centred).
    Cover,
    /// Fit inside the box and pad to its size.
    Contain,
    /// Stretch to the box.
    Fill,
    /// Fit inside the box, never enlarging (the default).
    Inside,
}

/// Output encodings a spec can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Lossy WebP.
    Webp,
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// AVIF (AV1 still image).
    Avif,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Webp => "webp",
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Avif => "avif",
        }
    }

    /// The query spelling (`format=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Webp => "webp",
            Self::Jpeg => "jpeg",
            Self::Png => "png",
            Self::Avif => "avif",
        }
    }

    /// What `format=auto` becomes for a request's `Accept` header: AVIF when the client lists
    /// `image/avif`, else WebP when it lists `image/webp` (every current browser does), else
    /// JPEG, which every client decodes. A type listed with `q=0` counts as refused.
    pub fn negotiate(accept: Option<&str>) -> Self {
        let listed = |wanted: &str| {
            accept.is_some_and(|a| {
                a.split(',').any(|item| {
                    let mut parts = item.split(';');
                    let media = parts.next().unwrap_or("").trim();
                    let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
                    media.eq_ignore_ascii_case(wanted) && !refused
                })
            })
        };
        if listed("image/avif") {
            Self::Avif
        } else if listed("image/webp") {
            Self::Webp
        } else {
            Self::Jpeg
        }
    }

    /// MIME type.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Webp => "image/webp",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Avif => "image/avif",
        }
    }
}

/// A validated transform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TransformSpec {
    /// Box width in output pixels (dpr applied).
    #[serde(rename = "w", skip_serializing_if = "Option::is_none", default)]
    pub width: Option<u32>,
    /// Box height in output pixels (dpr applied).
    #[serde(rename = "h", skip_serializing_if = "Option::is_none", default)]
    pub height: Option<u32>,
    /// Fit mode.
    #[serde(default = "default_fit")]
    pub fit: Fit,
    /// Encoding.
    #[serde(default = "default_format")]
    pub format: Format,
    /// Quality 1–100.
    #[serde(rename = "q", default = "default_quality")]
    pub quality: u8,
}

fn default_fit() -> Fit {
    Fit::Inside
}
fn default_format() -> Format {
    Format::Webp
}
fn default_quality() -> u8 {
    80
}

/// Why a transform could not be accepted; `code()` is stable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransformError {
    /// A parameter this API does not know.
    #[error("unknown transform parameter {0:?} (known: w, h, fit, format, q, dpr)")]
    UnknownParameter(String),
    /// A known parameter with a bad value.
    #[error("{0}")]
    InvalidParameter(String),
}

impl TransformError {
    /// Stable error code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownParameter(_) => "unknown_transform_parameter",
            Self::InvalidParameter(_) => "invalid_transform_parameter",
        }
    }
}

/// A transform query string, parsed once: everything a request does (which variant, whether it
/// negotiates its format, which signature it checks) derives from this one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    /// The spec, with `format=auto` already resolved.
    pub spec: TransformSpec,
    /// Whether the query said `format=auto` (it is signed as `auto`).
    pub auto: bool,
    /// The `sig` parameter.
    pub sig: Option<String>,
}

impl ParsedQuery {
    /// What the signature must cover.
    pub fn signing_payload(&self, file: impl std::fmt::Display) -> String {
        self.spec.signing_payload(file, self.auto)
    }
}

impl TransformSpec {
    /// Builds and validates a spec (dimensions are in output pixels).
    pub fn new(
        width: Option<u32>,
        height: Option<u32>,
        fit: Fit,
        format: Format,
        quality: u8,
    ) -> Result<Self, TransformError> {
        let spec = Self {
            width,
            height,
            fit,
            format,
            quality,
        };
        spec.validate()?;
        Ok(spec)
    }

    fn validate(&self) -> Result<(), TransformError> {
        let bad = |m: String| Err(TransformError::InvalidParameter(m));
        for (name, v) in [("w", self.width), ("h", self.height)] {
            if let Some(v) = v
                && !(1..=MAX_OUTPUT_SIDE).contains(&v)
            {
                return bad(format!(
                    "{name} must be between 1 and {MAX_OUTPUT_SIDE} (after dpr), got {v}"
                ));
            }
        }
        if !(1..=100).contains(&self.quality) {
            return bad(format!("q must be between 1 and 100, got {}", self.quality));
        }
        if matches!(self.fit, Fit::Cover | Fit::Contain | Fit::Fill) && (self.width.is_none() || self.height.is_none())
        {
            return bad("fit=cover, contain and fill need both w and h".into());
        }
        Ok(())
    }

    /// Parses query parameters (`w`, `h`, `fit`, `format`, `q`, `dpr`, and `sig`, which is kept
    /// aside) into one [`ParsedQuery`]. `format=auto` becomes `negotiated` (the caller resolves
    /// it from `Accept` first) and is remembered as `auto`. Every parameter may appear at most
    /// once: a repeated one is refused, so nothing appended to a signed URL can change what it
    /// means.
    pub fn from_query<'a>(
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
        negotiated: Format,
    ) -> Result<ParsedQuery, TransformError> {
        let (mut w, mut h, mut fit, mut format, mut q, mut dpr) = (None, None, Fit::Inside, Format::Webp, 80u8, 1u32);
        let (mut auto, mut sig) = (false, None);
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in params {
            if seen.contains(&key) {
                return Err(TransformError::InvalidParameter(format!(
                    "{key} is given more than once; each parameter may appear once"
                )));
            }
            seen.push(key);
            let int = |max: u32| -> Result<u32, TransformError> {
                value
                    .parse::<u32>()
                    .ok()
                    .filter(|v| (1..=max).contains(v))
                    .ok_or_else(|| {
                        TransformError::InvalidParameter(format!(
                            "{key} must be a whole number from 1 to {max}, got {value:?}"
                        ))
                    })
            };
            match key {
                "w" => w = Some(int(MAX_OUTPUT_SIDE)?),
                "h" => h = Some(int(MAX_OUTPUT_SIDE)?),
                "q" => q = int(100)? as u8,
                "dpr" => dpr = int(3)?,
                "fit" => fit = parse_fit(value)?,
                "format" if value == "auto" => (format, auto) = (negotiated, true),
                "format" => format = parse_format(value)?,
                "sig" => sig = Some(value.to_owned()),
                other => return Err(TransformError::UnknownParameter(other.to_owned())),
            }
        }
        let spec = Self::new(w.map(|v| v * dpr), h.map(|v| v * dpr), fit, format, q)?;
        Ok(ParsedQuery { spec, auto, sig })
    }

    /// Output pixels the spec's box covers (`w × h`), when it names both sides.
    pub fn box_pixels(&self) -> Option<u64> {
        Some(u64::from(self.width?) * u64::from(self.height?))
    }

    /// Checks the spec against a project's output limit (`w × h`, dpr applied).
    pub fn check_output(&self, limits: &ImageLimits) -> Result<(), TransformError> {
        match self.box_pixels() {
            Some(px) if px > limits.max_output_pixels => Err(TransformError::InvalidParameter(format!(
                "w × h is {px} output pixels, over this project's limit of {}",
                limits.max_output_pixels
            ))),
            _ => Ok(()),
        }
    }

    /// The canonical name: `w256-h256-cover-q80.webp`. Equal specs, equal names; the name is
    /// safe as an object-key segment.
    pub fn canonical(&self) -> String {
        format!("{}.{}", self.stem(), self.format.extension())
    }

    /// The query string that requests exactly this spec (`format=auto` when `auto`), in
    /// canonical order, without a signature.
    pub fn to_query(&self, auto: bool) -> String {
        let mut q = Vec::new();
        if let Some(w) = self.width {
            q.push(format!("w={w}"));
        }
        if let Some(h) = self.height {
            q.push(format!("h={h}"));
        }
        q.push(format!("fit={}", self.fit.as_str()));
        let format = if auto { "auto" } else { self.format.as_str() };
        q.push(format!("format={format}"));
        q.push(format!("q={}", self.quality));
        q.join("&")
    }

    /// What a signed URL for this spec covers: the file and the canonical spec, with the format
    /// left as `auto` when the client negotiates it (so one signed URL serves every `Accept`).
    pub fn signing_payload(&self, file: impl std::fmt::Display, auto: bool) -> String {
        let ext = if auto { "auto" } else { self.format.extension() };
        format!("t1:{file}:{}.{ext}", self.stem())
    }

    fn stem(&self) -> String {
        let mut parts = Vec::new();
        if let Some(w) = self.width {
            parts.push(format!("w{w}"));
        }
        if let Some(h) = self.height {
            parts.push(format!("h{h}"));
        }
        parts.push(self.fit.as_str().to_owned());
        parts.push(format!("q{}", self.quality));
        parts.join("-")
    }
}

impl Fit {
    /// The query/canonical spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Fit::Cover => "cover",
            Fit::Contain => "contain",
            Fit::Fill => "fill",
            Fit::Inside => "inside",
        }
    }
}

/// What a signed preset URL covers: the file and the preset's name (not its definition, so a
/// project can retune a preset without reissuing URLs).
pub fn preset_signing_payload(file: impl std::fmt::Display, preset: &str) -> String {
    format!("p1:{file}:{preset}")
}

/// Bytes of HMAC-SHA256 kept in a signature (128 bits).
const SIG_BYTES: usize = 16;

/// Signs `payload` with a project's transform secret: unpadded base64url of the first 128 bits
/// of HMAC-SHA256.
pub fn sign(secret: &[u8], payload: &str) -> String {
    let mut mac = signer(secret);
    mac.update(payload.as_bytes());
    URL_SAFE_NO_PAD.encode(&mac.finalize().into_bytes()[..SIG_BYTES])
}

/// Checks a signature in constant time.
pub fn verify(secret: &[u8], payload: &str, sig: &str) -> bool {
    let Ok(tag) = URL_SAFE_NO_PAD.decode(sig) else {
        return false;
    };
    if tag.len() != SIG_BYTES {
        return false;
    }
    let mut mac = signer(secret);
    mac.update(payload.as_bytes());
    mac.verify_truncated_left(&tag).is_ok()
}

fn signer(secret: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
}

fn parse_fit(value: &str) -> Result<Fit, TransformError> {
    match value {
        "cover" => Ok(Fit::Cover),
        "contain" => Ok(Fit::Contain),
        "fill" => Ok(Fit::Fill),
        "inside" => Ok(Fit::Inside),
        other => Err(TransformError::InvalidParameter(format!(
            "fit must be cover, contain, fill or inside, got {other:?}"
        ))),
    }
}

fn parse_format(value: &str) -> Result<Format, TransformError> {
    match value {
        "webp" => Ok(Format::Webp),
        "jpeg" | "jpg" => Ok(Format::Jpeg),
        "png" => Ok(Format::Png),
        "avif" => Ok(Format::Avif),
        other => Err(TransformError::InvalidParameter(format!(
            "format must be webp, jpeg, png, avif or auto, got {other:?}"
        ))),
    }
}

/// A project's transform settings, stored as `projects.transform_policy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransformPolicy {
    /// Named presets produced for every image at upload.
    pub presets: BTreeMap<String, TransformSpec>,
    /// Whether preset URLs work without a signature.
    #[serde(default)]
    pub public_presets: bool,
    /// What a source image may be; checked against its header before decoding.
    #[serde(default)]
    pub limits: ImageLimits,
}

/// Per-project source limits (defaults follow pict-rs and imgproxy). Animated images are
/// rendered as a still of their first frame, so frame counts cost nothing and are not limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ImageLimits {
    /// Longest side, in pixels.
    pub max_side: u32,
    /// Most pixels (width × height).
    pub max_pixels: u64,
    /// Largest source file, in bytes.
    pub max_input_bytes: u64,
    /// Most pixels one output may have (`w × h` of a spec, dpr applied, and of what a render
    /// would actually produce), so a signed URL cannot ask for a huge image of a tiny source.
    pub max_output_pixels: u64,
}

/// Ceilings no project can raise its limits above (memory per decode stays bounded).
pub const MAX_SIDE_CEILING: u32 = 30_000;
/// See [`MAX_SIDE_CEILING`].
pub const MAX_PIXELS_CEILING: u64 = 100_000_000;
/// See [`MAX_SIDE_CEILING`].
pub const MAX_INPUT_BYTES_CEILING: u64 = 200 * 1024 * 1024;
/// See [`MAX_SIDE_CEILING`]: the largest box a spec can name.
pub const MAX_OUTPUT_PIXELS_CEILING: u64 = (MAX_OUTPUT_SIDE as u64) * (MAX_OUTPUT_SIDE as u64);
/// Default output limit: 16 MP, just under a 4096 × 4096 box, which takes ~64 MB of RGBA and
/// seconds of encoder time per request.
pub const DEFAULT_MAX_OUTPUT_PIXELS: u64 = 16_000_000;

impl Default for ImageLimits {
    fn default() -> Self {
        Self {
            max_side: 10_000,
            max_pixels: 40_000_000,
            max_input_bytes: 40 * 1024 * 1024,
            max_output_pixels: DEFAULT_MAX_OUTPUT_PIXELS,
        }
    }
}

impl ImageLimits {
    /// Checks the limits are positive and under the ceilings.
    pub fn validate(&self) -> Result<(), TransformError> {
        let bad = |m: String| Err(TransformError::InvalidParameter(m));
        if !(1..=MAX_SIDE_CEILING).contains(&self.max_side) {
            return bad(format!("limits.max_side must be 1 to {MAX_SIDE_CEILING}"));
        }
        if !(1..=MAX_PIXELS_CEILING).contains(&self.max_pixels) {
            return bad(format!("limits.max_pixels must be 1 to {MAX_PIXELS_CEILING}"));
        }
        if !(1..=MAX_INPUT_BYTES_CEILING).contains(&self.max_input_bytes) {
            return bad(format!("limits.max_input_bytes must be 1 to {MAX_INPUT_BYTES_CEILING}"));
        }
        if !(1..=MAX_OUTPUT_PIXELS_CEILING).contains(&self.max_output_pixels) {
            return bad(format!(
                "limits.max_output_pixels must be 1 to {MAX_OUTPUT_PIXELS_CEILING}"
            ));
        }
        Ok(())
    }
}

impl Default for TransformPolicy {
    fn default() -> Self {
        let mut presets = BTreeMap::new();
        presets.insert(
            "thumb".to_owned(),
            TransformSpec {
                width: Some(256),
                height: Some(256),
                fit: Fit::Cover,
                format: Format::Webp,
                quality: 80,
            },
        );
        presets.insert(
            "preview".to_owned(),
            TransformSpec {
                width: Some(1024),
                height: None,
                fit: Fit::Inside,
                format: Format::Webp,
                quality: 80,
            },
        );
        Self {
            presets,
            public_presets: false,
            limits: ImageLimits::default(),
        }
    }
}

impl TransformPolicy {
    /// Reads the stored document; an empty document (`{}`) means the defaults.
    pub fn from_json(value: &serde_json::Value) -> Result<Self, TransformError> {
        if value.as_object().is_none_or(|o| o.is_empty()) {
            return Ok(Self::default());
        }
        let policy: Self = serde_json::from_value(value.clone())
            .map_err(|e| TransformError::InvalidParameter(format!("transform policy: {e}")))?;
        policy.validate()?;
        Ok(policy)
    }

    /// Checks every preset and its name, and the limits.
    pub fn validate(&self) -> Result<(), TransformError> {
        self.limits.validate()?;
        if self.presets.len() > 16 {
            return Err(TransformError::InvalidParameter("at most 16 presets".into()));
        }
        for (name, spec) in &self.presets {
            let ok = !name.is_empty()
                && name.len() <= 32
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !ok {
                return Err(TransformError::InvalidParameter(format!(
                    "preset name {name:?} must be 1-32 of [A-Za-z0-9_-]"
                )));
            }
            spec.validate()?;
            spec.check_output(&self.limits)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parses_to_one_canonical_form() {
        let a = TransformSpec::from_query([("w", "256"), ("h", "256"), ("fit", "cover")], Format::Webp).unwrap();
        let b = TransformSpec::from_query(
            [("fit", "cover"), ("h", "128"), ("w", "128"), ("dpr", "2"), ("sig", "x")],
            Format::Webp,
        )
        .unwrap();
        assert_eq!(a.spec, b.spec, "dpr folds into the pixel size");
        assert_eq!(b.sig.as_deref(), Some("x"));
        assert_eq!(a.spec.canonical(), "w256-h256-cover-q80.webp");
        let auto = TransformSpec::from_query([("w", "10"), ("format", "auto")], Format::Jpeg).unwrap();
        assert_eq!(auto.spec.canonical(), "w10-inside-q80.jpg");
        assert!(auto.auto);
        assert_eq!(auto.signing_payload("f"), "t1:f:w10-inside-q80.auto");
    }

    #[test]
    fn bad_parameters_have_stable_codes() {
        let cases = [
            (vec![("w", "0")], "invalid_transform_parameter"),
            (vec![("w", "5000")], "invalid_transform_parameter"),
            (vec![("w", "2048"), ("dpr", "3")], "invalid_transform_parameter"),
            (vec![("w", "abc")], "invalid_transform_parameter"),
            (vec![("q", "101")], "invalid_transform_parameter"),
            (vec![("fit", "squash")], "invalid_transform_parameter"),
            (vec![("fit", "cover"), ("w", "10")], "invalid_transform_parameter"),
            (vec![("format", "bmp")], "invalid_transform_parameter"),
            (vec![("blur", "5")], "unknown_transform_parameter"),
            (
                vec![("format", "auto"), ("format", "png")],
                "invalid_transform_parameter",
            ),
            (vec![("w", "10"), ("w", "10")], "invalid_transform_parameter"),
            (
                vec![("w", "10"), ("sig", "a"), ("sig", "b")],
                "invalid_transform_parameter",
            ),
        ];
        for (params, code) in cases {
            let err = TransformSpec::from_query(params.clone(), Format::Webp).unwrap_err();
            assert_eq!(err.code(), code, "{params:?}");
        }
    }

    #[test]
    fn signatures_cover_the_canonical_spec() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let spec = TransformSpec::from_query([("w", "128"), ("dpr", "2")], Format::Webp)
            .unwrap()
            .spec;
        let same = TransformSpec::from_query([("w", "256"), ("format", "webp")], Format::Webp)
            .unwrap()
            .spec;
        let payload = spec.signing_payload("f1", false);
        let sig = sign(secret, &payload);
        assert_eq!(sig.len(), 22);
        assert!(
            verify(secret, &same.signing_payload("f1", false), &sig),
            "equal specs share a signature"
        );
        assert!(
            !verify(secret, &spec.signing_payload("f2", false), &sig),
            "bound to the file"
        );
        assert!(
            !verify(secret, &spec.signing_payload("f1", true), &sig),
            "auto is signed as auto"
        );
        assert!(!verify(b"another secret", &payload, &sig));
        assert!(!verify(secret, &payload, "not base64!"));
        assert!(!verify(secret, &payload, &sig[..20]));
        assert!(!verify(secret, &preset_signing_payload("f1", "thumb"), &sig));
        assert_eq!(spec.to_query(true), "w=256&fit=inside&format=auto&q=80");
    }

    #[test]
    fn auto_format_follows_accept() {
        assert_eq!(Format::negotiate(Some("image/avif,image/webp,*/*;q=0.8")), Format::Avif);
        assert_eq!(Format::negotiate(Some("image/avif;q=0,image/webp")), Format::Webp);
        assert_eq!(Format::negotiate(Some("image/webp;q=0, image/jpeg")), Format::Jpeg);
        assert_eq!(Format::negotiate(Some("*/*")), Format::Jpeg);
        assert_eq!(Format::negotiate(None), Format::Jpeg);
    }

    #[test]
    fn policies_default_and_validate() {
        let p = TransformPolicy::from_json(&serde_json::json!({})).unwrap();
        assert_eq!(p.presets["thumb"].canonical(), "w256-h256-cover-q80.webp");
        assert_eq!(p.presets["preview"].canonical(), "w1024-inside-q80.webp");
        let custom = serde_json::json!({"presets": {"small": {"w": 100, "format": "jpeg"}}});
        assert_eq!(
            TransformPolicy::from_json(&custom).unwrap().presets["small"].canonical(),
            "w100-inside-q80.jpg"
        );
        let bad = serde_json::json!({"presets": {"bad name": {"w": 100}}});
        assert!(TransformPolicy::from_json(&bad).is_err());
        let huge = serde_json::json!({"presets": {"huge": {"w": 4096, "h": 4096, "fit": "cover"}}});
        assert!(
            TransformPolicy::from_json(&huge).is_err(),
            "over the default output limit"
        );
    }

    #[test]
    fn output_area_is_capped() {
        let limits = ImageLimits::default();
        let spec = |q: &[(&str, &str)]| TransformSpec::from_query(q.iter().copied(), Format::Png).unwrap().spec;
        let big = spec(&[("w", "4096"), ("h", "4096"), ("fit", "cover")]);
        assert_eq!(
            big.check_output(&limits).unwrap_err().code(),
            "invalid_transform_parameter"
        );
        let retina = spec(&[("w", "1365"), ("h", "1365"), ("dpr", "3"), ("fit", "cover")]);
        assert_eq!(retina.box_pixels(), Some(4095 * 4095));
        assert!(retina.check_output(&limits).is_err(), "dpr counts");
        assert!(
            spec(&[("w", "4000"), ("h", "4000"), ("fit", "cover")])
                .check_output(&limits)
                .is_ok()
        );
        assert!(
            spec(&[("w", "4096")]).check_output(&limits).is_ok(),
            "one side: bounded at render"
        );
    }
}
