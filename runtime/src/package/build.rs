//! A function's package as a synth builds it: its code folder, the dependencies it declares, and
//! the zip cache.
//!
//! **The zip cache.** A zip is a pure function of its entries' names, modes and contents (the
//! writer fixes everything else), so its cache key is the SHA-256 of, for every code file in path
//! order, its archive name, its mode and the SHA-256 of its contents, plus the key of the
//! installed dependency tree (trees in the cache are content-addressed and never modified, so they
//! are not hashed again), plus the packaging format version. A hit reads the finished zip instead
//! of compressing anything. The contents are hashed every time rather than trusting modification
//! times: SHA-256 runs at well over 1 GB/s here against ~100 MB/s for deflate, a stale zip is the
//! one failure a cache must never have, and `cp -p`, `git checkout` of an old tree or `touch -r`
//! all give a changed file an unchanged mtime. Packages under [`CACHE_MIN_BYTES`] are not cached:
//! zipping them costs less than the two extra files a cache entry reads and writes.

use std::fs;
use std::path::Path;

use super::archive::{self, Item, Source};
use super::cache::{self, Cache, Sha256};
use super::deps::{self, Dependencies, Installers};
use super::exclude::{self, Excludes};
use super::progress::{timed, Progress, ProgressMode};
use super::{walk, Package, PackageError};
use crate::rules::runtimes::Runtime;
use lambda_stack_core::decl::Arch;

/// Changes whenever the bytes written for the same entries could change.
const FORMAT: &str = concat!(
    "lambda-stack zip 2, ",
    env!("CARGO_PKG_VERSION"),
    ", deflate 6 libdeflate ",
    env!("LAMBDA_STACK_LIBDEFLATE_VERSION")
);

/// Packages smaller than this (unzipped) are zipped every time: it is cheaper than the cache.
pub const CACHE_MIN_BYTES: u64 = 64 * 1024;

/// How a synth packages: where the cache is, which installers to run, how to show progress.
///
/// ```
/// use lambda_stack_runtime::package::{BuildOptions, Cache};
/// let options = BuildOptions { cache: Cache::at("target/my-cache"), ..BuildOptions::from_env() };
/// assert!(options.cache.dir().is_absolute() && options.cache.dir().ends_with("target/my-cache"));
/// ```
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub cache: Cache,
    pub installers: Installers,
    pub progress: ProgressMode,
}

impl BuildOptions {
    /// The cache and installers the environment names (see [`Cache::from_env`]), progress on a
    /// terminal.
    pub fn from_env() -> BuildOptions {
        BuildOptions { cache: Cache::from_env(), installers: Installers::default(), progress: ProgressMode::Auto }
    }
}

/// What to package for one function.
pub(crate) struct FunctionCode<'a> {
    pub(crate) name: &'a str,
    pub(crate) code: &'a Path,
    pub(crate) runtime: Option<&'static Runtime>,
    pub(crate) arch: Arch,
    pub(crate) exclude: &'a [String],
    /// `build: go`: the package is built, not zipped from the folder.
    pub(crate) build: Option<crate::Build>,
    /// `bundle: esbuild`: the package is the handler's module bundled.
    pub(crate) bundle: Option<BundleCode<'a>>,
}

/// A function's `bundle:` and what it bundles.
pub(crate) struct BundleCode<'a> {
    pub(crate) bundle: crate::Bundle,
    /// The handler, which names the entry point (`src/index.handler` → `src/index.ts`).
    pub(crate) handler: &'a str,
    pub(crate) source_map: bool,
}

