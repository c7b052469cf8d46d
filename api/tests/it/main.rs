//! API integration tests: the real router on 127.0.0.1:0, the real worker, a fresh Postgres
//! database per test (`#[sqlx::test]`) and the real S3 server from `scripts/s3-test-server.sh`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod accounts;
mod auth;
mod authz_matrix;
mod buckets;
mod dashboard;
mod flow;
mod hostile_callers;
mod imports;
mod management;
mod metrics;
mod multipart;
mod openapi;
mod orgs_admin;
mod rate_limits;
mod realtime;
mod realtime_access;
mod rejections;
mod scoping;
mod security;
mod staging;
mod support;
mod sweep;
mod transform_limits;
mod transforms;
mod upload_routes;
mod usage;
mod variants;
mod verification;
mod webhooks;
