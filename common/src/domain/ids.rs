//! Typed ids. Every id is a UUIDv7 minted by the application; the newtypes keep a project id from
//! being passed where a file id is expected.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! define_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type)]
        #[sqlx(transparent)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    )*};
}

define_id!(
    /// An organization.
    OrgId,
    /// A team inside an organization.
    TeamId,
    /// A project (owns API keys, uploads and files).
    ProjectId,
    /// A tenant inside a project.
    TenantId,
    /// A customer bucket.
    BucketId,
    /// An API key row.
    ApiKeyId,
    /// An upload (one presigned URL and its lifecycle).
    UploadId,
    /// A verified file.
    FileId,
    /// A user.
    UserId,
    /// A signed-in browser session.
    SessionId,
    /// An invitation to an organization.
    InvitationId,
    /// A webhook endpoint of a project.
    WebhookId,
    /// One webhook delivery (an event to an endpoint, with all its attempts).
    DeliveryId,
);
