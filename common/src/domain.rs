//! Domain values shared by the API and the workers: typed ids, permissions, and validated
//! client input (filenames, content types, upload rules). Anything built from client strings is
//! parsed here first, so the rest of the code only ever sees checked values.

pub mod ids;
pub mod lifecycle;
pub mod permissions;
pub mod quotas;
pub mod roles;
pub mod upload_routes;
pub mod upload_rules;

pub use ids::*;
pub use lifecycle::{FailureReason, UploadStatus};
pub use permissions::{Permission, PermissionSet};
pub use quotas::{QuotaExceeded, Quotas};
pub use roles::{OrgRole, TeamRole};
pub use upload_rules::{ContentType, SafeFilename, UploadRules};
