//! Where a declaration came from ([`Origin`]), and one broken rule found there ([`Problem`]).
//!
//! Every builder records its `Origin`; the checker reports `Problem`s against it. Kept apart from
//! [`crate::Error`], which also names packaging and I/O failures, so the builders depend on
//! nothing but this file and the core rules.

use std::fmt;

/// Where a declaration was written: the source file and line of the `lambda_stack!` item, or of
/// the builder call when written by hand.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: String,
    pub line: u32,
}

impl Origin {
    /// The caller's location: a hand-written builder call points at itself.
    #[track_caller]
    pub fn caller() -> Origin {
        let location = std::panic::Location::caller();
        Origin { file: location.file().replace('\\', "/"), line: location.line() }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One broken rule, with what it is about and where that was declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What the problem is about: "function `hello`".
    pub subject: String,
    pub origin: Origin,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.subject, self.origin, self.message)
    }
}
