//! What the integration tests share.

#![allow(dead_code)]

use std::path::Path;

use lambda_stack::package::{BuildOptions, Cache, ProgressMode};

/// A cache kept across test runs under `target/`: dependencies and the runtime client are
/// downloaded once per checkout, not once per run.
pub fn cache() -> Cache {
    Cache::at(Path::new(env!("CARGO_TARGET_TMPDIR")).join("lambda-stack-cache"))
}

/// Build options with [`cache`], the environment's installers, and no progress output.
pub fn options() -> BuildOptions {
    BuildOptions { cache: cache(), progress: ProgressMode::Quiet, ..BuildOptions::from_env() }
}

/// A real oracle or tool could not run on this machine (no Terraform, no cross linker): a loud
/// line when run by hand, and a failure in CI (`CI` set), where the project's scripts install
/// everything and nothing may go unchecked.
pub fn nothing_checked(what: &str, why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} could not run in CI: {why}");
    }
    // Written to the handle, not with `eprintln!`, which the test harness captures and hides.
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "\n*** SKIPPED: {what} did not run: {why} ***\n");
}
