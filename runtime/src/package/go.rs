//! `build: go`: the package of a Go function is one file, the `bootstrap` that `go build` makes
//! of the module in its code folder.
//!
//! `go build -trimpath -buildvcs=false -ldflags="-s -w -buildid=" -tags lambda.norpc -o bootstrap .`
//! with `GOOS=linux`, `GOARCH` from the function's `arch` and `CGO_ENABLED=0`, as AWS's "Building
//! Lambda functions with Go" page builds for `provided.al2023` (as of 2026-12-03):
//! * `-trimpath` and `-buildvcs=false` keep the build machine's paths and the checkout's commit
//!   out of the binary, and the empty build id keeps the bytes the same on every machine with the
//!   same Go: the zip, and so `source_code_hash`, change only when the program does;
//! * `-s -w` drop the symbol table and DWARF (a smaller zip, a faster cold start);
//! * `lambda.norpc` leaves out `aws-lambda-go`'s RPC server, which only the retired `go1.x`
//!   runtime used;
//! * `CGO_ENABLED=0` links statically, so the binary needs nothing of the runtime's OS.
//!
//! Go's own build cache makes a rebuild of unchanged sources a few hundred milliseconds; the zip
//! of one binary is not cached again. `GOTOOLCHAIN=local` (unless set) keeps a `go` line newer than
//! the installed Go from downloading another toolchain in the middle of a synth.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::cache::Cache;
use super::{package_entries, Entry, Package, PackageError};
use lambda_stack_core::decl::Arch;

/// The `go` program: `LAMBDA_STACK_GO`, or `go` on `PATH`.
fn go_program() -> PathBuf {
    std::env::var_os("LAMBDA_STACK_GO").filter(|value| !value.is_empty()).map_or_else(|| "go".into(), PathBuf::from)
}

/// `GOARCH` for a Lambda architecture.
pub(crate) fn goarch(arch: Arch) -> &'static str {
    match arch {
        Arch::X86_64 => "amd64",
        Arch::Arm64 => "arm64",
    }
}

/// Builds the Go module in `code` for Linux on `arch` and packages its `bootstrap`. `notify` is
/// told before `go` runs.
pub(crate) fn package_go(
    code: &Path,
    arch: Arch,
    cache: &Cache,
    notify: &dyn Fn(String),
) -> Result<Package, PackageError> {
    notify(format!("go build for {}", arch.as_str()));
    let staging = cache.staging("go").map_err(|source| PackageError::Io { path: "go build".into(), source })?;
    let result = build(code, arch, &staging.join("bootstrap"));
    let _ = std::fs::remove_dir_all(&staging);
    let contents = result?;
    package_entries(vec![Entry { path: "bootstrap".into(), contents, executable: true }])
}

/// Runs `go build` in `code` into `output` and returns the binary's bytes.
fn build(code: &Path, arch: Arch, output: &Path) -> Result<Vec<u8>, PackageError> {
    let go = go_program();
    let mut command = Command::new(&go);
    command
        .args(["build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-tags", "lambda.norpc", "-o"])
        .arg(output)
        .arg(".")
        .current_dir(code)
        .env("GOOS", "linux")
        .env("GOARCH", goarch(arch))
        .env("CGO_ENABLED", "0");
    if std::env::var_os("GOTOOLCHAIN").is_none() {
        command.env("GOTOOLCHAIN", "local");
    }
    let output_of_go = command.output().map_err(|error| PackageError::Build {
        tool: "go",
        message: format!(
            "cannot run `{}` ({error}); install Go (Debian: `apt-get install golang-go`), or set LAMBDA_STACK_GO \
             to the `go` program",
            go.display()
        ),
    })?;
    if !output_of_go.status.success() {
        let stderr = String::from_utf8_lossy(&output_of_go.stderr);
        return Err(PackageError::Build {
            tool: "go",
            message: format!("go build for {} failed:\n{}", arch.as_str(), stderr.trim_end()),
        });
    }
    std::fs::read(output).map_err(|source| PackageError::Io { path: "bootstrap".into(), source })
}
