//! The upload lifecycle as types: [`UploadStatus`] (`pending` → `verifying` → `processing` →
//! `ready` | `failed` | `expired`) and [`FailureReason`], the stable codes a client sees on a
//! failed upload (and, for the image pipeline's refusals, on a failed transform). Both are stored
//! as text in Postgres and spelled in snake_case everywhere (rows, JSON, events), so every crate
//! matches on the enum and a new state or reason cannot slip through a catch-all.

use std::fmt;
use std::str::FromStr;

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};

/// A string that names no variant of a lifecycle enum.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown {kind} {value:?}")]
pub struct UnknownVariant {
    pub(crate) kind: &'static str,
    pub(crate) value: String,
}

/// Defines a text-backed enum: `as_str`, `FromStr`, `Display`, serde and sqlx (text column).
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every variant, in lifecycle order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The stable spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;
            fn from_str(s: &str) -> Result<Self, UnknownVariant> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    other => Err(UnknownVariant { kind: $kind, value: other.to_owned() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text,)+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl Type<Postgres> for $name {
            fn type_info() -> PgTypeInfo {
                <str as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &PgTypeInfo) -> bool {
                <str as Type<Postgres>>::compatible(ty)
            }
        }

        impl Encode<'_, Postgres> for $name {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <&str as Encode<Postgres>>::encode(self.as_str(), buf)
            }
        }

        impl<'r> Decode<'r, Postgres> for $name {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<&str as Decode<Postgres>>::decode(value)?.parse()?)
            }
        }
    };
}
pub(crate) use text_enum;

text_enum! {
    /// Where an upload is in its lifecycle.
    UploadStatus, "upload status" {
        /// A presigned URL was issued; nothing verified yet.
        Pending => "pending",
        /// The client called complete; a worker is checking what arrived.
        Verifying => "verifying",
        /// Verified; the project's preset variants are being made.
        Processing => "processing",
        /// Done: the file exists (with its variants).
        Ready => "ready",
        /// Refused or given up, with a [`FailureReason`].
        Failed => "failed",
        /// Never completed before its URL expired; swept.
        Expired => "expired",
    }
}

impl UploadStatus {
    /// Whether the upload will not change state again.
    pub fn is_terminal(self) -> bool {
        match self {
            Self::Ready | Self::Failed | Self::Expired => true,
            Self::Pending | Self::Verifying | Self::Processing => false,
        }
    }
}

text_enum! {
    /// Why an upload failed (or a transform was refused): the stable `failure_reason` code.
    FailureReason, "failure reason" {
        /// Nothing was at the upload's key when it was verified.
        ObjectMissing => "object_missing",
        /// The stored size differs from the declared (signed) size.
        SizeMismatch => "size_mismatch",
        /// The stored or sniffed type differs from the declared type, or the project no longer
        /// accepts it.
        TypeMismatch => "type_mismatch",
        /// Over the project's current size cap.
        TooLarge => "too_large",
        /// Storing it would break the project's storage quota.
        QuotaExceeded => "quota_exceeded",
        /// Verification kept failing (storage or database trouble) through every retry.
        VerificationError => "verification_error",
        /// The image's header is over the project's image limits (side, pixels, bytes), or a
        /// transform's output would be over the output limit.
        ImageTooLarge => "image_too_large",
        /// The image data is corrupt or truncated.
        CorruptImage => "corrupt_image",
        /// Not an image format the pipeline decodes.
        UnsupportedImage => "unsupported_image",
        /// Decoding, resizing and encoding did not finish within the render time budget.
        ProcessingTimeout => "processing_timeout",
        /// An encoder could not write the output.
        EncodeFailed => "encode_failed",
        /// Making the preset variants kept failing (storage or database trouble) through every
        /// retry; the original is kept.
        VariantError => "variant_error",
        /// The client aborted the upload (`DELETE /v1/uploads/{id}`) before completing it.
        Aborted => "aborted",
        /// A URL import could not be fetched (refused address, error status, timeout, too many
        /// redirects); `failure_detail` says which.
        FetchFailed => "fetch_failed",
    }
}

impl FailureReason {
    /// The reason in words, for people (the dashboard shows it beside a failed upload).
    pub fn in_words(self) -> &'static str {
        match self {
            Self::ObjectMissing => "nothing arrived in the bucket before the upload was completed",
            Self::SizeMismatch => "the file that arrived is not the size that was declared",
            Self::TypeMismatch => {
                "the file's content is not the type that was declared, or the project no longer accepts it"
            }
            Self::TooLarge => "the file is larger than the project accepts",
            Self::QuotaExceeded => "storing it would go over the project's storage quota",
            Self::VerificationError => {
                "the upload could not be verified (storage or database trouble) after every retry"
            }
            Self::ImageTooLarge => "the image is over the project's image limits (side, pixels or bytes)",
            Self::CorruptImage => "the image data is corrupt or cut short",
            Self::UnsupportedImage => "the image is in a format Carcosa does not decode",
            Self::ProcessingTimeout => "processing the image took longer than the time budget",
            Self::EncodeFailed => "an encoder could not write the output image",
            Self::VariantError => "the preset variants could not be made after every retry; the original is kept",
            Self::Aborted => "the upload was cancelled before it finished",
            Self::FetchFailed => "the URL could not be fetched",
        }
    }

    /// Whether the image pipeline gives this reason (the ones a transform can be refused with).
    pub fn is_image_refusal(self) -> bool {
        match self {
            Self::ImageTooLarge
            | Self::CorruptImage
            | Self::UnsupportedImage
            | Self::ProcessingTimeout
            | Self::EncodeFailed => true,
            Self::ObjectMissing
            | Self::SizeMismatch
            | Self::TypeMismatch
            | Self::TooLarge
            | Self::QuotaExceeded
            | Self::VerificationError
            | Self::VariantError
            | Self::Aborted
            | Self::FetchFailed => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for s in UploadStatus::ALL {
            assert_eq!(s.as_str().parse::<UploadStatus>().unwrap(), *s);
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{s}\""));
        }
        for r in FailureReason::ALL {
            assert_eq!(r.as_str().parse::<FailureReason>().unwrap(), *r);
            let back: FailureReason = serde_json::from_str(&format!("\"{r}\"")).unwrap();
            assert_eq!(back, *r);
        }
        assert!("finished".parse::<UploadStatus>().is_err());
        assert!(!UploadStatus::Processing.is_terminal());
    }
}
