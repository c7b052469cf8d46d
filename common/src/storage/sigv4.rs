//! Presigned PUTs signed here, by SigV4's published algorithm (query-string authentication,
//! `UNSIGNED-PAYLOAD`), instead of through the SDK's per-request machinery: its orchestrator,
//! interceptors, endpoint rules and identity cache run for every presign, and even the
//! `aws-sigv4` crate alone spent ~13 % of the API's CPU under a presign load (perf), most of it
//! building and formatting intermediate strings, when only the date and the key change between
//! two presigns of one bucket. The endpoint is still the SDK's: its own rules resolve it once per
//! bucket, and a bucket whose endpoint does not sign plainly with SigV4 for `s3` in the client's
//! region (S3 Express, access points, …) keeps the SDK path. Tests check that both paths produce
//! the same URL and headers, byte for byte, for path-style, virtual-hosted and AWS endpoints.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use aws_sdk_s3::config::endpoint::{DefaultResolver, Params, ResolveEndpoint as _};
use chrono::{DateTime, Datelike as _, Timelike as _, Utc};
use futures::FutureExt as _;
use hmac::{Hmac, Mac as _};
use secrecy::{ExposeSecret as _, SecretString};
use sha2::{Digest as _, Sha256};

use crate::crypto::hex;

use super::{BucketAccess, PresignedRequest, StorageError, push_key_encoded};

/// Signs presigned PUTs of one bucket.
#[derive(Clone, Debug)]
pub(super) struct PutSigner {
    /// The bucket's URL up to and including the `/` before the key, e.g.
    /// `http://127.0.0.1:8333/media/` or `https://media.s3.eu-west-1.amazonaws.com/`.
    base: String,
    /// The path part of `base` (`/media/`, `/`): the canonical URI's start.
    base_path: String,
    /// The `host` header the client will send: the host, and the port unless it is the scheme's.
    host: String,
    region: String,
    access_key: String,
    secret_key: SecretString,
}

impl PutSigner {
    /// `None` when the SDK's rules give this bucket an endpoint that is not plain SigV4 for `s3`
    /// in the configured region, or no endpoint at all: such buckets presign through the SDK.
    pub(super) fn new(access: &BucketAccess) -> Option<Self> {
        let mut params = Params::builder()
            .bucket(&access.bucket_name)
            .region(&access.region)
            .force_path_style(access.force_path_style)
            .use_fips(false)
            .use_dual_stack(false)
            .accelerate(false)
            .use_global_endpoint(false)
            .disable_multi_region_access_points(false);
        if let Some(endpoint) = &access.endpoint {
            params = params.endpoint(endpoint);
        }
        let params = params.build().ok()?;
        // The default rules are computed, never fetched: the future is ready at once.
        let endpoint = DefaultResolver::new().resolve_endpoint(&params).now_or_never()?.ok()?;
        let scheme = endpoint.auth_schemes().first()?;
        let plain_sigv4 = scheme.name() == "sigv4"
            && endpoint.auth_schemes().len() == 1
            && endpoint.headers().next().is_none()
            && scheme.get("signingName")?.as_string()? == "s3"
            && scheme.get("signingRegion")?.as_string()? == access.region
            && scheme.get("disableDoubleEncoding")?.as_bool()?;
        if !plain_sigv4 || endpoint.url().contains('?') {
            return None;
        }
        let base = format!("{}/", endpoint.url().trim_end_matches('/'));
        let (scheme, rest) = base.split_once("://")?;
        let slash = rest.find('/')?;
        let (authority, base_path) = rest.split_at(slash);
        if authority.contains('@') {
            return None;
        }
        let host = match authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => match (scheme, port) {
                ("http", "80") | ("https", "443") => host.to_owned(),
                _ => authority.to_owned(),
            },
            _ => authority.to_owned(),
        };
        Some(Self {
            base_path: base_path.to_owned(),
            base: base.clone(),
            host,
            region: access.region.clone(),
            access_key: access.access_key.expose_secret().to_owned(),
            secret_key: access.secret_key.clone(),
        })
    }

    /// A presigned PUT that binds the key, the exact content type and the exact length, signed
    /// at `now` — what the SDK's `put_object().presigned()` returns for the same inputs.
    pub(super) fn presign_put(
        &self,
        key: &str,
        content_type: &str,
        size: i64,
        ttl: Duration,
        now: SystemTime,
    ) -> Result<PresignedRequest, StorageError> {
        let at = DateTime::<Utc>::from(now);
        let mut stamp = String::with_capacity(16);
        let _ = write!(
            stamp,
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        );
        let date = &stamp[..8];
        let scope = format!("{date}/{}/s3/aws4_request", self.region);
        let mut encoded_key = String::with_capacity(key.len() + 16);
        push_key_encoded(&mut encoded_key, key);

        // The query, in the canonical (byte-sorted) order the signature covers; the URL lists
        // `x-id` first, as the SDK does.
        let mut query = String::with_capacity(256);
        query.push_str("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=");
        push_query_encoded(&mut query, &self.access_key);
        query.push_str("%2F");
        push_query_encoded(&mut query, &scope);
        let _ = write!(
            query,
            "&X-Amz-Date={stamp}&X-Amz-Expires={}&X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost",
            ttl.as_secs()
        );
        let mut canonical = String::with_capacity(512);
        let _ = write!(
            canonical,
            "PUT\n{}{encoded_key}\n{query}&x-id=PutObject\ncontent-length:{size}\ncontent-type:",
            self.base_path
        );
        push_header_value(&mut canonical, content_type);
        let _ = write!(
            canonical,
            "\nhost:{}\n\ncontent-length;content-type;host\nUNSIGNED-PAYLOAD",
            self.host
        );
        let to_sign = format!(
            "AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{}",
            hex(&Sha256::digest(canonical.as_bytes()))
        );
        let secret = format!("AWS4{}", self.secret_key.expose_secret());
        let mut signing_key = hmac(secret.as_bytes(), date.as_bytes());
        for part in [self.region.as_str(), "s3", "aws4_request"] {
            signing_key = hmac(&signing_key, part.as_bytes());
        }
        let signature = hex(&hmac(&signing_key, to_sign.as_bytes()));

        let url = format!(
            "{}{encoded_key}?x-id=PutObject&{query}&X-Amz-Signature={signature}",
            self.base
        );
        let expires_at = at + chrono::Duration::from_std(ttl).unwrap_or_else(|_| chrono::Duration::minutes(15));
        Ok(PresignedRequest {
            method: "PUT".to_owned(),
            url,
            headers: HashMap::from([
                ("content-type".to_owned(), content_type.to_owned()),
                ("content-length".to_owned(), size.to_string()),
            ]),
            expires_at,
        })
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256>>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// A query name or value as SigV4 encodes it: RFC 3986's unreserved characters kept, every
/// other byte as `%XX`.
fn push_query_encoded(out: &mut String, value: &str) {
    out.extend(percent_encoding::utf8_percent_encode(value, QUERY_VALUE));
}

/// A header value as SigV4 canonicalizes it: trimmed, runs of spaces as one.
fn push_header_value(out: &mut String, value: &str) {
    let mut words = value.split(' ').filter(|w| !w.is_empty());
    if let Some(first) = words.next() {
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
}

/// What a query value keeps unencoded: RFC 3986's unreserved characters, as the SDK does.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
