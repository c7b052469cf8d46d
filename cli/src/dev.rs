//! `carcosa dev`: the whole service in one process for a first try. It creates the database if
//! needed, applies migrations, starts an embedded S3-compatible endpoint on loopback backed by
//! `<data dir>/s3`, the API and a worker, and on first run creates a demo organization, team,
//! bucket, project and API key, then prints a copy-paste upload walkthrough.
//!
//! Local-only conveniences live in the data directory (default `.carcosa/`): the generated
//! credentials key, the embedded endpoint's access keys and the demo API key (each written 0600
//! from creation), and — when no PostgreSQL answers on the default address — a private cluster
//! ([`postgres`]). None of this is how production runs (see `carcosa serve` / `carcosa work`).

mod postgres;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use carcosa_common::Config;
use carcosa_common::crypto::{Sealer, generate_credentials_key};
use carcosa_common::db::{self, orgs, projects};
use carcosa_common::domain::{Permission, PermissionSet, UploadRules};
use carcosa_common::provision::{self, NewBucket};
use carcosa_common::storage::BucketAccess;
use clap::Args;
use rand::Rng as _;
use rand::distr::Alphanumeric;
use secrecy::{ExposeSecret as _, SecretString};
use tokio::net::TcpListener;

const DEV_BUCKET: &str = "carcosa-dev";

#[derive(Debug, Args)]
pub struct DevArgs {
    /// Directory for the embedded bucket and local secrets (overrides dev.data_dir).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// API address (overrides http.bind).
    #[arg(long)]
    bind: Option<String>,
    /// Embedded S3 address (overrides dev.s3_bind).
    #[arg(long)]
    s3_bind: Option<String>,
    /// Run a private PostgreSQL in the data dir even when one answers on 127.0.0.1:5432 (it is
    /// started automatically when none does and no DATABASE_URL is set).
    #[arg(long)]
    private_postgres: bool,
}

pub async fn run(mut config: Config, args: DevArgs) -> anyhow::Result<()> {
    if let Some(dir) = args.data_dir {
        config.dev.data_dir = dir;
    }
    if let Some(bind) = args.bind {
        config.http.bind = bind;
    }
    if let Some(bind) = args.s3_bind {
        config.dev.s3_bind = bind;
    }
    // Development delivers webhooks to (and imports from) the developer's own machine: loopback
    // is allowed here, and only here.
    config.outbound.allow_loopback = true;
    let data_dir = config.dev.data_dir.clone();
    std::fs::create_dir_all(data_dir.join("s3").join(DEV_BUCKET))
        .with_context(|| format!("creating {}", data_dir.display()))?;
    if config.credentials_key.is_none() {
        config.credentials_key = Some(SecretString::from(local_secret(
            &data_dir,
            "credentials.key",
            generate_credentials_key,
        )?));
    }
    let private_pg = private_postgres_if_needed(&mut config, args.private_postgres).await?;
    if db::create_database_if_missing(&config.database)
        .await
        .context("creating the database (is Postgres running?)")?
    {
        tracing::info!("created the database");
    }
    let api_listener = TcpListener::bind(&config.http.bind)
        .await
        .with_context(|| format!("binding {}", config.http.bind))?;
    let api_url = format!("http://{}", api_listener.local_addr()?);
    // URLs the API mints point at where it actually listens (`--bind 127.0.0.1:0` included).
    if config.http.public_url.is_none() {
        config.http.public_url = Some(api_url.clone());
    }
    // Browsers drop `Secure` cookies over plain http; on loopback (and only there) the session
    // cookie goes without it, so signing in works in `dev`.
    if api_listener.local_addr()?.ip().is_loopback() {
        config.auth.insecure_cookies = true;
    }
    let (pool, sealer, config) = crate::connect(config, std::time::Duration::ZERO).await?;
    db::migrate(&pool).await?;

    let shutdown = crate::shutdown_on_signal();
    let s3_listener = TcpListener::bind(&config.dev.s3_bind)
        .await
        .with_context(|| format!("binding {}", config.dev.s3_bind))?;
    let s3_endpoint = format!("http://{}", s3_listener.local_addr()?);
    let (access_key, secret_key) = s3_keys(&data_dir)?;
    let s3_root = data_dir.join("s3");
    let s3_shutdown = shutdown.clone();
    let (ak, sk) = (access_key.clone(), secret_key.clone());
    let s3 = tokio::spawn(async move { crate::embedded_s3::serve(s3_listener, &s3_root, &ak, &sk, s3_shutdown).await });

    let access = BucketAccess {
        endpoint: Some(s3_endpoint.clone()),
        region: "us-east-1".into(),
        bucket_name: DEV_BUCKET.into(),
        force_path_style: true,
        access_key: SecretString::from(access_key),
        secret_key: SecretString::from(secret_key),
    };
    let api_key = demo_project(&pool, &sealer, &data_dir, access).await?;
    let sign_in = demo_sign_in_link(&pool).await?;

    // One process: API and worker share an in-process bus unless Redis is configured.
    let bus = match &config.redis.url {
        Some(url) => carcosa_common::events::Bus::redis(secrecy::ExposeSecret::expose_secret(url))?,
        None => carcosa_common::events::Bus::local(),
    };
    let api = tokio::spawn(carcosa_api::serve(
        api_listener,
        carcosa_api::AppState::new(pool.clone(), config.clone(), sealer.clone()).with_events(bus.clone()),
        shutdown.clone(),
    ));
    let worker = tokio::spawn(carcosa_worker::run(
        carcosa_worker::WorkerState::new(pool, config, sealer).with_events(bus),
        shutdown.clone(),
    ));
    print_walkthrough(
        &api_url,
        &format!("{api_url}/sign-in/link?token={sign_in}"),
        &s3_endpoint,
        &api_key,
        &data_dir,
    );

    let (api, worker, s3) = tokio::join!(api, worker, s3);
    if let Some(pg) = private_pg {
        pg.stop();
    }
    api.context("API task")?.context("API server")?;
    worker.context("worker task")??;
    s3.context("S3 task")??;
    Ok(())
}

