//! API integration tests: the real router on 127.0.0.1:0, the real worker, a fresh Postgres
//! database per test (`#[sqlx::test]`) and the real S3 server from `scripts/s3-test-server.sh`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod auth;
mod flow;
mod metrics;
mod realtime;
mod rejections;
mod scoping;
mod security;
mod support;
mod sweep;
mod transforms;
mod usage;
mod variants;
mod verification;
