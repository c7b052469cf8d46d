//! Several `carcosa work` processes on one database: a job is never run by two workers at once,
//! and a worker killed with SIGKILL mid-job does not lose it — another worker finishes it.

use std::time::{Duration, Instant};

use carcosa_common::db::uploads;
use carcosa_common::domain::{UploadId, UploadStatus};
use carcosa_common::jobs::{self, CompleteUpload};
use carcosa_common::testing::TestEnv;
use sqlx::PgPool;

use crate::processes::{fixture, worker};

/// An upload whose object is in the bucket, moved to `verifying` with its job enqueued — the
/// state `POST /v1/uploads/{id}/complete` leaves behind.
async fn verifying_upload(env: &TestEnv, bytes: &[u8]) -> UploadId {
    verifying_upload_as(env, bytes, "a.png", "image/png").await
}

/// [`verifying_upload`] with the given file name and declared type.
pub async fn verifying_upload_as(env: &TestEnv, bytes: &[u8], filename: &str, content_type: &str) -> UploadId {
    let (id, _) = env.stage_upload(filename, content_type, bytes).await;
    let mut tx = env.pool.begin().await.unwrap();
    assert!(uploads::begin_verifying(&mut *tx, env.project.id, id).await.unwrap());
    jobs::enqueue(
        &mut tx,
        &CompleteUpload { upload_id: id },
        env.config.worker.max_attempts,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn scalar(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(pool)
        .await
        .unwrap()
}

pub async fn wait_until(what: &str, timeout: Duration, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[sqlx::test(migrations = false)]
async fn two_workers_never_run_the_same_job(pool: PgPool) {
    let env = TestEnv::new(pool).await;
    let png = fixture("icon_rgba_128x128.png");
    // Jobs are held blocked below for up to 30 s, with each blocked job holding a connection;
    // on a loaded machine a worker's heartbeat could then miss the tests' 2 s window and its jobs
    // be handed over (a second attempt), which is crash recovery, not what this test checks.
    // The fresh-clone CI run of f0df3c9 saw that: 10 of 80 jobs ran twice.
    let patient = || {
        crate::processes::Proc::spawn(
            crate::processes::worker_command(&env).env("CARCOSA_WORKER__MISSED_HEARTBEATS", "30"),
        )
    };
    let a = patient();
    let b = patient();
    wait_until("both workers to register", Duration::from_secs(30), async || {
        scalar(
            &env.pool,
            "SELECT count(*) FROM apalis.workers WHERE worker_type = 'complete_upload'",
        )
        .await
            == 2
    })
    .await;

    // Hold the files table while the jobs arrive: each worker claims as many jobs as it has
    // room for and blocks inside them, so the rest must go to the other worker. Both processes
    // are then provably working the same queue at the same time.
    let mut lock = env.pool.begin().await.unwrap();
    sqlx::query("LOCK TABLE files IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *lock)
        .await
        .unwrap();
    const N: i64 = 40;
    for _ in 0..N {
        verifying_upload(&env, &png).await;
    }
    wait_until(
        "both workers to hold jobs at once",
        Duration::from_secs(30),
        async || {
            scalar(
            &env.pool,
            "SELECT count(DISTINCT lock_by) FROM apalis.jobs WHERE job_type = 'complete_upload' AND status = 'Running'",
        )
        .await
            == 2
        },
    )
    .await;
    lock.rollback().await.unwrap();
    wait_until("every job to finish", Duration::from_secs(60), async || {
        scalar(
            &env.pool,
            "SELECT count(*) FROM apalis.jobs WHERE job_type IN ('complete_upload', 'generate_variants') AND status = 'Done'",
        )
        .await
            == 2 * N
    })
    .await;
    assert_eq!(
        scalar(&env.pool, "SELECT count(*) FROM uploads WHERE status = 'ready'").await,
        N
    );

    assert_eq!(scalar(&env.pool, "SELECT count(*) FROM files").await, N);
    assert_eq!(
        scalar(
            &env.pool,
            "SELECT count(*) FROM apalis.jobs WHERE job_type IN ('complete_upload', 'generate_variants') AND status = 'Done' AND attempts = 1"
        )
        .await,
        2 * N,
        "every job ran exactly once"
    );
    let (ran_a, ran_b) = (a.count("upload verified"), b.count("upload verified"));
    assert_eq!(
        ran_a + ran_b,
        N as usize,
        "one verification per job across both processes"
    );
    assert!(
        ran_a > 0 && ran_b > 0,
        "both workers took jobs (a: {ran_a}, b: {ran_b})"
    );
    assert_eq!(
        a.count("already verified") + b.count("already verified"),
        0,
        "no job body ran twice"
    );
}

#[sqlx::test(migrations = false)]
async fn a_job_survives_its_worker_being_killed_mid_job(pool: PgPool) {
    let env = TestEnv::new(pool).await;
    let png = fixture("icon_rgba_128x128.png");
    // Hold the files table so the first worker blocks inside the job, after claiming it.
    let mut lock = env.pool.begin().await.unwrap();
    sqlx::query("LOCK TABLE files IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *lock)
        .await
        .unwrap();

    let mut first = worker(&env);
    let id = verifying_upload(&env, &png).await;
    let first_pid = first.pid();
    wait_until("the first worker to be stuck inside the job", Duration::from_secs(30), async || {
        let running = scalar(
            &env.pool,
            &format!("SELECT count(*) FROM apalis.jobs WHERE status = 'Running' AND lock_by LIKE 'complete_upload-%-{first_pid}'"),
        )
        .await;
        let waiting = scalar(&env.pool, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO files%'").await;
        running == 1 && waiting == 1
    })
    .await;

    first.kill9();
    lock.rollback().await.unwrap();
    let second = worker(&env);
    wait_until(
        "another worker to finish the job",
        Duration::from_secs(60),
        async || {
            scalar(
                &env.pool,
                &format!("SELECT count(*) FROM uploads WHERE id = '{id}' AND status = 'ready'"),
            )
            .await
                == 1
        },
    )
    .await;

    wait_until("the job to be marked done", Duration::from_secs(30), async || {
        scalar(
            &env.pool,
            "SELECT count(*) FROM apalis.jobs WHERE job_type = 'complete_upload' AND status = 'Done'",
        )
        .await
            == 1
    })
    .await;
    assert_eq!(
        scalar(&env.pool, "SELECT count(*) FROM files").await,
        1,
        "the file is recorded once"
    );
    let (status, attempts, lock_by): (String, i32, String) =
        sqlx::query_as("SELECT status, attempts, lock_by FROM apalis.jobs WHERE job_type = 'complete_upload'")
            .fetch_one(&env.pool)
            .await
            .unwrap();
    assert_eq!(status, "Done");
    assert!(attempts >= 2, "the killed run counts as an attempt (got {attempts})");
    assert!(
        lock_by.ends_with(&format!("-{}", second.pid())),
        "finished by the second worker, not {lock_by}"
    );
    assert_eq!(second.count("upload verified"), 1);
}

#[sqlx::test(migrations = false)]
async fn a_worker_process_serves_its_metrics_and_the_queue_gauges(pool: PgPool) {
    let env = TestEnv::new(pool).await;
    let proc = crate::processes::Proc::spawn(
        crate::processes::worker_command(&env).env("CARCOSA_METRICS__QUEUE_SAMPLE_SECS", "1"),
    );
    let addr = proc.wait_addr("worker metrics listening", Duration::from_secs(30));
    // A fresh worker already shows every job series, at zero, before its first job.
    let fresh = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for series in [
        "carcosa_jobs_started_total{queue=\"complete_upload\"} 0",
        "carcosa_jobs_gave_up_total{queue=\"transform\"} 0",
        "carcosa_jobs_succeeded_total{queue=\"generate_variants\"} 0",
        "carcosa_transform_renders_killed_total 0",
    ] {
        assert!(fresh.contains(series), "{series} missing from:\n{fresh}");
    }
    // The probes an orchestrator points at a worker.
    for (path, body) in [("/healthz", "ok"), ("/readyz", "ready")] {
        let resp = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(resp.text().await.unwrap(), body, "{path}");
    }
    // A second worker on the same address still starts, without a listener, and says why.
    // (Stopped again before the upload, so the job can only run on the first.)
    {
        let second = crate::processes::Proc::spawn(
            crate::processes::worker_command(&env).env("CARCOSA_METRICS__WORKER_BIND", &addr),
        );
        second.wait_line("no metrics listener for this worker", Duration::from_secs(30));
        second.wait_line("worker starting", Duration::from_secs(5));
    }
    let id = verifying_upload(&env, fixture("icon_rgba_128x128.png").as_slice()).await;
    let metrics = || async {
        reqwest::get(format!("http://{addr}/metrics"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    wait_until("the upload to be verified", Duration::from_secs(30), async || {
        uploads::get_for_verification(&env.pool, id)
            .await
            .unwrap()
            .is_some_and(|u| u.status == UploadStatus::Ready)
    })
    .await;
    wait_until(
        "the worker's metrics to show the job",
        Duration::from_secs(30),
        async || {
            let text = metrics().await;
            text.contains("carcosa_jobs_succeeded_total{queue=\"complete_upload\"} 1")
                && text.contains("carcosa_queue_pending_jobs{queue=\"complete_upload\"} 0")
                && text.contains("carcosa_queue_sampler_leader 1")
        },
    )
    .await;
}

async fn registered_queues(pool: &PgPool, pid: u32) -> Vec<String> {
    let mut types: Vec<String> = sqlx::query_scalar("SELECT worker_type FROM apalis.workers WHERE id LIKE '%-' || $1")
        .bind(pid.to_string())
        .fetch_all(pool)
        .await
        .unwrap();
    types.sort();
    types
}

async fn upload_status(pool: &PgPool, id: UploadId) -> Option<UploadStatus> {
    uploads::get_for_verification(pool, id).await.unwrap().map(|u| u.status)
}

/// The worker that finished the queue's one job (waiting for the job to be marked done: that
/// comes just after the upload's own change).
async fn finished_by(pool: &PgPool, queue: &str) -> String {
    let done = async || -> Option<String> {
        sqlx::query_scalar("SELECT lock_by FROM apalis.jobs WHERE job_type = $1 AND status = 'Done'")
            .bind(queue)
            .fetch_optional(pool)
            .await
            .unwrap()
    };
    wait_until("the job to be done", Duration::from_secs(10), async || {
        done().await.is_some()
    })
    .await;
    done().await.unwrap()
}

#[sqlx::test(migrations = false)]
async fn worker_pools_serve_only_their_queues(pool: PgPool) {
    let env = TestEnv::new(pool).await;
    let pool_of = |queues: &str| {
        crate::processes::Proc::spawn(crate::processes::worker_command(&env).env("CARCOSA_WORKER__QUEUES", queues))
    };
    let images = pool_of("[generate_variants,transform]");
    wait_until("the image pool to register", Duration::from_secs(30), async || {
        registered_queues(&env.pool, images.pid()).await.len() == 2
    })
    .await;
    assert_eq!(
        registered_queues(&env.pool, images.pid()).await,
        ["generate_variants", "transform"]
    );
    // Nothing here verifies uploads.
    let id = verifying_upload(&env, fixture("icon_rgba_128x128.png").as_slice()).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(upload_status(&env.pool, id).await, Some(UploadStatus::Verifying));
    // The general pool verifies; the image pool makes the presets.
    let general = pool_of("[complete_upload,delete_objects,deliver_webhook,ingest_url]");
    wait_until("the upload to be ready", Duration::from_secs(30), async || {
        upload_status(&env.pool, id).await == Some(UploadStatus::Ready)
    })
    .await;
    let on = |pid: u32| format!("-{pid}");
    assert!(
        finished_by(&env.pool, "complete_upload")
            .await
            .ends_with(&on(general.pid()))
    );
    assert!(
        finished_by(&env.pool, "generate_variants")
            .await
            .ends_with(&on(images.pid()))
    );
}

/// A worker started while Postgres is going down or coming up waits for it (up to 30 s) instead
/// of exiting: here the database hangs up on every connection for 2 s, then answers, and the
/// worker starts as usual. The chaos soak caught a worker, started during a
/// Postgres restart, that exited at once.
#[sqlx::test(migrations = false)]
async fn a_worker_started_before_postgres_is_up_waits_for_it(pool: PgPool) {
    let env = TestEnv::new(pool).await;
    let (scheme_user, rest) = env.database_url.split_once('@').expect("user@host in the URL");
    let (upstream, database) = rest.split_once('/').expect("host/database in the URL");
    // On threads: the test's runtime is blocked while it waits for the worker's output. For its
    // first 2 s the "server" hangs up on every connection (as a Postgres shutting down does),
    // then it forwards to the real one.
    let upstream = upstream.to_owned();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let opened = Instant::now();
    std::thread::spawn(move || {
        for client in listener.incoming().map_while(Result::ok) {
            if opened.elapsed() < Duration::from_secs(2) {
                // Read the client's first message, then hang up.
                let mut first = [0u8; 8];
                let _ = std::io::Read::read_exact(&mut &client, &mut first);
                drop(client);
                continue;
            }
            let Ok(server) = std::net::TcpStream::connect(&upstream) else {
                continue;
            };
            let (mut c2, mut s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (mut client, mut server) = (client, server);
            std::thread::spawn(move || std::io::copy(&mut c2, &mut s2));
            std::thread::spawn(move || std::io::copy(&mut server, &mut client));
        }
    });

    let started = Instant::now();
    let mut cmd = crate::processes::worker_command(&env);
    cmd.env("DATABASE_URL", format!("{scheme_user}@127.0.0.1:{port}/{database}"));
    let mut proc = crate::processes::Proc::spawn(&mut cmd);
    proc.wait_line("worker starting", Duration::from_secs(30));
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "it could not have connected sooner"
    );
    assert!(
        proc.count("Postgres is not answering yet") >= 1,
        "the wait is logged: {:#?}",
        proc.lines.lock().unwrap()
    );
    assert!(proc.child.try_wait().unwrap().is_none(), "still running");
}
