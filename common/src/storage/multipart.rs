//! S3 multipart uploads: the calls behind resumable uploads (create, presigned `UploadPart`,
//! ListParts, complete, abort), the ListMultipartUploads pass the sweep uses to find abandoned
//! ones, server-side copies of objects over 5 GiB (`UploadPartCopy`), and the bucket lifecycle
//! check. No upload byte passes through here: parts go from the client straight to the bucket.

use std::time::Duration;

use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart, ExpirationStatus};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{PresignedRequest, Storage, StorageError, encode_copy_source, presigning_config, to_presigned};

/// S3's limits on a multipart upload.
pub const MAX_PARTS: i64 = 10_000;
/// Smallest part S3 accepts (every part but the last).
pub const MIN_PART_BYTES: i64 = 5 * MIB;
/// The part size Carcosa starts from.
pub const BASE_PART_BYTES: i64 = 8 * MIB;
/// Largest object a single PUT or CopyObject may make (5 GiB).
pub const MAX_SINGLE_PUT_BYTES: i64 = 5 * 1024 * MIB;
/// Largest object S3 stores (5 TiB).
pub const MAX_OBJECT_BYTES: i64 = 5 * 1024 * 1024 * MIB;
const MIB: i64 = 1024 * 1024;
/// Part size of server-side copies of objects over [`MAX_SINGLE_PUT_BYTES`].
const COPY_PART_BYTES: i64 = 512 * MIB;

/// How an upload of `size` bytes is cut: `max(8 MiB, ceil(size / 10 000))` rounded up to whole
/// MiB (which covers 5 TiB in 10 000 parts), and how many parts that makes.
pub fn layout(size: i64) -> (i64, i64) {
    let per_part = ceil_div(ceil_div(size, MAX_PARTS), MIB) * MIB;
    let part_size = per_part.max(BASE_PART_BYTES);
    (part_size, ceil_div(size, part_size).max(1))
}

/// `a / b` rounded up, for a non-negative `a` and a positive `b`.
fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1) / b
}

/// The exact length of part `number` (1-based) of a `size`-byte upload cut into `part_size` parts.
pub fn part_len(size: i64, part_size: i64, number: i64) -> i64 {
    (size - (number - 1) * part_size).clamp(0, part_size)
}

/// A part the store holds, as ListParts reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct UploadedPart {
    /// 1-based part number.
    pub part_number: i32,
    /// Bytes stored.
    pub size: i64,
    /// The part's ETag (quotes stripped): what CompleteMultipartUpload needs.
    pub etag: String,
}

/// A multipart upload in progress, as ListMultipartUploads reports it.
#[derive(Debug, Clone)]
pub struct OpenMultipart {
    /// Object key it will create.
    pub key: String,
    /// S3 upload id.
    pub upload_id: String,
    /// When it was started.
    pub initiated: Option<DateTime<Utc>>,
}

/// Whether a bucket aborts abandoned multipart uploads on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LifecycleReport {
    /// True when a whole-bucket rule aborts incomplete multipart uploads.
    pub ok: bool,
    /// What is missing, in words.
    pub problem: Option<String>,
    /// Days after which the store aborts an incomplete upload (when a rule exists).
    pub abort_after_days: Option<i32>,
}

impl Storage {
    /// Starts a multipart upload at `key`; returns its upload id.
    pub async fn create_multipart(&self, key: &str, content_type: &str) -> Result<String, StorageError> {
        let out = self
            .client
            .create_multipart_upload()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .send()
            .await
            .map_err(StorageError::from_sdk)?;
        out.upload_id()
            .map(str::to_owned)
            .ok_or_else(|| StorageError::Other("the store returned no upload id".into()))
    }

    /// A presigned `UploadPart` that binds the key, the upload, the part number and the exact
    /// length of the part.
    pub async fn presign_part(
        &self,
        key: &str,
        upload_id: &str,
        part_number: i32,
        len: i64,
        ttl: Duration,
    ) -> Result<PresignedRequest, StorageError> {
        let req = self
            .client
            .upload_part()
            .bucket(&self.bucket)
            .key(key)
            .upload_id(upload_id)
            .part_number(part_number)
            .content_length(len)
            .presigned(presigning_config(ttl)?)
            .await
            .map_err(StorageError::from_sdk)?;
        Ok(to_presigned(&req, ttl))
    }

    /// Sends one part from here (URL imports stream their bytes this way); returns its ETag.
    pub async fn upload_part(
        &self,
        key: &str,
        upload_id: &str,
        part_number: i32,
        bytes: Vec<u8>,
    ) -> Result<UploadedPart, StorageError> {
        let size = bytes.len() as i64;
        let out = self
            .client
            .upload_part()
            .bucket(&self.bucket)
            .key(key)
            .upload_id(upload_id)
            .part_number(part_number)
            .body(aws_sdk_s3::primitives::ByteStream::from(bytes))
            .send()
            .await
            .map_err(StorageError::from_sdk)?;
        let etag = out
            .e_tag()
            .map(|e| e.trim_matches('"').to_owned())
            .ok_or_else(|| StorageError::Other("the store returned no ETag for a part".into()))?;
        Ok(UploadedPart {
            part_number,
            size,
            etag,
        })
    }

