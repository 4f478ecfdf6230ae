//! `bundle: esbuild`: the package of a Node.js function is its handler's module (TypeScript or
//! JavaScript) bundled with everything it imports into one file, as AWS's "Building Lambda
//! functions with TypeScript" page does with `esbuild --bundle --platform=node` (as of
//! 2026-12-07).
//!
//! * **esbuild** is [`ESBUILD_VERSION`], the platform package `@esbuild/<os>-<cpu>` from the npm
//!   registry, installed with `npm install --ignore-scripts` into the cache once
//!   (`tools/esbuild-<version>-<os>-<cpu>`), never globally; `LAMBDA_STACK_ESBUILD` names another.
//! * **Entry point**: the file the handler names (`src/index.handler` → `src/index.ts`, `.mts`,
//!   `.cts`, `.tsx`, `.js`, `.mjs`, `.cjs`, `.jsx`, the order the compile-time check reads them).
//! * **Format**: ES module for `.mts`/`.mjs` or a `package.json` with `"type": "module"`,
//!   CommonJS otherwise, as Node.js would load the file. The bundle is `src/index.mjs` or
//!   `src/index.js`, where the handler looks for it. An ES module bundle starts with a
//!   `createRequire` banner, so the CommonJS packages it inlines can still `require` Node's
//!   built-in modules.
//! * **Target**: `node<major>` from the runtime (`nodejs22.x` → `node22`).
//! * **Externals**: `@aws-sdk/*`, which every Node.js runtime from 18 provides.
//! * **Dependencies**: a `package.json` with a lockfile is installed as for a folder package (`npm
//!   ci` for Linux on the function's architecture, cached), and esbuild reads that tree, not a
//!   `node_modules/` the code folder may have. esbuild runs in a staging folder whose top-level
//!   entries link to the code folder's, with `--preserve-symlinks`, so the paths it writes are
//!   the code folder's relative paths: the same bytes on every machine.
//! * **Source maps** (`source_map: true`): `--sourcemap=linked`; the map's sources are rewritten
//!   to paths relative to the bundle inside the package (`index.ts`,
//!   `../node_modules/is-number/index.js`), so nothing of the build machine is in it.
//!
//! Only the bundle (and its map) is packaged: the rest of the code folder was compiled into it.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use super::build::{BuildOptions, BundleCode};
use super::cache::{self, Cache};
use super::{deps, package_entries, Entry, Package, PackageError};
use crate::rules::runtimes::Runtime;
use lambda_stack_core::decl::Arch;

/// The esbuild every synth bundles with (as of 2026-12-07, the newest on npm).
pub const ESBUILD_VERSION: &str = "0.28.2";

/// The module format of a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    CommonJs,
    EsModule,
}

impl Format {
    fn esbuild(self) -> &'static str {
        match self {
            Format::CommonJs => "cjs",
            Format::EsModule => "esm",
        }
    }

    /// The bundle's extension: Node.js's runtime loads `.mjs` as an ES module, `.js` by the
    /// nearest `package.json`, which the package does not have.
    fn extension(self) -> &'static str {
        match self {
            Format::CommonJs => ".js",
            Format::EsModule => ".mjs",
        }
    }
}

/// What Node.js would take `entry` (a file of `code`) for: `.mts`/`.mjs` are ES modules,
/// `.cts`/`.cjs` CommonJS, and any other by the `"type"` of the nearest `package.json` up to the
/// code folder.
fn format_of(code: &Path, entry: &Path) -> Format {
    let extension = entry.extension().and_then(|e| e.to_str()).unwrap_or_default();
    match extension {
        "mts" | "mjs" => return Format::EsModule,
        "cts" | "cjs" => return Format::CommonJs,
        _ => {}
    }
    let mut dir = entry.parent();
    while let Some(here) = dir {
        if let Ok(text) = fs::read(here.join("package.json")) {
            let manifest: serde_json::Value = serde_json::from_slice(&text).unwrap_or_default();
            return match manifest.get("type").and_then(|t| t.as_str()) {
                Some("module") => Format::EsModule,
                _ => Format::CommonJs,
            };
        }
        if here == code {
            break;
        }
        dir = here.parent();
    }
    Format::CommonJs
}

