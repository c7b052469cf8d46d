//! Validated upload input: the filename (and the safe form that goes into object keys), the
//! declared content type, and a project's upload rules (size cap and allowed types).

use serde::{Deserialize, Serialize};

/// Default size cap for a project: 20 MiB.
pub const DEFAULT_MAX_UPLOAD_BYTES: i64 = 20 * 1024 * 1024;
/// Hard ceiling for any project's cap: 5 TiB, the largest object S3 stores (uploads over 5 GiB,
/// the largest single PUT, are always multipart).
pub use crate::storage::multipart::MAX_OBJECT_BYTES as MAX_UPLOAD_BYTES;
const MAX_FILENAME_BYTES: usize = 255;
const MAX_KEY_SEGMENT_CHARS: usize = 128;

/// Why a filename was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilenameError {
    /// Nothing left to name the object with.
    #[error("filename is empty")]
    Empty,
    /// Longer than 255 bytes.
    #[error("filename is longer than 255 bytes")]
    TooLong,
    /// Carries a directory part (`/` or `\`), which could escape the upload's prefix.
    #[error("filename must not contain a path (/ or \\)")]
    HasPath,
    /// Contains control characters (including NUL).
    #[error("filename must not contain control characters")]
    ControlCharacter,
    /// Contains Unicode format characters (category Cf: bidi overrides such as U+202E, zero-width
    /// joiners, …), which make a name display differently from what it is.
    #[error("filename must not contain invisible formatting characters (such as U+202E)")]
    FormatCharacter,
    /// `.` or `..`, or only dots.
    #[error("filename must not be only dots")]
    OnlyDots,
}

/// A client filename that passed validation, with the sanitized segment used in object keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeFilename {
    original: String,
    key_segment: String,
}

impl SafeFilename {
    /// Validates a client-supplied filename. The original (trimmed) is kept for display and
    /// `Content-Disposition`; the key segment keeps only `[A-Za-z0-9._-]`, maps anything else to
    /// `_`, and never starts with a dot — so keys are valid on every S3 implementation (SeaweedFS
    /// rejects `.`/`..` segments and folds `//`).
    pub fn parse(raw: &str) -> Result<Self, FilenameError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(FilenameError::Empty);
        }
        if name.len() > MAX_FILENAME_BYTES {
            return Err(FilenameError::TooLong);
        }
        if name.contains(['/', '\\']) {
            return Err(FilenameError::HasPath);
        }
        if name.chars().any(char::is_control) {
            return Err(FilenameError::ControlCharacter);
        }
        if name.chars().any(is_format_character) {
            return Err(FilenameError::FormatCharacter);
        }
        if name.chars().all(|c| c == '.') {
            return Err(FilenameError::OnlyDots);
        }
        Ok(Self {
            original: name.to_owned(),
            key_segment: key_segment(name),
        })
    }

    /// The filename as the client gave it (trimmed).
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// The sanitized form used as the last segment of the object key.
    pub fn key_segment(&self) -> &str {
        &self.key_segment
    }
}

/// Unicode general category Cf (format), as of Unicode 15: the soft hyphen, Arabic and Syriac
/// number signs, the Mongolian vowel separator, zero-width and bidi controls, word joiners and
/// invisible operators, the BOM, interlinear annotation marks, and the tag characters. Listed
/// here rather than pulled from a crate: the set is small and changes rarely.
fn is_format_character(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

fn key_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let keep = c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
        let c = if keep { c } else { '_' };
        // Collapse runs of '_' so "a   b" does not become "a___b".
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    let trimmed = out.trim_start_matches('.');
    let mut segment: String = trimmed.chars().take(MAX_KEY_SEGMENT_CHARS).collect();
    // Keep the extension visible when a long name was cut.
    if trimmed.len() > MAX_KEY_SEGMENT_CHARS
        && let Some(ext) = trimmed.rsplit_once('.').map(|(_, e)| e).filter(|e| e.len() <= 10)
    {
        segment.truncate(MAX_KEY_SEGMENT_CHARS - ext.len() - 1);
        segment.push('.');
        segment.push_str(ext);
    }
    if segment.is_empty() || segment.chars().all(|c| c == '_' || c == '.') {
        segment = format!("file{segment}");
    }
    segment
}

