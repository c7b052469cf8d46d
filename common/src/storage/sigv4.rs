//! Presigned PUTs signed here with `aws-sigv4` — the signer the SDK itself calls — instead of
//! through the SDK's per-request machinery (its orchestrator, interceptors, endpoint rules and
//! identity cache run for every presign, though only the signature changes between two of the
//! same bucket). The endpoint is still the SDK's: its own rules resolve it once per bucket, and
//! a bucket whose endpoint does not sign plainly with SigV4 for `s3` in the client's region
//! (S3 Express, access points, …) keeps the SDK path. Tests check that both paths produce the
//! same URL, byte for byte, for path-style, virtual-hosted and AWS endpoints.

use std::borrow::Cow;
use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use aws_sdk_s3::config::Credentials;
use aws_sdk_s3::config::endpoint::{DefaultResolver, Params, ResolveEndpoint as _};
use aws_sigv4::http_request::{
    PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation, SigningSettings, UriPathNormalizationMode,
    sign,
};
use aws_sigv4::sign::v4;
use futures::FutureExt as _;

use super::{BucketAccess, PresignedRequest, StorageError, encode_copy_source};

/// Signs presigned PUTs of one bucket.
#[derive(Clone, Debug)]
pub(super) struct PutSigner {
    /// The bucket's URL up to and including the `/` before the key, e.g.
    /// `http://127.0.0.1:8333/media/` or `https://media.s3.eu-west-1.amazonaws.com/`.
    base: String,
    region: String,
    credentials: Credentials,
}

impl PutSigner {
    /// `None` when the SDK's rules give this bucket an endpoint that is not plain SigV4 for `s3`
    /// in the configured region, or no endpoint at all: such buckets presign through the SDK.
    pub(super) fn new(access: &BucketAccess, credentials: Credentials) -> Option<Self> {
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
        let url = endpoint.url().trim_end_matches('/');
        Some(Self {
            base: format!("{url}/"),
            region: access.region.clone(),
            credentials,
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
        let url = format!("{}{}?x-id=PutObject", self.base, encode_copy_source(key));
        let length = size.to_string();
        let headers = [("content-type", content_type), ("content-length", length.as_str())];
        let mut settings = SigningSettings::default();
        settings.signature_location = SignatureLocation::QueryParams;
        settings.expires_in = Some(ttl);
        // S3's rules: keys are encoded once and their paths never normalized.
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
        let identity = self.credentials.clone().into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name("s3")
            .time(now)
            .settings(settings)
            .build()
            .map_err(|e| StorageError::Other(Box::new(e)))?
            .into();
        let request = SignableRequest::new(
            "PUT",
            Cow::Borrowed(url.as_str()),
            headers.into_iter(),
            SignableBody::UnsignedPayload,
        )
        .map_err(|e| StorageError::Other(Box::new(e)))?;
        let (instructions, _) = sign(request, &params)
            .map_err(|e| StorageError::Other(Box::new(e)))?
            .into_parts();
        let mut url = url;
        for (name, value) in instructions.params() {
            url.push('&');
            url.push_str(name);
            url.push('=');
            url.extend(percent_encoding::utf8_percent_encode(value, QUERY_VALUE));
        }
        let expires_at = chrono::DateTime::<chrono::Utc>::from(now)
            + chrono::Duration::from_std(ttl).unwrap_or_else(|_| chrono::Duration::minutes(15));
        Ok(PresignedRequest {
            method: "PUT".to_owned(),
            url,
            headers: HashMap::from(headers.map(|(k, v)| (k.to_owned(), v.to_owned()))),
            expires_at,
        })
    }
}

/// What a query value keeps unencoded: RFC 3986's unreserved characters, as the SDK does.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