    /// Every part the store holds for an upload (all pages), by part number.
    /// [`StorageError::NotFound`] when the upload no longer exists (completed or aborted).
    pub async fn list_parts(&self, key: &str, upload_id: &str) -> Result<Vec<UploadedPart>, StorageError> {
        let mut parts = Vec::new();
        let mut marker: Option<String> = None;
        loop {
            let page = self
                .client
                .list_parts()
                .bucket(&self.bucket)
                .key(key)
                .upload_id(upload_id)
                .set_part_number_marker(marker.take())
                .send()
                .await
                .map_err(StorageError::from_sdk)?;
            parts.extend(page.parts().iter().filter_map(|p| {
                Some(UploadedPart {
                    part_number: p.part_number()?,
                    size: p.size().unwrap_or_default(),
                    etag: p.e_tag()?.trim_matches('"').to_owned(),
                })
            }));
            match (page.is_truncated(), page.next_part_number_marker()) {
                (Some(true), Some(next)) if !next.is_empty() => marker = Some(next.to_owned()),
                _ => break,
            }
        }
        parts.sort_by_key(|p| p.part_number);
        parts.dedup_by_key(|p| p.part_number);
        Ok(parts)
    }

    /// Completes an upload from `parts` (in part-number order); returns the object's ETag.
    pub async fn complete_multipart(
        &self,
        key: &str,
        upload_id: &str,
        parts: &[UploadedPart],
    ) -> Result<Option<String>, StorageError> {
        let completed = CompletedMultipartUpload::builder()
            .set_parts(Some(
                parts
                    .iter()
                    .map(|p| {
                        CompletedPart::builder()
                            .part_number(p.part_number)
                            .e_tag(format!("\"{}\"", p.etag))
                            .build()
                    })
                    .collect(),
            ))
            .build();
        let out = self
            .client
            .complete_multipart_upload()
            .bucket(&self.bucket)
            .key(key)
            .upload_id(upload_id)
            .multipart_upload(completed)
            .send()
            .await
            .map_err(StorageError::from_sdk)?;
        Ok(out.e_tag().map(|e| e.trim_matches('"').to_owned()))
    }

