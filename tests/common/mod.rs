//! What the integration tests share.

use std::io::Write as _;

/// A check that could not run on this machine (no Terraform, no cross linker): a loud line when
/// run by hand, and a failure in CI (`CI` set), where the project's scripts install everything.
pub fn not_checked(what: &str, why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} could not run in CI: {why}");
    }
    // Written to the handle, not with `eprintln!`, which the test harness captures and hides.
    let _ = writeln!(std::io::stderr(), "\n*** SKIPPED: {what} did not run: {why} ***\n");
}
