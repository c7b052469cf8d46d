//! Sealing of bucket credentials and hashing of API keys.
//!
//! Sealed blob layout (version 1): `[1][key id length][key id][24-byte nonce][ciphertext + tag]`.
//! The associated data is the bucket id and the field name, so a ciphertext copied to another
//! bucket row — or from the access-key column to the secret column — fails to open.
//!
//! API keys look like `ck_<prefix>_<secret>`. The prefix is public (it finds the row and is shown
//! in listings); only a SHA-256 of the whole token is stored. SHA-256 rather than a password hash
//! is deliberate: the secret is 40 random alphanumerics (≈238 bits), so brute force is not the
//! threat a slow hash defends against, and every request verifies a key.

use std::collections::HashMap;

use chacha20poly1305::aead::{Aead, Generate as _, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::Rng as _;
use rand::distr::Alphanumeric;
use secrecy::{ExposeSecret as _, SecretString};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;
use uuid::Uuid;

const SEAL_VERSION: u8 = 1;
const NONCE_LEN: usize = 24;

/// Seals and opens secrets with XChaCha20-Poly1305 under named keys.
pub struct Sealer {
    active_id: String,
    keys: HashMap<String, XChaCha20Poly1305>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer")
            .field("active_id", &self.active_id)
            .finish_non_exhaustive()
    }
}

/// Why a sealed blob could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The blob is not in a format this version writes.
    #[error("sealed value is malformed")]
    Malformed,
    /// The blob names a key id this process was not given.
    #[error("sealed value uses unknown key id {0:?}")]
    UnknownKey(String),
    /// Wrong key, wrong associated data (another row or column), or tampered bytes.
    #[error("sealed value failed authentication")]
    Authentication,
}

impl Sealer {
    /// A sealer whose active key (used for new seals) is `key` under `key_id`.
    pub fn new(key_id: &str, key: &[u8; 32]) -> Self {
        let mut keys = HashMap::new();
        keys.insert(key_id.to_owned(), XChaCha20Poly1305::new(key.into()));
        Self {
            active_id: key_id.to_owned(),
            keys,
        }
    }

    /// Also opens blobs sealed under `key_id` (a key being rotated out); new seals keep using
    /// the active key.
    pub fn with_previous(mut self, key_id: &str, key: &[u8; 32]) -> Self {
        if key_id != self.active_id {
            self.keys.insert(key_id.to_owned(), XChaCha20Poly1305::new(key.into()));
        }
        self
    }

    /// The id of the key new seals use.
    pub fn active_key_id(&self) -> &str {
        &self.active_id
    }

    /// Seals `plaintext`, binding it to the associated data `aad`.
    pub fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
        let cipher = &self.keys[&self.active_id];
        let nonce = XNonce::generate();
        // Encryption into a Vec cannot fail for inputs this size; the error type exists for
        // buffer-bound variants of the API.
        let sealed = cipher
            .encrypt(&nonce, Payload { msg: plaintext, aad })
            .unwrap_or_default();
        let id = self.active_id.as_bytes();
        let mut out = Vec::with_capacity(2 + id.len() + NONCE_LEN + sealed.len());
        out.push(SEAL_VERSION);
        out.push(id.len() as u8);
        out.extend_from_slice(id);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens a blob made by [`Sealer::seal`] with the same associated data.
    pub fn open(&self, blob: &[u8], aad: &[u8]) -> Result<Vec<u8>, OpenError> {
        let (&version, rest) = blob.split_first().ok_or(OpenError::Malformed)?;
        let (&id_len, rest) = rest.split_first().ok_or(OpenError::Malformed)?;
        if version != SEAL_VERSION || rest.len() < id_len as usize + NONCE_LEN + 16 {
            return Err(OpenError::Malformed);
        }
        let (id, rest) = rest.split_at(id_len as usize);
        let id = std::str::from_utf8(id).map_err(|_| OpenError::Malformed)?;
        let cipher = self.keys.get(id).ok_or_else(|| OpenError::UnknownKey(id.to_owned()))?;
        let (nonce, sealed) = rest.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| OpenError::Malformed)?;
        cipher
            .decrypt(&nonce, Payload { msg: sealed, aad })
            .map_err(|_| OpenError::Authentication)
    }

    /// Seals one bucket credential field.
    pub fn seal_credential(&self, bucket_id: Uuid, field: &str, value: &SecretString) -> Vec<u8> {
        self.seal(value.expose_secret().as_bytes(), &credential_aad(bucket_id, field))
    }

    /// Opens one bucket credential field.
    pub fn open_credential(&self, bucket_id: Uuid, field: &str, blob: &[u8]) -> Result<SecretString, OpenError> {
        let plain = self.open(blob, &credential_aad(bucket_id, field))?;
        let text = String::from_utf8(plain).map_err(|_| OpenError::Malformed)?;
        Ok(SecretString::from(text))
    }
}

fn credential_aad(bucket_id: Uuid, field: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(16 + 1 + field.len());
    aad.extend_from_slice(bucket_id.as_bytes());
    aad.push(b':');
    aad.extend_from_slice(field.as_bytes());
    aad
}