/// Bundles the handler's module of `code` for `runtime` and packages the bundle.
pub(crate) fn package_bundle(
    code: &Path,
    bundle: &BundleCode<'_>,
    runtime: &Runtime,
    arch: Arch,
    options: &BuildOptions,
    notify: &dyn Fn(String),
) -> Result<Package, PackageError> {
    let code =
        std::path::absolute(code).map_err(|source| PackageError::Io { path: code.display().to_string(), source })?;
    let display = code.display().to_string();
    let entry = lambda_stack_core::scan::node::check_node_bundle(&code, &display, bundle.handler)
        .map_err(esbuild_error)?
        .into_iter()
        .next()
        .ok_or_else(|| esbuild_error(format!("no entry point for handler `{}`", bundle.handler)))?;
    let entry = std::path::absolute(&entry).unwrap_or(entry);
    let relative_entry = entry.strip_prefix(&code).unwrap_or(&entry).to_path_buf();
    let format = format_of(&code, &entry);
    let dependencies = deps::install(&code, runtime, arch, &options.cache, &options.installers, notify)?;
    let esbuild = esbuild_program(&options.cache, &options.installers, notify)?;
    notify(format!("esbuild {} for {}", relative_entry.display(), runtime.id));
    let staging = options.cache.staging("bundle").map_err(|source| cache_error(&options.cache, source))?;
    let result = (|| {
        let root = staging.join("root");
        link_code_folder(&code, &root, dependencies.as_ref().map(|d| d.dir.as_path()))?;
        let bundle_path = bundle_path(&relative_entry, format);
        let out = staging.join("out");
        run_esbuild(&esbuild, &root, &relative_entry, &out.join(&bundle_path), format, runtime, bundle.source_map)?;
        let read = |path: &Path| {
            fs::read(path).map_err(|source| PackageError::Io { path: path.display().to_string(), source })
        };
        let name = slashed(&bundle_path);
        let mut entries =
            vec![Entry { path: name.clone(), contents: read(&out.join(&bundle_path))?, executable: false }];
        if bundle.source_map {
            let map_path = out.join(format!("{}.map", bundle_path.display()));
            let map = rewrite_sources(&read(&map_path)?, &map_path, &staging, &bundle_path)?;
            entries.push(Entry { path: format!("{name}.map"), contents: map, executable: false });
        }
        package_entries(entries)
    })();
    let _ = fs::remove_dir_all(&staging);
    result
}

/// Where the bundle goes in the package: the entry's path with the format's extension.
fn bundle_path(relative_entry: &Path, format: Format) -> PathBuf {
    let stem = relative_entry.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    relative_entry.with_file_name(format!("{stem}{}", format.extension()))
}