/// Packages a function: installs its dependencies (or finds them cached), then zips its code and
/// them (or finds the zip cached). Too big for a direct upload is [`PackageError::ZipTooLarge`],
/// which carries the package.
pub(crate) fn package_function(
    function: &FunctionCode<'_>,
    options: &BuildOptions,
    progress: &Progress,
) -> Result<Package, PackageError> {
    let code = function.code;
    if is_prebuilt(code) {
        let package = prebuilt(code)?;
        progress.packaged(function.name, package.files, package.unzipped_bytes, None);
        return archive::check_zipped(package);
    }
    super::check_code_dir(code)?;
    let notify = |what: String| progress.step(function.name, &what);
    if function.build == Some(crate::Build::Go) {
        let (package, took) = timed(|| super::go::package_go(code, function.arch, &options.cache, &notify));
        let package = package?;
        progress.packaged(function.name, package.files, package.unzipped_bytes, Some(took));
        return archive::check_zipped(package);
    }
    if function.build == Some(crate::Build::Maven) {
        let (package, took) = timed(|| super::java::package_maven(code, &notify));
        let package = package?;
        progress.packaged(function.name, package.files, package.unzipped_bytes, Some(took));
        return archive::check_zipped(package);
    }
    if let (Some(bundle), Some(runtime)) = (&function.bundle, function.runtime) {
        let bundler = match bundle.bundle {
            crate::Bundle::Esbuild => super::bundle::package_bundle,
        };
        let (package, took) = timed(|| bundler(code, bundle, runtime, function.arch, options, &notify));
        let package = package?;
        progress.packaged(function.name, package.files, package.unzipped_bytes, Some(took));
        return archive::check_zipped(package);
    }
    let dependencies = match function.runtime {
        Some(runtime) => deps::install(code, runtime, function.arch, &options.cache, &options.installers, &notify)?,
        None => None,
    };
    let code_excludes = dependencies.as_ref().map_or(&[][..], |d| d.code_excludes);
    let own_excludes;
    let excludes = if function.exclude.is_empty() && code_excludes.is_empty() {
        exclude::defaults()
    } else {
        let mut patterns = function.exclude.to_vec();
        patterns.extend(code_excludes.iter().map(|p| p.to_string()));
        own_excludes = Excludes::new(&patterns)?;
        &own_excludes
    };
    let found = walk::walk(code, excludes)?;
    if found.items.is_empty() && dependencies.is_none() {
        return Err(PackageError::Empty { dir: Some(code.to_path_buf()), excluded: found.excluded });
    }
    let listed: u64 = found.sizes.iter().sum();
    let mut items = found.items;
    let mut sizes: Vec<(String, u64)> = items.iter().map(|i| i.path.clone()).zip(found.sizes).collect();
    let mut extra = Vec::new();
    if let Some(dependencies) = &dependencies {
        let installed = walk::walk(&dependencies.dir, &Excludes::only(dependencies.excludes)?)?;
        let own: std::collections::BTreeSet<&str> = items.iter().map(|item| item.path.as_str()).collect();
        extra.reserve(installed.items.len());
        for (mut item, size) in installed.items.into_iter().zip(installed.sizes) {
            item.path.insert_str(0, dependencies.prefix);
            if own.contains(item.path.as_str()) {
                return Err(PackageError::DependencyClash {
                    path: item.path,
                    installer: dependencies.installer,
                    manifest: dependencies.manifest,
                });
            }
            sizes.push((item.path.clone(), size));
            extra.push(item);
        }
    }
    // From the listing, before a byte is hashed or compressed: an oversized (or sparse) tree is
    // refused in the time it takes to list it.
    archive::check_unzipped(sizes.iter().map(|(path, size)| (path.as_str(), *size)))?;
    // A package listed under the cache's threshold is never stored, so it is not looked up
    // either: hashing its files and missing the cache cost more than zipping it.
    let entry = if dependencies.is_some() || listed >= CACHE_MIN_BYTES {
        let key = cache_key(&items, dependencies.as_ref())?;
        let entry = options.cache.path(&["zips", &key]);
        if let Some(package) = cached(&entry) {
            progress.packaged(function.name, package.files, package.unzipped_bytes, None);
            return archive::check_zipped(package);
        }
        Some(entry)
    } else {
        None
    };
    items.extend(extra);
    let (package, took) = timed(|| archive::build(items, archive::default_threads()));
    let package = package?;
    progress.packaged(function.name, package.files, package.unzipped_bytes, Some(took));
    if let Some(entry) = entry.filter(|_| listed.max(package.unzipped_bytes) >= CACHE_MIN_BYTES) {
        store(&entry, &package);
    }
    archive::check_zipped(package)
}

/// A prebuilt zip as the package, byte for byte: nothing is installed (its dependencies are in
/// it already), excluded or compressed again. Its listing is checked as at compile time (the zip
/// may have changed since), and gives the unzipped size the layers' total is checked with.
pub(crate) fn prebuilt(zip: &Path) -> Result<Package, PackageError> {
    let display = zip.display().to_string();
    let bytes = fs::read(zip).map_err(|source| PackageError::Io { path: display.clone(), source })?;
    let listing = lambda_stack_core::scan::zip::Zip::from_bytes(&bytes, &display)
        .map_err(|message| PackageError::Prebuilt { message })?;
    if let Some(message) = listing.problems().into_iter().next() {
        return Err(PackageError::Prebuilt { message });
    }
    Ok(archive::finished(bytes, listing.unzipped_bytes(), listing.files()))
}

/// Whether a function's `code` is a prebuilt zip rather than a folder to package.
pub(crate) fn is_prebuilt(code: &Path) -> bool {
    lambda_stack_core::scan::zip::is_prebuilt(code)
}

/// What to package for one layer, for one architecture.
pub(crate) struct LayerCode<'a> {
    pub(crate) name: &'a str,
    pub(crate) code: &'a Path,
    /// All of one language (checked).
    pub(crate) runtimes: Vec<&'static Runtime>,
    pub(crate) arch: Arch,
}

