//! Passwords: the policy a new password must meet and Argon2id hashing with the `argon2` crate's
//! defaults (Argon2id, 19 MiB, 2 passes, 1 lane — OWASP's minimum for Argon2id). Hashing is
//! deliberately slow (tens of milliseconds of one core), so callers run it off the async runtime
//! and bound how many run at once.
//!
//! A login for an unknown email verifies against [`dummy_hash`] so it costs the same as one for
//! a known email: timing does not say which emails have accounts.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Shortest accepted password, in characters.
pub const MIN_LENGTH: usize = 10;
/// Longest accepted password, in bytes (hashing cost grows with length; nobody types more).
pub const MAX_BYTES: usize = 256;

/// Passwords too common to accept whatever their length (the start of the usual breach lists,
/// those at least [`MIN_LENGTH`] long).
const COMMON: &[&str] = &[
    "1234567890",
    "12345678910",
    "123456789a",
    "1q2w3e4r5t",
    "1qaz2wsx3edc",
    "0987654321",
    "1111111111",
    "0123456789",
    "qwertyuiop",
    "password1",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "iloveyou12",
    "princess12",
    "football12",
    "sunshine12",
    "qwerty1234",
    "qwerty12345",
    "abcdefghij",
    "abc1234567",
    "abcd123456",
    "letmein123",
    "welcome123",
    "welcome1234",
    "administrator",
    "admin12345",
    "admin123456",
    "changeme123",
    "trustno1234",
    "monkey12345",
    "dragon12345",
    "baseball12",
    "superman12",
    "michael123",
    "1234qwerty",
    "zaq12wsxcde",
    "asdfghjkl1",
    "asdfghjkl;",
    "qazwsxedc1",
    "9876543210",
    "aaaaaaaaaa",
    "passwordpassword",
    "carcosa123",
    "carcosa1234",
];

/// Why a new password was refused (the message is shown to the user).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WeakPassword {
    /// Under [`MIN_LENGTH`] characters.
    #[error("the password must be at least {MIN_LENGTH} characters long")]
    TooShort,
    /// Over [`MAX_BYTES`] bytes.
    #[error("the password must be at most {MAX_BYTES} bytes long")]
    TooLong,
    /// On the common-password list, or the email address itself.
    #[error("this password is too common or too easy to guess; choose another")]
    Common,
}

/// Checks a new password against the policy. `email` is refused as a password too.
pub fn check_policy(password: &str, email: &str) -> Result<(), WeakPassword> {
    if password.len() > MAX_BYTES {
        return Err(WeakPassword::TooLong);
    }
    if password.chars().count() < MIN_LENGTH {
        return Err(WeakPassword::TooShort);
    }
    let lower = password.to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    if COMMON.contains(&lower.as_str()) || lower == email || lower == local || single_repeated(&lower) {
        return Err(WeakPassword::Common);
    }
    Ok(())
}

fn single_repeated(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|first| chars.all(|c| c == first))
}

/// Hashing failed (only on a broken random source or absurd input).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). Slow: call it off
/// the async runtime.
pub fn hash(password: &str) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// True when `password` matches the stored PHC string; false for a mismatch or an unreadable
/// hash. Slow, like [`hash`].
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
}

/// A hash of a random password, made once per process, that unknown-email logins verify
/// against so they take as long as real ones.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let random: [u8; 16] = rand::random();
        let password: String = random.iter().map(|b| format!("{b:02x}")).collect();
        hash(&password).unwrap_or_default()
    })
}

/// Runs hashing off the async runtime, at most `max` at once per process (each needs ~19 MiB and
/// tens of milliseconds of a core; unbounded, a burst of logins would starve everything else).
#[derive(Debug, Clone)]
pub struct Hasher {
    slots: std::sync::Arc<tokio::sync::Semaphore>,
}

impl Hasher {
    /// A hasher running at most `max` hashes at once.
    pub fn new(max: usize) -> Self {
        Self {
            slots: std::sync::Arc::new(tokio::sync::Semaphore::new(max.max(1))),
        }
    }

    /// [`hash`], off the runtime.
    pub async fn hash(&self, password: &str) -> Result<String, HashError> {
        let password = password.to_owned();
        self.run(move || hash(&password)).await?
    }

    /// [`verify`] against `stored`, or against [`dummy_hash`] when there is nothing stored (so
    /// the answer takes as long either way).
    pub async fn verify(&self, password: &str, stored: Option<String>) -> Result<bool, HashError> {
        let password = password.to_owned();
        self.run(move || match stored {
            Some(stored) => verify(&password, &stored),
            None => {
                verify(&password, dummy_hash());
                false
            }
        })
        .await
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        let _slot = self.slots.acquire().await.map_err(|e| HashError(e.to_string()))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| HashError(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_refuses_short_common_and_email() {
        assert_eq!(check_policy("short", "a@b.c"), Err(WeakPassword::TooShort));
        assert_eq!(check_policy("Password123", "a@b.c"), Err(WeakPassword::Common));
        assert_eq!(check_policy("zzzzzzzzzzzz", "a@b.c"), Err(WeakPassword::Common));
        assert_eq!(
            check_policy("alice@example.com", "alice@example.com"),
            Err(WeakPassword::Common)
        );
        assert_eq!(check_policy(&"x".repeat(300), "a@b.c"), Err(WeakPassword::TooLong));
        assert_eq!(check_policy("correct horse battery", "a@b.c"), Ok(()));
    }

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse battery!", &h));
        assert!(!verify("anything", "not a hash"));
        assert!(!verify("anything", dummy_hash()));
    }
}