fn slashed(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// Makes `root` a folder whose top-level entries link to `code`'s, with `node_modules` linking
/// to the installed dependencies instead when there are some.
fn link_code_folder(code: &Path, root: &Path, node_modules: Option<&Path>) -> Result<(), PackageError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| PackageError::Io { path: path.clone(), source }
    };
    fs::create_dir_all(root).map_err(io(root))?;
    for entry in fs::read_dir(code).map_err(io(code))? {
        let entry = entry.map_err(io(code))?;
        if node_modules.is_some() && entry.file_name() == "node_modules" {
            continue;
        }
        symlink(&entry.path(), &root.join(entry.file_name())).map_err(io(&entry.path()))?;
    }
    if let Some(installed) = node_modules {
        symlink(installed, &root.join("node_modules")).map_err(io(installed))?;
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(original: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(original, link)
}

#[cfg(windows)]
fn symlink(original: &Path, link: &Path) -> std::io::Result<()> {
    if original.is_dir() {
        std::os::windows::fs::symlink_dir(original, link)
    } else {
        std::os::windows::fs::symlink_file(original, link)
    }
}

/// Runs esbuild in `root` on `entry` into `outfile`.
fn run_esbuild(
    esbuild: &Path,
    root: &Path,
    entry: &Path,
    outfile: &Path,
    format: Format,
    runtime: &Runtime,
    source_map: bool,
) -> Result<(), PackageError> {
    let major = runtime.version.and_then(|v| v.split('.').next()).unwrap_or("22");
    let mut command = Command::new(esbuild);
    command
        .arg(slashed(entry))
        .args(["--bundle", "--platform=node", "--preserve-symlinks", "--charset=utf8", "--log-level=warning"])
        .arg(format!("--target=node{major}"))
        .arg(format!("--format={}", format.esbuild()))
        .arg("--external:@aws-sdk/*")
        .arg(format!("--outfile={}", outfile.display()))
        .current_dir(root);
    if format == Format::EsModule {
        command.arg(
            "--banner:js=import { createRequire as __lambdaStackCreateRequire } from 'node:module'; \
             const require = __lambdaStackCreateRequire(import.meta.url);",
        );
    }
    if source_map {
        command.arg("--sourcemap=linked");
    }
    let output = command.output().map_err(|error| {
        esbuild_error(format!(
            "cannot run `{}` ({error}); set LAMBDA_STACK_ESBUILD to an esbuild program",
            esbuild.display()
        ))
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(esbuild_error(format!("bundling `{}` failed:\n{}", slashed(entry), stderr.trim_end())));
    }
    Ok(())
}

/// The source map at `map_path` with each source made relative to the bundle's place in the
/// package (`bundle_path`), instead of to the staging folder esbuild wrote it in.
fn rewrite_sources(map: &[u8], map_path: &Path, staging: &Path, bundle_path: &Path) -> Result<Vec<u8>, PackageError> {
    let invalid = |why: String| esbuild_error(format!("esbuild wrote a source map that cannot be read: {why}"));
    let mut map: serde_json::Value = serde_json::from_slice(map).map_err(|e| invalid(e.to_string()))?;
    let map_dir = map_path.parent().unwrap_or(staging);
    let root = staging.join("root");
    let bundle_dir = bundle_path.parent().unwrap_or(Path::new(""));
    if let Some(sources) = map.get_mut("sources").and_then(|s| s.as_array_mut()) {
        for source in sources.iter_mut() {
            let Some(text) = source.as_str() else { continue };
            let absolute = normalize(&map_dir.join(text));
            let in_package =
                absolute.strip_prefix(&root).map(Path::to_path_buf).unwrap_or_else(|_| PathBuf::from(text));
            *source = serde_json::Value::String(slashed(&relative_to(&in_package, bundle_dir)));
        }
    }
    serde_json::to_vec(&map).map_err(|e| invalid(e.to_string()))
}

/// `path` with `.` and `..` resolved by name (the links in it are not followed).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `dir`, both relative to the same root: `src/index.ts` from `src` is
/// `index.ts`, `node_modules/x/index.js` from `src` is `../node_modules/x/index.js`.
fn relative_to(path: &Path, dir: &Path) -> PathBuf {
    let path: Vec<Component> = path.components().collect();
    let dir: Vec<Component> = dir.components().collect();
    let common = path.iter().zip(&dir).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..dir.len() {
        out.push("..");
    }
    for component in &path[common..] {
        out.push(component);
    }
    out
}

/// npm's name for this machine's esbuild package: `@esbuild/linux-x64`, `@esbuild/darwin-arm64`.
fn platform_package() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    let cpu = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("@esbuild/{os}-{cpu}")
}

/// esbuild: `LAMBDA_STACK_ESBUILD`, or [`ESBUILD_VERSION`] from npm, installed into the cache on
/// first use.
fn esbuild_program(
    cache: &Cache,
    installers: &deps::Installers,
    notify: &dyn Fn(String),
) -> Result<PathBuf, PackageError> {
    if let Some(esbuild) = std::env::var_os("LAMBDA_STACK_ESBUILD").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(esbuild));
    }
    let package = platform_package();
    let tool =
        cache.path(&["tools", &format!("esbuild-{ESBUILD_VERSION}-{}", package.trim_start_matches("@esbuild/"))]);
    let binary_in = |dir: &Path| {
        let installed = dir.join("node_modules").join(&package);
        if cfg!(windows) {
            installed.join("esbuild.exe")
        } else {
            installed.join("bin").join("esbuild")
        }
    };
    if binary_in(&tool).is_file() {
        return Ok(binary_in(&tool));
    }
    notify(format!("installing esbuild {ESBUILD_VERSION} from npm into the cache, once"));
    let staging = cache.staging("esbuild").map_err(|source| cache_error(cache, source))?;
    let target = staging.join("tree");
    fs::create_dir_all(&target).map_err(|source| cache_error(cache, source))?;
    let npm = installers.npm();
    // `--ignore-scripts`: the platform package is the binary itself; nothing needs to run.
    let output = Command::new(&npm)
        .args(["install", "--ignore-scripts", "--no-save", "--no-audit", "--no-fund", "--no-package-lock", "--prefix"])
        .arg(&target)
        .arg(format!("{package}@{ESBUILD_VERSION}"))
        .current_dir(&target)
        .output();
    let installed = match output {
        Ok(output) if output.status.success() && binary_in(&target).is_file() => Ok(()),
        Ok(output) => Err(esbuild_error(format!(
            "installing {package}@{ESBUILD_VERSION} from npm failed (set LAMBDA_STACK_ESBUILD to an esbuild program \
             instead):\n{}",
            String::from_utf8_lossy(&output.stderr).trim_end()
        ))),
        Err(error) => Err(esbuild_error(format!(
            "cannot run `{}` to install esbuild ({error}); install Node.js with npm, or set LAMBDA_STACK_ESBUILD",
            npm.display()
        ))),
    };
    if let Err(error) = installed {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    // Another synth may have published it meanwhile: theirs is the same version.
    let published = cache::publish_dir(&target, &tool);
    let _ = fs::remove_dir_all(&staging);
    match published {
        Ok(()) => Ok(binary_in(&tool)),
        Err(_) if binary_in(&tool).is_file() => Ok(binary_in(&tool)),
        Err(source) => Err(cache_error(cache, source)),
    }
}

