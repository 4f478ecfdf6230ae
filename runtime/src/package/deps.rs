//! A function's third-party dependencies: `requirements.txt` through pip, `package.json` with a
//! lockfile through `npm ci`, each installed for the function's architecture and language version
//! into the [`Cache`], keyed by what decides the result, so a cache hit runs no installer at all.
//!
//! * **Python**: `pip install --only-binary=:all: --implementation cp --python-version X.Y
//!   --platform manylinux2014_<arch> --platform manylinux_2_<glibc>_<arch> --target DIR
//!   --no-compile -r requirements.txt`. Wheels only: a source distribution would be compiled for
//!   the machine running the synth, not for Lambda. `manylinux2014` (glibc 2.17) is the baseline
//!   every Lambda OS runs; the second platform admits the newer wheels the runtime's own OS can
//!   load (Amazon Linux 2, glibc 2.26, up to python3.11; Amazon Linux 2023, glibc 2.34, from
//!   python3.12), and pip expands each to the older manylinux tags. Console scripts (`bin/`) are
//!   dropped, since they start with the build machine's interpreter path, and so are their lines in
//!   each `*.dist-info/RECORD`, which keeps the tree the same on every machine.
//!   Key: the bytes of `requirements.txt`, the Python version, the architecture. Pin versions
//!   (`pkg==1.2.3`): an unpinned requirement resolves once, when the entry is made.
//! * **Python with uv**: a `uv.lock` (beside its `pyproject.toml`) is turned into pinned, hashed
//!   requirements by `uv export --frozen --no-dev --no-emit-project --no-editable`, offline and
//!   without touching the lock, and those go through the pip install above (pip checks every
//!   wheel against the lock's hashes). The key is the exported text. uv is `LAMBDA_STACK_UV`, or
//!   uv [`UV_VERSION`] installed from PyPI into the cache once (`tools/uv-<version>`), never a
//!   global install.
//! * **Python with Poetry**: a `poetry.lock` is turned into the main group's pinned, hashed
//!   requirements by `poetry export --format requirements.txt --only main` (Poetry
//!   [`POETRY_VERSION`] with `poetry-plugin-export`, installed from PyPI into the cache once), and
//!   those go through the same pip install. The key is the exported text.
//! * **Node**: `package.json` and `package-lock.json` (or `npm-shrinkwrap.json`) are copied to a
//!   staging folder, never installed in the user's code folder, and `npm ci --omit=dev --os=linux
//!   --cpu=<x64|arm64>` runs there; the result goes into the zip as `node_modules/`, in place of
//!   any `node_modules/` the code folder has. A `package.json` with dependencies and no lockfile is
//!   an error (`npm ci` needs one to be repeatable). Key: both files, the architecture and the
//!   Node major version.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::cache::{self, Cache};
use super::PackageError;
use crate::rules::runtimes::{Family, Runtime};
use lambda_stack_core::decl::Arch;

/// Dependencies installed for one function, ready to go into its zip.
#[derive(Debug, Clone)]
pub(crate) struct Dependencies {
    /// The installed tree, in the cache (never modified once published).
    pub(crate) dir: PathBuf,
    /// Where the tree goes in the zip: `""` for Python, `node_modules/` for Node.
    pub(crate) prefix: &'static str,
    /// The cache key of the tree; the zip's cache key uses it instead of hashing the tree again.
    pub(crate) key: String,
    /// Left out of the tree (globs as for `exclude:`, without the default excludes: a dependency's
    /// `cacert.pem` is data, not a secret).
    pub(crate) excludes: &'static [&'static str],
    /// Left out of the code folder, because the install replaces it.
    pub(crate) code_excludes: &'static [&'static str],
    /// The installer, for messages: `pip` or `npm`.
    pub(crate) installer: &'static str,
    /// The file that asked for the install: `requirements.txt` or `package.json`.
    pub(crate) manifest: &'static str,
}

/// The programs that install dependencies: `python3` (for `python3 -m pip`) and `npm` unless
/// `LAMBDA_STACK_PYTHON` / `LAMBDA_STACK_NPM` or these fields name others.
#[derive(Debug, Clone, Default)]
pub struct Installers {
    pub python: Option<PathBuf>,
    pub npm: Option<PathBuf>,
}

