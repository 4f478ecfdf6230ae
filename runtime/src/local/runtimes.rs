//! The program that runs a function locally, per runtime family:
//!
//! * **Python**: AWS's runtime interface client, `python -m awslambdaric MODULE.FUNCTION`, from a
//!   venv made once per Python version in the cache (`<cache>/runtimes/python3.12`) with the
//!   runtime's own Python version when this machine has it (`python3.12` on `PATH`, or a pyenv
//!   version), else `LAMBDA_STACK_PYTHON` or `python3` with a warning.
//! * **OS-only (`provided.*`)**: the package's own `bootstrap`, as Lambda runs it (Rust functions
//!   built with `lambda_runtime` included).
//! * **Node.js**: AWS's runtime interface client `aws-lambda-ric`, installed once with npm into the
//!   cache (`<cache>/runtimes/nodejs`). It compiles native code (cmake, a C++ compiler, autoconf,
//!   libtool) and version 4 wants Node 22; when it cannot be installed, `invoke` says so and why.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::host::on_path;
use crate::package::Cache;
use crate::rules::runtimes::{Family, Runtime};
use crate::rules::rust;

/// How to start a function, and what the user should know about it.
pub(crate) struct Launch {
    pub(crate) command: Command,
    pub(crate) warnings: Vec<String>,
    /// The runtime client and interpreter, for the INIT_START line.
    pub(crate) description: String,
    /// The runtime runs under a CPU emulator, so binaries of the function's architecture load.
    pub(crate) emulated: bool,
}

/// The command that runs `handler` from `task_root` for `runtime`.
pub(crate) fn launch(runtime: &Runtime, handler: &str, task_root: &Path, cache: &Cache) -> Result<Launch, String> {
    match runtime.family {
        Family::Python => python(runtime, handler, cache),
        Family::Provided => bootstrap(task_root),
        Family::Node => node(handler, cache),
        other => Err(format!(
            "`invoke` runs Python, Node.js and OS-only (`provided.*`) functions; {} functions are not supported yet",
            other.name()
        )),
    }
}

/// An OS-only runtime's `bootstrap`; one built for the other architecture (an arm64 Rust function
/// on an x86_64 laptop) runs under Debian's `qemu-user` when it is installed.
fn bootstrap(task_root: &Path) -> Result<Launch, String> {
    let bootstrap = task_root.join("bootstrap");
    if !bootstrap.is_file() {
        return Err("the package has no `bootstrap` at its root".into());
    }
    let native = Launch {
        command: Command::new(&bootstrap),
        warnings: Vec::new(),
        description: "bootstrap".into(),
        emulated: false,
    };
    let (Some(host), Some(machine)) = (rust::host_target(), super::elf_machine(&bootstrap)) else { return Ok(native) };
    if machine == host.elf_machine {
        return Ok(native);
    }
    let Some(foreign) = rust::TARGETS.iter().find(|t| t.elf_machine == machine) else { return Ok(native) };
    let Some(qemu) = [foreign.qemu.to_owned(), format!("{}-static", foreign.qemu)].into_iter().find(|q| on_path(q))
    else {
        return Err(format!(
            "the `bootstrap` is built for {} and this machine is {}: install Debian's `qemu-user` (with \
             `libc6-{}-cross` for a dynamically linked binary) to run it here under emulation",
            foreign.arch,
            host.arch,
            if foreign.arch == "arm64" { "arm64" } else { "amd64" },
        ));
    };
    let mut command = Command::new(&qemu);
    // A dynamically linked binary loads the C library of its own architecture from this sysroot.
    if Path::new(foreign.cross_sysroot).is_dir() {
        command.arg("-L").arg(foreign.cross_sysroot);
    }
    command.arg(&bootstrap);
    Ok(Launch { command, warnings: Vec::new(), description: format!("bootstrap under {qemu}"), emulated: true })
}

fn python(runtime: &Runtime, handler: &str, cache: &Cache) -> Result<Launch, String> {
    let version = runtime.version.unwrap_or("3");
    let venv = cache.path(&["runtimes", runtime.id]);
    let venv_python = venv.join("bin").join("python");
    let mut warnings = Vec::new();
    if !venv_python.is_file() {
        let (interpreter, found) = find_python(version);
        if found != version {
            warnings.push(format!(
                "no Python {version} on this machine (`python{version}`, pyenv); running {} with Python {found} \
                 (set LAMBDA_STACK_PYTHON to a Python {version})",
                runtime.id
            ));
        }
        install_awslambdaric(&interpreter, &venv)?;
    }
    let found = interpreter_version(&venv_python).unwrap_or_default();
    if found != version && warnings.is_empty() {
        warnings.push(format!("running {} with Python {found} (the cached runtime in {})", runtime.id, venv.display()));
    }
    let mut command = Command::new(&venv_python);
    command.args(["-m", "awslambdaric", handler]);
    Ok(Launch { command, warnings, description: format!("awslambdaric, Python {found}"), emulated: false })
}

