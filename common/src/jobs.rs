//! Job payloads and their queue names: the contract between the API (which enqueues) and the
//! workers (which run them). Payloads carry ids and keys, never bytes. Queue names are explicit
//! and stable — never derived from Rust type paths — so renaming a type cannot strand jobs.

use apalis_core::task::builder::TaskBuilder;
use apalis_core::task::task_id::TaskId;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use sqlx::PgConnection;
use ulid::Ulid;

use crate::db::uploads::SweptUpload;
use crate::domain::{BucketId, DeliveryId, FailureReason, FileId, UploadId};
use crate::transform::TransformSpec;

/// A job payload bound to its queue.
pub trait Job: Serialize + DeserializeOwned + Send + Sync + Unpin + 'static {
    /// The queue (apalis `job_type`) this payload goes to.
    const QUEUE: &'static str;
}

/// Verify an upload after the client called complete: HEAD, compare, sniff, record the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteUpload {
    /// The upload to verify.
    pub upload_id: UploadId,
}

impl Job for CompleteUpload {
    const QUEUE: &'static str = "complete_upload";
}

/// Make a verified image's preset variants, then mark its upload ready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateVariants {
    /// The verified file.
    pub file_id: FileId,
}

impl Job for GenerateVariants {
    const QUEUE: &'static str = "generate_variants";
}

/// Produce one on-demand variant of a file (queue `transform`, served by its own worker pool so
/// it never waits behind upload processing). The API waits for the outcome on
/// [`TRANSFORM_DONE_CHANNEL`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transform {
    /// The source file.
    pub file_id: FileId,
    /// What to make.
    pub spec: TransformSpec,
}

impl Job for Transform {
    const QUEUE: &'static str = "transform";
}

/// Postgres NOTIFY channel on which workers announce finished transforms.
pub const TRANSFORM_DONE_CHANNEL: &str = "carcosa_transform_done";

/// How a transform job ended, as announced on [`TRANSFORM_DONE_CHANNEL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransformOutcome {
    /// The variant is stored.
    Stored,
    /// The image pipeline refused it (remembered for a while; see `transform_failures`).
    Refused(FailureReason),
    /// The file was deleted before the transform ran.
    FileDeleted,
    /// The job kept failing (storage or database trouble) until its last attempt.
    GaveUp,
}

impl TransformOutcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Stored => "ok",
            Self::Refused(reason) => reason.as_str(),
            Self::FileDeleted => "file_deleted",
            Self::GaveUp => "transform_error",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "ok" => Some(Self::Stored),
            "file_deleted" => Some(Self::FileDeleted),
            "transform_error" => Some(Self::GaveUp),
            reason => reason.parse().ok().map(Self::Refused),
        }
    }
}

/// The outcome of a transform as announced on [`TRANSFORM_DONE_CHANNEL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransformDone {
    /// The source file.
    pub file_id: FileId,
    /// Canonical transform.
    pub transform: String,
    /// How it ended.
    pub outcome: TransformOutcome,
}

impl TransformDone {
    /// The NOTIFY payload: `{file} {transform} {ok|reason}` (canonical transforms have no spaces).
    pub fn payload(&self) -> String {
        format!("{} {} {}", self.file_id, self.transform, self.outcome.as_str())
    }

    /// Parses [`Self::payload`].
    pub fn parse(payload: &str) -> Option<Self> {
        let mut parts = payload.split(' ');
        let file_id = parts.next()?.parse().ok()?;
        let transform = parts.next()?.to_owned();
        let outcome = TransformOutcome::parse(parts.next()?)?;
        Some(Self {
            file_id,
            transform,
            outcome,
        })
    }
}

/// Remove objects from a bucket (after a file is deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteObjects {
    /// The bucket holding them.
    pub bucket_id: BucketId,
    /// Exact keys to delete.
    pub keys: Vec<String>,
    /// Prefixes (ending in `/`) whose every object is deleted — an upload's original and all of
    /// its variants.
    pub prefixes: Vec<String>,
    /// Multipart uploads to abort first (their parts are not objects, and would otherwise be
    /// billed until the bucket's lifecycle rule, if any, removes them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aborts: Vec<MultipartRef>,
}

/// One S3 multipart upload: the key it would create and its upload id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultipartRef {
    /// Object key.
    pub key: String,
    /// S3 upload id.
    pub upload_id: String,
}

impl DeleteObjects {
    /// Deletes the objects (and aborts the multipart uploads) swept or aborted uploads left, all
    /// in one bucket.
    pub fn leftovers<'a>(bucket_id: BucketId, uploads: impl IntoIterator<Item = &'a SweptUpload>) -> Self {
        let mut job = Self {
            bucket_id,
            keys: Vec::new(),
            prefixes: Vec::new(),
            aborts: Vec::new(),
        };
        for upload in uploads {
            job.keys.push(upload.key.clone());
            if let Some(id) = &upload.multipart_id {
                job.aborts.push(MultipartRef {
                    key: upload.key.clone(),
                    upload_id: id.clone(),
                });
            }
        }
        job
    }
}

impl Job for DeleteObjects {
    const QUEUE: &'static str = "delete_objects";
}