/// Generates a random base64 credentials key, for `carcosa dev` and the admin CLI.
pub fn generate_credentials_key() -> String {
    use base64::Engine as _;
    let key = chacha20poly1305::Key::generate();
    base64::engine::general_purpose::STANDARD.encode(key)
}

/// A freshly minted API key: the token is shown once, the rest is stored.
pub struct NewApiKey {
    /// The full `ck_<prefix>_<secret>` token for the caller.
    pub token: SecretString,
    /// Public part, unique, used to find the row.
    pub prefix: String,
    /// SHA-256 of the whole token.
    pub secret_hash: [u8; 32],
}

const KEY_PREFIX_LEN: usize = 12;
const KEY_SECRET_LEN: usize = 40;

/// Mints a new API key.
pub fn generate_api_key() -> NewApiKey {
    let mut rng = rand::rng();
    let mut random = |n: usize| -> String { (&mut rng).sample_iter(&Alphanumeric).take(n).map(char::from).collect() };
    let prefix = format!("ck_{}", random(KEY_PREFIX_LEN));
    let token = format!("{prefix}_{}", random(KEY_SECRET_LEN));
    let secret_hash = hash_api_key(&token);
    NewApiKey {
        token: SecretString::from(token),
        prefix,
        secret_hash,
    }
}

/// Splits a presented token into its public prefix, or `None` if it is not shaped like a key.
pub fn api_key_prefix(token: &str) -> Option<&str> {
    let rest = token.strip_prefix("ck_")?;
    let (prefix, secret) = rest.split_once('_')?;
    let well_formed = prefix.len() == KEY_PREFIX_LEN
        && secret.len() == KEY_SECRET_LEN
        && prefix.bytes().chain(secret.bytes()).all(|b| b.is_ascii_alphanumeric());
    well_formed.then(|| &token[..3 + KEY_PREFIX_LEN])
}

/// SHA-256 of a whole token.
pub fn hash_api_key(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Compares a presented token with a stored hash in constant time.
pub fn api_key_matches(token: &str, stored_hash: &[u8]) -> bool {
    hash_api_key(token).ct_eq(stored_hash).into()
}

/// A random 256-bit bearer token (session cookies, invitations): `<kind>_<base64url>`, and the
/// SHA-256 that is all the database keeps of it.
pub fn generate_token(kind: &str) -> (SecretString, [u8; 32]) {
    use base64::Engine as _;
    let bytes: [u8; 32] = rand::random();
    let token = format!(
        "{kind}_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    let hash = hash_token(&token);
    (SecretString::from(token), hash)
}

/// SHA-256 of a presented token (what lookups compare; equal hashes mean equal tokens).
pub fn hash_token(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Lowercase hex of `bytes` (digests in SigV4 signatures, asset ETags).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer() -> Sealer {
        Sealer::new("k1", &[7u8; 32])
    }

    #[test]
    fn seal_round_trips_and_binds_aad() {
        let s = sealer();
        let blob = s.seal(b"hunter2", b"bucket-a");
        assert_eq!(s.open(&blob, b"bucket-a").unwrap(), b"hunter2");
        assert!(matches!(s.open(&blob, b"bucket-b"), Err(OpenError::Authentication)));
        assert!(!blob.windows(7).any(|w| w == b"hunter2"));
    }

    #[test]
    fn wrong_key_or_tamper_fails() {
        let blob = sealer().seal(b"x", b"a");
        let other = Sealer::new("k1", &[8u8; 32]);
        assert!(matches!(other.open(&blob, b"a"), Err(OpenError::Authentication)));
        let unknown = Sealer::new("k2", &[7u8; 32]);
        assert!(matches!(unknown.open(&blob, b"a"), Err(OpenError::UnknownKey(_))));
        let mut tampered = blob.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(matches!(sealer().open(&tampered, b"a"), Err(OpenError::Authentication)));
        assert!(matches!(sealer().open(&blob[..10], b"a"), Err(OpenError::Malformed)));
    }

    #[test]
    fn credential_fields_are_not_interchangeable() {
        let s = sealer();
        let id = Uuid::now_v7();
        let blob = s.seal_credential(id, "access_key", &SecretString::from("AKIA"));
        assert_eq!(
            s.open_credential(id, "access_key", &blob).unwrap().expose_secret(),
            "AKIA"
        );
        assert!(s.open_credential(id, "secret_key", &blob).is_err());
    }

    #[test]
    fn api_keys_parse_and_verify() {
        let key = generate_api_key();
        let token = key.token.expose_secret();
        assert!(token.starts_with("ck_"));
        assert_eq!(api_key_prefix(token), Some(key.prefix.as_str()));
        assert!(api_key_matches(token, &key.secret_hash));
        assert!(!api_key_matches(&format!("{token}x"), &key.secret_hash));
        for bad in [
            "",
            "ck_",
            "ck_short_secret",
            "sk_abcdefghijkl_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ] {
            assert_eq!(api_key_prefix(bad), None, "{bad}");
        }
    }
}
