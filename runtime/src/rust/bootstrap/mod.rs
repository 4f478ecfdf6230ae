//! Building the stack binary as the `bootstrap` of its Rust functions.
//!
//! At synth, the binary that serves a stack's Rust functions (the one whose `main` calls
//! [`crate::App::run`], found with `cargo metadata` from where `lambda_stack!` was called) is built
//! with `cargo build --release --target TRIPLE` for each architecture its functions run on, into
//! its own target directory (`target/lambda-stack/<key>/`: the build running synth may hold the
//! lock of `target/`; the key hashes the package's canonical manifest path, so two copies of a
//! project sharing one target directory never zip each other's binary). Cargo's own freshness
//! makes a synth with unchanged sources a no-op build. The binary is stripped of its symbols
//! (`CARGO_PROFILE_RELEASE_STRIP=symbols` unless the environment sets it). Before
//! zipping, the ELF header must name the function's machine and the binary must need no glibc
//! newer than `provided.al2023`'s; the zip holds one entry, `bootstrap`, mode 0755, and is the
//! same bytes for the same binary.
//!
//! Building for the other architecture needs its Rust target and a linker: the cross GCC
//! (`aarch64-linux-gnu-gcc` from Debian's `gcc-aarch64-linux-gnu`), `cargo-zigbuild` with zig, or
//! a linker set in `CARGO_TARGET_<TRIPLE>_LINKER` or a cargo config. When one is missing, synth
//! stops and says what to install.

pub mod elf;

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

use crate::error::{Error, Result};
use crate::host::on_path;
use crate::package::{package_entries, Entry, Package};
use crate::rules::rust::{self as rules, Target};
use crate::rust::Binary;
use crate::stack::Stack;