/// One attempt of a webhook delivery. Its own queue, so a slow receiver never holds up uploads.
/// Retries are new jobs scheduled on the webhook schedule (not apalis' retries), carrying the
/// series and attempt they are, so a duplicate or a job of a replaced series changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliverWebhook {
    /// The delivery.
    pub delivery_id: DeliveryId,
    /// Its series (a replay starts a new one).
    pub series: i32,
    /// Which attempt of the series this is (1 …).
    pub attempt: i32,
}

impl Job for DeliverWebhook {
    const QUEUE: &'static str = "deliver_webhook";
}

/// Fetch a URL import into the bucket (then verify it like any upload). Its own queue: slow
/// remote servers never hold up verifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestUrl {
    /// The upload.
    pub upload_id: UploadId,
    /// Most bytes to read (the project's — or the route's — size limit at request time).
    pub max_bytes: i64,
    /// The route's accepted types, when it was made under a route (the project's rules are
    /// checked by verification).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_types: Vec<String>,
}

impl Job for IngestUrl {
    const QUEUE: &'static str = "ingest_url";
}

/// Queue name of the expired-upload sweep (a cron job; it has no payload of its own).
pub const SWEEP_UPLOADS_QUEUE: &str = "sweep_uploads";

/// Every Postgres-backed queue (what the queue gauges report, even before a queue's first job).
pub const QUEUES: &[&str] = &[
    CompleteUpload::QUEUE,
    GenerateVariants::QUEUE,
    Transform::QUEUE,
    DeleteObjects::QUEUE,
    DeliverWebhook::QUEUE,
    IngestUrl::QUEUE,
];

/// Why a job could not be enqueued.
#[derive(Debug, thiserror::Error)]
pub enum EnqueueError {
    /// The payload did not serialize (a bug).
    #[error("job payload could not be serialized")]
    Encode(#[from] serde_json::Error),
    /// The insert failed.
    #[error("job could not be inserted")]
    Queue(#[from] apalis_postgres::Error),
}

/// Enqueues `job` on its queue inside the caller's connection or transaction, so the job
/// commits (or rolls back) together with the rows that made it necessary. `max_attempts` bounds
/// how often it may run in total, counting retries and crash recoveries.
pub async fn enqueue<J: Job>(conn: &mut PgConnection, job: &J, max_attempts: usize) -> Result<TaskId, EnqueueError> {
    let id = TaskId::from_ulid(Ulid::generate());
    let task = TaskBuilder::new(serde_json::to_vec(job)?)
        .task_id(id.clone())
        .max_attempts(max_attempts)
        .build();
    apalis_postgres::queries::push_tasks(conn, J::QUEUE, vec![task]).await?;
    Ok(id)
}

/// Enqueues `job` to run no earlier than `delay` from now (inside the caller's transaction).
pub async fn enqueue_after<J: Job>(
    conn: &mut PgConnection,
    job: &J,
    delay: std::time::Duration,
    max_attempts: usize,
) -> Result<TaskId, EnqueueError> {
    let id = TaskId::from_ulid(Ulid::generate());
    let task = TaskBuilder::new(serde_json::to_vec(job)?)
        .task_id(id.clone())
        .max_attempts(max_attempts)
        .run_after(delay)
        .build();
    apalis_postgres::queries::push_tasks(conn, J::QUEUE, vec![task]).await?;
    Ok(id)
}

/// Enqueues many jobs of one queue in one statement (inside the caller's transaction, as
/// [`enqueue`]).
pub async fn enqueue_many<J: Job>(
    conn: &mut PgConnection,
    jobs: &[J],
    max_attempts: usize,
) -> Result<(), EnqueueError> {
    let tasks = jobs
        .iter()
        .map(|job| {
            Ok(TaskBuilder::new(serde_json::to_vec(job)?)
                .task_id(TaskId::from_ulid(Ulid::generate()))
                .max_attempts(max_attempts)
                .build())
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()?;
    apalis_postgres::queries::push_tasks(conn, J::QUEUE, tasks).await?;
    Ok(())
}

/// Deletes finished (`Done`) jobs older than `hours`, and worker registrations silent for as long
/// that no job still points at; apalis never removes either. `Killed` jobs (given up) are kept
/// for operators to inspect. Returns the number of jobs removed.
pub async fn prune_finished(db: &sqlx::PgPool, hours: u64) -> sqlx::Result<u64> {
    // apalis owns this schema, so these are plain queries rather than checked macros.
    let hours = i32::try_from(hours).unwrap_or(i32::MAX);
    let jobs =
        sqlx::query("DELETE FROM apalis.jobs WHERE status = 'Done' AND done_at < now() - make_interval(hours => $1)")
            .bind(hours)
            .execute(db)
            .await?
            .rows_affected();
    sqlx::query(
        "DELETE FROM apalis.workers w WHERE w.last_seen < now() - make_interval(hours => $1)
           AND NOT EXISTS (SELECT 1 FROM apalis.jobs j WHERE j.lock_by = w.id)",
    )
    .bind(hours)
    .execute(db)
    .await?;
    Ok(jobs)
}
