//! `carcosa-common`: the contract shared by Carcosa's API and workers — configuration, the
//! database layer and migrations, domain types, job payloads, bucket access, and the crypto that
//! protects bucket credentials and API keys.

pub mod audit;
pub mod config;
pub mod crypto;
pub mod db;
pub mod domain;
pub mod events;
pub mod jobs;
pub mod manage;
pub mod metrics;
pub mod outbound;
pub mod password;
pub mod provision;
pub mod sniff;
pub mod storage;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod transform;
pub mod webhooks;

pub use config::Config;
