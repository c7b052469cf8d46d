//! The audit log's vocabulary: who acted ([`Actor`]), from where ([`RequestContext`]), and what
//! happened ([`Event`]). Every management mutation writes one [`Event`] in the same transaction
//! as its change (`db::audit::record`), so a change without its record cannot commit. Events
//! carry names and ids, never secrets: key tokens, passwords, session tokens and bucket
//! credentials have no field to go in.

use serde::Serialize;
use serde_json::Value;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};
use std::fmt;
use std::str::FromStr;

use crate::domain::lifecycle::{UnknownVariant, text_enum};
use crate::domain::{ApiKeyId, OrgId, ProjectId, TeamId, UserId};

text_enum! {
    /// What kind of caller acted.
    ActorKind, "actor type" {
        /// A signed-in person.
        User => "user",
        /// An API key.
        ApiKey => "api_key",
        /// Carcosa itself (retention prune, first-run setup).
        System => "system",
        /// An operator at `carcosa admin`.
        Cli => "cli",
    }
}

text_enum! {
    /// How the attempt ended.
    Outcome, "audit outcome" {
        /// The change was made.
        Success => "success",
        /// Refused: missing permission, rate limited, bad credentials.
        Denied => "denied",
        /// Failed for another reason.
        Error => "error",
    }
}

/// Who acted: kind, id and a human label (email, key name and prefix, `carcosa admin`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Actor {
    /// Kind.
    pub kind: ActorKind,
    /// User id, key id, or a fixed name for system actors.
    pub id: String,
    /// What a person reading the log recognizes.
    pub label: String,
}

impl Actor {
    /// A signed-in user.
    pub fn user(id: UserId, email: &str) -> Self {
        Self {
            kind: ActorKind::User,
            id: id.to_string(),
            label: email.to_owned(),
        }
    }

    /// An API key (labelled with its name and public prefix, never its secret).
    pub fn api_key(id: ApiKeyId, label: &str) -> Self {
        Self {
            kind: ActorKind::ApiKey,
            id: id.to_string(),
            label: label.to_owned(),
        }
    }

    /// An operator at the admin CLI.
    pub fn cli() -> Self {
        Self {
            kind: ActorKind::Cli,
            id: "carcosa-admin".into(),
            label: "carcosa admin".into(),
        }
    }

    /// Carcosa itself.
    pub fn system(what: &str) -> Self {
        Self {
            kind: ActorKind::System,
            id: what.to_owned(),
            label: what.to_owned(),
        }
    }

    /// Someone not signed in (a failed login names the email tried in the event's target).
    pub fn anonymous() -> Self {
        Self {
            kind: ActorKind::User,
            id: "anonymous".into(),
            label: "anonymous".into(),
        }
    }
}

/// Where the request came from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RequestContext {
    /// Client address.
    pub ip: Option<String>,
    /// Client user agent (truncated).
    pub user_agent: Option<String>,
    /// The request's `x-request-id`.
    pub request_id: Option<String>,
}

/// One thing that happened.
#[derive(Debug, Clone)]
pub struct Event {
    /// Organization scope (none for account events such as a login).
    pub org: Option<OrgId>,
    /// Team scope.
    pub team: Option<TeamId>,
    /// Project scope.
    pub project: Option<ProjectId>,
    /// Dotted action, e.g. `api_key.created`.
    pub action: &'static str,
    /// What kind of thing was acted on (`api_key`, `project`, `user`, …).
    pub target_type: &'static str,
    /// Its id.
    pub target_id: String,
    /// Its name, if it has one.
    pub target_name: Option<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// `{"before": …, "after": …}` where a setting changed.
    pub diff: Option<Value>,
    /// Anything else worth keeping (never a secret).
    pub metadata: Value,
}

impl Event {
    /// A successful action on a target.
    pub fn new(action: &'static str, target_type: &'static str, target_id: impl ToString) -> Self {
        Self {
            org: None,
            team: None,
            project: None,
            action,
            target_type,
            target_id: target_id.to_string(),
            target_name: None,
            outcome: Outcome::Success,
            diff: None,
            metadata: Value::Object(Default::default()),
        }
    }

    /// In an organization.
    pub fn org(mut self, org: OrgId) -> Self {
        self.org = Some(org);
        self
    }

    /// In a team (of an organization).
    pub fn team(mut self, org: OrgId, team: TeamId) -> Self {
        self.org = Some(org);
        self.team = Some(team);
        self
    }

    /// In a project (of a team of an organization).
    pub fn project(mut self, org: OrgId, team: TeamId, project: ProjectId) -> Self {
        self.org = Some(org);
        self.team = Some(team);
        self.project = Some(project);
        self
    }

    /// Names the target.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.target_name = Some(name.into());
        self
    }

    /// Sets the outcome.
    pub fn outcome(mut self, outcome: Outcome) -> Self {
        self.outcome = outcome;
        self
    }

    /// Records a before/after pair (only when they differ).
    pub fn diff(mut self, before: impl Serialize, after: impl Serialize) -> Self {
        let (b, a) = (
            serde_json::to_value(before).unwrap_or_default(),
            serde_json::to_value(after).unwrap_or_default(),
        );
        if b != a {
            self.diff = Some(serde_json::json!({"before": b, "after": a}));
        }
        self
    }

    /// Adds a metadata field.
    pub fn with(mut self, key: &str, value: impl Serialize) -> Self {
        if let Value::Object(map) = &mut self.metadata {
            map.insert(key.to_owned(), serde_json::to_value(value).unwrap_or_default());
        }
        self
    }
}