/// The packaged `bootstrap` of every Rust function of `stack`, by function name. One build per
/// binary and architecture, whatever the number of functions.
pub(crate) fn bootstraps(stack: &Stack) -> Result<BTreeMap<String, Package>> {
    for function in &stack.functions {
        if let Some(rust) = &function.rust {
            check_not_stale(&rust.binary)?;
        }
    }
    // What to build, each with its toolchain, before building anything: a missing cross linker is
    // reported before minutes of compiling for the other architecture.
    let mut plans: BTreeMap<(String, &'static str), (Located, &'static Target, Toolchain, &str)> = BTreeMap::new();
    for function in &stack.functions {
        let Some(rust) = &function.rust else { continue };
        let arch = function.arch.as_str();
        let key = (format!("{:?}", rust.binary), arch);
        if let std::collections::btree_map::Entry::Vacant(plan) = plans.entry(key) {
            let target = rules::target(arch).ok_or_else(|| Error::Build(format!("unknown architecture `{arch}`")))?;
            let located = locate(&rust.binary, &function.name)?;
            let toolchain = toolchain(&located, target, &function.name)?;
            plan.insert((located, target, toolchain, &function.name));
        }
    }
    let mut built: BTreeMap<(String, &'static str), Package> = BTreeMap::new();
    for (key, (located, target, toolchain, function)) in &plans {
        built.insert(key.clone(), bootstrap(located, target, toolchain, function)?);
    }
    let mut packages = BTreeMap::new();
    for function in &stack.functions {
        let Some(rust) = &function.rust else { continue };
        let key = (format!("{:?}", rust.binary), function.arch.as_str());
        packages.insert(function.name.clone(), built[&key].clone());
    }
    Ok(packages)
}

/// The binary running synth was compiled from the crate `cargo run` runs it for. Cargo names a
/// path package's build by its path relative to its workspace, so two copies of one project
/// sharing a target directory share a fingerprint, and one whose sources are older than the
/// other's build is "fresh": `cargo run` then runs the other copy's binary, which would locate
/// and zip the other copy. `cargo run` sets `CARGO_MANIFEST_DIR` to the crate it runs.
fn check_not_stale(binary: &Binary) -> Result<()> {
    let Some(running_for) = std::env::var_os("CARGO_MANIFEST_DIR") else { return Ok(()) };
    let canonical = |dir: &Path| std::fs::canonicalize(dir).unwrap_or_else(|_| normalize(dir));
    let (compiled, running_for) = (canonical(Path::new(&binary.manifest_dir)), canonical(Path::new(&running_for)));
    // A stack declared in a library and run from another package's binary is not stale: only a
    // copy of the very package the binary was compiled from is.
    let same_package = std::fs::read_to_string(running_for.join("Cargo.toml")).is_ok_and(|manifest| {
        manifest.lines().any(|line| {
            let line = line.replace(' ', "");
            line == format!("name=\"{}\"", binary.package) || line == format!("name='{}'", binary.package)
        })
    });
    if compiled == running_for || !same_package {
        return Ok(());
    }
    Err(Error::Build(format!(
        "this binary was compiled from `{}`, but cargo runs it for `{}`: a stale build of another copy of the \
         project in a shared target directory; refusing to package it. Rebuild this copy (`touch src/main.rs` \
         or `cargo clean -p {}`) and run synth again",
        compiled.display(),
        running_for.display(),
        binary.package
    )))
}

/// Builds `located` for `target`, checks the binary, and zips it as `bootstrap`.
fn bootstrap(located: &Located, target: &Target, toolchain: &Toolchain, function: &str) -> Result<Package> {
    let arch = target.arch;
    let path = build(located, target, toolchain, function)?;
    let bytes = std::fs::read(&path).map_err(crate::error::io_error(&path))?;
    let shown = path.display();
    let info = elf::read_elf(&bytes).map_err(|e| Error::Build(format!("`{shown}`: {e}")))?;
    rules::check_elf_machine(arch, info.machine)
        .and_then(|()| rules::check_glibc_versions(info.needed_versions.iter().map(String::as_str)))
        .map_err(|e| Error::Build(format!("the `bootstrap` of function `{function}` (`{shown}`): {e}")))?;
    let entry = Entry { path: "bootstrap".into(), contents: bytes, executable: true };
    package_entries(vec![entry])
        .map_err(|e| Error::Build(format!("packaging the `bootstrap` of function `{function}`: {e}")))
}

/// A binary target of a package, with where cargo builds it.
#[derive(Debug, Clone)]
struct Located {
    manifest_path: PathBuf,
    package: String,
    /// `bin` or `example`.
    kind: &'static str,
    name: String,
    target_dir: PathBuf,
}

impl Located {
    fn artifact(&self, triple: &str) -> PathBuf {
        let release = self.target_dir.join(triple).join("release");
        match self.kind {
            "example" => release.join("examples").join(&self.name),
            _ => release.join(&self.name),
        }
    }
}

/// Finds the binary target serving `binary`'s stack: the bin or example whose source is the
/// stack's file, else the binary being compiled when the stack was, else the package's only bin.
fn locate(binary: &Binary, function: &str) -> Result<Located> {
    static METADATA: OnceLock<Mutex<BTreeMap<String, Value>>> = OnceLock::new();
    let manifest_path = Path::new(&binary.manifest_dir).join("Cargo.toml");
    let cache = METADATA.get_or_init(Default::default);
    let metadata = {
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        match cache.get(&binary.manifest_dir) {
            Some(metadata) => metadata.clone(),
            None => {
                let metadata = cargo_metadata(&manifest_path)?;
                cache.insert(binary.manifest_dir.clone(), metadata.clone());
                metadata
            }
        }
    };
    let workspace_root = PathBuf::from(metadata["workspace_root"].as_str().unwrap_or_default());
    let target_dir = build_dir(Path::new(metadata["target_directory"].as_str().unwrap_or("target")), &manifest_path);
    let package = metadata["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|p| p["name"] == binary.package.as_str()))
        .ok_or_else(|| Error::Build(format!("`cargo metadata` does not list package `{}`", binary.package)))?;
    let binaries: Vec<(&'static str, &str, PathBuf)> = package["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|target| {
            let kinds = target["kind"].as_array()?;
            let kind = if kinds.iter().any(|k| k == "bin") {
                "bin"
            } else if kinds.iter().any(|k| k == "example")
                && target["crate_types"].as_array()?.iter().any(|c| c == "bin")
            {
                "example"
            } else {
                return None;
            };
            Some((kind, target["name"].as_str()?, normalize(Path::new(target["src_path"].as_str()?))))
        })
        .collect();
    let stack_file = normalize(&workspace_root.join(&binary.file));
    let found = binaries
        .iter()
        .find(|(_, _, src)| *src == stack_file)
        .or_else(|| {
            let bin_name = binary.bin_name.as_deref()?;
            binaries
                .iter()
                .find(|(kind, name, _)| *kind == "bin" && *name == bin_name)
                .or_else(|| binaries.iter().find(|(kind, name, _)| *kind == "example" && *name == bin_name))
        })
        .or_else(|| match binaries.iter().filter(|(kind, _, _)| *kind == "bin").collect::<Vec<_>>().as_slice() {
            [only] => Some(*only),
            _ => None,
        });
    let Some((kind, name, _)) = found else {
        return Err(Error::Build(format!(
            "cannot tell which binary of package `{}` serves Rust function `{function}`: none has `{}` as its \
             source and the package has {} binaries; declare the stack in the `main.rs` of the binary that \
             calls `App::run()`",
            binary.package,
            binary.file,
            binaries.iter().filter(|(kind, _, _)| *kind == "bin").count()
        )));
    };
    Ok(Located { manifest_path, package: binary.package.clone(), kind, name: (*name).to_owned(), target_dir })
}

/// Where the stack binary of the package at `manifest_path` is built: a folder of
/// `target/lambda-stack/` keyed by the manifest's canonical path. Two copies of one project
/// sharing a target directory (`CARGO_TARGET_DIR`, a workspace's, a copied `target/`) then never
/// share an output: cargo uplifts a binary to `<triple>/release/<name>` by name alone, so one
/// folder for both would let a synth of one copy zip the other copy's build.
fn build_dir(target_directory: &Path, manifest_path: &Path) -> PathBuf {
    use sha2::{Digest as _, Sha256};
    let canonical = std::fs::canonicalize(manifest_path).unwrap_or_else(|_| normalize(manifest_path));
    let digest = Sha256::digest(canonical.as_os_str().as_encoded_bytes());
    let key: String = digest.iter().take(8).map(|byte| format!("{byte:02x}")).collect();
    let dir = target_directory.join("lambda-stack").join(key);
    // For whoever looks into the folder: which project it builds (best effort, never read back).
    if std::fs::create_dir_all(&dir).is_ok() {
        let note = dir.join("MANIFEST");
        let text = format!("{}\n", canonical.display());
        if std::fs::read_to_string(&note).ok().as_deref() != Some(text.as_str()) {
            let _ = std::fs::write(&note, text);
        }
    }
    dir
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn cargo_metadata(manifest_path: &Path) -> Result<Value> {
    let output = cargo()
        .args(["metadata", "--format-version", "1", "--no-deps", "--manifest-path"])
        .arg(manifest_path)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Error::Build(format!("could not run `cargo metadata`: {e}")))?;
    if !output.status.success() {
        return Err(Error::Build(format!("`cargo metadata --manifest-path {}` failed", manifest_path.display())));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|e| Error::Build(format!("`cargo metadata` printed invalid JSON: {e}")))
}

/// Removes `.` and folds `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// How to build for a target from this machine.
enum Toolchain {
    /// `cargo build`, with these environment variables (a linker).
    Cargo(Vec<(String, String)>),
    /// `cargo zigbuild`, pinning glibc to Amazon Linux 2023's.
    Zigbuild,
}

/// Builds `located` for `target` and returns the binary's path.
fn build(located: &Located, target: &Target, toolchain: &Toolchain, function: &str) -> Result<PathBuf> {
    let mut command = cargo();
    let triple = match toolchain {
        Toolchain::Cargo(env) => {
            command.arg("build").envs(env.iter().map(|(k, v)| (k, v)));
            target.triple.to_owned()
        }
        Toolchain::Zigbuild => {
            command.arg("zigbuild");
            format!("{}.{}.{}", target.triple, rules::MAX_GLIBC.0, rules::MAX_GLIBC.1)
        }
    };
    // Stripped by default, as `cargo lambda build` does: a smaller zip and a faster cold start.
    // The symbols serve no debugger in Lambda; `CARGO_PROFILE_RELEASE_STRIP=none` keeps them.
    if std::env::var_os("CARGO_PROFILE_RELEASE_STRIP").is_none() {
        command.env("CARGO_PROFILE_RELEASE_STRIP", "symbols");
    }
    command
        .args(["--release", "--target", &triple, "--manifest-path"])
        .arg(&located.manifest_path)
        .args(["--package", &located.package, &format!("--{}", located.kind), &located.name])
        .env("CARGO_TARGET_DIR", &located.target_dir)
        .env_remove("CARGO_BUILD_TARGET")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let shown = format!(
        "cargo {} --release --target {triple} --{} {}",
        if matches!(toolchain, Toolchain::Zigbuild) { "zigbuild" } else { "build" },
        located.kind,
        located.name
    );
    let mut child = command.spawn().map_err(|e| Error::Build(format!("could not run `{shown}`: {e}")))?;
    // Quiet when cargo has nothing to do; its progress is shown once it compiles something.
    let mut lines = Vec::new();
    let mut showing = false;
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(std::io::Result::ok) {
            if !showing && line.trim_start().starts_with("Compiling") {
                showing = true;
                eprintln!("building the `bootstrap` of Rust functions for {}: {shown}", target.arch);
                for earlier in &lines {
                    eprintln!("  {earlier}");
                }
            }
            if showing {
                eprintln!("  {line}");
                let _ = std::io::stderr().flush();
            }
            lines.push(line);
        }
    }
    let status = child.wait().map_err(|e| Error::Build(format!("`{shown}`: {e}")))?;
    if !status.success() {
        let tail = lines.iter().rev().take(40).rev().cloned().collect::<Vec<_>>().join("\n  ");
        return Err(Error::Build(format!("`{shown}` failed for function `{function}`:\n  {tail}")));
    }
    Ok(located.artifact(target.triple))
}

