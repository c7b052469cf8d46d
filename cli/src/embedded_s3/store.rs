//! A small local-directory backend for the embedded S3 endpoint: the object operations Carcosa
//! uses (PUT, GET with ranges, HEAD, CopyObject, DELETE, ListObjectsV2, HeadBucket, and the
//! multipart calls: create, UploadPart, ListParts, complete, abort, ListMultipartUploads) over
//! plain files.
//!
//! Why not `s3s-fs`: it keeps each object's metadata in a sidecar whose *file name* is the
//! base64 of the whole key, so any key over ~157 bytes fails with ENAMETOOLONG after the object
//! was written (measured: a presigned PUT of a Carcosa key — four UUIDs and a filename, 196
//! bytes — answered 500 InternalError). Here metadata lives in a parallel directory tree
//! (`.carcosa-meta/<bucket>/<key>.json`), so only each path *segment* is bounded.
//!
//! Layout under the root: `<bucket>/<key>` (object bytes), `.carcosa-meta/<bucket>/<key>.json`
//! (content type, ETag), `.carcosa-tmp/` (writes land here first and are renamed into place, so
//! a reader never sees half an object), `.carcosa-mpu/<upload id>/` (a multipart upload in
//! progress: `upload.json` and one file per part, each with its MD5 beside it).

use std::io::SeekFrom;
use std::path::{Component, Path, PathBuf};

use futures::TryStreamExt as _;
use md5::{Digest as _, Md5};
use s3s::dto::{
    AbortMultipartUploadInput, AbortMultipartUploadOutput, CompleteMultipartUploadInput, CompleteMultipartUploadOutput,
    CopyObjectInput, CopyObjectOutput, CopyObjectResult, CopySource, CreateMultipartUploadInput,
    CreateMultipartUploadOutput, DeleteObjectInput, DeleteObjectOutput, ETag, ETagCondition, GetObjectInput,
    GetObjectOutput, HeadBucketInput, HeadBucketOutput, HeadObjectInput, HeadObjectOutput, ListMultipartUploadsInput,
    ListMultipartUploadsOutput, ListObjectsV2Input, ListObjectsV2Output, ListPartsInput, ListPartsOutput,
    MultipartUpload, Object, Part, PutObjectInput, PutObjectOutput, StreamingBlob, Timestamp, UploadPartInput,
    UploadPartOutput,
};
use s3s::{S3, S3Error, S3Request, S3Response, S3Result, s3_error};
use serde::{Deserialize, Serialize};
use tokio::fs;
use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _, AsyncWriteExt as _};

const META_DIR: &str = ".carcosa-meta";
const TMP_DIR: &str = ".carcosa-tmp";
const MPU_DIR: &str = ".carcosa-mpu";
/// S3's smallest part (every part but the last).
const MIN_PART_BYTES: u64 = 5 * 1024 * 1024;
const MAX_PART_NUMBER: i32 = 10_000;
const MAX_KEY_BYTES: usize = 1024;

/// Objects stored as files under `root/<bucket>/`.
#[derive(Debug, Clone)]
pub struct LocalStore {
    root: PathBuf,
}

#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    content_type: Option<String>,
    etag: String,
}

/// A multipart upload in progress (`.carcosa-mpu/<id>/upload.json`).
#[derive(Debug, Serialize, Deserialize)]
struct Upload {
    bucket: String,
    key: String,
    content_type: Option<String>,
    /// Unix seconds.
    initiated: u64,
}

impl LocalStore {
    /// A store over `root`; each bucket is a directory directly under it.
    pub fn new(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(root.join(TMP_DIR))?;
        std::fs::create_dir_all(root.join(META_DIR))?;
        std::fs::create_dir_all(root.join(MPU_DIR))?;
        Ok(Self { root })
    }

    async fn bucket_dir(&self, bucket: &str) -> S3Result<PathBuf> {
        let dir = self.root.join(bucket);
        match fs::metadata(&dir).await {
            Ok(m) if m.is_dir() && !bucket.starts_with('.') => Ok(dir),
            _ => Err(s3_error!(NoSuchBucket)),
        }
    }

    /// `(object path, metadata path)` for a key, refusing keys that could leave the bucket.
    async fn paths(&self, bucket: &str, key: &str) -> S3Result<(PathBuf, PathBuf)> {
        let dir = self.bucket_dir(bucket).await?;
        let rel = safe_relative(key)?;
        let mut meta = self.root.join(META_DIR).join(bucket).join(&rel);
        meta.as_mut_os_string().push(".json");
        Ok((dir.join(rel), meta))
    }

