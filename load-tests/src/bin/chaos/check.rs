//! The checker: after the stream and a bounded wait, everything the service promises, read from
//! Postgres and the bucket themselves (never from the service's answers).

use std::collections::{BTreeMap, HashMap, HashSet};

use carcosa_common::storage::Storage;
use sqlx::{PgPool, Row as _};

use crate::client::{Done, FollowerReport};
use crate::plan::{Kind, Outcome, Planned, sha256_hex};

/// What the checker found: the violations, and counts for the report.
#[derive(Debug, Default, serde::Serialize)]
pub struct Verdict {
    pub violations: Vec<String>,
    /// Uploads per final state.
    pub states: BTreeMap<String, usize>,
    pub objects_checked: usize,
    pub bytes_hashed: u64,
    pub followed: usize,
    pub followers_reconnected: usize,
    pub follower_connects: u32,
}

impl Verdict {
    fn fail(&mut self, what: String) {
        self.violations.push(what);
    }
}

struct UploadRow {
    status: String,
    reason: Option<String>,
    /// Its file was deleted after it was ready.
    file_deleted: bool,
}

struct FileRow {
    id: uuid::Uuid,
    upload_id: uuid::Uuid,
    key: String,
    size: i64,
}

/// Whether the system has settled: every upload terminal, no staging object left, no job
/// pending or running. Returns what is still outstanding.
pub async fn outstanding(db: &PgPool, storage: &Storage, project: uuid::Uuid) -> anyhow::Result<Vec<String>> {
    let mut left = Vec::new();
    let open: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM uploads WHERE project_id = $1 AND status IN ('pending', 'verifying', 'processing')",
    )
    .bind(project)
    .fetch_one(db)
    .await?;
    if open > 0 {
        left.push(format!("{open} upload(s) not finished"));
    }
    let jobs: i64 = sqlx::query_scalar("SELECT count(*) FROM apalis.jobs WHERE status NOT IN ('Done', 'Killed')")
        .fetch_one(db)
        .await?;
    if jobs > 0 {
        left.push(format!("{jobs} job(s) not done"));
    }
    let staging = storage
        .list("")
        .await
        .map_err(|e| anyhow::anyhow!(e.detail()))?
        .into_iter()
        .filter(|k| k.contains("/_incoming/"))
        .count();
    if staging > 0 {
        left.push(format!("{staging} staging object(s)"));
    }
    Ok(left)
}

fn state_of(row: &UploadRow) -> String {
    match (row.status.as_str(), &row.reason) {
        ("failed", Some(r)) => format!("failed:{r}"),
        (s, _) => s.to_owned(),
    }
}

fn expected_state(p: &Planned) -> String {
    match p.expected() {
        Outcome::Ready { .. } => "ready".into(),
        Outcome::Failed { reason, .. } => format!("failed:{reason}"),
        Outcome::Expired => "expired".into(),
    }
}