impl LayerCode<'_> {
    /// Where the layer's code goes in its zip: the folder its runtimes read under `/opt`.
    fn prefix(&self) -> &'static str {
        self.runtimes.first().map_or("", |runtime| crate::rules::layers::package_prefix(runtime.id))
    }

    /// The dependency installs the layer needs, with where each tree goes: for Python, once per
    /// language version, into `python/` for one and into `python/lib/pythonX.Y/site-packages/`
    /// for several (each runtime reads its own, and a wheel built for one version may not load in
    /// another); for Node, once for the first runtime listed, into `nodejs/node_modules/`.
    fn installs(&self) -> Vec<(&'static Runtime, String)> {
        use crate::rules::runtimes::Family;
        let mut versions: Vec<&'static Runtime> = Vec::new();
        for runtime in &self.runtimes {
            if !versions.iter().any(|seen| seen.version == runtime.version) {
                versions.push(runtime);
            }
        }
        match versions.first().map(|r| r.family) {
            Some(Family::Python) if versions.len() == 1 => vec![(versions[0], "python/".to_owned())],
            Some(Family::Python) => versions
                .into_iter()
                .map(|runtime| (runtime, format!("python/lib/python{}/site-packages/", runtime.version.unwrap_or("3"))))
                .collect(),
            Some(Family::Node) => vec![(versions[0], "nodejs/node_modules/".to_owned())],
            _ => Vec::new(),
        }
    }
}

