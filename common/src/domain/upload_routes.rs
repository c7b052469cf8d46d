//! Named upload routes: what a route may accept ([`RouteRules`]), and the JSON Schema subset its
//! metadata is checked against ([`MetadataSchema`]). The same subset is implemented by the
//! TypeScript SDK (`createRouter`), which checks before it asks; the server checks again at
//! presign, so a route's rules hold for every client.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::upload_rules::{ContentType, check_patterns, type_matches};

/// Longest route name.
pub const MAX_NAME_LEN: usize = 63;
/// Most properties a metadata schema may declare.
pub const MAX_PROPERTIES: usize = 64;

/// A route's rules, as the management API and the SDK write them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteRules {
    /// Accepted types, exact (`application/pdf`) or a family (`image/*`).
    pub content_types: Vec<String>,
    /// Largest file, in bytes.
    pub max_file_size: i64,
    /// Files per request (1–100; default 1). Clients batch at most this many at once.
    #[serde(default = "one")]
    pub max_files: i32,
    /// Presets made for each upload (names of the project's presets); absent: all of them.
    #[serde(default)]
    pub presets: Option<Vec<String>>,
    /// Whether each upload must name a tenant.
    #[serde(default)]
    pub tenant_required: bool,
    /// Schema the upload's metadata must satisfy.
    #[serde(default)]
    pub metadata: Option<MetadataSchema>,
}

fn one() -> i32 {
    1
}

/// A JSON Schema subset: an object of typed properties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MetadataSchema {
    /// Always `object`.
    #[serde(rename = "type")]
    pub kind: ObjectType,
    /// The properties.
    #[serde(default)]
    pub properties: BTreeMap<String, PropertySchema>,
    /// Properties that must be present.
    #[serde(default)]
    pub required: Vec<String>,
    /// Whether properties not listed are allowed (default true).
    #[serde(default = "yes", rename = "additionalProperties")]
    pub additional_properties: bool,
}

fn yes() -> bool {
    true
}

/// The only type a metadata schema's root may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ObjectType {
    /// A JSON object.
    Object,
}

/// One property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum PropertySchema {
    /// A string.
    String {
        /// Shortest length, in characters.
        #[serde(default, rename = "minLength", skip_serializing_if = "Option::is_none")]
        min_length: Option<u32>,
        /// Longest length, in characters.
        #[serde(default, rename = "maxLength", skip_serializing_if = "Option::is_none")]
        max_length: Option<u32>,
        /// The allowed values.
        #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
        one_of: Option<Vec<String>>,
    },
    /// A whole number.
    Integer {
        /// Smallest value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minimum: Option<i64>,
        /// Largest value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        maximum: Option<i64>,
    },
    /// Any number (bounds are whole numbers).
    Number {
        /// Smallest value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minimum: Option<i64>,
        /// Largest value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        maximum: Option<i64>,
    },
    /// `true` or `false`.
    Boolean,
}

/// A metadata value that breaks the schema: which field and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct MetadataError {
    /// `metadata.<property>`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl MetadataSchema {
    /// Checks `metadata` (a JSON object, or null for none).
    pub fn check(&self, metadata: &serde_json::Value) -> Result<(), MetadataError> {
        let empty = serde_json::Map::new();
        let object = match metadata {
            serde_json::Value::Object(map) => map,
            serde_json::Value::Null => &empty,
            _ => return Err(problem("metadata", "metadata must be a JSON object")),
        };
        for name in &self.required {
            if !object.contains_key(name) {
                return Err(problem(&format!("metadata.{name}"), "is required"));
            }
        }
        for (name, value) in object {
            let field = format!("metadata.{name}");
            match self.properties.get(name) {
                None if self.additional_properties => {}
                None => return Err(problem(&field, "is not allowed by this route")),
                Some(schema) => schema.check(&field, value)?,
            }
        }
        Ok(())
    }

    /// Whether the schema itself is usable (bounded, consistent).
    pub fn validate(&self) -> Result<(), String> {
        if self.properties.len() > MAX_PROPERTIES {
            return Err(format!("at most {MAX_PROPERTIES} properties"));
        }
        for name in self.properties.keys() {
            if name.is_empty() || name.len() > 64 {
                return Err(format!("property name {name:?}: 1 to 64 characters"));
            }
        }
        for name in &self.required {
            if !self.properties.contains_key(name) && !self.additional_properties {
                return Err(format!("required property {name:?} is not among the properties"));
            }
        }
        for (name, p) in &self.properties {
            let inverted = match p {
                PropertySchema::String {
                    min_length: Some(lo),
                    max_length: Some(hi),
                    ..
                } => lo > hi,
                PropertySchema::Integer {
                    minimum: Some(lo),
                    maximum: Some(hi),
                }
                | PropertySchema::Number {
                    minimum: Some(lo),
                    maximum: Some(hi),
                } => lo > hi,
                _ => false,
            };
            if inverted {
                return Err(format!("property {name:?}: its lower bound is above its upper bound"));
            }
        }
        Ok(())
    }
}

