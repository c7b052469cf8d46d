//! What a person may do: organization roles (`owner`, `admin`, `member`, `viewer`) and team roles
//! (`admin`, `member`, `viewer`), each mapped to a set of the same 17 permissions API keys carry.
//! This table is the only place those rules live; the API's extractor reads it for sessions as it
//! reads a key's stored set, and the README's role table is generated from it by a test.
//!
//! A person's permissions on a project are the union of their organization role's set and their
//! role in the project's team. Organization-wide actions (members, invitations, teams, buckets)
//! are authorized on the organization role alone.

use std::fmt;
use std::str::FromStr;

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};

use super::lifecycle::{UnknownVariant, text_enum};
use super::{Permission, PermissionSet};
use Permission::*;

/// What a viewer may do anywhere: read.
const READ: &[Permission] = &[FilesRead, TransformsRead, ProjectsRead, ApiKeysRead, UsageRead];

/// What a team member may do on the team's projects: everything with files, transforms, keys and
/// tenants, but not delete projects or read the audit log.
const MEMBER: &[Permission] = &[
    FilesRead,
    FilesWrite,
    FilesDelete,
    TransformsRead,
    TransformsWrite,
    TransformsDelete,
    TransformsExecute,
    ProjectsRead,
    ProjectsWrite,
    ApiKeysRead,
    ApiKeysWrite,
    ApiKeysDelete,
    TenantsManage,
    UsageRead,
];

text_enum! {
    /// A role in an organization, strongest first.
    OrgRole, "organization role" {
        /// Everything an admin can, plus managing owners and deleting the organization.
        Owner => "owner",
        /// Everything, including members, teams and buckets; cannot remove owners.
        Admin => "admin",
        /// Reads everything in the organization.
        Viewer => "viewer",
        /// Sees the organization and its teams; nothing on projects unless a team role says so.
        Member => "member",
    }
}

text_enum! {
    /// A role in a team, strongest first.
    TeamRole, "team role" {
        /// Everything on the team's projects, its members and its buckets.
        Admin => "admin",
        /// Works on the team's projects (files, transforms, keys, tenants).
        Member => "member",
        /// Reads the team's projects.
        Viewer => "viewer",
    }
}

impl OrgRole {
    /// The permissions this role grants on every project of the organization.
    pub fn permissions(self) -> PermissionSet {
        match self {
            OrgRole::Owner | OrgRole::Admin => PermissionSet::new([Admin]),
            OrgRole::Viewer => PermissionSet::new(READ.iter().copied().chain([AuditLogsRead])),
            OrgRole::Member => PermissionSet::default(),
        }
    }

    /// What this role grants on the organization itself (its members, teams, buckets, audit
    /// log): the project set, plus `projects:read` for everyone — every member sees the
    /// organization's teams and projects by name.
    pub fn org_permissions(self) -> PermissionSet {
        PermissionSet::new(self.permissions().iter().chain([ProjectsRead]))
    }

    /// True for owners and admins: they manage members, teams, buckets and invitations.
    pub fn manages_org(self) -> bool {
        matches!(self, OrgRole::Owner | OrgRole::Admin)
    }
}

impl TeamRole {
    /// The permissions this role grants on the team's projects.
    pub fn permissions(self) -> PermissionSet {
        match self {
            TeamRole::Admin => PermissionSet::new([Admin]),
            TeamRole::Member => PermissionSet::new(MEMBER.iter().copied()),
            TeamRole::Viewer => PermissionSet::new(READ.iter().copied()),
        }
    }
}

/// What a person holds on one project: their organization role and, if they are in the
/// project's team, their team role.
pub fn project_permissions(org: OrgRole, team: Option<TeamRole>) -> PermissionSet {
    let mut all: Vec<Permission> = org.permissions().iter().collect();
    all.extend(team.map(TeamRole::permissions).unwrap_or_default().iter());
    PermissionSet::new(all)
}

/// The role table as Markdown (README section "Roles"), one row per permission.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| permission | org owner | org admin | org viewer | org member | team admin | team member | team viewer |\n|---|---|---|---|---|---|---|---|\n",
    );
    for p in Permission::ALL {
        out.push_str(&format!("| `{p}` |"));
        let org = OrgRole::ALL.iter().map(|r| r.permissions().allows(*p));
        let team = TeamRole::ALL.iter().map(|r| r.permissions().allows(*p));
        for held in org.chain(team) {
            out.push_str(if held { " ✓ |" } else { " |" });
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_nest() {
        for r in OrgRole::ALL {
            assert_eq!(r.as_str().parse::<OrgRole>().unwrap(), *r);
        }
        for r in TeamRole::ALL {
            assert_eq!(r.as_str().parse::<TeamRole>().unwrap(), *r);
        }
        assert!("root".parse::<OrgRole>().is_err());
        // Each team role holds everything the weaker one does.
        for p in Permission::ALL {
            if TeamRole::Viewer.permissions().allows(*p) {
                assert!(TeamRole::Member.permissions().allows(*p), "{p}");
            }
        }
    }

    #[test]
    fn the_readme_shows_this_table() {
        let readme = include_str!("../../../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README.md's role table differs from the code; replace it with:\n{}",
            markdown_table()
        );
    }

    #[test]
    fn a_plain_org_member_needs_a_team_role() {
        let p = project_permissions(OrgRole::Member, None);
        assert!(!p.allows(FilesRead));
        let p = project_permissions(OrgRole::Member, Some(TeamRole::Member));
        assert!(p.allows(FilesWrite) && !p.allows(ProjectsDelete) && !p.allows(AuditLogsRead));
        let p = project_permissions(OrgRole::Viewer, Some(TeamRole::Member));
        assert!(p.allows(FilesWrite) && p.allows(AuditLogsRead));
    }
}
