//! Process-level tests of the `carcosa` binary: real worker processes against one database
//! (crash recovery, no double processing), `carcosa dev` end to end, and the admin CLI.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod accounts;
mod admin;
mod client;
mod dev;
mod hostile;
mod processes;
mod serve;
mod workers;