/// How this machine builds for `target`; an error saying what to install when it cannot.
fn toolchain(located: &Located, target: &Target, function: &str) -> Result<Toolchain> {
    let dir = located.manifest_path.parent().unwrap_or(Path::new("."));
    let rustc = |args: &[&str]| -> Result<String> {
        let output = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
            .args(args)
            .current_dir(dir)
            .output()
            .map_err(|e| Error::Build(format!("could not run `rustc {}`: {e}", args.join(" "))))?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let version = rustc(&["-vV"])?;
    let host = version.lines().find_map(|line| line.strip_prefix("host: ")).unwrap_or_default().to_owned();
    if host == target.triple {
        return Ok(Toolchain::Cargo(Vec::new()));
    }
    let sysroot = PathBuf::from(rustc(&["--print", "sysroot"])?.trim());
    if !sysroot.join("lib/rustlib").join(target.triple).join("lib").is_dir() {
        return Err(Error::Toolchain(format!(
            "function `{function}` runs on {}, and building it from this {host} machine needs the Rust target: \
             run `rustup target add {}`",
            target.arch, target.triple
        )));
    }
    let linker_var = format!("CARGO_TARGET_{}_LINKER", target.triple.to_uppercase().replace('-', "_"));
    if std::env::var_os(&linker_var).is_some() || cargo_config_names(dir, target.triple) {
        return Ok(Toolchain::Cargo(Vec::new()));
    }
    if on_path(target.cross_gcc) {
        return Ok(Toolchain::Cargo(vec![(linker_var, target.cross_gcc.to_owned())]));
    }
    if on_path("cargo-zigbuild") && (on_path("zig") || python_has_ziglang()) {
        return Ok(Toolchain::Zigbuild);
    }
    Err(Error::Toolchain(format!(
        "function `{function}` runs on {arch}, and linking it from this {host} machine needs a linker for \
         {triple}: install `{gcc}` (Debian/Ubuntu: `apt-get install {package}`), or `cargo install cargo-zigbuild` \
         and `pip install ziglang`, or set `{linker_var}` to a linker you have",
        arch = target.arch,
        triple = target.triple,
        gcc = target.cross_gcc,
        package = target.debian_package,
    )))
}

/// Whether a cargo configuration file from `dir` up (or in `CARGO_HOME`) configures `triple`.
fn cargo_config_names(dir: &Path, triple: &str) -> bool {
    let wanted = format!("target.{triple}");
    let quoted = format!("[target.{triple}]");
    let mut candidates: Vec<PathBuf> = dir.ancestors().map(|d| d.join(".cargo")).collect();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        candidates.push(PathBuf::from(home));
    }
    candidates
        .iter()
        .flat_map(|d| [d.join("config.toml"), d.join("config")])
        .any(|file| std::fs::read_to_string(file).is_ok_and(|text| text.contains(&quoted) || text.contains(&wanted)))
}

fn python_has_ziglang() -> bool {
    Command::new("python3")
        .args(["-c", "import ziglang"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_project_builds_in_a_folder_of_its_own() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("shared-target");
        for copy in ["a", "b"] {
            std::fs::create_dir_all(root.path().join(copy)).unwrap();
            std::fs::write(root.path().join(copy).join("Cargo.toml"), "[package]\n").unwrap();
        }
        let a = build_dir(&target, &root.path().join("a/Cargo.toml"));
        let b = build_dir(&target, &root.path().join("b/Cargo.toml"));
        assert_ne!(a, b);
        assert!(a.starts_with(target.join("lambda-stack")), "{}", a.display());
        // The same project however it is spelled, through a link included.
        std::os::unix::fs::symlink(root.path().join("a"), root.path().join("link")).unwrap();
        assert_eq!(build_dir(&target, &root.path().join("a/./Cargo.toml")), a);
        assert_eq!(build_dir(&target, &root.path().join("link/Cargo.toml")), a);
        let note = std::fs::read_to_string(a.join("MANIFEST")).unwrap();
        assert!(note.trim_end().ends_with("a/Cargo.toml"), "{note}");
    }
}