/// A declared MIME type, normalized to lowercase `type/subtype` without parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContentType(String);

/// A content type that is not shaped like `type/subtype`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("content_type must look like type/subtype (e.g. image/png)")]
pub struct ContentTypeError;

impl ContentType {
    /// Parses and normalizes. Parameters (`; charset=…`) are dropped because the presigned URL
    /// signs the exact header value and the stored type should not depend on them.
    pub fn parse(raw: &str) -> Result<Self, ContentTypeError> {
        let essence = raw.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        let (ty, sub) = essence.split_once('/').ok_or(ContentTypeError)?;
        let token = |s: &str| {
            !s.is_empty()
                && s.len() <= 127
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
        };
        if token(ty) && token(sub) {
            Ok(Self(canonical_alias(&essence)))
        } else {
            Err(ContentTypeError)
        }
    }

    /// The normalized string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The top-level type, e.g. `image`.
    pub fn top_level(&self) -> &str {
        self.0.split('/').next().unwrap_or_default()
    }
}

impl std::fmt::Display for ContentType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Common non-standard spellings mapped to the registered type, so `image/jpg` uploads are
/// signed, stored and sniff-compared as `image/jpeg`.
fn canonical_alias(essence: &str) -> String {
    match essence {
        "image/jpg" | "image/pjpeg" => "image/jpeg",
        "image/x-png" => "image/png",
        other => other,
    }
    .to_owned()
}

/// Types a browser may run script from: never admitted by a wildcard rule.
pub const ACTIVE_TYPES: &[&str] = &[
    "image/svg+xml",
    "text/html",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
    "text/javascript",
    "application/javascript",
];

/// A project's upload rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRules {
    /// Largest accepted upload, in bytes.
    pub max_upload_bytes: i64,
    /// Allowed types: exact (`application/pdf`), wildcard (`image/*`) or `*/*`.
    pub allowed_content_types: Vec<String>,
}

impl Default for UploadRules {
    fn default() -> Self {
        Self {
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
            allowed_content_types: vec!["image/*".into()],
        }
    }
}

impl UploadRules {
    /// Whether `ct` is allowed. A wildcard (`image/*`, `*/*`) admits only types whose bytes the
    /// worker can identify ([`crate::sniff::is_identifiable`]), so a made-up `image/x-foo`
    /// carrying HTML cannot pass as an image, and never a document that can carry script
    /// ([`ACTIVE_TYPES`]: SVG, HTML, XML, JavaScript). Those, and any type without a signature,
    /// must be listed explicitly.
    pub fn allows_type(&self, ct: &ContentType) -> bool {
        type_matches(&self.allowed_content_types, ct)
    }

    /// Checks the rules themselves (for the admin CLI and later the API).
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=MAX_UPLOAD_BYTES).contains(&self.max_upload_bytes) {
            return Err(format!(
                "max upload size must be between 1 byte and {MAX_UPLOAD_BYTES} bytes"
            ));
        }
        if self.allowed_content_types.is_empty() {
            return Err("at least one allowed content type is required".into());
        }
        check_patterns(&self.allowed_content_types)
    }
}

/// Whether `ct` matches one of `patterns` (exact, `type/*` or `*/*`). A wildcard admits only
/// types whose bytes the worker can identify, never an [`ACTIVE_TYPES`] one; the rules of a
/// project and of its named routes both match this way.
pub fn type_matches(patterns: &[String], ct: &ContentType) -> bool {
    let wildcard_ok = || crate::sniff::is_identifiable(ct) && !ACTIVE_TYPES.contains(&ct.as_str());
    patterns.iter().any(|pattern| {
        let pattern = pattern.trim().to_ascii_lowercase();
        match pattern.strip_suffix("/*") {
            Some("*") => wildcard_ok(),
            Some(top) => ct.top_level() == top && wildcard_ok(),
            None => pattern == ct.as_str(),
        }
    })
}

