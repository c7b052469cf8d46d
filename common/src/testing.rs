//! Test support (feature `test-support`, used only by the crates' integration tests): a
//! provisioned environment on a real Postgres database and a real S3-compatible server.
//!
//! The S3 server comes from the environment — `CARCOSA_TEST_S3_ENDPOINT` (default
//! `http://127.0.0.1:8333`), `CARCOSA_TEST_S3_ACCESS_KEY`, `CARCOSA_TEST_S3_SECRET_KEY`,
//! `CARCOSA_TEST_S3_BUCKET` — as `scripts/s3-test-server.sh` starts it. Nothing here fakes a
//! service: buckets are probed for real when they are added.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::sync::Arc;

use secrecy::{ExposeSecret as _, SecretString};
use sqlx::PgPool;

use crate::Config;
use crate::crypto::Sealer;
use crate::db::buckets::BucketRow;
use crate::db::files;
use crate::db::orgs::{self, Org, Team};
use crate::db::projects::{self, NewProject, Project};
use crate::db::uploads::{self, NewUpload};
use crate::db::variants::{self, NewVariant};
use crate::domain::{FileId, SafeFilename, UploadId};
use crate::domain::{Permission, PermissionSet, UploadRules};
use crate::provision::{self, NewBucket};
use crate::storage::KeyScope;
use crate::storage::{self, BucketAccess, Storage};
use crate::transform::{self, Format, TransformSpec};

/// Reads a test setting from the environment.
fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// Where the test S3 server is and how to sign for it.
pub fn s3_access(bucket: Option<&str>) -> BucketAccess {
    BucketAccess {
        endpoint: Some(env_or("CARCOSA_TEST_S3_ENDPOINT", "http://127.0.0.1:8333")),
        region: "us-east-1".into(),
        bucket_name: bucket.map_or_else(|| env_or("CARCOSA_TEST_S3_BUCKET", "carcosa-test"), str::to_owned),
        force_path_style: true,
        access_key: SecretString::from(env_or("CARCOSA_TEST_S3_ACCESS_KEY", "carcosatestkey")),
        secret_key: SecretString::from(env_or("CARCOSA_TEST_S3_SECRET_KEY", "carcosatestsecret123")),
    }
}

/// The URL of the database behind `pool` (a `#[sqlx::test]` database), built from the master
/// `DATABASE_URL` the test run was given.
pub fn database_url(pool: &PgPool) -> String {
    let master = std::env::var("DATABASE_URL").expect("DATABASE_URL must point at the test Postgres");
    let name = pool
        .connect_options()
        .get_database()
        .expect("test pool has a database")
        .to_owned();
    let (base, _) = master.rsplit_once('/').expect("DATABASE_URL has a database path");
    format!("{base}/{name}")
}

/// A config tuned for tests: the given database, short heartbeats and retry delays, no sweep
/// grace, and a fixed credentials key.
pub fn config(database_url: &str) -> Config {
    let mut c = Config::default();
    c.database.url = SecretString::from(database_url.to_owned());
    c.database.max_connections = 8;
    c.uploads.sweep_grace_secs = 0;
    c.worker.heartbeat_secs = 1;
    c.worker.missed_heartbeats = 2;
    c.worker.max_attempts = 3;
    c.worker.retry_base_delay_ms = 50;
    c.worker.retry_max_delay_ms = 200;
    c.worker.concurrency = 4;
    // One test binary runs many apps against many databases in one process, and the metrics
    // registry is per process: only the test about the gauges turns them on.
    c.metrics.queue_sample_secs = 0;
    c.metrics.worker_bind = String::new();
    c.credentials_key = Some(SecretString::from(TEST_CREDENTIALS_KEY));
    c.worker.render_exe = Some(carcosa_binary());
    // Tests make many requests with one key; the rate-limit tests lower these again.
    c.rate_limits.tiers = crate::config::TierLimits {
        read: 1_000_000,
        standard: 1_000_000,
        write: 1_000_000,
        expensive: 1_000_000,
        delete: 1_000_000,
        admin: 1_000_000,
    };
    c.rate_limits.login_per_15min = 1_000;
    // The test server speaks plain http on loopback.
    c.auth.insecure_cookies = true;
    c.validate().expect("test config is valid");
    c
}

