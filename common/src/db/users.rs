//! People who sign in. Emails are stored lower-case; the password is an Argon2id PHC string
//! (`crate::password`), absent for users made by `carcosa admin` until they set one.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;

use crate::domain::UserId;

/// A user as the API shows it (never the password hash).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct User {
    /// Id.
    pub id: UserId,
    /// Lower-case email, unique.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// What a login needs: the user and their stored hash.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The user.
    pub id: UserId,
    /// PHC string, if a password was ever set.
    pub password_hash: Option<String>,
}

/// Inserts a user.
pub async fn create(
    db: impl PgExecutor<'_>,
    email: &str,
    name: &str,
    password_hash: Option<&str>,
) -> sqlx::Result<User> {
    sqlx::query_as!(
        User,
        r#"INSERT INTO users (id, email, name, password_hash, password_changed_at)
           VALUES ($1, $2, $3, $4, CASE WHEN $4::text IS NULL THEN NULL ELSE now() END)
           RETURNING id AS "id: UserId", email, name, created_at"#,
        UserId::new().0,
        email,
        name,
        password_hash
    )
    .fetch_one(db)
    .await
}

/// How many users exist (the first one to sign up creates the first organization).
pub async fn count(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM users"#)
        .fetch_one(db)
        .await
}

/// A user by id.
pub async fn get(db: impl PgExecutor<'_>, id: UserId) -> sqlx::Result<Option<User>> {
    sqlx::query_as!(
        User,
        r#"SELECT id AS "id: UserId", email, name, created_at FROM users WHERE id = $1"#,
        id.0
    )
    .fetch_optional(db)
    .await
}

/// A user by (lower-case) email.
pub async fn find_by_email(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<User>> {
    sqlx::query_as!(
        User,
        r#"SELECT id AS "id: UserId", email, name, created_at FROM users WHERE email = $1"#,
        email
    )
    .fetch_optional(db)
    .await
}

/// The stored credentials for an email, if such a user exists.
pub async fn credentials(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as!(
        Credentials,
        r#"SELECT id AS "id: UserId", password_hash FROM users WHERE email = $1"#,
        email
    )
    .fetch_optional(db)
    .await
}

/// The stored hash for a user by id.
pub async fn password_hash(db: impl PgExecutor<'_>, id: UserId) -> sqlx::Result<Option<String>> {
    Ok(
        sqlx::query_scalar!("SELECT password_hash FROM users WHERE id = $1", id.0)
            .fetch_optional(db)
            .await?
            .flatten(),
    )
}

/// Replaces a user's password hash.
pub async fn set_password(db: impl PgExecutor<'_>, id: UserId, hash: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1",
        id.0,
        hash
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every user, by email.
pub async fn list(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<User>> {
    sqlx::query_as!(
        User,
        r#"SELECT id AS "id: UserId", email, name, created_at FROM users ORDER BY email"#
    )
    .fetch_all(db)
    .await
}