/// With `--private-postgres`, or with the default database URL and nothing answering there,
/// starts a private PostgreSQL (see [`postgres`]) and points the config at it.
async fn private_postgres_if_needed(config: &mut Config, forced: bool) -> anyhow::Result<Option<postgres::Private>> {
    if !forced {
        let url = config.database.url.expose_secret();
        if url != carcosa_common::config::DEFAULT_DATABASE_URL {
            return Ok(None);
        }
        if tokio::net::TcpStream::connect("127.0.0.1:5432").await.is_ok() {
            return Ok(None);
        }
    }
    let data_dir = config.dev.data_dir.clone();
    let (private, url) = tokio::task::spawn_blocking(move || postgres::Private::start(&data_dir)).await??;
    config.database.url = SecretString::from(url);
    Ok(Some(private))
}

/// Reads a local secret from the data dir, creating it on first use with mode 0600 from the
/// start (no moment at the default 0644).
fn local_secret(dir: &Path, name: &str, make: impl FnOnce() -> String) -> anyhow::Result<String> {
    let path = dir.join(name);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return Ok(existing.trim().to_owned());
    }
    let value = make();
    write_secret(&path, &value)?;
    Ok(value)
}

/// Writes `value` to a new file at `path` that only its owner can read.
fn write_secret(path: &Path, value: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(format!("{value}\n").as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

fn random(n: usize) -> String {
    rand::rng().sample_iter(&Alphanumeric).take(n).map(char::from).collect()
}

fn s3_keys(dir: &Path) -> anyhow::Result<(String, String)> {
    let access = local_secret(dir, "s3-access-key", || format!("dev{}", random(17)))?;
    let secret = local_secret(dir, "s3-secret-key", || random(40))?;
    Ok((access, secret))
}

/// Creates demo/main, the embedded bucket, the demo project and a key on first run; afterwards
/// returns the stored demo key.
async fn demo_project(
    pool: &sqlx::PgPool,
    sealer: &Arc<Sealer>,
    dir: &Path,
    access: BucketAccess,
) -> anyhow::Result<String> {
    let key_path = dir.join("demo-api-key");
    if let Some(org) = orgs::find_org(pool, "demo").await?
        && let Ok(key) = std::fs::read_to_string(&key_path)
        && orgs::find_team(pool, org.id, "main").await?.is_some()
        && demo_key_is_current(pool, key.trim()).await?
    {
        return Ok(key.trim().to_owned());
    }
    // A key from an older version (fewer permissions), or none: a new one replaces it.
    if key_path.exists() {
        std::fs::remove_file(&key_path).with_context(|| format!("replacing {}", key_path.display()))?;
    }
    let org = match orgs::find_org(pool, "demo").await? {
        Some(org) => org,
        None => orgs::create_org(pool, "demo", "Demo").await?,
    };
    let team = match orgs::find_team(pool, org.id, "main").await? {
        Some(team) => team,
        None => orgs::create_team(pool, org.id, "main", "Main").await?,
    };
    // Probe with retries: the embedded endpoint was spawned a moment ago.
    let bucket = match carcosa_common::db::buckets::find(pool, org.id, "local").await? {
        Some(bucket) => bucket,
        None => add_dev_bucket(pool, sealer, &org, &team, access).await?,
    };
    let project = match projects::find(pool, team.id, "demo").await? {
        Some(p) => p.id,
        None => {
            let new = projects::NewProject {
                team: team.id,
                bucket: bucket.id,
                slug: "demo",
                name: "Demo",
                rules: UploadRules::default(),
                upload_url_ttl_secs: None,
            };
            projects::create(pool, &new).await?
        }
    };
    let key = provision::create_api_key(pool, project, "dev", &demo_permissions(), None).await?;
    let token = key.token.expose_secret().to_owned();
    local_secret(dir, "demo-api-key", || token.clone())?;
    Ok(token)
}

/// What the demo key may do: everything the README and the SDK's example show (uploads, files,
/// transforms, live progress, usage, tenants, and reading and changing the project's settings —
/// `carcosa routes push` and the SDK's `syncRoutes()` need the last).
fn demo_permissions() -> PermissionSet {
    PermissionSet::new([
        Permission::FilesRead,
        Permission::FilesWrite,
        Permission::FilesDelete,
        Permission::TransformsExecute,
        Permission::UsageRead,
        Permission::TenantsManage,
        Permission::ProjectsRead,
        Permission::ProjectsWrite,
    ])
}

/// Whether the stored demo key still exists, is usable and has every demo permission.
async fn demo_key_is_current(pool: &sqlx::PgPool, token: &str) -> anyhow::Result<bool> {
    let Some(prefix) = carcosa_common::crypto::api_key_prefix(token) else {
        return Ok(false);
    };
    let Some(row) = carcosa_common::db::api_keys::find_for_auth(pool, prefix).await? else {
        return Ok(false);
    };
    let held = PermissionSet::parse(&row.permissions)?;
    let usable = row.revoked_at.is_none() && row.expires_at.is_none_or(|t| t > chrono::Utc::now());
    Ok(usable && demo_permissions().iter().all(|p| held.allows(p)))
}

async fn add_dev_bucket(
    pool: &sqlx::PgPool,
    sealer: &Sealer,
    org: &orgs::Org,
    team: &orgs::Team,
    access: BucketAccess,
) -> anyhow::Result<carcosa_common::db::buckets::BucketRow> {
    let new = NewBucket {
        org: org.id,
        owner_team: team.id,
        name: "local".into(),
        provider: "embedded".into(),
        access,
    };
    let mut last = None;
    for _ in 0..20 {
        match provision::add_bucket(pool, sealer, new.clone()).await {
            Ok(row) => return Ok(row),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(last.map_or_else(|| anyhow::anyhow!("embedded bucket check failed"), anyhow::Error::from))
}

/// An 8×8 RGBA PNG for the walkthrough (base64, so it pastes into any shell unchanged).
pub const HELLO_PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAXElEQVR42hXKMQEDQQgAsJPyUpCCFKQgBSk4acOQLe+9/n0ESdEMy3ufQJAUzbDfhRAIkqIZNi6kQJAUzbB5oQSCpGiGrQstECRFM2xfGIEgKZph58IKBEnRDMsfFtyfwTA2DgkAAAAASUVORK5CYII=";

/// A one-time link that signs the demo organization's owner into the dashboard (the account
/// `demo@carcosa.example` is made on first use, and owns the demo organization if nobody does).
async fn demo_sign_in_link(pool: &sqlx::PgPool) -> anyhow::Result<String> {
    let org = orgs::find_org(pool, "demo").await?.map(|o| o.id);
    let token =
        carcosa_common::manage::sign_in_links::create(pool, DEMO_EMAIL, org, chrono::Duration::hours(24)).await?;
    Ok(secrecy::ExposeSecret::expose_secret(&token).to_owned())
}

/// The demo owner's account (signed in by the link `carcosa dev` prints).
const DEMO_EMAIL: &str = "demo@carcosa.example";

fn print_walkthrough(api: &str, sign_in: &str, s3: &str, key: &str, dir: &Path) {
    println!(
        r#"
Carcosa dev is running.
  Dashboard    {sign_in}
               (one-time link: signs you in as the demo organization's owner, {DEMO_EMAIL})
  API          {api}
  Embedded S3  {s3}  (bucket {DEV_BUCKET}, files under {dir}/s3)
  API key      {key}

Or sign up at {api}/sign-up (or POST {api}/v1/auth/signup): until someone owns the demo
organization, the first account to sign up does (see README "Accounts and the management API").

Try an upload (needs curl and jq):

  export CARCOSA_URL={api} CARCOSA_KEY={key}
  echo '{HELLO_PNG}' | base64 -d > hello.png
  curl -s -X POST $CARCOSA_URL/v1/uploads -H "Authorization: Bearer $CARCOSA_KEY" -H 'Content-Type: application/json' \
       -d "{{\"filename\":\"hello.png\",\"content_type\":\"image/png\",\"size\":$(wc -c < hello.png)}}" > upload.json
  curl -s -X PUT --data-binary @hello.png -H 'Content-Type: image/png' "$(jq -r .upload.url upload.json)"
  curl -s -X POST $CARCOSA_URL/v1/uploads/$(jq -r .id upload.json)/complete -H "Authorization: Bearer $CARCOSA_KEY" | jq -r .status
  until status=$(curl -s $CARCOSA_URL/v1/uploads/$(jq -r .id upload.json) -H "Authorization: Bearer $CARCOSA_KEY" | jq -r .status); \
        [ "$status" = ready ] || [ "$status" = failed ]; do sleep 0.2; done; echo "upload $status"
  curl -s $CARCOSA_URL/v1/files -H "Authorization: Bearer $CARCOSA_KEY" | jq .
  curl -s $CARCOSA_URL/v1/usage -H "Authorization: Bearer $CARCOSA_KEY" | jq .

Ctrl-C stops everything."#,
        dir = dir.display()
    );
}