    /// Aborts an upload and frees its parts; an upload that no longer exists counts as aborted.
    pub async fn abort_multipart(&self, key: &str, upload_id: &str) -> Result<(), StorageError> {
        match self
            .client
            .abort_multipart_upload()
            .bucket(&self.bucket)
            .key(key)
            .upload_id(upload_id)
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(e) => match StorageError::from_sdk(e) {
                StorageError::NotFound => Ok(()),
                other => Err(other),
            },
        }
    }

    /// Every multipart upload in progress under `prefix` (all pages).
    pub async fn list_multipart(&self, prefix: &str) -> Result<Vec<OpenMultipart>, StorageError> {
        let mut open = Vec::new();
        let (mut key_marker, mut id_marker): (Option<String>, Option<String>) = (None, None);
        loop {
            let page = self
                .client
                .list_multipart_uploads()
                .bucket(&self.bucket)
                .prefix(prefix)
                .set_key_marker(key_marker.take())
                .set_upload_id_marker(id_marker.take())
                .send()
                .await
                .map_err(StorageError::from_sdk)?;
            open.extend(page.uploads().iter().filter_map(|u| {
                Some(OpenMultipart {
                    key: u.key()?.to_owned(),
                    upload_id: u.upload_id()?.to_owned(),
                    initiated: u
                        .initiated()
                        .and_then(|t| DateTime::from_timestamp(t.secs(), t.subsec_nanos())),
                })
            }));
            let next_key = page.next_key_marker().filter(|k| !k.is_empty());
            match (page.is_truncated(), next_key) {
                (Some(true), Some(next)) => {
                    key_marker = Some(next.to_owned());
                    id_marker = page.next_upload_id_marker().map(str::to_owned);
                }
                _ => return Ok(open),
            }
        }
    }

    /// Copies an object of `size` bytes within the bucket, server-side, whatever its size:
    /// CopyObject up to 5 GiB, `UploadPartCopy` in 512 MiB parts above. With `if_match`, only the
    /// version carrying that ETag is copied ([`StorageError::Changed`] otherwise).
    pub async fn copy_sized(
        &self,
        from: &str,
        to: &str,
        size: i64,
        if_match: Option<&str>,
    ) -> Result<(), StorageError> {
        if size <= MAX_SINGLE_PUT_BYTES {
            return self.copy(from, to, if_match).await;
        }
        self.copy_in_parts(from, to, size, COPY_PART_BYTES, if_match).await
    }

    /// A server-side copy as a multipart upload of `part_size` ranges (aborted if any part
    /// fails, so nothing half-written is left at `to`).
    pub async fn copy_in_parts(
        &self,
        from: &str,
        to: &str,
        size: i64,
        part_size: i64,
        if_match: Option<&str>,
    ) -> Result<(), StorageError> {
        let head = self.head(from).await?;
        let upload_id = self
            .create_multipart(to, head.content_type.as_deref().unwrap_or("application/octet-stream"))
            .await?;
        let source = format!("{}/{}", self.bucket, encode_copy_source(from));
        let mut parts = Vec::new();
        let copied = async {
            for number in 1..=ceil_div(size, part_size) {
                let start = (number - 1) * part_size;
                let end = (start + part_size).min(size) - 1;
                let out = self
                    .client
                    .upload_part_copy()
                    .bucket(&self.bucket)
                    .key(to)
                    .upload_id(&upload_id)
                    .part_number(number as i32)
                    .copy_source(&source)
                    .copy_source_range(format!("bytes={start}-{end}"))
                    .set_copy_source_if_match(if_match.map(|e| format!("\"{e}\"")))
                    .send()
                    .await
                    .map_err(StorageError::from_sdk)?;
                let etag = out
                    .copy_part_result()
                    .and_then(|r| r.e_tag())
                    .ok_or_else(|| StorageError::Other("a copied part has no ETag".into()))?;
                parts.push(UploadedPart {
                    part_number: number as i32,
                    size: end - start + 1,
                    etag: etag.trim_matches('"').to_owned(),
                });
            }
            self.complete_multipart(to, &upload_id, &parts).await.map(|_| ())
        }
        .await;
        if copied.is_err()
            && let Err(e) = self.abort_multipart(to, &upload_id).await
        {
            tracing::warn!(error = %e.detail(), "aborting a failed copy failed too; the sweep will");
        }
        copied
    }

    /// Whether the bucket has an enabled whole-bucket lifecycle rule that aborts incomplete
    /// multipart uploads (the safety net under Carcosa's own sweep).
    pub async fn lifecycle_report(&self) -> LifecycleReport {
        let missing = |problem: String| LifecycleReport {
            ok: false,
            problem: Some(problem),
            abort_after_days: None,
        };
        let rules = match self
            .client
            .get_bucket_lifecycle_configuration()
            .bucket(&self.bucket)
            .send()
            .await
        {
            Ok(out) => out.rules().to_vec(),
            Err(e)
                if e.as_service_error().and_then(ProvideErrorMetadata::code)
                    == Some("NoSuchLifecycleConfiguration") =>
            {
                Vec::new()
            }
            Err(e) => {
                let err = StorageError::from_sdk(e);
                tracing::debug!(error = %err.detail(), "could not read lifecycle rules");
                return missing(format!(
                    "could not read the bucket's lifecycle rules ({err}); check that it aborts incomplete multipart uploads"
                ));
            }
        };
        // Older stores still write the rule-level `Prefix` S3 has deprecated in favour of
        // `Filter`; both are read.
        #[allow(deprecated)]
        let whole_bucket = |r: &aws_sdk_s3::types::LifecycleRule| {
            let prefix = r.filter().and_then(|f| f.prefix()).or(r.prefix()).unwrap_or("");
            prefix.is_empty() && r.filter().is_none_or(|f| f.and().is_none() && f.tag().is_none())
        };
        let days = rules
            .iter()
            .filter(|r| *r.status() == ExpirationStatus::Enabled && whole_bucket(r))
            .filter_map(|r| r.abort_incomplete_multipart_upload()?.days_after_initiation())
            .min();
        match days {
            Some(days) => LifecycleReport {
                ok: true,
                problem: None,
                abort_after_days: Some(days),
            },
            None => missing(
                "no enabled whole-bucket lifecycle rule aborts incomplete multipart uploads; add \
                 AbortIncompleteMultipartUpload with DaysAfterInitiation 7"
                    .into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_covers_five_tebibytes_in_whole_mebibytes() {
        assert_eq!(layout(1), (8 * MIB, 1));
        assert_eq!(layout(8 * MIB), (8 * MIB, 1));
        assert_eq!(layout(8 * MIB + 1), (8 * MIB, 2));
        assert_eq!(layout(1024 * MIB), (8 * MIB, 128));
        let (size, count) = layout(MAX_OBJECT_BYTES);
        assert_eq!(size % MIB, 0);
        assert!(count <= MAX_PARTS, "{count}");
        assert!(size * count >= MAX_OBJECT_BYTES);
        // Past 80 000 MiB the base size no longer fits in 10 000 parts.
        let (size, count) = layout(100_000 * MIB);
        assert_eq!((size, count), (10 * MIB, 10_000));
    }

    #[test]
    fn part_lengths_sum_to_the_size() {
        let size = 20 * MIB + 3;
        let (part, count) = layout(size);
        let lens: Vec<i64> = (1..=count).map(|n| part_len(size, part, n)).collect();
        assert_eq!(lens, vec![8 * MIB, 8 * MIB, 4 * MIB + 3]);
        assert_eq!(part_len(size, part, count + 1), 0);
    }
}