/// The `carcosa` binary of this build (workers run image renders in `carcosa render-child`
/// processes): `CARCOSA_TEST_BIN`, or `carcosa` in the target directory of the running test
/// (`target/<profile>/deps/<test>` → `target/<profile>/carcosa`), which `cargo test --workspace`
/// builds before any test runs.
pub fn carcosa_binary() -> std::path::PathBuf {
    if let Some(bin) = std::env::var_os("CARCOSA_TEST_BIN") {
        return bin.into();
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary lives in target/<profile>/deps");
    let bin = profile_dir.join("carcosa");
    assert!(
        bin.is_file(),
        "{} is missing: build it first (`cargo build -p carcosa`; `cargo test --workspace` does)",
        bin.display()
    );
    bin
}

/// The credentials key tests use (base64 of 32 bytes).
pub const TEST_CREDENTIALS_KEY: &str = "Y2FyY29zYS10ZXN0LWNyZWRlbnRpYWxzLWtleS0zMmI=";

/// A migrated database with one organization, team, bucket, project and full-access key.
pub struct TestEnv {
    /// Pool on the test database.
    pub pool: PgPool,
    /// Its URL (for child processes).
    pub database_url: String,
    /// Test config.
    pub config: Arc<Config>,
    /// Sealer for bucket credentials.
    pub sealer: Arc<Sealer>,
    /// The organization.
    pub org: Org,
    /// The team.
    pub team: Team,
    /// The bucket row.
    pub bucket: BucketRow,
    /// The project.
    pub project: Project,
    /// A key with files:read, files:write and files:delete.
    pub key: String,
}

impl TestEnv {
    /// Migrates `pool`'s database and provisions the fixtures.
    pub async fn new(pool: PgPool) -> Self {
        crate::db::migrate(&pool).await.expect("migrations apply");
        let database_url = database_url(&pool);
        let config = config(&database_url);
        let key = config.credentials_key_bytes().expect("key");
        let sealer = Arc::new(Sealer::new(&config.credentials_key_id, &key));
        let org = orgs::create_org(&pool, "acme", "Acme").await.unwrap();
        let team = orgs::create_team(&pool, org.id, "web", "Web").await.unwrap();
        let new = NewBucket {
            org: org.id,
            owner_team: team.id,
            name: "main".into(),
            provider: "other".into(),
            access: s3_access(None),
        };
        let bucket = provision::add_bucket(&pool, &sealer, new)
            .await
            .expect("test S3 server reachable");
        let project = Self::make_project(&pool, &team, &bucket, "site").await;
        let mut env = Self {
            pool,
            database_url,
            config: Arc::new(config),
            sealer,
            org,
            team,
            bucket,
            project,
            key: String::new(),
        };
        env.key = env
            .key_for(
                &env.project.clone(),
                &[
                    Permission::FilesRead,
                    Permission::FilesWrite,
                    Permission::FilesDelete,
                    Permission::UsageRead,
                ],
            )
            .await;
        env
    }

    async fn make_project(pool: &PgPool, team: &Team, bucket: &BucketRow, slug: &str) -> Project {
        let new = NewProject {
            team: team.id,
            bucket: bucket.id,
            slug,
            name: slug,
            rules: UploadRules::default(),
            upload_url_ttl_secs: None,
        };
        let id = projects::create(pool, &new).await.unwrap();
        projects::get(pool, id).await.unwrap().unwrap()
    }

    /// Another project on the same bucket, with its own full-access key.
    pub async fn other_project(&self, slug: &str) -> (Project, String) {
        let project = Self::make_project(&self.pool, &self.team, &self.bucket, slug).await;
        let key = self
            .key_for(
                &project,
                &[Permission::FilesRead, Permission::FilesWrite, Permission::FilesDelete],
            )
            .await;
        (project, key)
    }

    /// A new key for `project` with exactly `perms`.
    pub async fn key_for(&self, project: &Project, perms: &[Permission]) -> String {
        let set = PermissionSet::new(perms.iter().copied());
        let created = provision::create_api_key(&self.pool, project.id, "test", &set, None)
            .await
            .unwrap();
        created.token.expose_secret().to_owned()
    }

    /// A client for the test bucket (to look behind the API's back).
    pub fn storage(&self) -> Storage {
        Storage::new(&s3_access(None))
    }

    /// A pending upload whose client already PUT `bytes` (they are at its staging key), recorded
    /// directly; returns its id and final object key.
    pub async fn stage_upload(&self, filename: &str, content_type: &str, bytes: &[u8]) -> (UploadId, String) {
        let (row, staging) = self.upload_row(filename, content_type, bytes.len());
        self.storage()
            .put(&staging, bytes.to_vec(), content_type)
            .await
            .unwrap();
        assert!(uploads::insert(&self.pool, &row).await.unwrap());
        (row.id, row.object_key)
    }

    /// A ready file holding `bytes`, recorded directly (no API, no worker): an upload row marked
    /// ready, the object at its key and the file row.
    pub async fn ready_file(&self, filename: &str, content_type: &str, bytes: &[u8]) -> FileId {
        let (row, _) = self.upload_row(filename, content_type, bytes.len());
        self.storage()
            .put(&row.object_key, bytes.to_vec(), content_type)
            .await
            .unwrap();
        assert!(uploads::insert(&self.pool, &row).await.unwrap());
        sqlx::query("UPDATE uploads SET status = 'ready' WHERE id = $1")
            .bind(row.id.0)
            .execute(&self.pool)
            .await
            .unwrap();
        let file = files::NewFile {
            project: self.project.id,
            tenant: None,
            upload: row.id,
            bucket: self.bucket.id,
            object_key: &row.object_key,
            filename,
            size: bytes.len() as i64,
            content_type,
            etag: None,
            metadata: &serde_json::json!({}),
        };
        files::insert(&self.pool, &file).await.unwrap()
    }

    /// A new upload row of the project (and its staging key), valid for an hour.
    fn upload_row(&self, filename: &str, content_type: &str, size: usize) -> (NewUpload, String) {
        let id = UploadId::new();
        let scope = KeyScope {
            org: self.org.id,
            team: self.team.id,
            project: self.project.id,
            tenant: None,
        };
        let name = SafeFilename::parse(filename).unwrap();
        let staging = storage::staging_key(scope, id, &name);
        let row = NewUpload {
            id,
            project: self.project.id,
            tenant: None,
            bucket: self.bucket.id,
            object_key: storage::upload_key(scope, id, &name),
            staging_key: staging.clone(),
            filename: filename.into(),
            content_type: content_type.into(),
            size: size as i64,
            metadata: serde_json::json!({}),
            route: None,
            idempotency_key: None,
            idempotency_fingerprint: None,
            expires_at: chrono::Utc::now() + chrono::Duration::hours(1),
            multipart: None,
            source_url: None,
        };
        (row, staging)
    }

    /// Stores `bytes` as `file`'s variant for the transform `query` (as if a worker had made it)
    /// and returns the signed path that serves it.
    pub async fn plant_variant(&self, file: FileId, query: &[(&str, &str)], bytes: Vec<u8>) -> String {
        let parsed = TransformSpec::from_query(query.iter().copied(), Format::Webp).unwrap();
        let canonical = parsed.spec.canonical();
        let (object_key, secret): (String, Vec<u8>) = sqlx::query_as(
            "SELECT f.object_key, p.transform_secret FROM files f JOIN projects p ON p.id = f.project_id
             WHERE f.id = $1",
        )
        .bind(file.0)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let key = storage::variant_key(&object_key, &canonical);
        let size = bytes.len() as i64;
        self.storage()
            .put(&key, bytes, parsed.spec.format.content_type())
            .await
            .unwrap();
        let new = NewVariant {
            file,
            transform: &canonical,
            object_key: &key,
            format: parsed.spec.format.extension(),
            size,
            width: 1,
            height: 1,
        };
        variants::upsert(&self.pool, &new).await.unwrap();
        let sig = transform::sign(&secret, &parsed.signing_payload(file));
        format!("/v1/transform/{file}?{}&sig={sig}", parsed.spec.to_query(false))
    }
}
