//! Process-level tests of the `carcosa` binary: real worker processes against one database
//! (crash recovery, no double processing), `carcosa dev` end to end, and the admin CLI.

mod admin;
mod dev;
mod processes;
mod workers;
