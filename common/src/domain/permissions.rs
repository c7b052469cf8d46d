//! The 17 API-key permissions. `admin` implies every other one.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! permissions {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// One permission an API key can carry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        pub enum Permission {
            $(
                #[doc = $name]
                #[serde(rename = $name)]
                $variant,
            )*
        }

        impl Permission {
            /// Every permission, in documentation order.
            pub const ALL: &'static [Permission] = &[$(Permission::$variant),*];

            /// The wire name, e.g. `files:read`.
            pub fn as_str(self) -> &'static str {
                match self { $(Permission::$variant => $name),* }
            }
        }

        impl FromStr for Permission {
            type Err = UnknownPermission;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($name => Ok(Permission::$variant),)* other => Err(UnknownPermission(other.to_owned())) }
            }
        }
    };
}

permissions! {
    FilesRead => "files:read",
    FilesWrite => "files:write",
    FilesDelete => "files:delete",
    TransformsRead => "transforms:read",
    TransformsWrite => "transforms:write",
    TransformsDelete => "transforms:delete",
    TransformsExecute => "transforms:execute",
    ProjectsRead => "projects:read",
    ProjectsWrite => "projects:write",
    ProjectsDelete => "projects:delete",
    ApiKeysRead => "api-keys:read",
    ApiKeysWrite => "api-keys:write",
    ApiKeysDelete => "api-keys:delete",
    TenantsManage => "tenants:manage",
    UsageRead => "usage:read",
    AuditLogsRead => "audit-logs:read",
    Admin => "admin",
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A permission name that is not one of the 17.
#[derive(Debug, thiserror::Error)]
#[error("unknown permission {0:?}; expected one of: {list}", list = Permission::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "))]
pub struct UnknownPermission(pub String);

/// The permissions an API key carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PermissionSet(Vec<Permission>);

impl PermissionSet {
    /// Builds a set, dropping duplicates.
    pub fn new(perms: impl IntoIterator<Item = Permission>) -> Self {
        let mut v: Vec<Permission> = Vec::new();
        for p in perms {
            if !v.contains(&p) {
                v.push(p);
            }
        }
        Self(v)
    }

    /// Parses stored or user-given names; fails on the first unknown one.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Self, UnknownPermission> {
        names
            .iter()
            .map(|n| n.as_ref().trim().parse())
            .collect::<Result<Vec<_>, _>>()
            .map(Self::new)
    }

    /// True when the set holds `p` or `admin`.
    pub fn allows(&self, p: Permission) -> bool {
        self.0.contains(&Permission::Admin) || self.0.contains(&p)
    }

    /// The permissions in the set (as given; `admin` is not expanded).
    pub fn iter(&self) -> impl Iterator<Item = Permission> + '_ {
        self.0.iter().copied()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The wire names, for storage.
    pub fn names(&self) -> Vec<String> {
        self.0.iter().map(|p| p.as_str().to_owned()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventeen_permissions_round_trip() {
        assert_eq!(Permission::ALL.len(), 17);
        for p in Permission::ALL {
            assert_eq!(p.as_str().parse::<Permission>().unwrap(), *p);
        }
    }

    #[test]
    fn admin_implies_all() {
        let s = PermissionSet::parse(&["admin"]).unwrap();
        assert!(Permission::ALL.iter().all(|p| s.allows(*p)));
        let r = PermissionSet::parse(&["files:read"]).unwrap();
        assert!(r.allows(Permission::FilesRead) && !r.allows(Permission::FilesWrite));
        assert!(PermissionSet::parse(&["files:everything"]).is_err());
    }
}