fn esbuild_error(message: String) -> PackageError {
    PackageError::Build { tool: "esbuild", message }
}

fn cache_error(cache: &Cache, source: std::io::Error) -> PackageError {
    PackageError::Io { path: cache.dir().display().to_string(), source }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_extension_then_the_nearest_package_json() {
        let dir = tempfile::tempdir().unwrap();
        let code = dir.path();
        fs::create_dir(code.join("src")).unwrap();
        for name in ["a.ts", "b.mts", "c.cts"] {
            fs::write(code.join("src").join(name), "").unwrap();
        }
        assert_eq!(format_of(code, &code.join("src/a.ts")), Format::CommonJs);
        assert_eq!(format_of(code, &code.join("src/b.mts")), Format::EsModule);
        fs::write(code.join("package.json"), r#"{"type": "module"}"#).unwrap();
        assert_eq!(format_of(code, &code.join("src/a.ts")), Format::EsModule);
        assert_eq!(format_of(code, &code.join("src/c.cts")), Format::CommonJs);
        fs::write(code.join("src/package.json"), r#"{"type": "commonjs"}"#).unwrap();
        assert_eq!(format_of(code, &code.join("src/a.ts")), Format::CommonJs);
    }

    #[test]
    fn the_bundle_takes_the_entry_place_and_the_format_extension() {
        assert_eq!(bundle_path(Path::new("src/index.ts"), Format::CommonJs), PathBuf::from("src/index.js"));
        assert_eq!(bundle_path(Path::new("index.mts"), Format::EsModule), PathBuf::from("index.mjs"));
    }

    #[test]
    fn map_sources_are_relative_to_the_bundle_in_the_package() {
        let staging = Path::new("/cache/tmp/bundle-1");
        let map_path = staging.join("out/src/index.js.map");
        let map = br#"{"version":3,"sources":["../../root/src/index.ts","../../root/node_modules/x/index.js"],"mappings":""}"#;
        let rewritten = rewrite_sources(map, &map_path, staging, Path::new("src/index.js")).unwrap();
        let rewritten: serde_json::Value = serde_json::from_slice(&rewritten).unwrap();
        assert_eq!(rewritten["sources"], serde_json::json!(["index.ts", "../node_modules/x/index.js"]));
    }
}