    async fn read_meta(path: &Path) -> Option<Meta> {
        let raw = fs::read(path).await.ok()?;
        serde_json::from_slice(&raw).ok()
    }

    async fn write_atomically(&self, target: &Path, bytes: &[u8]) -> S3Result<()> {
        let tmp = self.tmp_path();
        fs::write(&tmp, bytes).await.map_err(internal)?;
        self.move_into_place(&tmp, target).await
    }

    /// Streams `body` into a temporary file; returns it with the body's MD5 (hex) and length.
    /// A body shorter or longer than `content_length` is refused and nothing is kept.
    async fn receive(&self, body: StreamingBlob, content_length: Option<i64>) -> S3Result<(PathBuf, String, i64)> {
        let tmp = self.tmp_path();
        let mut file = fs::File::create(&tmp).await.map_err(internal)?;
        let mut md5 = Md5::new();
        let mut written: i64 = 0;
        let mut stream = body.map_err(|e| std::io::Error::other(e.to_string()));
        let copied: S3Result<()> = async {
            while let Some(chunk) = stream.try_next().await.map_err(|e| s3_error!(e, IncompleteBody))? {
                md5.update(&chunk);
                written += chunk.len() as i64;
                file.write_all(&chunk).await.map_err(internal)?;
            }
            file.flush().await.map_err(internal)
        }
        .await;
        drop(file);
        if copied.is_err() || content_length.is_some_and(|n| n != written) {
            let _ = fs::remove_file(&tmp).await;
            return Err(copied.err().unwrap_or_else(|| s3_error!(IncompleteBody)));
        }
        Ok((tmp, format!("{:x}", md5.finalize()), written))
    }

    /// The directory of multipart upload `id`, with its record, which must be for `bucket`/`key`.
    async fn open_upload(&self, id: &str, bucket: &str, key: &str) -> S3Result<(PathBuf, Upload)> {
        let valid = !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let dir = self.root.join(MPU_DIR).join(id);
        let record = match valid {
            true => fs::read(dir.join("upload.json")).await.ok(),
            false => None,
        };
        let upload: Upload = record
            .and_then(|raw| serde_json::from_slice(&raw).ok())
            .ok_or_else(|| s3_error!(NoSuchUpload))?;
        if upload.bucket != bucket || upload.key != key {
            return Err(s3_error!(NoSuchUpload));
        }
        Ok((dir, upload))
    }

    /// The parts stored for the upload in `dir`: `(number, size, md5 hex)`, by number.
    async fn stored_parts(dir: &Path) -> S3Result<Vec<(i32, u64, String)>> {
        let mut parts = Vec::new();
        let mut entries = fs::read_dir(dir).await.map_err(internal)?;
        while let Some(entry) = entries.next_entry().await.map_err(internal)? {
            let name = entry.file_name();
            let Some(number) = name.to_str().and_then(|n| n.strip_suffix(".part")?.parse::<i32>().ok()) else {
                continue;
            };
            let size = entry.metadata().await.map_err(internal)?.len();
            let md5 = fs::read_to_string(dir.join(format!("{number}.md5")))
                .await
                .map_err(internal)?;
            parts.push((number, size, md5));
        }
        parts.sort_by_key(|p| p.0);
        Ok(parts)
    }

    fn tmp_path(&self) -> PathBuf {
        self.root.join(TMP_DIR).join(uuid::Uuid::new_v4().to_string())
    }

    async fn move_into_place(&self, tmp: &Path, target: &Path) -> S3Result<()> {
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).await.map_err(internal)?;
        }
        fs::rename(tmp, target).await.map_err(internal)
    }
}

/// Rejects empty, `.`, `..` and absolute segments, NUL and backslashes; returns the relative path.
fn safe_relative(key: &str) -> S3Result<PathBuf> {
    if key.is_empty() || key.len() > MAX_KEY_BYTES {
        return Err(s3_error!(KeyTooLongError));
    }
    let bad_segment = key
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == ".." || s.len() > 255);
    if bad_segment || key.contains(['\0', '\\']) {
        return Err(s3_error!(
            InvalidArgument,
            "this local store refuses keys with empty, '.' or '..' segments"
        ));
    }
    let rel = PathBuf::from(key);
    if rel.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(rel)
    } else {
        Err(s3_error!(InvalidArgument, "invalid key"))
    }
}

