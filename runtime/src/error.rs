//! Errors of synthesis: why a synth failed ([`Error`]), and the crate's [`Result`].

use std::fmt;
use std::path::PathBuf;

use crate::origin::Problem;

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
            Error::Invalid { .. } | Error::Usage(_) | Error::Build(_) | Error::Toolchain(_) | Error::Lambda { .. } => {
                None
            }
        }
    }
}

/// The result of lambda-stack's fallible calls.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io_error(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io { path, source }
}