/// Proves every promise; every breach is a line in `violations`.
pub async fn check(
    db: &PgPool,
    storage: &Storage,
    project: uuid::Uuid,
    plan: &[Planned],
    done: &[Done],
    followers: &[FollowerReport],
) -> anyhow::Result<Verdict> {
    let mut v = Verdict::default();
    let uploads: HashMap<uuid::Uuid, UploadRow> = sqlx::query(
        "SELECT id, status, failure_reason, deleted_file_id IS NOT NULL AS file_deleted FROM uploads WHERE project_id = $1",
    )
    .bind(project)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| {
        (
            r.get("id"),
            UploadRow {
                status: r.get("status"),
                reason: r.get("failure_reason"),
                file_deleted: r.get("file_deleted"),
            },
        )
    })
    .collect();
    let files: Vec<FileRow> = sqlx::query("SELECT id, upload_id, object_key, size FROM files WHERE project_id = $1")
        .bind(project)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|r| FileRow {
            id: r.get("id"),
            upload_id: r.get("upload_id"),
            key: r.get("object_key"),
            size: r.get("size"),
        })
        .collect();
    let mut variants: HashMap<uuid::Uuid, Vec<(String, String, i64)>> = HashMap::new();
    for r in sqlx::query(
        "SELECT v.file_id, v.transform, v.object_key, v.size FROM variants v JOIN files f ON f.id = v.file_id \
         WHERE f.project_id = $1",
    )
    .bind(project)
    .fetch_all(db)
    .await?
    {
        variants
            .entry(r.get("file_id"))
            .or_default()
            .push((r.get("transform"), r.get("object_key"), r.get("size")));
    }

    // No file recorded twice (by upload or by key).
    let mut by_upload: HashMap<uuid::Uuid, &FileRow> = HashMap::new();
    let mut keys_seen = HashSet::new();
    for f in &files {
        if by_upload.insert(f.upload_id, f).is_some() {
            v.fail(format!("upload {} has two file rows", f.upload_id));
        }
        if !keys_seen.insert(f.key.as_str()) {
            v.fail(format!("object key {} recorded twice", f.key));
        }
    }

    // Every planned upload exists once and ended as predicted.
    let mut planned_ids = HashSet::new();
    let mut live_keys: HashSet<String> = HashSet::new();
    let (mut want_uploads, mut want_upload_bytes, mut want_deleted, mut want_deleted_bytes) = (0i64, 0i64, 0i64, 0i64);
    let (mut want_variants, mut want_variant_bytes) = (0i64, 0i64);
    for (p, d) in plan.iter().zip(done) {
        let label = format!("#{} ({:?}, {})", p.index, p.kind, p.source.name);
        if let Some(e) = &d.error {
            v.fail(format!("{label}: the client could not do its part: {e}"));
        }
        let Some(id) = d.upload_id.as_deref().and_then(|s| s.parse::<uuid::Uuid>().ok()) else {
            continue;
        };
        planned_ids.insert(id);
        let Some(row) = uploads.get(&id) else {
            v.fail(format!("{label}: upload {id} has no row"));
            continue;
        };
        let got = state_of(row);
        *v.states.entry(format!("{:?} → {got}", p.kind)).or_default() += 1;
        // A client that could not PUT (the bucket was away past the URL's lifetime) leaves an
        // upload that must expire; the run reports it as a client error above.
        let want = if d.error.is_some() && !d.put {
            "expired".to_owned()
        } else {
            expected_state(p)
        };
        if d.error.is_some() && d.put && p.kind != Kind::AbandonedAfterPut {
            continue; // the client's own failure is already reported
        }
        if got != want {
            v.fail(format!("{label}: upload {id} ended `{got}`, expected `{want}`"));
            continue;
        }
        let file = by_upload.get(&id);
        let keeps_file = p.keeps_file();
        let size = p.source.bytes.len() as i64;
        if p.records_file() {
            want_uploads += 1;
            want_upload_bytes += size;
        }
        if p.kind == Kind::DeletedAfterReady {
            want_deleted += 1;
            want_deleted_bytes += size;
        }
        if let Outcome::Ready { variants: want } = p.expected() {
            want_variants += want.len() as i64;
            want_variant_bytes += want.values().map(|(_, s)| s).sum::<i64>();
        }
        match (keeps_file, file) {
            (false, Some(f)) => v.fail(format!("{label}: upload {id} should have no file but has {}", f.id)),
            (true, None) => v.fail(format!("{label}: upload {id} is {got} but has no file row")),
            (true, Some(f)) => {
                if f.size != size {
                    v.fail(format!("{label}: file {} size {} ≠ {size}", f.id, f.size));
                }
                check_object(&mut v, storage, &label, &f.key, &p.source.sha256).await;
                live_keys.insert(f.key.clone());
                let have = variants.get(&f.id).cloned().unwrap_or_default();
                let want = match p.expected() {
                    Outcome::Ready { variants } => variants,
                    _ => BTreeMap::new(),
                };
                let have_names: Vec<&str> = have.iter().map(|(t, _, _)| t.as_str()).collect();
                if have.len() != want.len() || have.iter().any(|(t, _, _)| !want.contains_key(t)) {
                    v.fail(format!(
                        "{label}: file {} has variants {have_names:?}, expected {:?}",
                        f.id,
                        want.keys().collect::<Vec<_>>()
                    ));
                }
                for (transform, key, vsize) in &have {
                    live_keys.insert(key.clone());
                    if let Some((sha, wsize)) = want.get(transform) {
                        if vsize != wsize {
                            v.fail(format!(
                                "{label}: variant {transform} recorded {vsize} bytes, expected {wsize}"
                            ));
                        }
                        check_object(&mut v, storage, &label, key, sha).await;
                    }
                }
            }
            (false, None) => {}
        }
    }
    for (id, row) in &uploads {
        if !planned_ids.contains(id) {
            v.fail(format!(
                "upload {id} ({}) was created but no client asked for it",
                row.status
            ));
        }
    }

    // Nothing in the bucket without a row: staging keys, deleted files' objects, anything.
    let keys = storage.list("").await.map_err(|e| anyhow::anyhow!(e.detail()))?;
    let stray: Vec<&String> = keys
        .iter()
        .filter(|k| !live_keys.contains(*k) && !k.starts_with("_ready-probe"))
        .collect();
    if !stray.is_empty() {
        let sample: Vec<_> = stray.iter().take(10).collect();
        v.fail(format!(
            "{} object(s) in the bucket with no row, e.g. {sample:?}",
            stray.len()
        ));
    }

    // No job left running, retrying or given up.
    for r in sqlx::query(
        "SELECT job_type, status, count(*) AS n, max(last_result::text) AS err FROM apalis.jobs \
         WHERE status <> 'Done' GROUP BY 1, 2",
    )
    .fetch_all(db)
    .await?
    {
        let (queue, status, n, err): (String, String, i64, Option<String>) =
            (r.get("job_type"), r.get("status"), r.get("n"), r.get("err"));
        v.fail(format!("{n} {queue} job(s) left {status} (last result: {err:?})"));
    }

    // Usage equals the files: what was verified, deleted and rendered, each counted once.
    let u = sqlx::query(
        "SELECT \
           coalesce((SELECT sum(uploads_count) FROM usage_daily WHERE project_id = $1), 0)::int8 \
             + coalesce((SELECT sum(count) FROM usage_events WHERE project_id = $1 AND kind = 'upload_verified'), 0)::int8 AS uploads, \
           coalesce((SELECT sum(uploads_bytes) FROM usage_daily WHERE project_id = $1), 0)::int8 \
             + coalesce((SELECT sum(bytes) FROM usage_events WHERE project_id = $1 AND kind = 'upload_verified'), 0)::int8 AS upload_bytes, \
           coalesce((SELECT sum(deleted_count) FROM usage_daily WHERE project_id = $1), 0)::int8 \
             + coalesce((SELECT sum(count) FROM usage_events WHERE project_id = $1 AND kind = 'file_deleted'), 0)::int8 AS deleted, \
           coalesce((SELECT sum(deleted_bytes) FROM usage_daily WHERE project_id = $1), 0)::int8 \
             + coalesce((SELECT sum(bytes) FROM usage_events WHERE project_id = $1 AND kind = 'file_deleted'), 0)::int8 AS deleted_bytes, \
           coalesce((SELECT sum(variants_count) FROM usage_daily WHERE project_id = $1), 0)::int8 \
             + coalesce((SELECT sum(count) FROM usage_events WHERE project_id = $1 AND kind = 'variant_produced'), 0)::int8 AS variants, \
           coalesce((SELECT sum(variants_bytes) FROM usage_daily WHERE project_id = $1), 0)::int8 \
             + coalesce((SELECT sum(bytes) FROM usage_events WHERE project_id = $1 AND kind = 'variant_produced'), 0)::int8 AS variant_bytes",
    )
    .bind(project)
    .fetch_one(db)
    .await?;
    let live_bytes: i64 = files.iter().map(|f| f.size).sum();
    let got = |c: &str| -> i64 { u.get(c) };
    for (what, have, want) in [
        ("uploads counted", got("uploads"), want_uploads),
        ("upload bytes counted", got("upload_bytes"), want_upload_bytes),
        ("deletes counted", got("deleted"), want_deleted),
        ("deleted bytes counted", got("deleted_bytes"), want_deleted_bytes),
        ("variants counted", got("variants"), want_variants),
        ("variant bytes counted", got("variant_bytes"), want_variant_bytes),
        (
            "live files (counted uploads − deletes)",
            got("uploads") - got("deleted"),
            files.len() as i64,
        ),
        (
            "live bytes (counted upload − deleted bytes)",
            got("upload_bytes") - got("deleted_bytes"),
            live_bytes,
        ),
    ] {
        if have != want {
            v.fail(format!("usage: {what} = {have}, expected {want}"));
        }
    }

    // Every follower saw every upload it followed end as the row says, reconnections included.
    for (i, f) in followers.iter().enumerate() {
        v.follower_connects += f.connects;
        if f.connects > 1 {
            v.followers_reconnected += 1;
        }
        for (id, seen) in &f.followed {
            v.followed += 1;
            let Some(row) = id.parse::<uuid::Uuid>().ok().and_then(|u| uploads.get(&u)) else {
                continue;
            };
            // A deleted file's upload ended `ready`; a socket that (re)subscribed after the
            // deletion is told `file.deleted` instead.
            let want = state_of(row);
            let ok = seen.as_deref() == Some(want.as_str()) || (row.file_deleted && seen.as_deref() == Some("deleted"));
            if !ok {
                v.fail(format!(
                    "follower {i} ({} connection(s)): upload {id} is `{want}` but the socket delivered {seen:?}",
                    f.connects
                ));
            }
        }
    }
    Ok(v)
}

async fn check_object(v: &mut Verdict, storage: &Storage, label: &str, key: &str, sha: &str) {
    match storage.get(key).await {
        Ok(bytes) => {
            v.objects_checked += 1;
            v.bytes_hashed += bytes.len() as u64;
            let got = sha256_hex(&bytes);
            if got != sha {
                v.fail(format!("{label}: object {key} has sha256 {got}, expected {sha}"));
            }
        }
        Err(e) => v.fail(format!("{label}: object {key} cannot be read: {}", e.detail())),
    }
}
