//! Worker integration tests that need no services: the imaging pipeline on the team's real
//! image corpus (`../shared/corpus/real`, beside the repository), and render processes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod imaging;
mod render;
