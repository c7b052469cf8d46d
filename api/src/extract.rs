//! Our own `Json`, `Path` and `Query` extractors: axum's, with every rejection mapped to an
//! [`ApiError`] so malformed input gets the same JSON envelope as everything else.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// JSON body extractor and response wrapper.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

/// A JSON body that may be left out altogether (no body and no `Content-Type`): `None` then.
/// A body that is there must be JSON, with the same errors as [`Json`].
#[derive(Debug, Clone, Default)]
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if req.headers().contains_key(axum::http::header::CONTENT_TYPE) {
            return Json::<T>::from_request(req, state).await.map(|Json(v)| Self(Some(v)));
        }
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::PayloadTooLarge {
                code: "payload_too_large",
                message: "the request body is too large or could not be read".into(),
            })?;
        if body.is_empty() {
            Ok(Self(None))
        } else {
            Err(json_rejection_missing_type())
        }
    }
}

fn json_rejection_missing_type() -> ApiError {
    ApiError::UnsupportedMediaType {
        code: "unsupported_media_type",
        message: "send the body as JSON with Content-Type: application/json".into(),
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => json_rejection_missing_type(),
        JsonRejection::JsonDataError(e) => ApiError::Validation {
            code: "validation_failed",
            field: None,
            message: format!("the JSON body does not match the expected shape: {}", e.body_text()),
        },
        JsonRejection::JsonSyntaxError(e) => ApiError::Validation {
            code: "invalid_json",
            field: None,
            message: format!("the body is not valid JSON: {}", e.body_text()),
        },
        JsonRejection::BytesRejection(_) => ApiError::PayloadTooLarge {
            code: "payload_too_large",
            message: "the request body is too large or could not be read".into(),
        },
        other => ApiError::Validation {
            code: "invalid_json",
            field: None,
            message: other.body_text(),
        },
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Path extractor: a malformed id is simply not found (ids cannot be probed by shape either).
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Self(v))
            .map_err(|_| ApiError::NotFound("resource"))
    }
}

/// Query-string extractor.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Self(v))
            .map_err(|e: QueryRejection| ApiError::Validation {
                code: "validation_failed",
                field: None,
                message: format!("invalid query string: {}", e.body_text()),
            })
    }
}