impl Installers {
    fn python(&self) -> PathBuf {
        program(self.python.clone().or_else(|| env_path("LAMBDA_STACK_PYTHON")).unwrap_or_else(|| "python3".into()))
    }

    pub(crate) fn npm(&self) -> PathBuf {
        program(self.npm.clone().or_else(|| env_path("LAMBDA_STACK_NPM")).unwrap_or_else(|| "npm".into()))
    }
}

/// A program as given: a bare name is looked up on `PATH`, a relative path is made absolute
/// (installers run in other folders).
fn program(path: PathBuf) -> PathBuf {
    if path.components().count() > 1 {
        std::path::absolute(&path).unwrap_or(path)
    } else {
        path
    }
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|value| !value.is_empty()).map(PathBuf::from)
}

/// Installs what `code` declares for `runtime` on `arch`, or finds it in the cache. `notify` is
/// told before an installer runs (a cache hit says nothing).
pub(crate) fn install(
    code: &Path,
    runtime: &Runtime,
    arch: Arch,
    cache: &Cache,
    installers: &Installers,
    notify: &dyn Fn(String),
) -> Result<Option<Dependencies>, PackageError> {
    match runtime.family {
        Family::Python => python(code, runtime, arch, cache, installers, notify),
        Family::Node => node(code, runtime, arch, cache, installers, notify),
        _ => Ok(None),
    }
}

/// The manylinux platforms a Python runtime's OS loads, newest last.
fn python_platforms(runtime: &Runtime, arch: Arch) -> Vec<String> {
    let machine = match arch {
        Arch::X86_64 => "x86_64",
        Arch::Arm64 => "aarch64",
    };
    // python3.12 and later run on Amazon Linux 2023 (glibc 2.34), earlier ones on Amazon Linux 2
    // (glibc 2.26); see the "Lambda runtimes" page's OS column.
    let minor = runtime.version.and_then(|v| v.strip_prefix("3.")).and_then(|m| m.parse::<u32>().ok());
    let glibc = if minor.is_some_and(|minor| minor >= 12) { "2_34" } else { "2_26" };
    vec![format!("manylinux2014_{machine}"), format!("manylinux_{glibc}_{machine}")]
}

/// The uv that exports `uv.lock` files, pinned (as of 2026-12-03, the newest on PyPI).
pub const UV_VERSION: &str = "0.13.9";

/// A Python function's requirements: the bytes pip reads, the file holding them, and which file
/// of the code folder declared them.
struct Requirements {
    text: Vec<u8>,
    path: PathBuf,
    manifest: &'static str,
    /// A file written for pip (uv's export), removed once installed.
    written: Option<PathBuf>,
}

/// The files that can declare a Python function's dependencies, and the installer each needs.
const PYTHON_MANIFESTS: [(&str, &str); 3] = [("requirements.txt", "pip"), ("uv.lock", "uv"), ("poetry.lock", "poetry")];

/// `requirements.txt`, `uv.lock` exported by uv, or `poetry.lock` exported by Poetry; two of them
/// is an error (which one would win is a guess), none is no dependencies.
fn python_requirements(
    code: &Path,
    cache: &Cache,
    installers: &Installers,
) -> Result<Option<Requirements>, PackageError> {
    let absolute = |name: &str| {
        std::path::absolute(code.join(name)).map_err(|source| PackageError::Io { path: name.into(), source })
    };
    let mut found = Vec::new();
    for (name, installer) in PYTHON_MANIFESTS {
        let path = absolute(name)?;
        if path.is_file() {
            found.push((name, installer, path));
        }
    }
    let (manifest, installer, path) = match found.len() {
        0 => return Ok(None),
        1 => found.remove(0),
        _ => {
            let names: Vec<String> = found.iter().map(|(name, ..)| format!("`{name}`")).collect();
            return Err(PackageError::Install {
                installer: found[1].1,
                message: format!(
                    "the code folder has both {}; keep the one that declares the function's dependencies \
                     (`uv export --no-dev > requirements.txt` or `poetry export --only main > requirements.txt` \
                     makes a `requirements.txt` from a lock)",
                    names.join(" and ")
                ),
            });
        }
    };
    let exported = match installer {
        "uv" => uv_export(code, cache, installers)?,
        "poetry" => poetry_export(code, cache, installers)?,
        _ => {
            let text = fs::read(&path).map_err(|source| PackageError::Io { path: manifest.into(), source })?;
            return Ok(Some(Requirements { text, path, manifest, written: None }));
        }
    };
    let staging = cache.staging("lock-export").map_err(|source| cache_error(cache, source))?;
    let path = staging.join("requirements.txt");
    fs::write(&path, &exported).map_err(|source| cache_error(cache, source))?;
    Ok(Some(Requirements { text: exported, path, manifest, written: Some(staging) }))
}

