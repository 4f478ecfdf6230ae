//! Compile-time checks as users see them: every `tests/ui/**/*.rs` is a small stack with one
//! mistake and must fail to build with the error in its `.stderr`; every `tests/pass/*.rs` must
//! build, and its `main` synthesizes the stack (so the builders' rules agree with the macro's).
//!
//! Refresh the expected output with `TRYBUILD=overwrite cargo test --test ui`, then read every
//! changed `.stderr`.

use lambda_stack::rules::runtimes::{Date, AS_OF};

#[test]
fn ui() {
    // Runtime verdicts depend on the day: deprecated warns, past the create-block date fails.
    // The macro takes "today" from SOURCE_DATE_EPOCH when it is set; pin it to the day the
    // runtime table was last checked, so these expectations do not change with the calendar
    // (the dated verdicts themselves are unit-tested in `rules::runtimes`).
    let as_of = Date::parse(AS_OF).expect("AS_OF is a date");
    std::env::set_var("SOURCE_DATE_EPOCH", (as_of.days_since_epoch() * 86_400).to_string());
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/**/*.rs");
    t.pass("tests/pass/*.rs");
}
