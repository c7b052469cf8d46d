//! The object-key layout, built only here:
//!
//! * `{org}/{team}/{project}/{tenant|_}/{upload}/{sanitized filename}` — the verified file;
//! * `…/{upload}/_incoming/{sanitized filename}` — the staging key, the only key a presigned PUT
//!   ever targets (the worker copies a verified object from it to the file's key);
//! * `…/{upload}/_v/{canonical transform}` — variants.

use crate::domain::{OrgId, ProjectId, SafeFilename, TeamId, TenantId, UploadId};

/// The ids that place an object in the key layout.
#[derive(Debug, Clone, Copy)]
pub struct KeyScope {
    /// Owning organization.
    pub org: OrgId,
    /// Owning team.
    pub team: TeamId,
    /// Owning project.
    pub project: ProjectId,
    /// Tenant, if the upload has one.
    pub tenant: Option<TenantId>,
}

/// `{org}/{team}/{project}/{tenant|_}/{upload}/{sanitized filename}` — the only way an upload's
/// object key is built. Every segment is an id or a [`SafeFilename`] key segment.
pub fn upload_key(scope: KeyScope, upload: UploadId, filename: &SafeFilename) -> String {
    format!("{}{}", upload_prefix(scope, upload), filename.key_segment())
}

/// The staging key of an upload: `…/{upload}/_incoming/{sanitized filename}`. The final key is
/// never signed for PUT, so no URL a client held can overwrite a verified file.
pub fn staging_key(scope: KeyScope, upload: UploadId, filename: &SafeFilename) -> String {
    format!("{}_incoming/{}", upload_prefix(scope, upload), filename.key_segment())
}

/// The prefix of the upload an object key (file or variant) belongs to (ends in `/`).
pub fn prefix_of(object_key: &str) -> &str {
    let Some((dir, _)) = object_key.rsplit_once('/') else {
        return "";
    };
    let dir = dir
        .strip_suffix("/_v")
        .or_else(|| dir.strip_suffix("/_incoming"))
        .unwrap_or(dir);
    // `dir` is a prefix of `object_key` followed by '/', so this slice ends on that '/'.
    object_key.get(..=dir.len()).unwrap_or("")
}

/// Where a variant of the file at `object_key` is stored: `…/{upload}/_v/{canonical}`.
pub fn variant_key(object_key: &str, canonical: &str) -> String {
    format!("{}_v/{canonical}", prefix_of(object_key))
}

/// The prefix under which an upload's object and its variants live (ends in `/`).
pub fn upload_prefix(scope: KeyScope, upload: UploadId) -> String {
    let tenant = scope.tenant.map_or_else(|| "_".to_owned(), |t| t.to_string());
    format!("{}/{}/{}/{}/{}/", scope.org, scope.team, scope.project, tenant, upload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_built_from_ids_and_safe_segments() {
        let scope = KeyScope {
            org: OrgId::new(),
            team: TeamId::new(),
            project: ProjectId::new(),
            tenant: None,
        };
        let upload = UploadId::new();
        let key = upload_key(scope, upload, &SafeFilename::parse("a b.png").unwrap());
        assert_eq!(
            key,
            format!("{}/{}/{}/_/{upload}/a_b.png", scope.org, scope.team, scope.project)
        );
        assert!(!key.contains("//") && !key.split('/').any(|s| s == "." || s == ".."));
        let prefix = upload_prefix(scope, upload);
        assert_eq!(prefix_of(&key), prefix);
        let staging = staging_key(scope, upload, &SafeFilename::parse("a b.png").unwrap());
        assert_eq!(staging, format!("{prefix}_incoming/a_b.png"));
        assert_eq!(prefix_of(&staging), prefix);
        let variant = variant_key(&key, "w10-inside-q80.webp");
        assert_eq!(variant, format!("{prefix}_v/w10-inside-q80.webp"));
        assert_eq!(prefix_of(&variant), prefix);
    }
}
