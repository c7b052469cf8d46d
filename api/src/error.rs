//! The one error type of the API and its one JSON shape:
//! `{"error": {"code": "upload_too_large", "message": "…"}}`. Codes are stable snake_case strings
//! clients can branch on; 5xx bodies are generic and the cause is logged once, here.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use carcosa_common::crypto::OpenError;
use carcosa_common::domain::{Permission, QuotaExceeded};
use carcosa_common::jobs::EnqueueError;
use carcosa_common::storage::StorageError;

use crate::openapi::{ErrorBody, ErrorDetail};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Every way a request can fail.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401: no key, a malformed or unknown key, or a revoked/expired one.
    #[error("{message}")]
    Unauthorized {
        /// `unauthorized`, `api_key_revoked` or `api_key_expired`.
        code: &'static str,
        /// What to fix.
        message: &'static str,
    },
    /// 403: the caller (key or signed-in user) is known but lacks a permission.
    #[error("this request needs the {0} permission, which the caller does not hold")]
    Forbidden(Permission),
    /// 429 `rate_limited` with `Retry-After` and the `RateLimit`/`RateLimit-Policy` fields.
    #[error("too many requests: {message}")]
    RateLimited {
        /// Which limit.
        message: String,
        /// The decision (for the headers).
        decision: crate::limits::Decision,
    },
    /// 404: no such thing in the caller's project (also for other projects' ids).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// 409: the request conflicts with the resource's state.
    #[error("{message}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// What happened.
        message: String,
    },
    /// 400: input that cannot be accepted.
    #[error("{message}")]
    Validation {
        /// Stable code (`validation_failed`, `invalid_filename`, `invalid_json`, …).
        code: &'static str,
        /// The offending field, when there is one.
        field: Option<&'static str>,
        /// What was wrong.
        message: String,
    },
    /// 400 `invalid_metadata`: metadata that breaks the upload route's schema.
    #[error("{message}")]
    InvalidMetadata {
        /// The property at fault (`metadata.caption`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// 413: the declared upload exceeds the project's cap.
    #[error("{message}")]
    PayloadTooLarge {
        /// `upload_too_large` or `payload_too_large`.
        code: &'static str,
        /// Limit and size.
        message: String,
    },
    /// 415: a content type the project (or the endpoint) does not accept.
    #[error("{message}")]
    UnsupportedMediaType {
        /// `content_type_not_allowed` or `unsupported_media_type`.
        code: &'static str,
        /// What is accepted.
        message: String,
    },
    /// 403 with its own code (`signature_required`, `invalid_signature`).
    #[error("{message}")]
    Denied {
        /// Stable code.
        code: &'static str,
        /// What to fix.
        message: String,
    },
    /// 422: well-formed, but the target cannot be processed (`not_transformable`, or the image
    /// pipeline's refusal: `corrupt_image`, `image_too_large`, …).
    #[error("{message}")]
    Unprocessable {
        /// Stable code.
        code: String,
        /// What happened.
        message: String,
    },
    /// 503 with `Retry-After`: the work is under way or the queue is backed up.
    #[error("{message}")]
    TryLater {
        /// Stable code (`transform_pending`).
        code: &'static str,
        /// What happened.
        message: String,
        /// Seconds the client should wait.
        retry_after_secs: u64,
    },
    /// 403 `quota_exceeded`: the project's storage or transform quota is used up. The body also
    /// names the `quota`, its `limit` and what is `used`.
    #[error(transparent)]
    QuotaExceeded(#[from] QuotaExceeded),
    /// 503: a dependency is down (readiness).
    #[error("service unavailable")]
    Unavailable,
    /// 500: logged with its cause, answered generically.
    #[error("internal error")]
    Internal(#[source] BoxError),
}

impl ApiError {
    /// A 400 `validation_failed` for one field.
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Self::Validation {
            code: "validation_failed",
            field: Some(field),
            message: message.into(),
        }
    }

    /// The HTTP status and stable code.
    pub fn status_and_code(&self) -> (StatusCode, &str) {
        match self {
            Self::Denied { code, .. } => (StatusCode::FORBIDDEN, code),
            Self::Unprocessable { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, code),
            Self::TryLater { code, .. } => (StatusCode::SERVICE_UNAVAILABLE, code),
            Self::Unauthorized { code, .. } => (StatusCode::UNAUTHORIZED, code),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            Self::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            Self::Conflict { code, .. } => (StatusCode::CONFLICT, code),
            Self::Validation { code, .. } => (StatusCode::BAD_REQUEST, code),
            Self::InvalidMetadata { .. } => (StatusCode::BAD_REQUEST, "invalid_metadata"),
            Self::PayloadTooLarge { code, .. } => (StatusCode::PAYLOAD_TOO_LARGE, code),
            Self::UnsupportedMediaType { code, .. } => (StatusCode::UNSUPPORTED_MEDIA_TYPE, code),
            Self::QuotaExceeded(_) => (StatusCode::FORBIDDEN, "quota_exceeded"),
            Self::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let Self::Internal(cause) = &self {
            tracing::error!(error = %error_chain(&**cause), "request failed");
        }
        let mut detail = ErrorDetail {
            code: code.to_owned(),
            message: self.to_string(),
            field: None,
            quota: None,
            limit: None,
            used: None,
        };
        match &self {
            Self::Validation { field: Some(field), .. } => detail.field = Some((*field).to_owned()),
            Self::InvalidMetadata { field, .. } => detail.field = Some(field.clone()),
            _ => {}
        }
        if let Self::QuotaExceeded(q) = &self {
            let (quota, limit, used) = match *q {
                QuotaExceeded::StoredBytes { limit, used, .. } => ("max_stored_bytes", limit, used),
                QuotaExceeded::Files { limit, used } => ("max_files", limit, used),
                QuotaExceeded::Transforms { limit, used } => ("max_transforms_per_month", limit, used),
            };
            detail.quota = Some(quota.to_owned());
            detail.limit = Some(limit);
            detail.used = Some(used);
        }
        let mut response = (status, Json(ErrorBody { error: detail })).into_response();
        if let Self::TryLater { retry_after_secs, .. } = &self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(*retry_after_secs),
            );
        }
        if let Self::RateLimited { decision, .. } = &self {
            decision.write_headers(response.headers_mut());
        }
        if matches!(self, Self::Unauthorized { .. }) {
            response
                .headers_mut()
                .insert("www-authenticate", axum::http::HeaderValue::from_static("Bearer"));
        }
        response
    }
}

fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        Self::Internal(Box::new(e))
    }
}

impl From<EnqueueError> for ApiError {
    fn from(e: EnqueueError) -> Self {
        Self::Internal(Box::new(e))
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        Self::Internal(Box::new(e))
    }
}

impl From<OpenError> for ApiError {
    fn from(e: OpenError) -> Self {
        Self::Internal(Box::new(e))
    }
}

impl From<carcosa_common::manage::ManageError> for ApiError {
    fn from(e: carcosa_common::manage::ManageError) -> Self {
        use carcosa_common::manage::ManageError as M;
        match e {
            M::NotFound(what) => Self::NotFound(what),
            M::Conflict { code, message } => Self::Conflict { code, message },
            M::Invalid { code, field, message } => Self::Validation { code, field, message },
            M::Forbidden { code, message } => Self::Denied { code, message },
            M::Database(e) => Self::Internal(Box::new(e)),
            M::Hash(e) => Self::Internal(Box::new(e)),
            M::Enqueue(e) => Self::Internal(Box::new(e)),
        }
    }
}