fn internal(e: std::io::Error) -> S3Error {
    s3_error!(e, InternalError)
}

fn not_found_or_internal(e: std::io::Error) -> S3Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        s3_error!(NoSuchKey)
    } else {
        internal(e)
    }
}

#[async_trait::async_trait]
impl S3 for LocalStore {
    async fn head_bucket(&self, req: S3Request<HeadBucketInput>) -> S3Result<S3Response<HeadBucketOutput>> {
        self.bucket_dir(&req.input.bucket).await?;
        Ok(S3Response::new(HeadBucketOutput::default()))
    }

    async fn put_object(&self, req: S3Request<PutObjectInput>) -> S3Result<S3Response<PutObjectOutput>> {
        let input = req.input;
        let (path, meta_path) = self.paths(&input.bucket, &input.key).await?;
        let body = input.body.ok_or_else(|| s3_error!(IncompleteBody))?;
        let (tmp, etag, _) = self.receive(body, input.content_length).await?;
        self.move_into_place(&tmp, &path).await?;
        let meta = Meta {
            content_type: input.content_type,
            etag: etag.clone(),
        };
        self.write_atomically(
            &meta_path,
            &serde_json::to_vec(&meta).map_err(|e| s3_error!(e, InternalError))?,
        )
        .await?;
        Ok(S3Response::new(PutObjectOutput {
            e_tag: Some(ETag::Strong(etag)),
            ..Default::default()
        }))
    }

    async fn head_object(&self, req: S3Request<HeadObjectInput>) -> S3Result<S3Response<HeadObjectOutput>> {
        let (path, meta_path) = self.paths(&req.input.bucket, &req.input.key).await?;
        let stat = fs::metadata(&path).await.map_err(not_found_or_internal)?;
        if !stat.is_file() {
            return Err(s3_error!(NoSuchKey));
        }
        let meta = Self::read_meta(&meta_path).await;
        Ok(S3Response::new(HeadObjectOutput {
            content_length: Some(stat.len() as i64),
            content_type: meta.as_ref().and_then(|m| m.content_type.clone()),
            e_tag: meta.map(|m| ETag::Strong(m.etag)),
            last_modified: stat.modified().ok().map(Timestamp::from),
            ..Default::default()
        }))
    }

    async fn get_object(&self, req: S3Request<GetObjectInput>) -> S3Result<S3Response<GetObjectOutput>> {
        let input = req.input;
        let (path, meta_path) = self.paths(&input.bucket, &input.key).await?;
        let mut file = fs::File::open(&path).await.map_err(not_found_or_internal)?;
        let stat = file.metadata().await.map_err(internal)?;
        if !stat.is_file() {
            return Err(s3_error!(NoSuchKey));
        }
        let len = stat.len();
        let (start, end, content_range) = match input.range {
            None => (0, len, None),
            Some(range) => {
                let r = range.check(len).map_err(|_| s3_error!(InvalidRange))?;
                (
                    r.start,
                    r.end,
                    Some(format!("bytes {}-{}/{len}", r.start, r.end.saturating_sub(1))),
                )
            }
        };
        file.seek(SeekFrom::Start(start)).await.map_err(internal)?;
        let body = tokio_util::io::ReaderStream::new(file.take(end - start));
        let meta = Self::read_meta(&meta_path).await;
        Ok(S3Response::new(GetObjectOutput {
            body: Some(StreamingBlob::wrap(body)),
            content_length: Some((end - start) as i64),
            content_range,
            accept_ranges: Some("bytes".into()),
            content_type: input
                .response_content_type
                .or_else(|| meta.as_ref().and_then(|m| m.content_type.clone())),
            content_disposition: input.response_content_disposition,
            cache_control: input.response_cache_control,
            e_tag: meta.map(|m| ETag::Strong(m.etag)),
            last_modified: stat.modified().ok().map(Timestamp::from),
            ..Default::default()
        }))
    }