/// A Python interpreter of `version` (`3.12`) if there is one, else the fallback; and the version
/// the returned one has.
fn find_python(version: &str) -> (PathBuf, String) {
    let mut candidates: Vec<PathBuf> = vec![format!("python{version}").into()];
    let pyenv_root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".pyenv")));
    if let Some(versions) = pyenv_root.map(|root| root.join("versions")) {
        if let Ok(entries) = std::fs::read_dir(versions) {
            let mut found: Vec<PathBuf> = entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(&format!("{version}.")))
                .map(|e| e.path().join("bin").join(format!("python{version}")))
                .collect();
            found.sort();
            candidates.extend(found.into_iter().rev());
        }
    }
    for candidate in &candidates {
        if interpreter_version(candidate).as_deref() == Some(version) {
            return (candidate.clone(), version.to_string());
        }
    }
    let fallback: PathBuf = std::env::var_os("LAMBDA_STACK_PYTHON").map_or_else(|| "python3".into(), PathBuf::from);
    let found = interpreter_version(&fallback).unwrap_or_else(|| "?".into());
    (fallback, found)
}

/// `3.12` for a working Python 3.12 interpreter.
fn interpreter_version(python: &Path) -> Option<String> {
    let output = Command::new(python)
        .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    Some(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// A venv with `awslambdaric` at `venv`, made in a staging folder and renamed into place.
fn install_awslambdaric(python: &Path, venv: &Path) -> Result<(), String> {
    eprintln!("installing awslambdaric (AWS's Python runtime interface client) into {}, once", venv.display());
    let parent = venv.parent().ok_or("the cache folder has no parent")?;
    std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    // venvs are not relocatable (their scripts hold absolute paths): made where it stays, under a
    // name no one else uses, then renamed.
    let staging = parent.join(crate::package::cache::unique_name(".venv"));
    let failed = |what: &str, output: std::io::Result<std::process::Output>| -> Option<String> {
        match output {
            Ok(output) if output.status.success() => None,
            Ok(output) => Some(format!("{what} failed:\n{}", String::from_utf8_lossy(&output.stderr).trim_end())),
            Err(error) => Some(format!("cannot run `{}` for {what}: {error}", python.display())),
        }
    };
    let made = Command::new(python).args(["-m", "venv"]).arg(&staging).output();
    if let Some(message) = failed("python -m venv", made) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(format!("{message}\n(install Python's venv module: Debian's `python3-venv`)"));
    }
    let pip = Command::new(staging.join("bin").join("python"))
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "awslambdaric>=3,<5"])
        .output();
    if let Some(message) = failed("pip install awslambdaric", pip) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(message);
    }
    // The venv's scripts name the staging path; `python -m awslambdaric` needs none of them, and
    // `bin/python` is a symlink to the base interpreter, so the renamed venv works.
    match std::fs::rename(&staging, venv) {
        Ok(()) => Ok(()),
        Err(_) if venv.join("bin").join("python").exists() => {
            let _ = std::fs::remove_dir_all(&staging);
            Ok(())
        }
        Err(error) => Err(format!("cannot move the venv into {}: {error}", venv.display())),
    }
}

fn node(handler: &str, cache: &Cache) -> Result<Launch, String> {
    let dir = cache.path(&["runtimes", "nodejs"]);
    let client = dir.join("node_modules").join(".bin").join("aws-lambda-ric");
    if !client.exists() {
        eprintln!("installing aws-lambda-ric (AWS's Node.js runtime interface client) into {}, once", dir.display());
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let _ = std::fs::write(dir.join("package.json"), r#"{"name":"lambda-stack-node-runtime","private":true}"#);
        let output = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "aws-lambda-ric"])
            .current_dir(&dir)
            .output()
            .map_err(|e| {
                format!(
                    "Node.js functions run through AWS's `aws-lambda-ric`, installed with npm, but npm cannot run: {e}"
                )
            })?;
        if !output.status.success() || !client.exists() {
            let text = String::from_utf8_lossy(&output.stderr);
            let cause = text.lines().filter(|l| l.contains("error")).take(6).collect::<Vec<_>>().join("\n");
            return Err(format!(
                "Node.js functions run through AWS's runtime interface client, npm's `aws-lambda-ric`, and it \
                 could not be installed here. It compiles native code (it needs cmake, make, a C++ compiler, \
                 autoconf and libtool) and its version 4 wants Node.js 22 or newer. npm said:\n{cause}"
            ));
        }
    }
    let mut command = Command::new(client);
    command.arg(handler);
    Ok(Launch { command, warnings: Vec::new(), description: "aws-lambda-ric".into(), emulated: false })
}
