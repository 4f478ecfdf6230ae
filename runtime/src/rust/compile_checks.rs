//! The checks a `lambda_stack!` binding of a `#[function]` runs at compile time, in `const _: ()`
//! items: the attribute's keys are only known as [`RustFunction`]'s associated consts, so the
//! macro cannot compare them with the block's and emits calls to these instead. A failed check
//! panics, which rustc reports as a compile error with the message.
//!
//! `str` equality is not `const`, hence `same` and `contains` and the index loops.

use super::RustFunction;
use crate::rules::resources::Kind;

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn contains(names: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < names.len() {
        if same(names[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// Compile-time: the `function` block binding `F` does not set `key` when `#[function]` did.
pub const fn check_key_once<F: RustFunction>(key: &str, message: &'static str) {
    if contains(F::KEYS, key) {
        panic!("{}", message);
    }
}

/// Compile-time: every declaration `F`'s attribute names is in `declared`, with a kind it may be.
pub const fn check_references<F: RustFunction>(declared: &[(&str, Kind)]) {
    let references = F::REFERENCES;
    let mut i = 0;
    while i < references.len() {
        let reference = &references[i];
        let mut found = None;
        let mut j = 0;
        while j < declared.len() {
            if same(declared[j].0, reference.name) {
                found = Some(declared[j].1);
            }
            j += 1;
        }
        match found {
            None => panic!("{}", reference.missing),
            Some(kind) => {
                let mut allowed = false;
                let mut k = 0;
                while k < reference.kinds.len() {
                    if reference.kinds[k] as u8 == kind as u8 {
                        allowed = true;
                    }
                    k += 1;
                }
                if !allowed {
                    panic!("{}", reference.wrong_kind);
                }
            }
        }
        i += 1;
    }
}

/// Compile-time: a queue with a visibility timeout of `visibility` seconds that `F` reads (from
/// its attribute's triggers, or from the block's when `from_block`) keeps messages hidden for as
/// long as the function may run: `timeout` from the block, else from the attribute, else Lambda's
/// default.
pub const fn check_visibility<F: RustFunction>(
    queue: &str,
    visibility: u64,
    block_timeout: Option<u64>,
    from_block: bool,
    message: &'static str,
) {
    if !from_block && !contains(F::SQS_QUEUES, queue) {
        return;
    }
    let timeout = match (block_timeout, F::TIMEOUT) {
        (Some(timeout), _) | (None, Some(timeout)) => timeout,
        (None, None) => crate::rules::limits::DEFAULT_TIMEOUT_SECONDS,
    };
    if crate::rules::sqs::exceeds_visibility(timeout, visibility) {
        panic!("{}", message);
    }
}