/// Packages a layer for one architecture: its code under the folder its runtimes read in `/opt`
/// ([`LayerCode::prefix`]) and its dependencies installed (or found cached) for each language
/// version ([`LayerCode::installs`]), zipped (or found cached) like a function's.
pub(crate) fn package_layer(
    layer: &LayerCode<'_>,
    options: &BuildOptions,
    progress: &Progress,
) -> Result<Package, PackageError> {
    let code = layer.code;
    super::check_code_dir(code)?;
    let notify = |what: String| progress.step(layer.name, &what);
    let mut trees: Vec<(Dependencies, String)> = Vec::new();
    for (runtime, prefix) in layer.installs() {
        if let Some(dependencies) =
            deps::install(code, runtime, layer.arch, &options.cache, &options.installers, &notify)?
        {
            trees.push((dependencies, prefix));
        }
    }
    let code_excludes = trees.first().map_or(&[][..], |(d, _)| d.code_excludes);
    let own_excludes;
    let excludes = if code_excludes.is_empty() {
        exclude::defaults()
    } else {
        own_excludes = Excludes::new(&code_excludes.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
        &own_excludes
    };
    let found = walk::walk(code, excludes)?;
    if found.items.is_empty() && trees.is_empty() {
        return Err(PackageError::Empty { dir: Some(code.to_path_buf()), excluded: found.excluded });
    }
    let prefix = layer.prefix();
    let mut items = found.items;
    for item in &mut items {
        item.path.insert_str(0, prefix);
    }
    let mut sizes: Vec<(String, u64)> = items.iter().map(|i| i.path.clone()).zip(found.sizes).collect();
    let own: std::collections::BTreeSet<String> = items.iter().map(|item| item.path.clone()).collect();
    for (dependencies, tree_prefix) in &trees {
        let installed = walk::walk(&dependencies.dir, &Excludes::only(dependencies.excludes)?)?;
        for (mut item, size) in installed.items.into_iter().zip(installed.sizes) {
            item.path.insert_str(0, tree_prefix);
            if own.contains(&item.path) {
                return Err(PackageError::DependencyClash {
                    path: item.path,
                    installer: dependencies.installer,
                    manifest: dependencies.manifest,
                });
            }
            sizes.push((item.path.clone(), size));
            items.push(item);
        }
    }
    archive::check_unzipped(sizes.iter().map(|(path, size)| (path.as_str(), *size)))?;
    // Every item, code and dependencies, is keyed by its path and digest: the trees are hashed
    // again (a layer is built once per synth, and keys stay one simple rule).
    let key = cache_key(&items, None)?;
    let entry = options.cache.path(&["zips", &format!("layer-{key}")]);
    if let Some(package) = cached(&entry) {
        progress.packaged(layer.name, package.files, package.unzipped_bytes, None);
        return archive::check_zipped(package);
    }
    let (package, took) = timed(|| archive::build(items, archive::default_threads()));
    let package = package?;
    progress.packaged(layer.name, package.files, package.unzipped_bytes, Some(took));
    if package.unzipped_bytes >= CACHE_MIN_BYTES {
        store(&entry, &package);
    }
    archive::check_zipped(package)
}

/// A layer's stand-in for `testing::Template`: the digest of its code, under its prefix, with no
/// dependency installed.
pub(crate) fn layer_digest(layer: &LayerCode<'_>) -> Result<Package, PackageError> {
    super::check_code_dir(layer.code)?;
    let found = walk::walk(layer.code, exclude::defaults())?;
    let prefix = layer.prefix();
    let mut items = found.items;
    for item in &mut items {
        item.path.insert_str(0, prefix);
    }
    let key = cache_key(&items, None)?;
    let digest: Vec<u8> =
        (0..key.len() / 2).filter_map(|i| u8::from_str_radix(&key[2 * i..2 * i + 2], 16).ok()).collect();
    use base64::Engine as _;
    Ok(Package {
        bytes: Vec::new(),
        sha256_base64: base64::engine::general_purpose::STANDARD.encode(digest),
        sha256_hex: key,
        unzipped_bytes: found.sizes.iter().sum(),
        files: items.len(),
    })
}

/// A stand-in for a function's package that reads its code but zips nothing: the digest of its
/// files (names, modes, contents) as `sha256_*`, no bytes. What `testing::Template` synthesizes
/// with; dependencies are not installed (the manifest that declares them is one of the files).
pub(crate) fn code_digest(function: &FunctionCode<'_>) -> Result<Package, PackageError> {
    if is_prebuilt(function.code) {
        // The zip's own digest, as a synth would deploy it; the bytes stay on disk.
        let package = prebuilt(function.code)?;
        return Ok(Package { bytes: Vec::new(), ..package });
    }
    super::check_code_dir(function.code)?;
    let own_excludes;
    let excludes = if function.exclude.is_empty() {
        exclude::defaults()
    } else {
        own_excludes = Excludes::new(function.exclude)?;
        &own_excludes
    };
    let found = walk::walk(function.code, excludes)?;
    let unzipped_bytes = found.sizes.iter().sum();
    let key = cache_key(&found.items, None)?;
    let digest: Vec<u8> =
        (0..key.len() / 2).filter_map(|i| u8::from_str_radix(&key[2 * i..2 * i + 2], 16).ok()).collect();
    use base64::Engine as _;
    Ok(Package {
        bytes: Vec::new(),
        sha256_base64: base64::engine::general_purpose::STANDARD.encode(digest),
        sha256_hex: key,
        unzipped_bytes,
        files: found.items.len(),
    })
}

/// The zip cache key of these entries (see the module documentation).
fn cache_key(items: &[Item], dependencies: Option<&Dependencies>) -> Result<String, PackageError> {
    let mut sorted: Vec<&Item> = items.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    // Each file's digest on its own core (hashing is half of a cold synth's time otherwise).
    let digests = archive::parallel_map(
        &sorted,
        archive::default_threads(),
        || (),
        |(), item| match &item.source {
            Source::Memory(bytes) => Ok(Sha256::digest(bytes)),
            Source::Disk(path) => {
                let mut hasher = Sha256::new();
                archive::read_bounded(path, &item.path, |chunk| hasher.update(chunk))?;
                Ok(hasher.finish())
            }
        },
    )?;
    let mut hasher = Sha256::new();
    hasher.update(FORMAT.as_bytes());
    for (item, digest) in sorted.into_iter().zip(digests) {
        hasher.update(&(item.path.len() as u64).to_le_bytes());
        hasher.update(item.path.as_bytes());
        hasher.update(&archive::mode(&item.path, item.executable).to_le_bytes());
        hasher.update(&digest);
    }
    if let Some(dependencies) = dependencies {
        hasher.update(b"\0dependencies\0");
        hasher.update(dependencies.prefix.as_bytes());
        hasher.update(dependencies.key.as_bytes());
    }
    Ok(cache::hex(&hasher.finish()))
}

/// The package cached at `entry` (`<entry>.zip` and `<entry>.json`), if both are there and agree.
fn cached(entry: &Path) -> Option<Package> {
    let meta: serde_json::Value = serde_json::from_slice(&fs::read(entry.with_extension("json")).ok()?).ok()?;
    let bytes = fs::read(entry.with_extension("zip")).ok()?;
    let files = usize::try_from(meta["files"].as_u64()?).ok()?;
    let package = archive::finished(bytes, meta["unzipped_bytes"].as_u64()?, files);
    // A damaged or foreign file is a miss, never a wrong package.
    (meta["sha256"].as_str()? == package.sha256_hex).then_some(package)
}

/// Stores a package; failing to is not an error (the next synth zips again).
fn store(entry: &Path, package: &Package) {
    let meta = serde_json::json!({
        "files": package.files,
        "unzipped_bytes": package.unzipped_bytes,
        "sha256": package.sha256_hex,
    });
    // The zip first: an entry counts only once its `.json` is there.
    let _ = cache::write_atomically(&entry.with_extension("zip"), &package.bytes)
        .and_then(|()| cache::write_atomically(&entry.with_extension("json"), meta.to_string().as_bytes()));
}