    async fn copy_object(&self, req: S3Request<CopyObjectInput>) -> S3Result<S3Response<CopyObjectOutput>> {
        let input = req.input;
        let CopySource::Bucket { bucket, key, .. } = &input.copy_source else {
            return Err(s3_error!(NotImplemented, "only bucket/key copy sources"));
        };
        let (from, from_meta) = self.paths(bucket, key).await?;
        let (to, to_meta) = self.paths(&input.bucket, &input.key).await?;
        let meta = Self::read_meta(&from_meta).await.ok_or_else(|| s3_error!(NoSuchKey))?;
        if let Some(ETagCondition::ETag(wanted)) = &input.copy_source_if_match
            && wanted.as_strong() != Some(meta.etag.as_str())
        {
            return Err(s3_error!(PreconditionFailed));
        }
        let tmp = self.tmp_path();
        fs::copy(&from, &tmp).await.map_err(not_found_or_internal)?;
        self.move_into_place(&tmp, &to).await?;
        let etag = meta.etag.clone();
        self.write_atomically(
            &to_meta,
            &serde_json::to_vec(&meta).map_err(|e| s3_error!(e, InternalError))?,
        )
        .await?;
        Ok(S3Response::new(CopyObjectOutput {
            copy_object_result: Some(CopyObjectResult {
                e_tag: Some(ETag::Strong(etag)),
                ..Default::default()
            }),
            ..Default::default()
        }))
    }