/// Checks that each pattern is a content type or a `type/*` wildcard.
pub(crate) fn check_patterns(patterns: &[String]) -> Result<(), String> {
    for p in patterns {
        let ok = p == "*/*"
            || p.strip_suffix("/*")
                .map_or_else(|| ContentType::parse(p).is_ok(), |t| !t.is_empty() && !t.contains('/'));
        if !ok {
            return Err(format!("{p:?} is not a content type or a type/* wildcard"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_are_sanitized_for_keys() {
        let f = SafeFilename::parse("  My Photo (1).JPG ").unwrap();
        assert_eq!(f.as_str(), "My Photo (1).JPG");
        assert_eq!(f.key_segment(), "My_Photo_1_.JPG");
        assert_eq!(SafeFilename::parse(".env").unwrap().key_segment(), "env");
        assert_eq!(SafeFilename::parse("日本語.png").unwrap().key_segment(), "_.png");
        assert_eq!(SafeFilename::parse("...a").unwrap().key_segment(), "a");
        assert_eq!(SafeFilename::parse("(  )").unwrap().key_segment(), "file_");
        let long = format!("{}.webp", "a".repeat(300));
        assert_eq!(SafeFilename::parse(&long).unwrap_err(), FilenameError::TooLong);
        let long = format!("{}.webp", "a".repeat(200));
        let seg = SafeFilename::parse(&long).unwrap();
        assert!(seg.key_segment().ends_with(".webp") && seg.key_segment().len() == 128);
    }

    #[test]
    fn hostile_filenames_are_refused() {
        for (raw, err) in [
            ("", FilenameError::Empty),
            ("   ", FilenameError::Empty),
            ("../etc/passwd", FilenameError::HasPath),
            ("a\\b.png", FilenameError::HasPath),
            ("..", FilenameError::OnlyDots),
            ("a\0b.png", FilenameError::ControlCharacter),
            ("a\nb.png", FilenameError::ControlCharacter),
            ("invoice\u{202E}gnp.exe", FilenameError::FormatCharacter),
            ("a\u{200B}b.png", FilenameError::FormatCharacter),
            ("\u{FEFF}a.png", FilenameError::FormatCharacter),
        ] {
            assert_eq!(SafeFilename::parse(raw).unwrap_err(), err, "{raw:?}");
        }
    }

    #[test]
    fn content_types_normalize() {
        assert_eq!(ContentType::parse("Image/JPG").unwrap().as_str(), "image/jpeg");
        assert_eq!(
            ContentType::parse("text/plain; charset=utf-8").unwrap().as_str(),
            "text/plain"
        );
        for bad in ["", "image", "image/", "/png", "image/png/x", "ima ge/png"] {
            assert!(ContentType::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rules_match_wildcards_but_not_svg() {
        let rules = UploadRules::default();
        let t = |s: &str| ContentType::parse(s).unwrap();
        assert!(rules.allows_type(&t("image/png")));
        assert!(!rules.allows_type(&t("image/svg+xml")));
        assert!(!rules.allows_type(&t("application/pdf")));
        assert!(
            !rules.allows_type(&t("image/x-foo")),
            "no signature: needs an explicit rule"
        );
        let any = UploadRules {
            allowed_content_types: vec!["*/*".into()],
            ..UploadRules::default()
        };
        assert!(any.allows_type(&t("application/pdf")));
        assert!(!any.allows_type(&t("text/html")));
        let explicit = UploadRules {
            allowed_content_types: vec!["image/svg+xml".into()],
            ..rules
        };
        assert!(explicit.allows_type(&t("image/svg+xml")));
        assert!(explicit.validate().is_ok());
        let bad = UploadRules {
            allowed_content_types: vec!["images".into()],
            ..UploadRules::default()
        };
        assert!(bad.validate().is_err());
    }
}
