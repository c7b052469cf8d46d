//! Browser sessions. Looked up by the SHA-256 of the cookie's token; a session is live while it
//! is not revoked, not past its absolute expiry, and was seen within the idle window.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::{SessionId, UserId};

/// A live session with its user, as the request path needs it.
#[derive(Debug, Clone)]
pub struct LiveSession {
    /// Session id.
    pub id: SessionId,
    /// Its user.
    pub user_id: UserId,
    /// The user's email (audit labels).
    pub email: String,
    /// Last use (the idle clock).
    pub last_seen_at: DateTime<Utc>,
}

/// A session as `GET /v1/auth/sessions` lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SessionSummary {
    /// Id.
    pub id: SessionId,
    /// Sign-in time.
    pub created_at: DateTime<Utc>,
    /// Last use.
    pub last_seen_at: DateTime<Utc>,
    /// Absolute expiry.
    pub expires_at: DateTime<Utc>,
    /// Address it signed in from.
    pub ip: Option<String>,
    /// Browser it signed in from.
    pub user_agent: Option<String>,
}

/// A new session's fields.
#[derive(Debug)]
pub struct NewSession<'a> {
    /// Its user.
    pub user: UserId,
    /// SHA-256 of the cookie token.
    pub token_hash: &'a [u8],
    /// Absolute expiry.
    pub expires_at: DateTime<Utc>,
    /// Client address.
    pub ip: Option<&'a str>,
    /// Client user agent (truncated by the caller).
    pub user_agent: Option<&'a str>,
}

/// Inserts a session.
pub async fn insert(db: impl PgExecutor<'_>, s: &NewSession<'_>) -> sqlx::Result<SessionId> {
    let id = SessionId::new();
    sqlx::query!(
        r#"INSERT INTO sessions (id, user_id, token_hash, expires_at, ip, user_agent)
           VALUES ($1, $2, $3, $4, $5::text::inet, $6)"#,
        id.0,
        s.user.0,
        s.token_hash,
        s.expires_at,
        s.ip,
        s.user_agent
    )
    .execute(db)
    .await?;
    Ok(id)
}

/// The live session whose token hashes to `token_hash`, if any (`idle_secs`: the idle window).
pub async fn find_live(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
    idle_secs: i64,
) -> sqlx::Result<Option<LiveSession>> {
    sqlx::query_as!(
        LiveSession,
        r#"SELECT s.id AS "id: SessionId", s.user_id AS "user_id: UserId", u.email, s.last_seen_at
           FROM sessions s JOIN users u ON u.id = s.user_id
           WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
             AND s.last_seen_at > now() - make_interval(secs => $2)"#,
        token_hash,
        idle_secs as f64
    )
    .fetch_optional(db)
    .await
}

/// A live session by id, with its absolute expiry (realtime tokens the dashboard minted name
/// their session; the socket lives no longer than it).
pub async fn live_by_id(
    db: impl PgExecutor<'_>,
    id: SessionId,
    idle_secs: i64,
) -> sqlx::Result<Option<(UserId, DateTime<Utc>)>> {
    let row = sqlx::query!(
        r#"SELECT user_id AS "user_id: UserId", expires_at FROM sessions
           WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()
             AND last_seen_at > now() - make_interval(secs => $2)"#,
        id.0,
        idle_secs as f64
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.user_id, r.expires_at)))
}

/// Records a use (the caller skips it when the stored time is recent).
pub async fn touch(db: impl PgExecutor<'_>, id: SessionId) -> sqlx::Result<()> {
    sqlx::query!("UPDATE sessions SET last_seen_at = now() WHERE id = $1", id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// A user's live sessions, newest first.
pub async fn list(db: impl PgExecutor<'_>, user: UserId) -> sqlx::Result<Vec<SessionSummary>> {
    sqlx::query_as!(
        SessionSummary,
        r#"SELECT id AS "id: SessionId", created_at, last_seen_at, expires_at, host(ip) AS ip, user_agent
           FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
           ORDER BY created_at DESC"#,
        user.0
    )
    .fetch_all(db)
    .await
}

/// Revokes one of a user's sessions; false if it is not theirs or already ended.
pub async fn revoke(db: impl PgExecutor<'_>, user: UserId, id: SessionId) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
        id.0,
        user.0
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Revokes every session of a user except `keep` (after a password change or reset).
pub async fn revoke_all(db: impl PgExecutor<'_>, user: UserId, keep: Option<SessionId>) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2",
        user.0,
        keep.map(|k| k.0)
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
