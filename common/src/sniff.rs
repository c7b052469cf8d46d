//! Content sniffing: does an object's first bytes match the type the client declared? A text
//! file named `.png` and declared `image/png` is not an image, whatever its name says. The
//! worker sniffs every upload; the API asks [`is_identifiable`] so that a wildcard rule
//! (`image/*`) only admits types whose bytes can be checked.

use crate::domain::ContentType;

/// Bytes read from the start of an object for sniffing.
pub const SNIFF_LEN: usize = 4096;

/// Whether `head` (the object's first bytes) is plausibly of type `declared`.
///
/// * When the magic bytes identify a type, it must be the declared one (up to known aliases).
/// * When they identify nothing, the declared type must not be one that has magic bytes
///   (`image/png` with no PNG signature is a lie; `text/csv` has no signature to check).
/// * SVG is XML text: it passes when it is unidentified or XML and contains `<svg`.
pub fn matches_declared(declared: &ContentType, head: &[u8]) -> bool {
    if declared.as_str() == "image/svg+xml" {
        return looks_like_svg(head);
    }
    match infer::get(head) {
        Some(kind) => canonical(kind.mime_type()) == canonical(declared.as_str()),
        None => !infer::is_mime_supported(declared.as_str()),
    }
}

/// Whether the bytes of `content_type` can be recognized, so that a declared type can be checked
/// against what arrived. Wildcard rules admit only these: `image/x-foo` has no signature, so HTML
/// declared as `image/x-foo` would pass any check; a project that wants such a type lists it
/// explicitly.
pub fn is_identifiable(content_type: &ContentType) -> bool {
    let ct = content_type.as_str();
    infer::is_mime_supported(ct) || ALIASES.iter().any(|(ours, _)| *ours == ct)
}

/// Client spellings of types `infer` knows under another name.
const ALIASES: &[(&str, &str)] = &[
    ("image/x-icon", "image/vnd.microsoft.icon"),
    ("audio/mpeg", "audio/x-mpeg"),
    ("application/zip", "application/x-zip-compressed"),
    ("audio/wav", "audio/x-wav"),
];

/// Maps the spellings `infer` uses to the ones clients send.
fn canonical(mime: &str) -> &str {
    match mime {
        "image/vnd.microsoft.icon" => "image/x-icon",
        "audio/x-mpeg" | "audio/mp3" => "audio/mpeg",
        "application/x-zip-compressed" => "application/zip",
        "audio/x-wav" => "audio/wav",
        other => other,
    }
}

fn looks_like_svg(head: &[u8]) -> bool {
    let unidentified_or_xml = infer::get(head).is_none_or(|k| k.mime_type().ends_with("xml"));
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    unidentified_or_xml && text.contains("<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ct(s: &str) -> ContentType {
        ContentType::parse(s).unwrap()
    }

    #[test]
    fn real_magic_must_match() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches_declared(&ct("image/png"), png));
        assert!(!matches_declared(&ct("image/jpeg"), png));
        assert!(!matches_declared(&ct("image/png"), b"hello, I am text"));
        assert!(matches_declared(&ct("text/csv"), b"a,b\n1,2\n"));
        assert!(matches_declared(&ct("image/jpg"), b"\xff\xd8\xff\xe0\0\x10JFIF\0"));
    }

    #[test]
    fn only_types_with_signatures_are_identifiable() {
        for ok in [
            "image/png",
            "image/jpeg",
            "image/webp",
            "image/gif",
            "image/avif",
            "image/x-icon",
            "application/pdf",
        ] {
            assert!(is_identifiable(&ct(ok)), "{ok}");
        }
        for no in ["image/x-foo", "text/plain", "image/svg+xml"] {
            assert!(!is_identifiable(&ct(no)), "{no}");
        }
    }

    #[test]
    fn svg_needs_an_svg_root() {
        assert!(matches_declared(
            &ct("image/svg+xml"),
            b"<?xml version=\"1.0\"?><svg xmlns=\"x\"/>"
        ));
        assert!(!matches_declared(
            &ct("image/svg+xml"),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
        ));
        assert!(!matches_declared(&ct("image/svg+xml"), b"plain words"));
    }
}