/// `uv.lock` as pinned, hashed requirements, read offline without touching the lock.
fn uv_export(code: &Path, cache: &Cache, installers: &Installers) -> Result<Vec<u8>, PackageError> {
    let uv = uv_program(cache, installers)?;
    let output = Command::new(&uv)
        .args(["export", "--frozen", "--no-dev", "--no-emit-project", "--no-editable", "--no-header"])
        .args(["--format", "requirements-txt", "--project"])
        .arg(code)
        .current_dir(code)
        .env("UV_NO_PROGRESS", "1")
        .output()
        .map_err(|error| PackageError::Install {
            installer: "uv",
            message: format!("cannot run `{}` ({error}); set LAMBDA_STACK_UV to a uv program", uv.display()),
        })?;
    if !output.status.success() {
        return Err(PackageError::Install {
            installer: "uv",
            message: format!("uv export of `uv.lock` failed:\n{}", tail(&String::from_utf8_lossy(&output.stderr))),
        });
    }
    Ok(output.stdout)
}

/// `poetry.lock` as pinned, hashed requirements of the main group (`poetry export --only main`),
/// which reads the lock and never updates it: a lock older than `pyproject.toml` fails, as
/// `poetry install` would.
fn poetry_export(code: &Path, cache: &Cache, installers: &Installers) -> Result<Vec<u8>, PackageError> {
    let tree = poetry_tree(cache, installers)?;
    let python = installers.python();
    let output = Command::new(&python)
        .args(["-m", "poetry", "export", "--format", "requirements.txt", "--only", "main"])
        .args(["--no-interaction", "--no-ansi", "--directory"])
        .arg(code)
        .current_dir(code)
        .env("PYTHONPATH", &tree)
        .env("POETRY_VIRTUALENVS_CREATE", "false")
        .env("POETRY_CACHE_DIR", cache.path(&["tools", "poetry-cache"]))
        .output()
        .map_err(|error| PackageError::Install {
            installer: "poetry",
            message: format!("cannot run `{} -m poetry` ({error})", python.display()),
        })?;
    if !output.status.success() {
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        return Err(PackageError::Install {
            installer: "poetry",
            message: format!("poetry export of `poetry.lock` failed:\n{}", tail(&text)),
        });
    }
    Ok(output.stdout)
}

/// uv: `LAMBDA_STACK_UV`, or [`UV_VERSION`] from PyPI, installed into the cache on first use.
fn uv_program(cache: &Cache, installers: &Installers) -> Result<PathBuf, PackageError> {
    if let Some(uv) = env_path("LAMBDA_STACK_UV") {
        return Ok(program(uv));
    }
    let uv = |tool: &Path| tool.join("bin").join("uv");
    let tool =
        pip_tool(cache, installers, "uv", &format!("uv-{UV_VERSION}"), &[format!("uv=={UV_VERSION}")], |tool| {
            uv(tool).is_file()
        })?;
    Ok(uv(&tool))
}

/// The pinned Poetry that exports `poetry.lock` files, with the export plugin Poetry 2 needs (as
/// of 2026-12-07, the newest of each on PyPI).
pub const POETRY_VERSION: &str = "2.5.1";
pub const POETRY_EXPORT_VERSION: &str = "1.10.1";

/// Poetry, as the folder `python -m poetry` runs from (`PYTHONPATH`): [`POETRY_VERSION`] and its
/// export plugin from PyPI, installed into the cache on first use.
fn poetry_tree(cache: &Cache, installers: &Installers) -> Result<PathBuf, PackageError> {
    let packages = [format!("poetry=={POETRY_VERSION}"), format!("poetry-plugin-export=={POETRY_EXPORT_VERSION}")];
    let name = format!("poetry-{POETRY_VERSION}-export-{POETRY_EXPORT_VERSION}");
    pip_tool(cache, installers, "poetry", &name, &packages, |tool| tool.join("poetry").join("__init__.py").is_file())
}

