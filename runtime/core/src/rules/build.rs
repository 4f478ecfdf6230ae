//! `build:`: a function whose package is built from its code folder's sources by the language's
//! own tool, rather than zipped as it is.
//!
//! * `go`: `go build -trimpath -buildvcs=false` of the module in the code folder (a `go.mod` and a
//!   `package main` with `func main()` at its root), for Linux on the function's `arch`, with
//!   `CGO_ENABLED=0`, into the `bootstrap` of an OS-only runtime (`provided.al2023`,
//!   `provided.al2`), as AWS's "Building Lambda functions with Go" page describes since `go1.x`
//!   was retired (as of 2026-12-03).
//! * `maven`: `mvn package` of the Maven project in the code folder (`pom.xml`), for the Java
//!   runtimes; the package is the jar it builds, its classes and resources at the root as
//!   Lambda's Java runtime loads them (the "Deploy Java Lambda functions with .zip or JAR file
//!   archives" page, as of 2026-12-07).
//!
//! ```
//! use lambda_stack_core::rules::build::Build;
//! use lambda_stack_core::rules::runtimes::Family;
//! assert_eq!(Build::parse("go"), Ok(Build::Go));
//! assert_eq!(Build::parse("golang").unwrap_err(), "unknown `build` value `golang`; expected `go` or `maven`");
//! assert!(Build::Maven.check_family("java21", Family::Java).is_ok());
//! assert!(Build::Go.check_family("provided.al2023", Family::Provided).is_ok());
//! assert!(Build::Go.check_family("python3.12", Family::Python).is_err());
//! ```

use super::runtimes::Family;

/// What builds a function's package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Build {
    /// `go build` into `bootstrap`.
    Go,
    /// `mvn package`, and the jar it builds.
    Maven,
}

impl Build {
    pub const ALL: [Build; 2] = [Build::Go, Build::Maven];

    /// The word `build:` takes.
    pub fn word(self) -> &'static str {
        match self {
            Build::Go => "go",
            Build::Maven => "maven",
        }
    }

    /// What the package holds, for messages: the build's output alone.
    pub fn output(self) -> &'static str {
        match self {
            Build::Go => "the built `bootstrap` alone",
            Build::Maven => "the jar Maven builds",
        }
    }

    pub fn parse(word: &str) -> Result<Build, String> {
        Build::ALL.into_iter().find(|build| build.word() == word).ok_or_else(|| {
            format!(
                "unknown `build` value `{word}`{}",
                super::suggest::expected_one_of(word, Build::ALL.map(Build::word))
            )
        })
    }

    /// The runtime family the build makes a package for: Go's `bootstrap` runs on the OS-only
    /// runtimes.
    pub fn family(self) -> Family {
        match self {
            Build::Go => Family::Provided,
            Build::Maven => Family::Java,
        }
    }

    /// `runtime` (of `family`) runs what the build makes.
    pub fn check_family(self, runtime: &str, family: Family) -> Result<(), String> {
        if family == self.family() {
            return Ok(());
        }
        Err(match self {
            Build::Go => format!(
                "`build: go` makes a `bootstrap` executable, which runs on the OS-only runtimes \
                 `provided.al2023` and `provided.al2`, not on `{runtime}`"
            ),
            Build::Maven => format!(
                "`build: maven` builds a Java jar, which runs on the Java runtimes (`java21`, `java17`, ..), not on \
                 `{runtime}`"
            ),
        })
    }
}

/// What bundles a Node.js function's handler module and its imports into one file.
///
/// * `esbuild`: esbuild from npm (pinned by the builders, installed into the cache) bundles the
///   handler's file (TypeScript or JavaScript) for the runtime's Node.js version, as AWS's
///   "Building Lambda functions with TypeScript" page does with `esbuild --bundle --platform=node
///   --target=node22` (as of 2026-12-07).
///
/// ```
/// use lambda_stack_core::rules::build::Bundle;
/// use lambda_stack_core::rules::runtimes::Family;
/// assert_eq!(Bundle::parse("esbuild"), Ok(Bundle::Esbuild));
/// assert_eq!(Bundle::parse("esbuidl").unwrap_err(), "unknown `bundle` value `esbuidl`; did you mean `esbuild`?");
/// assert!(Bundle::Esbuild.check_family("nodejs22.x", Family::Node).is_ok());
/// assert!(Bundle::Esbuild.check_family("python3.12", Family::Python).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bundle {
    /// `esbuild --bundle` into one `.js` or `.mjs` file.
    Esbuild,
}

impl Bundle {
    pub const ALL: [Bundle; 1] = [Bundle::Esbuild];

    /// The word `bundle:` takes.
    pub fn word(self) -> &'static str {
        match self {
            Bundle::Esbuild => "esbuild",
        }
    }

    pub fn parse(word: &str) -> Result<Bundle, String> {
        Bundle::ALL.into_iter().find(|bundle| bundle.word() == word).ok_or_else(|| {
            format!(
                "unknown `bundle` value `{word}`{}",
                super::suggest::expected_one_of(word, Bundle::ALL.map(Bundle::word))
            )
        })
    }

    /// `runtime` (of `family`) runs what the bundler makes: JavaScript, on Node.js.
    pub fn check_family(self, runtime: &str, family: Family) -> Result<(), String> {
        if family == Family::Node {
            return Ok(());
        }
        Err(format!(
            "`bundle: {}` makes one JavaScript file, which runs on the Node.js runtimes (`nodejs22.x`, ..), not on \
             `{runtime}`",
            self.word()
        ))
    }
}