    async fn delete_object(&self, req: S3Request<DeleteObjectInput>) -> S3Result<S3Response<DeleteObjectOutput>> {
        let (path, meta_path) = self.paths(&req.input.bucket, &req.input.key).await?;
        for p in [&path, &meta_path] {
            match fs::remove_file(p).await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(internal(e)),
            }
        }
        Ok(S3Response::new(DeleteObjectOutput::default()))
    }

    async fn list_objects_v2(&self, req: S3Request<ListObjectsV2Input>) -> S3Result<S3Response<ListObjectsV2Output>> {
        let input = req.input;
        let dir = self.bucket_dir(&input.bucket).await?;
        let prefix = input.prefix.clone().unwrap_or_default();
        let max = input.max_keys.unwrap_or(1000).clamp(1, 1000) as usize;
        let after = input
            .continuation_token
            .clone()
            .or(input.start_after.clone())
            .unwrap_or_default();
        let mut keys = Vec::new();
        collect_keys(&dir, &dir, &prefix, &mut keys).await.map_err(internal)?;
        keys.sort();
        let remaining: Vec<_> = keys.into_iter().filter(|(k, _)| *k > after).collect();
        let truncated = remaining.len() > max;
        let page: Vec<_> = remaining.into_iter().take(max).collect();
        let next = truncated.then(|| page.last().map(|(k, _)| k.clone())).flatten();
        let contents = page
            .into_iter()
            .map(|(key, size)| Object {
                key: Some(key),
                size: Some(size as i64),
                ..Default::default()
            })
            .collect::<Vec<_>>();
        Ok(S3Response::new(ListObjectsV2Output {
            name: Some(input.bucket),
            prefix: input.prefix,
            max_keys: Some(max as i32),
            key_count: Some(contents.len() as i32),
            continuation_token: input.continuation_token,
            is_truncated: Some(truncated),
            next_continuation_token: next,
            contents: Some(contents),
            ..Default::default()
        }))
    }

    async fn create_multipart_upload(
        &self,
        req: S3Request<CreateMultipartUploadInput>,
    ) -> S3Result<S3Response<CreateMultipartUploadOutput>> {
        let input = req.input;
        self.paths(&input.bucket, &input.key).await?;
        let id = uuid::Uuid::new_v4().simple().to_string();
        let dir = self.root.join(MPU_DIR).join(&id);
        fs::create_dir_all(&dir).await.map_err(internal)?;
        let upload = Upload {
            bucket: input.bucket.clone(),
            key: input.key.clone(),
            content_type: input.content_type,
            initiated: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        let record = serde_json::to_vec(&upload).map_err(|e| s3_error!(e, InternalError))?;
        self.write_atomically(&dir.join("upload.json"), &record).await?;
        Ok(S3Response::new(CreateMultipartUploadOutput {
            bucket: Some(input.bucket),
            key: Some(input.key),
            upload_id: Some(id),
            ..Default::default()
        }))
    }

    async fn upload_part(&self, req: S3Request<UploadPartInput>) -> S3Result<S3Response<UploadPartOutput>> {
        let input = req.input;
        let (dir, _) = self.open_upload(&input.upload_id, &input.bucket, &input.key).await?;
        if !(1..=MAX_PART_NUMBER).contains(&input.part_number) {
            return Err(s3_error!(InvalidArgument, "part numbers go from 1 to 10000"));
        }
        let body = input.body.ok_or_else(|| s3_error!(IncompleteBody))?;
        let (tmp, etag, _) = self.receive(body, input.content_length).await?;
        let number = input.part_number;
        // The checksum first: a part file is only listed once its MD5 is beside it.
        self.write_atomically(&dir.join(format!("{number}.md5")), etag.as_bytes())
            .await?;
        self.move_into_place(&tmp, &dir.join(format!("{number}.part"))).await?;
        Ok(S3Response::new(UploadPartOutput {
            e_tag: Some(ETag::Strong(etag)),
            ..Default::default()
        }))
    }

    async fn list_parts(&self, req: S3Request<ListPartsInput>) -> S3Result<S3Response<ListPartsOutput>> {
        let input = req.input;
        let (dir, _) = self.open_upload(&input.upload_id, &input.bucket, &input.key).await?;
        let max = input.max_parts.unwrap_or(1000).clamp(1, 1000) as usize;
        let after = input.part_number_marker.unwrap_or(0);
        let remaining: Vec<_> = Self::stored_parts(&dir)
            .await?
            .into_iter()
            .filter(|p| p.0 > after)
            .collect();
        let truncated = remaining.len() > max;
        let page: Vec<_> = remaining.into_iter().take(max).collect();
        let next = page.last().map(|p| p.0);
        let parts = page
            .into_iter()
            .map(|(number, size, md5)| Part {
                part_number: Some(number),
                size: Some(size as i64),
                e_tag: Some(ETag::Strong(md5)),
                ..Default::default()
            })
            .collect();
        Ok(S3Response::new(ListPartsOutput {
            bucket: Some(input.bucket),
            key: Some(input.key),
            upload_id: Some(input.upload_id),
            max_parts: Some(max as i32),
            part_number_marker: input.part_number_marker,
            next_part_number_marker: next,
            is_truncated: Some(truncated),
            parts: Some(parts),
            ..Default::default()
        }))
    }

    async fn complete_multipart_upload(
        &self,
        req: S3Request<CompleteMultipartUploadInput>,
    ) -> S3Result<S3Response<CompleteMultipartUploadOutput>> {
        let input = req.input;
        let (dir, upload) = self.open_upload(&input.upload_id, &input.bucket, &input.key).await?;
        let (path, meta_path) = self.paths(&input.bucket, &input.key).await?;
        let wanted = input
            .multipart_upload
            .and_then(|m| m.parts)
            .filter(|p| !p.is_empty())
            .ok_or_else(|| s3_error!(MalformedXML, "name at least one part"))?;
        let stored = Self::stored_parts(&dir).await?;
        let mut digests = Vec::with_capacity(wanted.len() * 16);
        let mut previous = 0;
        let tmp = self.tmp_path();
        let mut out = fs::File::create(&tmp).await.map_err(internal)?;
        let assembled: S3Result<()> = async {
            for (i, part) in wanted.iter().enumerate() {
                let number = part.part_number.unwrap_or_default();
                if number <= previous {
                    return Err(s3_error!(InvalidPartOrder));
                }
                previous = number;
                let Some((_, size, md5)) = stored.iter().find(|p| p.0 == number) else {
                    return Err(s3_error!(InvalidPart, "part {number} was not uploaded"));
                };
                let named = part.e_tag.as_ref().and_then(|e| e.as_strong()).unwrap_or_default();
                if named.trim_matches('"') != md5 {
                    return Err(s3_error!(InvalidPart, "part {number}'s ETag does not match"));
                }
                if i + 1 < wanted.len() && *size < MIN_PART_BYTES {
                    return Err(s3_error!(EntityTooSmall));
                }
                digests.extend(hex_digest(md5).ok_or_else(|| s3_error!(InternalError))?);
                let mut file = fs::File::open(dir.join(format!("{number}.part")))
                    .await
                    .map_err(internal)?;
                tokio::io::copy(&mut file, &mut out).await.map_err(internal)?;
            }
            out.flush().await.map_err(internal)
        }
        .await;
        drop(out);
        if let Err(e) = assembled {
            let _ = fs::remove_file(&tmp).await;
            return Err(e);
        }
        let etag = format!("{:x}-{}", Md5::digest(&digests), wanted.len());
        self.move_into_place(&tmp, &path).await?;
        let meta = Meta {
            content_type: upload.content_type,
            etag: etag.clone(),
        };
        self.write_atomically(
            &meta_path,
            &serde_json::to_vec(&meta).map_err(|e| s3_error!(e, InternalError))?,
        )
        .await?;
        fs::remove_dir_all(&dir).await.map_err(internal)?;
        Ok(S3Response::new(CompleteMultipartUploadOutput {
            bucket: Some(input.bucket),
            key: Some(input.key),
            e_tag: Some(ETag::Strong(etag)),
            ..Default::default()
        }))
    }

    async fn abort_multipart_upload(
        &self,
        req: S3Request<AbortMultipartUploadInput>,
    ) -> S3Result<S3Response<AbortMultipartUploadOutput>> {
        let input = req.input;
        let (dir, _) = self.open_upload(&input.upload_id, &input.bucket, &input.key).await?;
        fs::remove_dir_all(&dir).await.map_err(internal)?;
        Ok(S3Response::new(AbortMultipartUploadOutput::default()))
    }

    async fn list_multipart_uploads(
        &self,
        req: S3Request<ListMultipartUploadsInput>,
    ) -> S3Result<S3Response<ListMultipartUploadsOutput>> {
        let input = req.input;
        self.bucket_dir(&input.bucket).await?;
        let prefix = input.prefix.clone().unwrap_or_default();
        let max = input.max_uploads.unwrap_or(1000).clamp(1, 1000) as usize;
        let mut open = Vec::new();
        let mut entries = fs::read_dir(self.root.join(MPU_DIR)).await.map_err(internal)?;
        while let Some(entry) = entries.next_entry().await.map_err(internal)? {
            let Some(id) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let Some(upload) = fs::read(entry.path().join("upload.json"))
                .await
                .ok()
                .and_then(|raw| serde_json::from_slice::<Upload>(&raw).ok())
            else {
                continue;
            };
            if upload.bucket == input.bucket && upload.key.starts_with(&prefix) {
                open.push((upload.key, id, upload.initiated));
            }
        }
        open.sort();
        let after = (
            input.key_marker.clone().unwrap_or_default(),
            input.upload_id_marker.clone().unwrap_or_default(),
        );
        let remaining: Vec<_> = open
            .into_iter()
            .filter(|(key, id, _)| (key.clone(), id.clone()) > after)
            .collect();
        let truncated = remaining.len() > max;
        let page: Vec<_> = remaining.into_iter().take(max).collect();
        let last = page.last().map(|(k, i, _)| (k.clone(), i.clone()));
        let uploads = page
            .into_iter()
            .map(|(key, id, initiated)| MultipartUpload {
                key: Some(key),
                upload_id: Some(id),
                initiated: Some(Timestamp::from(
                    std::time::UNIX_EPOCH + std::time::Duration::from_secs(initiated),
                )),
                ..Default::default()
            })
            .collect();
        Ok(S3Response::new(ListMultipartUploadsOutput {
            bucket: Some(input.bucket),
            prefix: input.prefix,
            max_uploads: Some(max as i32),
            is_truncated: Some(truncated),
            next_key_marker: truncated.then(|| last.clone().map(|l| l.0)).flatten(),
            next_upload_id_marker: truncated.then(|| last.map(|l| l.1)).flatten(),
            uploads: Some(uploads),
            ..Default::default()
        }))
    }
}