/// A tool from PyPI (`packages`, pinned) installed with pip into the cache folder `tools/<name>`
/// once, never globally; `ready` says whether a folder holds it.
fn pip_tool(
    cache: &Cache,
    installers: &Installers,
    installer: &'static str,
    name: &str,
    packages: &[String],
    ready: impl Fn(&Path) -> bool,
) -> Result<PathBuf, PackageError> {
    let tool = cache.path(&["tools", name]);
    if ready(&tool) {
        return Ok(tool);
    }
    let staging = cache.staging(installer).map_err(|source| cache_error(cache, source))?;
    let target = staging.join("tree");
    let args: Vec<String> =
        ["-m", "pip", "install", "--no-input", "--disable-pip-version-check", "--only-binary=:all:"]
            .iter()
            .map(|s| s.to_string())
            .chain(["--target".into(), target.display().to_string()])
            .chain(packages.iter().cloned())
            .collect();
    let output = run_pip(cache, installers, &args, cache.dir())?;
    if !output.status.success() {
        let _ = fs::remove_dir_all(&staging);
        return Err(PackageError::Install {
            installer,
            message: format!(
                "installing {} from PyPI failed:\n{}",
                packages.join(" "),
                tail(&String::from_utf8_lossy(&output.stderr))
            ),
        });
    }
    // Another synth may have published it meanwhile: theirs is the same version.
    let published = cache::publish_dir(&target, &tool);
    let _ = fs::remove_dir_all(&staging);
    match published {
        Ok(()) => Ok(tool),
        Err(_) if ready(&tool) => Ok(tool),
        Err(source) => Err(cache_error(cache, source)),
    }
}

fn python(
    code: &Path,
    runtime: &Runtime,
    arch: Arch,
    cache: &Cache,
    installers: &Installers,
    notify: &dyn Fn(String),
) -> Result<Option<Dependencies>, PackageError> {
    let Some(found) = python_requirements(code, cache, installers)? else { return Ok(None) };
    let installed = python_install(code, runtime, arch, cache, installers, notify, &found);
    if let Some(written) = &found.written {
        let _ = fs::remove_dir_all(written);
    }
    installed
}

