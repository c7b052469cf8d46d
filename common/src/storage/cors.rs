//! Whether a bucket's CORS rules let a browser on a given origin do what Carcosa's uploads need:
//! `PUT` a presigned URL with a `Content-Type` header (and, for multipart uploads later, read
//! the `ETag` of each part). The check is pure; [`super::Storage::cors_rules`] reads the rules.
//! Each problem comes with the exact rule to add.

use serde::{Deserialize, Serialize};

/// One CORS rule, as S3 stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Rule {
    /// `https://app.example.com`, `*`, or one `*` wildcard inside (`https://*.example.com`).
    pub allowed_origins: Vec<String>,
    /// `GET`, `PUT`, `POST`, `DELETE`, `HEAD`.
    pub allowed_methods: Vec<String>,
    /// Request headers a browser may send (`*` for any).
    #[serde(default)]
    pub allowed_headers: Vec<String>,
    /// Response headers a browser may read.
    #[serde(default)]
    pub expose_headers: Vec<String>,
}

impl Rule {
    pub(super) fn from_sdk(r: &aws_sdk_s3::types::CorsRule) -> Self {
        Self {
            allowed_origins: r.allowed_origins().to_vec(),
            allowed_methods: r.allowed_methods().to_vec(),
            allowed_headers: r.allowed_headers().to_vec(),
            expose_headers: r.expose_headers().to_vec(),
        }
    }

    pub(super) fn to_sdk(&self) -> Result<aws_sdk_s3::types::CorsRule, aws_sdk_s3::error::BuildError> {
        aws_sdk_s3::types::CorsRule::builder()
            .set_allowed_origins(Some(self.allowed_origins.clone()))
            .set_allowed_methods(Some(self.allowed_methods.clone()))
            .set_allowed_headers(Some(self.allowed_headers.clone()))
            .set_expose_headers(Some(self.expose_headers.clone()))
            .build()
    }

    /// The rule Carcosa's browser uploads need for `origins`.
    pub fn needed(origins: &[String]) -> Self {
        Self {
            allowed_origins: origins.to_vec(),
            allowed_methods: vec!["PUT".into(), "GET".into()],
            allowed_headers: vec!["content-type".into()],
            expose_headers: vec!["ETag".into()],
        }
    }

    fn matches_origin(&self, origin: &str) -> bool {
        self.allowed_origins
            .iter()
            .any(|pattern| wildcard_match(pattern, origin))
    }

    fn allows_put_with_content_type(&self) -> bool {
        self.allowed_methods.iter().any(|m| m.eq_ignore_ascii_case("PUT"))
            && self
                .allowed_headers
                .iter()
                .any(|h| h == "*" || h.eq_ignore_ascii_case("content-type"))
    }

    fn exposes_etag(&self) -> bool {
        self.expose_headers.iter().any(|h| h.eq_ignore_ascii_case("etag"))
    }
}

/// S3's origin patterns: exact, `*`, or a single `*` standing for any run of characters.
fn wildcard_match(pattern: &str, origin: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern.eq_ignore_ascii_case(origin),
        Some((head, tail)) => {
            origin.len() >= head.len() + tail.len()
                && origin[..head.len()].eq_ignore_ascii_case(head)
                && origin[origin.len() - tail.len()..].eq_ignore_ascii_case(tail)
        }
    }
}

/// The outcome of a CORS check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Report {
    /// True when every origin can upload.
    pub ok: bool,
    /// One sentence per problem, naming the origin.
    pub problems: Vec<String>,
    /// What to add to the bucket's CORS configuration when something is missing.
    pub fix: Option<Rule>,
}

/// Checks `rules` (`None`: the bucket has no CORS configuration) for `origins`.
pub fn check(rules: Option<&[Rule]>, origins: &[String]) -> Report {
    let mut problems = Vec::new();
    let mut missing = Vec::new();
    let Some(rules) = rules else {
        if origins.is_empty() {
            return Report {
                ok: true,
                problems,
                fix: None,
            };
        }
        problems.push("the bucket has no CORS configuration, so browsers cannot upload to it".into());
        return Report {
            ok: false,
            problems,
            fix: Some(Rule::needed(origins)),
        };
    };
    for origin in origins {
        let matching: Vec<&Rule> = rules.iter().filter(|r| r.matches_origin(origin)).collect();
        if matching.is_empty() {
            problems.push(format!("no CORS rule allows the origin {origin}"));
            missing.push(origin.clone());
        } else if !matching.iter().any(|r| r.allows_put_with_content_type()) {
            problems.push(format!(
                "{origin} is allowed, but not to PUT with a Content-Type header"
            ));
            missing.push(origin.clone());
        } else if !matching
            .iter()
            .any(|r| r.allows_put_with_content_type() && r.exposes_etag())
        {
            problems.push(format!(
                "{origin} can PUT, but cannot read ETag (needed for multipart uploads)"
            ));
            missing.push(origin.clone());
        }
    }
    let fix = (!missing.is_empty()).then(|| Rule::needed(&missing));
    Report {
        ok: problems.is_empty(),
        problems,
        fix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(origins: &[&str], methods: &[&str], headers: &[&str], expose: &[&str]) -> Rule {
        let v = |x: &[&str]| x.iter().map(|s| (*s).to_owned()).collect();
        Rule {
            allowed_origins: v(origins),
            allowed_methods: v(methods),
            allowed_headers: v(headers),
            expose_headers: v(expose),
        }
    }

    #[test]
    fn origins_methods_headers_and_etag() {
        let app = vec!["https://app.example.com".to_owned()];
        assert!(!check(None, &app).ok);
        assert!(check(None, &[]).ok);
        let good = [rule(&["https://*.example.com"], &["PUT", "GET"], &["*"], &["ETag"])];
        assert_eq!(
            check(Some(&good), &app),
            Report {
                ok: true,
                problems: vec![],
                fix: None
            }
        );
        let no_put = [rule(&["*"], &["GET"], &["*"], &["ETag"])];
        let r = check(Some(&no_put), &app);
        assert!(!r.ok && r.problems[0].contains("not to PUT"), "{r:?}");
        assert_eq!(r.fix.unwrap().allowed_origins, app);
        let no_etag = [rule(&["https://app.example.com"], &["PUT"], &["content-type"], &[])];
        assert!(check(Some(&no_etag), &app).problems[0].contains("ETag"));
        let other = [rule(&["https://other.example"], &["PUT"], &["*"], &["ETag"])];
        assert!(check(Some(&other), &app).problems[0].contains("no CORS rule allows"));
        assert!(!wildcard_match("https://*.example.com", "https://example.com"));
    }
}
