//! Errors of synthesis, and where a declaration came from.

use std::fmt;
use std::path::PathBuf;

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

/// Why a synth failed.
#[derive(Debug)]
pub enum Error {
    /// The stack breaks rules; every problem is listed.
    Invalid { stack: String, problems: Vec<Problem> },
    /// A function's code could not be packaged.
    Package { stack: String, function: String, source: Box<crate::package::PackageError> },
    /// Reading or writing a file failed.
    Io { path: PathBuf, source: std::io::Error },
    /// The command line or the app was used wrongly.
    Usage(String),
    /// Building or checking the `bootstrap` of Rust functions failed.
    Build(String),
    /// This machine lacks a tool that building for a function's architecture needs (a Rust target,
    /// a cross linker); the message says what to install.
    Toolchain(String),
    /// Serving a Rust function inside Lambda failed.
    Lambda { handler: String, message: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid { stack, problems } => {
                let count = problems.len();
                write!(f, "stack `{stack}` has {count} problem{}", if count == 1 { "" } else { "s" })?;
                for problem in problems {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
            Error::Package { stack, function, source } => {
                write!(f, "stack `{stack}`: function `{function}`: {source}")
            }
            Error::Io { path, source } => write!(f, "`{}`: {source}", path.display()),
            Error::Usage(message) | Error::Build(message) | Error::Toolchain(message) => f.write_str(message),
            Error::Lambda { handler, message } => write!(f, "serving function `{handler}` in Lambda: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Package { source, .. } => Some(source.as_ref()),
            Error::Io { source, .. } => Some(source),
            Error::Invalid { .. } | Error::Usage(_) | Error::Build(_) | Error::Toolchain(_) | Error::Lambda { .. } => None,
        }
    }
}

/// The result of lambda-stack's fallible calls.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io_error(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io { path, source }
}
