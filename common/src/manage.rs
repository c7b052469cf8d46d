//! The management plane's rules, in one place for every client: the HTTP handlers and
//! `carcosa admin` both call these functions, so no rule (last owner, permission ceiling on new
//! keys, sign-up policy, …) exists twice. Each mutation runs in one transaction together with
//! its audit row ([`crate::db::audit::record`]).

pub mod accounts;
pub mod buckets;
pub mod keys;
pub mod orgs;
pub mod projects;
pub mod routes;
pub mod sign_in_links;
pub mod webhooks;

use crate::audit::{Actor, RequestContext};

/// Who is acting and from where; every mutation takes one.
#[derive(Debug, Clone)]
pub struct Acting {
    /// The caller.
    pub actor: Actor,
    /// Their request.
    pub ctx: RequestContext,
}

impl Acting {
    /// Writes `event` as done by this caller (in the caller's transaction, next to the change).
    pub async fn record(&self, db: impl sqlx::PgExecutor<'_>, event: &crate::audit::Event) -> sqlx::Result<()> {
        crate::db::audit::record(db, &self.actor, &self.ctx, event).await
    }

    /// An operator at `carcosa admin`.
    pub fn cli() -> Self {
        Self {
            actor: Actor::cli(),
            ctx: RequestContext::default(),
        }
    }
}

/// Why a management operation was refused. Each variant maps to one HTTP status; codes are
/// stable snake_case strings.
#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    /// 404: no such thing (or not visible to the caller).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// 409: conflicts with current state (`already_exists`, `last_owner`, `has_dependents`, …).
    #[error("{message}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// What to do about it.
        message: String,
    },
    /// 400: input that cannot be accepted.
    #[error("{message}")]
    Invalid {
        /// Stable code.
        code: &'static str,
        /// The field at fault.
        field: Option<&'static str>,
        /// What was wrong.
        message: String,
    },
    /// 403: allowed to see it, not to do this.
    #[error("{message}")]
    Forbidden {
        /// Stable code.
        code: &'static str,
        /// Why.
        message: String,
    },
    /// 500: the database failed.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// 500: hashing failed.
    #[error(transparent)]
    Hash(#[from] crate::password::HashError),
    /// 500: a job could not be queued.
    #[error(transparent)]
    Enqueue(#[from] crate::jobs::EnqueueError),
}

impl ManageError {
    /// A 400 on one field.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            code: "validation_failed",
            field: Some(field),
            message: message.into(),
        }
    }

    /// A 409.
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }
}

/// Maps unique and check violations of an insert to 409/400; other errors pass through.
pub fn constraint(err: sqlx::Error, what: &str) -> ManageError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            ManageError::conflict("already_exists", format!("{what} already exists"))
        }
        sqlx::Error::Database(db) if db.is_check_violation() => ManageError::Invalid {
            code: "validation_failed",
            field: Some("slug"),
            message: format!(
                "{what} is not valid: slugs are 1-63 lowercase letters, digits and '-', starting with a letter or digit"
            ),
        },
        _ => ManageError::Database(err),
    }
}

/// Checks a slug the way the database will (`^[a-z0-9][a-z0-9-]{0,62}$`), for a clear 400 first.
pub fn check_slug(field: &'static str, slug: &str) -> Result<(), ManageError> {
    slug_check(field, slug, b"-", "lowercase letters, digits and '-'")
}

/// A tenant slug: like [`check_slug`], and `_` is allowed too (the tenants table's rule).
pub fn check_tenant_slug(field: &'static str, slug: &str) -> Result<(), ManageError> {
    slug_check(field, slug, b"-_", "lowercase letters, digits, '-' and '_'")
}

fn slug_check(field: &'static str, slug: &str, punctuation: &[u8], allowed: &str) -> Result<(), ManageError> {
    let plain = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let ok = slug.len() <= 63
        && slug.bytes().next().is_some_and(plain)
        && slug.bytes().all(|b| plain(b) || punctuation.contains(&b));
    if ok {
        Ok(())
    } else {
        Err(ManageError::invalid(
            field,
            format!("{slug:?} is not a valid slug: 1-63 {allowed}, starting with a letter or digit"),
        ))
    }
}

/// Checks a display name: 1 to 200 characters, no control characters.
pub fn check_name(field: &'static str, name: &str) -> Result<(), ManageError> {
    let n = name.trim().chars().count();
    if n == 0 || n > 200 || name.chars().any(char::is_control) {
        return Err(ManageError::invalid(
            field,
            "must be 1 to 200 characters without control characters",
        ));
    }
    Ok(())
}
