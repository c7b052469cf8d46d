//! The object-key layout: `{org}/{team}/{project}/{tenant|_}/{upload}/{sanitized filename}`.

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
    }
}