/// The 16 bytes of an MD5 written as 32 hex digits.
fn hex_digest(hex: &str) -> Option<Vec<u8>> {
    (hex.len() == 32)
        .then(|| {
            (0..32)
                .step_by(2)
                .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
                .collect()
        })
        .flatten()
}

/// Walks `dir` collecting `(key, size)` of files whose key starts with `prefix`, descending only
/// into directories that can still match.
async fn collect_keys(root: &Path, dir: &Path, prefix: &str, out: &mut Vec<(String, u64)>) -> std::io::Result<()> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries = match fs::read_dir(&dir).await {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        while let Some(entry) = entries.next_entry().await? {
            let path = entry.path();
            let Some(key) = path.strip_prefix(root).ok().and_then(|p| p.to_str()).map(str::to_owned) else {
                continue;
            };
            let kind = entry.file_type().await?;
            if kind.is_dir() {
                let as_prefix = format!("{key}/");
                if prefix.starts_with(&as_prefix) || as_prefix.starts_with(prefix) {
                    stack.push(path);
                }
            } else if kind.is_file() && key.starts_with(prefix) {
                out.push((key, entry.metadata().await?.len()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cannot_escape_the_bucket() {
        for bad in ["", "../x", "a/../b", "a//b", "./a", "a/.", "a\\b", "/abs"] {
            assert!(safe_relative(bad).is_err(), "{bad:?}");
        }
        assert_eq!(safe_relative("a/b.png").unwrap(), PathBuf::from("a/b.png"));
    }
}
