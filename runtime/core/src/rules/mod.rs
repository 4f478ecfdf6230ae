//! Every limit and table lambda-stack enforces, in one place.
//!
//! The `lambda_stack!` macro calls these functions at compile time (this module needs only `std`,
//! so the macro crate depends on this crate with default features off), and the builders call them
//! again at synth, so a stack written by hand is held to the same rules.
//!
//! A rule returns `Err(message)` with a rustc-style message: lowercase, names in backticks, what
//! was expected, and a did-you-mean where one helps. The caller adds the location.
//!
//! ```
//! use lambda_stack_core::rules::limits;
//! assert!(limits::check_memory(256).is_ok());
//! assert_eq!(
//!     limits::check_memory(64).unwrap_err(),
//!     "memory must be between 128 and 10240 MB, found 64"
//! );
//! ```

pub mod adopt;
pub mod auth;
pub mod build;
pub mod cors;
pub mod env;
pub mod glob;
pub mod grants;
pub mod handler;
pub mod http;
pub mod iam;
pub mod kms;
pub mod layers;
pub mod limits;
pub mod logs;
pub mod loops;
pub mod names;
pub mod patterns;
pub mod permissions;
pub mod placeholders;
pub mod regions;
pub mod resources;
pub mod rest;
pub mod runtimes;
pub mod rust;
pub mod s3;
pub mod schedule;
pub mod scheduler;
pub mod sns;
pub mod sources;
pub mod sqs;
pub mod stages;
pub mod streams;
pub mod suggest;
pub mod timezones;
pub mod urls;
pub mod versions;
pub mod vpc;

/// The outcome of a rule that can pass, warn, or fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// Allowed, but the user should hear about it (a deprecated runtime, say).
    Warning(String),
    Error(String),
}
