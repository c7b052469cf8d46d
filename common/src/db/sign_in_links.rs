//! One-time sign-in links (the token's hash, whose account, which organization it owns).

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::domain::OrgId;

/// Records a link.
pub async fn insert(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
    email: &str,
    org: Option<OrgId>,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO sign_in_links (token_hash, email, organization_id, expires_at) VALUES ($1, $2, $3, $4)",
        token_hash,
        email,
        org.map(|o| o.0),
        expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Uses a link up: its email and organization, if it existed, was unused and unexpired (a
/// second use, or a concurrent one, gets `None`).
pub async fn consume(db: impl PgExecutor<'_>, token_hash: &[u8]) -> sqlx::Result<Option<(String, Option<OrgId>)>> {
    let row = sqlx::query!(
        r#"UPDATE sign_in_links SET used_at = now()
           WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
           RETURNING email, organization_id AS "org?: OrgId""#,
        token_hash
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.email, r.org)))
}