impl PropertySchema {
    fn check(&self, field: &str, value: &serde_json::Value) -> Result<(), MetadataError> {
        match self {
            Self::String {
                min_length,
                max_length,
                one_of,
            } => {
                let Some(s) = value.as_str() else {
                    return Err(problem(field, "must be a string"));
                };
                let len = s.chars().count() as u64;
                if let Some(lo) = min_length
                    && len < u64::from(*lo)
                {
                    return Err(problem(field, &format!("must be at least {lo} characters")));
                }
                if let Some(hi) = max_length
                    && len > u64::from(*hi)
                {
                    return Err(problem(field, &format!("must be at most {hi} characters")));
                }
                if let Some(values) = one_of
                    && !values.iter().any(|v| v == s)
                {
                    return Err(problem(field, &format!("must be one of {}", values.join(", "))));
                }
                Ok(())
            }
            Self::Integer { minimum, maximum } => {
                let Some(n) = value.as_i64() else {
                    return Err(problem(field, "must be an integer"));
                };
                bounds(field, n as f64, *minimum, *maximum)
            }
            Self::Number { minimum, maximum } => {
                let Some(n) = value.as_f64() else {
                    return Err(problem(field, "must be a number"));
                };
                bounds(field, n, *minimum, *maximum)
            }
            Self::Boolean => match value {
                serde_json::Value::Bool(_) => Ok(()),
                _ => Err(problem(field, "must be true or false")),
            },
        }
    }
}

fn bounds(field: &str, n: f64, minimum: Option<i64>, maximum: Option<i64>) -> Result<(), MetadataError> {
    if let Some(lo) = minimum
        && n < lo as f64
    {
        return Err(problem(field, &format!("must be at least {lo}")));
    }
    if let Some(hi) = maximum
        && n > hi as f64
    {
        return Err(problem(field, &format!("must be at most {hi}")));
    }
    Ok(())
}

fn problem(field: &str, what: &str) -> MetadataError {
    let message = if field == "metadata" {
        what.to_owned()
    } else {
        format!("{field} {what}")
    };
    MetadataError {
        field: field.to_owned(),
        message,
    }
}

/// Whether `name` can name a route: a lowercase letter, then up to 62 of `a-z 0-9 - _`.
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && name.len() <= MAX_NAME_LEN
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '_'))
}

impl RouteRules {
    /// Checks the rules themselves (bounded, well-formed); the error names the field.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.content_types.is_empty() || self.content_types.len() > 50 {
            return Err(("content_types", "1 to 50 types".into()));
        }
        check_patterns(&self.content_types).map_err(|m| ("content_types", m))?;
        if self.max_file_size <= 0 {
            return Err(("max_file_size", "must be a positive number of bytes".into()));
        }
        if !(1..=100).contains(&self.max_files) {
            return Err(("max_files", "must be 1 to 100".into()));
        }
        if let Some(presets) = &self.presets
            && presets.len() > 50
        {
            return Err(("presets", "at most 50".into()));
        }
        if let Some(schema) = &self.metadata {
            schema.validate().map_err(|m| ("metadata", m))?;
        }
        Ok(())
    }

    /// Whether the route accepts `ct` (matched like a project's allowed types).
    pub fn accepts(&self, ct: &ContentType) -> bool {
        type_matches(&self.content_types, ct)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn schema(v: serde_json::Value) -> MetadataSchema {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn metadata_is_checked_field_by_field() {
        let s = schema(json!({
            "type": "object",
            "properties": {
                "caption": {"type": "string", "maxLength": 5},
                "kind": {"type": "string", "enum": ["a", "b"]},
                "n": {"type": "integer", "minimum": 1, "maximum": 3},
                "ok": {"type": "boolean"}
            },
            "required": ["caption"],
            "additionalProperties": false
        }));
        assert!(
            s.check(&json!({"caption": "hi", "kind": "a", "n": 2, "ok": true}))
                .is_ok()
        );
        let err = |v| s.check(&v).unwrap_err().field;
        assert_eq!(err(json!({})), "metadata.caption");
        assert_eq!(err(json!({"caption": "toolong"})), "metadata.caption");
        assert_eq!(err(json!({"caption": "x", "kind": "c"})), "metadata.kind");
        assert_eq!(err(json!({"caption": "x", "n": 4})), "metadata.n");
        assert_eq!(err(json!({"caption": "x", "n": 1.5})), "metadata.n");
        assert_eq!(err(json!({"caption": "x", "ok": "yes"})), "metadata.ok");
        assert_eq!(err(json!({"caption": "x", "extra": 1})), "metadata.extra");
        assert_eq!(err(json!([1])), "metadata");
        assert_eq!(s.check(&json!({})).unwrap_err().message, "metadata.caption is required");
    }

    #[test]
    fn unknown_keywords_and_bad_bounds_are_refused() {
        assert!(serde_json::from_value::<MetadataSchema>(json!({"type": "object", "patternProperties": {}})).is_err());
        assert!(serde_json::from_value::<MetadataSchema>(json!({"type": "array"})).is_err());
        let s = schema(json!({"type": "object", "properties": {"a": {"type": "integer", "minimum": 5, "maximum": 1}}}));
        assert!(s.validate().is_err());
    }

    #[test]
    fn routes_match_types_and_names() {
        let r: RouteRules =
            serde_json::from_value(json!({"content_types": ["image/*", "application/pdf"], "max_file_size": 10}))
                .unwrap();
        assert!(r.validate().is_ok());
        assert_eq!(r.max_files, 1);
        let ct = |s| ContentType::parse(s).unwrap();
        assert!(r.accepts(&ct("image/png")));
        assert!(r.accepts(&ct("application/pdf")));
        assert!(!r.accepts(&ct("application/pdfx")));
        assert!(!r.accepts(&ct("imagex/png")));
        assert!(
            !r.accepts(&ct("image/svg+xml")),
            "a wildcard never admits an active type"
        );
        assert!(valid_name("avatar"));
        assert!(valid_name("a-b_c9"));
        assert!(!valid_name("Avatar"));
        assert!(!valid_name("9a"));
        assert!(!valid_name(""));
        let bad: RouteRules =
            serde_json::from_value(json!({"content_types": ["not a type"], "max_file_size": 10})).unwrap();
        assert_eq!(bad.validate().unwrap_err().0, "content_types");
    }
}