fn python_install(
    code: &Path,
    runtime: &Runtime,
    arch: Arch,
    cache: &Cache,
    installers: &Installers,
    notify: &dyn Fn(String),
    found: &Requirements,
) -> Result<Option<Dependencies>, PackageError> {
    let (requirements, requirements_path, manifest) = (&found.text, &found.path, found.manifest);
    let text = String::from_utf8_lossy(requirements);
    if text.lines().all(|line| line.trim().is_empty() || line.trim_start().starts_with('#')) {
        return Ok(None);
    }
    let version = runtime.version.unwrap_or("3");
    let platforms = python_platforms(runtime, arch);
    let key = cache::key(&[
        b"python-deps 2",
        requirements,
        version.as_bytes(),
        arch.as_str().as_bytes(),
        platforms.join(" ").as_bytes(),
    ]);
    let entry = cache.path(&["deps", &format!("python-{key}")]);
    let dependencies = Dependencies {
        dir: entry.clone(),
        prefix: "",
        key,
        excludes: &["/bin/", "__pycache__/", "*.pyc"],
        code_excludes: &[],
        installer: "pip",
        manifest,
    };
    if entry.is_dir() {
        return Ok(Some(dependencies));
    }
    notify(format!("installing {manifest} for {} on {} (pip)", runtime.id, arch.as_str()));
    let staging = cache.staging("python").map_err(|source| cache_error(cache, source))?;
    let target = staging.join("tree");
    let requirements_path = match for_lambda(requirements, version, arch, installers, &staging) {
        Ok(Some(filtered)) => filtered,
        Ok(None) => requirements_path.clone(),
        Err(error) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    let mut args: Vec<String> = [
        "-m",
        "pip",
        "install",
        "--no-input",
        "--disable-pip-version-check",
        "--no-compile",
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        version,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for platform in &platforms {
        args.extend(["--platform".to_string(), platform.clone()]);
    }
    args.extend([
        "--target".into(),
        target.display().to_string(),
        "-r".into(),
        requirements_path.display().to_string(),
    ]);
    // In the code folder, as the user would run pip: a `./vendored/pkg` line means theirs.
    let output = run_pip(cache, installers, &args, code);
    let result = output.and_then(|output| {
        if output.status.success() {
            tidy_python_tree(&target).map_err(|source| PackageError::Io { path: manifest.into(), source })
        } else {
            Err(pip_error(&output, runtime.id, arch, &platforms))
        }
    });
    if let Err(error) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    cache::publish_dir(&target, &entry).map_err(|source| cache_error(cache, source))?;
    let _ = fs::remove_dir_all(&staging);
    Ok(Some(dependencies))
}

/// Environment markers evaluated for Lambda, as pip evaluates them for the machine it runs on
/// whatever `--python-version` says: each requirement whose marker is false on the runtime's
/// Python on Linux on `arch` is dropped, and the others lose their marker (a lock's export writes
/// `msgpack==1.1.0 ; python_version >= "3.12"`, which pip on a 3.11 would skip). Markers are read
/// by pip's own `packaging`. `None` when no line has one (nothing to do, no Python started).
const MARKERS_FOR_LAMBDA: &str = r##"
import sys
from pip._vendor.packaging.markers import Marker
version, machine = sys.argv[1], sys.argv[2]
env = {"python_version": version, "python_full_version": version + ".0", "sys_platform": "linux",
       "platform_system": "Linux", "platform_machine": machine, "os_name": "posix",
       "implementation_name": "cpython", "platform_python_implementation": "CPython",
       "implementation_version": version + ".0", "platform_release": "", "platform_version": ""}
# Logical lines: a requirement and the `\`-continued lines of its hashes.
logical, current = [], ""
for line in sys.stdin.read().splitlines():
    current += line + "\n"
    if not line.rstrip().endswith("\\"):
        logical.append(current)
        current = ""
if current:
    logical.append(current)
out = []
for entry in logical:
    first, newline, rest = entry.partition("\n")
    code = "" if first.lstrip().startswith("#") else first.split(" #", 1)[0]
    if ";" in code and not code.lstrip().startswith("-"):
        requirement, _, marker = code.partition(";")
        continued = marker.rstrip().endswith("\\")
        if not Marker(marker.rstrip().rstrip("\\")).evaluate(env):
            continue
        first = requirement.rstrip() + (" \\" if continued else "")
    out.append(first + newline + rest)
sys.stdout.write("".join(out))
"##;

fn for_lambda(
    requirements: &[u8],
    version: &str,
    arch: Arch,
    installers: &Installers,
    staging: &Path,
) -> Result<Option<PathBuf>, PackageError> {
    let has_marker = String::from_utf8_lossy(requirements)
        .lines()
        .any(|line| !line.trim_start().starts_with('#') && line.contains(';'));
    if !has_marker {
        return Ok(None);
    }
    let machine = match arch {
        Arch::X86_64 => "x86_64",
        Arch::Arm64 => "aarch64",
    };
    let python = installers.python();
    let mut child = Command::new(&python)
        .args(["-c", MARKERS_FOR_LAMBDA, version, machine])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|error| PackageError::Install {
            installer: "pip",
            message: format!("cannot run `{}` to read the requirements' markers ({error})", python.display()),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write as _;
        let _ = stdin.write_all(requirements);
    }
    let output = child.wait_with_output().map_err(|source| PackageError::Io { path: "requirements".into(), source })?;
    if !output.status.success() {
        return Err(PackageError::Install {
            installer: "pip",
            message: format!(
                "the requirements' environment markers cannot be read:\n{}",
                tail(&String::from_utf8_lossy(&output.stderr))
            ),
        });
    }
    let path = staging.join("requirements-for-lambda.txt");
    fs::write(&path, &output.stdout).map_err(|source| PackageError::Io { path: path.display().to_string(), source })?;
    Ok(Some(path))
}

/// Runs `python -m pip ARGS`; a Python without pip (Debian's without `python3-pip`) gets a venv of
/// its own in the cache, whose pip `ensurepip` provides.
fn run_pip(cache: &Cache, installers: &Installers, args: &[String], code: &Path) -> Result<Output, PackageError> {
    let python = installers.python();
    let run = |python: &Path| {
        Command::new(python)
            .args(args)
            .current_dir(code)
            .env("PIP_ROOT_USER_ACTION", "ignore")
            .env("PIP_NO_WARN_SCRIPT_LOCATION", "1")
            .output()
            .map_err(|error| PackageError::Install {
                installer: "pip",
                message: format!(
                    "cannot run `{}` ({error}); install Python 3 with pip, or set LAMBDA_STACK_PYTHON to an interpreter",
                    python.display()
                ),
            })
    };
    let output = run(&python)?;
    if output.status.success() || !String::from_utf8_lossy(&output.stderr).contains("No module named pip") {
        return Ok(output);
    }
    let venv = cache.path(&["tools", "pip-venv"]);
    let venv_python = venv.join("bin").join("python");
    if !venv_python.is_file() {
        let made = Command::new(&python).args(["-m", "venv"]).arg(&venv).output();
        if !made.as_ref().is_ok_and(|o| o.status.success()) {
            return Err(PackageError::Install {
                installer: "pip",
                message: format!(
                    "`{}` has no pip and cannot make a venv; install pip (Debian: `apt-get install python3-pip python3-venv`)",
                    python.display()
                ),
            });
        }
    }
    run(&venv_python)
}

/// pip's failure as a message: a requirement with no wheel for the target is named.
fn pip_error(output: &Output, runtime: &str, arch: Arch, platforms: &[String]) -> PackageError {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let missing = stderr.lines().find_map(|line| {
        let rest = line.split_once("No matching distribution found for ")?.1;
        Some(rest.trim().to_string())
    });
    let detail = stderr
        .lines()
        .filter(|line| line.starts_with("ERROR:"))
        .map(|line| line.trim_start_matches("ERROR:").trim())
        .collect::<Vec<_>>()
        .join("; ");
    match missing {
        Some(requirement) => PackageError::NoWheel {
            requirement,
            runtime: runtime.to_string(),
            arch: arch.as_str(),
            platforms: platforms.join(", "),
            detail,
        },
        None => PackageError::Install { installer: "pip", message: format!("pip failed:\n{}", tail(&stderr)) },
    }
}

/// Drops what would differ between machines: `bin/` (scripts starting `#!/path/to/python`) and
/// the lines of each `RECORD` that point outside the tree (those same scripts, with their hashes).
fn tidy_python_tree(tree: &Path) -> std::io::Result<()> {
    fs::create_dir_all(tree)?;
    let bin = tree.join("bin");
    if bin.is_dir() {
        fs::remove_dir_all(&bin)?;
    }
    for entry in fs::read_dir(tree)? {
        let path = entry?.path();
        let record = path.join("RECORD");
        if path.extension().is_some_and(|e| e == "dist-info") && record.is_file() {
            let text = fs::read_to_string(&record)?;
            let kept: String =
                text.lines().filter(|line| !line.starts_with("../")).map(|line| format!("{line}\n")).collect();
            if kept != text {
                fs::write(&record, kept)?;
            }
        }
    }
    Ok(())
}

fn node(
    code: &Path,
    runtime: &Runtime,
    arch: Arch,
    cache: &Cache,
    installers: &Installers,
    notify: &dyn Fn(String),
) -> Result<Option<Dependencies>, PackageError> {
    let Ok(package_json) = fs::read(code.join("package.json")) else { return Ok(None) };
    let lockfile = ["package-lock.json", "npm-shrinkwrap.json"]
        .into_iter()
        .find_map(|name| fs::read(code.join(name)).ok().map(|bytes| (name, bytes)));
    let Some((lock_name, lock)) = lockfile else {
        let manifest: serde_json::Value = serde_json::from_slice(&package_json).unwrap_or_default();
        let has_dependencies = manifest.get("dependencies").and_then(|d| d.as_object()).is_some_and(|d| !d.is_empty());
        return if has_dependencies {
            Err(PackageError::Install {
                installer: "npm",
                message: "`package.json` has dependencies but there is no `package-lock.json`; run `npm install` \
                          once in the code folder and keep the lockfile, so every synth installs the same versions"
                    .into(),
            })
        } else {
            Ok(None)
        };
    };
    let cpu = match arch {
        Arch::X86_64 => "x64",
        Arch::Arm64 => "arm64",
    };
    let version = runtime.version.unwrap_or("");
    let key =
        cache::key(&[b"node-deps 1", &package_json, lock_name.as_bytes(), &lock, cpu.as_bytes(), version.as_bytes()]);
    let entry = cache.path(&["deps", &format!("node-{key}")]);
    let dependencies = Dependencies {
        dir: entry.join("node_modules"),
        prefix: "node_modules/",
        key,
        excludes: &[],
        code_excludes: &["/node_modules/"],
        installer: "npm",
        manifest: "package.json",
    };
    if entry.is_dir() {
        return Ok(Some(dependencies));
    }
    notify(format!("installing package.json for {} on {} (npm ci)", runtime.id, arch.as_str()));
    let staging = cache.staging("node").map_err(|source| cache_error(cache, source))?;
    let result = (|| {
        fs::copy(code.join("package.json"), staging.join("package.json"))?;
        fs::copy(code.join(lock_name), staging.join(lock_name))?;
        // Needed to reach a private registry; never packaged (it is a default exclude).
        if code.join(".npmrc").is_file() {
            fs::copy(code.join(".npmrc"), staging.join(".npmrc"))?;
        }
        Ok::<(), std::io::Error>(())
    })();
    result.map_err(|source| PackageError::Io { path: "package.json".into(), source })?;
    let npm = installers.npm();
    let output = Command::new(&npm)
        .args(["ci", "--omit=dev", "--no-audit", "--no-fund", "--os=linux", &format!("--cpu={cpu}")])
        .current_dir(&staging)
        .output()
        .map_err(|error| PackageError::Install {
            installer: "npm",
            message: format!(
                "cannot run `{}` ({error}); install Node.js with npm, or set LAMBDA_STACK_NPM",
                npm.display()
            ),
        })?;
    if !output.status.success() {
        let _ = fs::remove_dir_all(&staging);
        let tail = tail(&String::from_utf8_lossy(&output.stderr));
        return Err(PackageError::Install { installer: "npm", message: format!("npm ci failed:\n{tail}") });
    }
    let published = fs::create_dir_all(staging.join("node_modules"))
        .and_then(|()| {
            let folder = cache.staging("node-entry")?;
            fs::rename(staging.join("node_modules"), folder.join("node_modules"))?;
            Ok(folder)
        })
        .and_then(|folder| cache::publish_dir(&folder, &entry));
    let _ = fs::remove_dir_all(&staging);
    published.map_err(|source| cache_error(cache, source))?;
    Ok(Some(dependencies))
}

/// The last lines an installer printed, where its error is.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().filter(|line| !line.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(12)..].join("\n")
}

fn cache_error(cache: &Cache, source: std::io::Error) -> PackageError {
    PackageError::Io { path: format!("the cache {}", cache.dir().display()), source }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::runtimes::lookup;

    #[test]
    fn platforms_follow_the_runtime_os() {
        let p312 = python_platforms(lookup("python3.12").unwrap(), Arch::Arm64);
        assert_eq!(p312, ["manylinux2014_aarch64", "manylinux_2_34_aarch64"]);
        let p311 = python_platforms(lookup("python3.11").unwrap(), Arch::X86_64);
        assert_eq!(p311, ["manylinux2014_x86_64", "manylinux_2_26_x86_64"]);
    }

    #[test]
    fn records_lose_the_lines_outside_the_tree() {
        let tree = tempfile::tempdir().unwrap();
        let info = tree.path().join("tool-1.0.dist-info");
        fs::create_dir_all(&info).unwrap();
        fs::create_dir_all(tree.path().join("bin")).unwrap();
        fs::write(tree.path().join("bin/tool"), "#!/home/me/python\n").unwrap();
        fs::write(info.join("RECORD"), "../../bin/tool,sha256=x,20\ntool/__init__.py,sha256=y,0\n").unwrap();
        tidy_python_tree(tree.path()).unwrap();
        assert!(!tree.path().join("bin").exists());
        assert_eq!(fs::read_to_string(info.join("RECORD")).unwrap(), "tool/__init__.py,sha256=y,0\n");
    }

    #[test]
    fn a_missing_wheel_is_named() {
        use std::os::unix::process::ExitStatusExt as _;
        let output = Output {
            status: std::process::ExitStatus::from_raw(256),
            stdout: Vec::new(),
            stderr: b"ERROR: Could not find a version that satisfies the requirement pycrypto==2.6.1 (from versions: none)\n\
                      ERROR: No matching distribution found for pycrypto==2.6.1\n"
                .to_vec(),
        };
        let platforms = ["manylinux2014_aarch64".to_string()];
        let message = pip_error(&output, "python3.12", Arch::Arm64, &platforms).to_string();
        assert!(message.starts_with("no wheel of `pycrypto==2.6.1` for python3.12 on arm64"), "{message}");
    }
}
