//! Rules about a function: its name, runtime, handler and code, limits, environment, role and
//! dead-letter target; and the same rules over a `#[function]` alone.

use std::path::{Path, PathBuf};

use super::{At, Checker, Location, Resolved};
use crate::decl::{ApiKind, Code, DeclId, EnvValue, Function, Stack, Trigger};
use crate::keys::Key;
use crate::rules::runtimes::{self, Family};
use crate::rules::{self, resources::Kind};
use crate::scan;

/// The function a `#[function]` alone is checked as.
const ALONE: DeclId = DeclId::Function(0);

/// What a handler scanner returns: the files it read (the one the handler names first) and the
/// environment variables that file reads with no default, or why the handler is not in the code.
pub(super) type HandlerScan = Result<Scanned, String>;

pub(super) struct Scanned {
    files: Vec<PathBuf>,
    env_reads: Vec<scan::EnvRead>,
}

/// Below this many functions the handlers are scanned on the checking thread: starting threads
/// would cost more than the scans.
const PARALLEL_SCANS_FROM: usize = 64;

/// The scanner of `family` over the code folder `dir` for `handler`; a family without one finds
/// nothing to read.
fn scan_handler(family: Family, dir: &Path, as_written: &str, handler: &str) -> HandlerScan {
    let files = match family {
        Family::Python => scan::python::check_python(dir, as_written, handler),
        Family::Node => scan::node::check_node(dir, as_written, handler),
        Family::Provided => scan::bootstrap::check_bootstrap(dir, as_written),
        _ => Ok(Vec::new()),
    }?;
    let env_reads = files.first().map(|module| scan::handler_env_reads(family, module)).unwrap_or_default();
    Ok(Scanned { files, env_reads })
}

/// What a function's code is checked for: the module its handler names, or, for `build: go`, a
/// Go module with a `package main` (whatever `bootstrap` it would hold is built, not read).
fn scan_code(function: &Function, family: Family, dir: &Path, as_written: &str, handler: &str) -> HandlerScan {
    match function.build.as_ref().map(|build| build.value()) {
        // A build for another runtime was reported (`check_build`); what it would build is unknown.
        Some(Some(build)) if build.family() != family => Ok(Scanned { files: Vec::new(), env_reads: Vec::new() }),
        Some(Some(crate::decl::Build::Go)) => {
            scan::go::check_go_main(dir, as_written).map(|files| Scanned { files, env_reads: Vec::new() })
        }
        Some(Some(crate::decl::Build::Maven)) => {
            scan::java::check_java_maven(dir, as_written, handler).map(|files| Scanned { files, env_reads: Vec::new() })
        }
        // A `build:` word that is not one was reported; what it would build is unknown.
        Some(None) => Ok(Scanned { files: Vec::new(), env_reads: Vec::new() }),
        None if function.bundle.is_some() && family == Family::Node => {
            let files = scan::node::check_node_bundle(dir, as_written, handler)?;
            let env_reads = files.first().map(|module| scan::handler_env_reads(family, module)).unwrap_or_default();
            Ok(Scanned { files, env_reads })
        }
        None => scan_handler(family, dir, as_written, handler),
    }
}

/// Every function's handler scan, by function index, on as many threads as there are cores: each
/// scan lists a folder and reads a file, and on a stack of thousands of functions they were most
/// of the check's time on one core. A function the rules stop before its handler (no runtime, a
/// Rust binding) gets `None`; one they stop later was scanned for nothing, which is harmless (the
/// scanners refuse FIFOs and devices before opening anything).
pub(super) fn scan_handlers(stack: &Stack) -> Vec<Option<HandlerScan>> {
    let scan = |function: &Function| -> Option<HandlerScan> {
        if function.rust {
            return None;
        }
        let family = runtimes::lookup(function.runtime.as_deref()?)?.family;
        let handler = function.handler.as_deref()?;
        let Code { as_written, dir: Some(dir) } = function.code.as_ref()? else { return None };
        // A prebuilt zip is checked on the checking thread, with its listing (`check_prebuilt`).
        if scan::zip::is_prebuilt(dir) {
            return None;
        }
        Some(scan_code(function, family, dir, as_written, handler))
    };
    let functions = &stack.functions;
    let threads = if functions.len() < PARALLEL_SCANS_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    };
    if threads <= 1 {
        return functions.iter().map(scan).collect();
    }
    // Each thread takes the next function when done with one: no fixed share waits on a core
    // that other work keeps busy.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut scans: Vec<Option<HandlerScan>> = std::iter::repeat_with(|| None).take(functions.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(function) = functions.get(index) else { break done };
                        done.push((index, scan(function)));
                    }
                })
            })
            .collect();
        for worker in workers {
            for (index, scanned) in worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
                scans[index] = scanned;
            }
        }
    });
    scans
}

impl Checker<'_> {
    pub(super) fn check_function(&mut self, id: DeclId, function: &Function) {
        self.check_function_name(id, function);
        if function.rust {
            self.check_rust_binding(id, function);
        } else {
            let excludes = self.check_excludes(id, function);
            self.check_prebuilt_keys(id, function);
            if self.check_required_keys(id, function) {
                if let Some(family) = self.check_runtime(id, function) {
                    self.check_provider_floor(id, function);
                    self.check_build(id, function, family);
                    self.check_bundle(id, function, family);
                    self.check_handler(id, function, family, &excludes);
                }
            }
        }
        self.check_function_settings(id, function);
    }

    /// The rules a function's settings follow wherever it is declared.
    fn check_function_settings(&mut self, id: DeclId, function: &Function) {
        self.check_limits(id, function);
        self.check_layers(id, function);
        self.check_env(id, function);
        self.check_function_role(id, function);
        for (i, statement) in function.allow.iter().enumerate() {
            self.check_statement(id, i, statement, &function.name);
        }
        self.check_triggers(id, function);
        self.check_timeout_behind_routes(id, function);
        self.check_dead_letter(id, function);
        self.check_destinations(id, function);
        self.check_logs(id, function);
        self.check_versions(id, function);
        if let Some(vpc) = &function.vpc {
            self.check_vpc(id, vpc);
        }
        self.check_tags(id, &function.tags);
    }

    /// Every rule that needs no stack, over a `#[function]`'s keys.
    pub(super) fn check_rust_attribute(&mut self, function: &Function) {
        self.check_function_settings(ALONE, function);
    }

    /// The function's AWS name (`{stack}-{function}`, unless `name:` gives it) fits Lambda's 64
    /// characters.
    fn check_function_name(&mut self, id: DeclId, function: &Function) {
        self.check_generated_name(id, Kind::Function, &function.name, &function.adopt, false);
    }

    /// A function binding a Rust `#[function]` runs the stack binary as `provided.al2023` with
    /// its own name as handler: it takes no other runtime, handler, code or excludes.
    fn check_rust_binding(&mut self, id: DeclId, function: &Function) {
        let name = &function.name;
        if function.written.contains(&Key::Exclude) || !function.exclude.is_empty() {
            let why = rules::rust::implied_key(Key::Exclude.name()).unwrap_or_default();
            self.error(
                Location::new(id, At::Key(Key::Exclude)),
                format!("function `{name}` binds a Rust `#[function]`: {why}"),
            );
        }
        let runtime = function.runtime.as_deref().unwrap_or(rules::rust::RUNTIME);
        if runtime != rules::rust::RUNTIME {
            let message = format!("a Rust function runs as `{}`, not `{runtime}`", rules::rust::RUNTIME);
            self.error(Location::new(id, At::Value(Key::Runtime)), message);
        }
        if function.handler.as_ref().is_some_and(|handler| handler != name) {
            let message =
                format!("a Rust function's handler is its name, `{name}`, which `App::run()` serves inside Lambda");
            self.error(Location::new(id, At::Value(Key::Handler)), message);
        }
        if function.code.is_some() {
            let message = "a Rust function's code is the stack binary, built as `bootstrap`: it takes no `code`";
            self.error(Location::new(id, At::Value(Key::Code)), message);
        }
    }

    /// A function declares its `runtime`, `handler` and `code`, or none of them to bind the
    /// `#[function]` of its name; returns whether all three are there.
    fn check_required_keys(&mut self, id: DeclId, function: &Function) -> bool {
        // A key written with a value of the wrong kind was reported when it was read.
        let missing: Vec<&str> = [Key::Runtime, Key::Handler, Key::Code]
            .into_iter()
            .filter(|key| !function.written.contains(key))
            .map(Key::name)
            .collect();
        if missing.is_empty() {
            return true;
        }
        let message = format!(
            "function `{}` has no {}; a function needs `runtime`, `handler` and `code`, or none of them to bind the Rust `#[function]` of its name",
            function.name,
            rules::suggest::one_of(missing.iter()).replace(" or ", " and ")
        );
        self.error(Location::new(id, At::Name), message);
        false
    }

    /// The runtime is in AWS's table; past its deprecation date it warns, past the date AWS
    /// blocks creating functions with it, it is an error.
    fn check_runtime(&mut self, id: DeclId, function: &Function) -> Option<Family> {
        let runtime = function.runtime.as_ref()?;
        let at = Location::new(id, At::Value(Key::Runtime));
        if !self.verdict(at, runtimes::check_runtime(runtime, runtimes::Date::today())) {
            return None;
        }
        runtimes::lookup(runtime).map(|r| r.family)
    }

    /// A runtime that older `hashicorp/aws` releases reject raises the output's provider floor
    /// (synth does it); the note says so at the runtime, so a locked older provider is no surprise.
    fn check_provider_floor(&mut self, id: DeclId, function: &Function) {
        if let Some(note) = function.runtime.as_deref().and_then(runtimes::provider_note) {
            self.warning(Location::new(id, At::Value(Key::Runtime)), note);
        }
    }

    /// The handler has its runtime's format, and the code directory holds what it names.
    /// Each `exclude:` pattern is a glob the packager can compile; returns the valid ones with
    /// their index.
    fn check_excludes(&mut self, id: DeclId, function: &Function) -> Vec<(usize, rules::glob::Exclude)> {
        let mut valid = Vec::new();
        for (i, pattern) in function.exclude.iter().enumerate() {
            let at = Location::new(id, At::Item(Key::Exclude, i));
            match rules::glob::Exclude::parse(pattern) {
                Ok(exclude) => valid.push((i, exclude)),
                Err(reason) => self.error(at, rules::glob::invalid_exclude(pattern, &reason)),
            }
        }
        valid
    }

    /// No `exclude:` pattern leaves out the file the handler names: the function would be
    /// deployed without it and fail at its first invocation.
    fn check_handler_not_excluded(
        &mut self,
        id: DeclId,
        function: &Function,
        dir: &Path,
        module: &Path,
        excludes: &[(usize, rules::glob::Exclude)],
    ) {
        // Canonicalizing reads every link of both paths: not worth it with nothing to match.
        if excludes.is_empty() {
            return;
        }
        // The scanners may return the file canonicalized while `dir` is as written.
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let (dir, module) = (canonical(dir), canonical(module));
        let Ok(relative) = module.strip_prefix(&dir) else { return };
        let Some(relative) = relative.to_str() else { return };
        let relative = relative.replace('\\', "/");
        let handler = function.handler.as_deref().unwrap_or_default();
        if let Some((i, _)) = excludes.iter().find(|(_, exclude)| exclude.covers(&relative, false)) {
            let message = rules::glob::excludes_handler(&function.exclude[*i], &relative, handler);
            self.error(Location::new(id, At::Item(Key::Exclude, *i)), message);
        }
    }

    fn check_handler(
        &mut self,
        id: DeclId,
        function: &Function,
        family: Family,
        excludes: &[(usize, rules::glob::Exclude)],
    ) {
        let Some(handler) = &function.handler else { return };
        let handler_at = Location::new(id, At::Value(Key::Handler));
        if self.check(handler_at, rules::handler::check_format(family, handler)).is_none() {
            return;
        }
        let Some(Code { as_written, dir: Some(dir) }) = &function.code else { return };
        let code_at = Location::new(id, At::Value(Key::Code));
        if scan::zip::is_prebuilt(dir) {
            return self.check_prebuilt(id, function, family, handler, as_written, dir);
        }
        let read_ahead = match id {
            DeclId::Function(i) => self.handler_scans.get_mut(i).and_then(Option::take),
            _ => None,
        };
        // A scan that read the handler's file found the directory: asking again is a `stat` per
        // function on the one checking thread. (Runtimes without a scanner read nothing.)
        let found =
            read_ahead.as_ref().is_some_and(|scan| scan.as_ref().is_ok_and(|scanned| !scanned.files.is_empty()));
        if !found && !self.check_code_dir(code_at, as_written, dir) {
            return;
        }
        let scanned = read_ahead.unwrap_or_else(|| scan_code(function, family, dir, as_written, handler));
        let at = if matches!(family, Family::Provided) { code_at } else { handler_at };
        if let Some(Scanned { files, env_reads }) = self.check(at, scanned) {
            // The first file read is the one the handler names (the handler module, or `bootstrap`).
            if let Some(module) = files.first() {
                self.check_handler_not_excluded(id, function, dir, module, excludes);
                self.check_env_reads(handler_at, function, family, dir, module, &env_reads);
            }
            self.findings.tracked_files.extend(files);
        }
    }

    /// A prebuilt zip (`code: "dist/app.zip"`) is a zip Lambda can extract as it is (see
    /// [`scan::zip::Zip::problems`]), fits a direct upload unless the stack has `assets:`, and
    /// holds what the handler names.
    fn check_prebuilt(
        &mut self,
        id: DeclId,
        function: &Function,
        family: Family,
        handler: &str,
        as_written: &str,
        path: &Path,
    ) {
        let code_at = Location::new(id, At::Value(Key::Code));
        if !path.exists() {
            let message = format!(
                "prebuilt zip `{as_written}` does not exist (paths are relative to the file holding `lambda_stack!`){}",
                sibling_hint(as_written, path, false)
            );
            return self.error(code_at, message);
        }
        let Some(zip) = self.check(code_at, scan::zip::Zip::open(path, as_written)) else { return };
        // The macro tracks a file by `include_bytes!`, which reads all of it into the compiler:
        // a zip of some MiB is tracked, a bigger one only re-checked by the synth.
        if zip.bytes <= scan::MAX_SOURCE_BYTES {
            self.findings.tracked_files.push(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
        }
        let problems = zip.problems();
        let sound = problems.is_empty();
        for problem in problems {
            self.error(code_at, problem);
        }
        let max = rules::limits::MAX_ZIP_BYTES;
        if zip.bytes > max && self.stack().is_some_and(|stack| stack.assets.is_none()) {
            let message = format!(
                "`{as_written}` is {} bytes, above the {} MB limit for a direct upload ({max} bytes); declare \
                 `assets: BUCKET` on the stack, naming one of its buckets, to upload it through S3",
                zip.bytes,
                max / (1024 * 1024)
            );
            self.error(code_at, message);
        }
        if !sound {
            return;
        }
        let handler_at = Location::new(id, At::Value(Key::Handler));
        let (at, files) = match family {
            Family::Python => (handler_at, scan::python::check_python_zip(&zip, handler)),
            Family::Node => (handler_at, scan::node::check_node_zip(&zip, handler)),
            Family::Provided => (code_at, scan::bootstrap::check_bootstrap_zip(&zip)),
            _ => (handler_at, Ok(Vec::new())),
        };
        // The first path is the handler module's inside the zip: its environment reads are
        // checked as a folder's are.
        let Some(module) = self.check(at, files).and_then(|files| files.into_iter().next()) else { return };
        let module = module.to_string_lossy().into_owned();
        let scanner: fn(&str) -> Vec<scan::EnvRead> = match family {
            Family::Python => scan::python::env_reads_without_default,
            Family::Node => scan::node::env_reads_without_default,
            _ => return,
        };
        let Ok(source) = zip.read(&module, scan::MAX_SOURCE_BYTES) else { return };
        let declared: Vec<&str> = function.env.iter().map(|(key, _)| key.as_str()).collect();
        for read in scanner(&String::from_utf8_lossy(&source)) {
            self.check(handler_at, rules::env::check_read(family, &module, read.line, &read.name, &declared));
        }
    }

    /// With a prebuilt zip, nothing is repackaged: `exclude:` would leave nothing out.
    fn check_prebuilt_keys(&mut self, id: DeclId, function: &Function) {
        let Some(Code { as_written, dir: Some(dir) }) = &function.code else { return };
        if !scan::zip::is_prebuilt(dir) || !function.written.contains(&Key::Exclude) {
            return;
        }
        let message = format!(
            "`exclude` leaves files out of the package lambda-stack builds, but `{as_written}` is a prebuilt zip, \
             deployed as it is; leave the files out when building the zip"
        );
        self.error(Location::new(id, At::Key(Key::Exclude)), message);
    }

    /// Every environment variable the handler module reads with no default is set, by `env:` or
    /// by Lambda: unset, the first invocation fails (`KeyError`) or runs on with `None`/`undefined`.
    fn check_env_reads(
        &mut self,
        at: Location,
        function: &Function,
        family: Family,
        dir: &Path,
        module: &Path,
        reads: &[scan::EnvRead],
    ) {
        if reads.is_empty() {
            return;
        }
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let file = canonical(module);
        let relative = file.strip_prefix(canonical(dir)).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        let declared: Vec<&str> = function.env.iter().map(|(key, _)| key.as_str()).collect();
        for read in reads {
            self.check(at, rules::env::check_read(family, &relative, read.line, &read.name, &declared));
        }
    }

    /// `build:` names a build there is, for the function's runtime, and the package it makes is
    /// the built program alone: `exclude:` would leave nothing out.
    fn check_build(&mut self, id: DeclId, function: &Function, family: Family) {
        let Some(build) = &function.build else { return };
        let at = Location::new(id, At::Value(Key::Build));
        let Some(build) = self.check(at, build.parsed.clone()) else { return };
        let runtime = function.runtime.as_deref().unwrap_or_default();
        self.check(at, build.check_family(runtime, family));
        let written = format!("build: {}", build.word());
        self.check_made_from_sources(id, function, at, &written, "builds", build.output());
    }

    /// A package that `written` (`build: go`, `bundle: esbuild`) makes from the code folder's
    /// sources: the code is a folder, not a prebuilt zip, and `exclude:` would leave nothing out
    /// of `output`.
    fn check_made_from_sources(
        &mut self,
        id: DeclId,
        function: &Function,
        at: Location,
        written: &str,
        verb: &str,
        output: &str,
    ) {
        if let Some(Code { as_written, dir: Some(dir) }) = &function.code {
            if scan::zip::is_prebuilt(dir) {
                let message = format!(
                    "`{written}` {verb} the sources of a code folder, but `{as_written}` is a prebuilt zip, deployed \
                     as it is"
                );
                self.error(at, message);
            }
        }
        if !function.exclude.is_empty() {
            let message = format!("`exclude` leaves nothing out with `{written}`: the package is {output}");
            self.error(Location::new(id, At::Key(Key::Exclude)), message);
        }
    }

    /// `bundle:` names a bundler there is, for a Node.js function whose code is a folder of
    /// sources, not beside `build:`; the package is the bundle alone, so `exclude:` would leave
    /// nothing out; `source_map: true` needs a bundle to map.
    fn check_bundle(&mut self, id: DeclId, function: &Function, family: Family) {
        let Some(bundle) = &function.bundle else {
            if function.source_map {
                let message = "`source_map: true` maps a bundle back to its sources; it needs `bundle: esbuild`";
                self.error(Location::new(id, At::Key(Key::SourceMap)), message.to_string());
            }
            return;
        };
        let at = Location::new(id, At::Value(Key::Bundle));
        let Some(bundle) = self.check(at, bundle.parsed.clone()) else { return };
        let runtime = function.runtime.as_deref().unwrap_or_default();
        if self.check(at, bundle.check_family(runtime, family)).is_none() {
            return;
        }
        if function.build.is_some() {
            let message = format!("`bundle: {}` and `build:` both make the package; write one of them", bundle.word());
            self.error(Location::new(id, At::Key(Key::Bundle)), message);
        }
        let written = format!("bundle: {}", bundle.word());
        self.check_made_from_sources(id, function, at, &written, "bundles", "the bundle alone (and its source map)");
    }

    /// The code path is a directory.
    fn check_code_dir(&mut self, at: Location, as_written: &str, dir: &Path) -> bool {
        if dir.is_dir() {
            return true;
        }
        let message = if dir.exists() {
            format!("code path `{as_written}` is a file; `code` names the directory to package, or a prebuilt `.zip`")
        } else {
            format!(
                "code directory `{as_written}` does not exist (paths are relative to the file holding `lambda_stack!`){}",
                sibling_hint(as_written, dir, true)
            )
        };
        self.error(at, message);
        false
    }

    /// Memory, timeout, ephemeral storage, log retention, reserved concurrency and description are
    /// within Lambda's limits.
    fn check_limits(&mut self, id: DeclId, function: &Function) {
        let numeric = [
            (Key::Memory, function.memory, rules::limits::check_memory as fn(u64) -> Result<(), String>),
            (Key::Timeout, function.timeout, rules::limits::check_timeout),
            (Key::EphemeralStorage, function.ephemeral_storage, rules::limits::check_ephemeral_storage),
            (Key::LogRetention, function.log_retention, rules::limits::check_log_retention),
            (Key::ReservedConcurrency, function.reserved_concurrency, rules::limits::check_reserved_concurrency),
        ];
        for (key, value, rule) in numeric {
            if let Some(value) = value {
                self.check(Location::new(id, At::Value(key)), rule(value));
            }
        }
        if let Some(description) = &function.description {
            self.check(Location::new(id, At::Value(Key::Description)), rules::limits::check_description(description));
        }
    }

    /// At most 5 layers, each a layer version ARN.
    fn check_layers(&mut self, id: DeclId, function: &Function) {
        if function.layers.len() > rules::limits::MAX_LAYERS {
            let at = Location::new(id, At::Item(Key::Layers, rules::limits::MAX_LAYERS));
            self.check(at, rules::limits::check_layer_count(function.layers.len()));
        }
        for (i, layer) in function.layers.iter().enumerate() {
            if let crate::decl::LayerRef::Arn(arn) = crate::decl::LayerRef::of(layer) {
                self.check(Location::new(id, At::Item(Key::Layers, i)), rules::limits::check_layer_arn(arn));
            }
        }
        self.check_layer_uses(id, function);
    }

    /// Environment keys are allowed and set once, references resolve to an attribute, and all
    /// fits in 4 KB.
    fn check_env(&mut self, id: DeclId, function: &Function) {
        let mut sizes = Vec::new();
        for (i, (key, value)) in function.env.iter().enumerate() {
            let key_at = Location::new(id, At::EnvKey(i));
            if function.env[..i].iter().any(|(earlier, _)| earlier == key) {
                self.error(key_at, format!("environment variable `{key}` is set twice"));
                continue;
            }
            self.check(key_at, rules::env::check_key(key));
            let length = match value {
                EnvValue::Literal(text) => Some(rules::env::json_len(text)),
                EnvValue::Ref { target, attribute } => self.check_reference(id, i, function, target, attribute),
                EnvValue::Param(name) => self.check_env_param(Location::new(id, At::EnvTarget(i)), name),
            };
            if let Some(length) = length {
                sizes.push((key.as_str(), length));
            }
        }
        if !function.env.is_empty() {
            self.check(Location::new(id, At::Value(Key::Env)), rules::env::check_total_size(sizes));
        }
    }

    /// `target.attribute` names a declaration and one of its attributes; a function cannot read
    /// its own ARN (it would depend on itself). Returns the longest the value can be.
    fn check_reference(
        &mut self,
        id: DeclId,
        i: usize,
        function: &Function,
        target: &str,
        attribute: &str,
    ) -> Option<usize> {
        let target_at = Location::new(id, At::EnvTarget(i));
        let attribute_at = Location::new(id, At::EnvAttribute(i));
        let kind = match self.resolve(target, target_at) {
            Resolved::Kind(kind) => kind,
            Resolved::Missing => return None,
            Resolved::Deferred => return self.check_reference_alone(attribute_at, function, target, attribute),
        };
        let found = self.check(attribute_at, rules::resources::check_attribute(kind, target, attribute))?;
        if found.name == "stream_arn" {
            if let Some(table) = self.stack().and_then(|s| s.table_named(target)) {
                if !table.has_stream() {
                    self.error(attribute_at, rules::streams::no_stream_arn(target));
                }
            }
        }
        if target == function.name && found.name == "arn" {
            self.error(
                target_at,
                format!("function `{target}` cannot read its own ARN from its environment: it would depend on itself; Lambda passes it in the invocation context"),
            );
        }
        Some(found.max_len)
    }

    /// Alone, a reference needs some kind of declaration with the attribute; the binding stack
    /// must declare the name as one of them.
    fn check_reference_alone(
        &mut self,
        at: Location,
        function: &Function,
        target: &str,
        attribute: &str,
    ) -> Option<usize> {
        let fit: Vec<(Kind, usize)> = Kind::ALL
            .into_iter()
            .filter_map(|kind| {
                rules::resources::check_attribute(kind, target, attribute).ok().map(|a| (kind, a.max_len))
            })
            .collect();
        if fit.is_empty() {
            let all = Kind::ALL.iter().flat_map(|k| k.attributes().iter().map(|a| a.name));
            let hint = rules::suggest::did_you_mean(attribute, all);
            self.error(at, format!("no declaration has an attribute `{attribute}`{hint}"));
            return None;
        }
        let kinds = fit.iter().map(|(k, _)| *k).collect();
        self.refer(&function.name, target, kinds, format!("`{target}.{attribute}` in `env`"));
        fit.iter().map(|(_, len)| *len).max()
    }

    /// `role:` names a role of the stack.
    fn check_function_role(&mut self, id: DeclId, function: &Function) {
        let Some(role) = &function.role else { return };
        let at = Location::new(id, At::Value(Key::Role));
        match self.resolve(role, at) {
            Resolved::Kind(Kind::Role) | Resolved::Missing => {}
            Resolved::Kind(other) => self.error(at, format!("`{role}` is a {other}, not a role")),
            Resolved::Deferred => self.refer(&function.name, role, vec![Kind::Role], "`role`".into()),
        }
    }

    /// A function behind an `http(..)` or `rest(..)` route times out within its API's integration
    /// timeout (30 s, 29 s), unless the route says it outlives the request.
    fn check_timeout_behind_routes(&mut self, id: DeclId, function: &Function) {
        let timeout = function.timeout_seconds();
        for trigger in &function.triggers {
            let (api, method, path, outlives_request) = match trigger {
                Trigger::Http { method, path, outlives_request, .. } => (ApiKind::Http, method, path, outlives_request),
                Trigger::Rest { method, path, outlives_request, .. } => (ApiKind::Rest, method, path, outlives_request),
                _ => continue,
            };
            let route = format!("{}({method} \"{path}\")", api.trigger());
            let result = rules::http::check_timeout_behind_route(api, timeout, &route, *outlives_request);
            if self.check(Location::new(id, At::Value(Key::Timeout)), result).is_none() {
                return;
            }
        }
    }

    /// `logs:` words are Lambda's, levels come with JSON logs, and the log group name is CloudWatch's.
    fn check_logs(&mut self, id: DeclId, function: &Function) {
        for (key, message) in function.logs.iter().flat_map(rules::logs::check_logs) {
            self.error(Location::new(id, At::Logs(key)), message);
        }
    }

    /// `on_success` and `on_failure` name a standard queue or topic, or another function, of the
    /// stack; `retries` and `max_event_age` are Lambda's; `on_failure` beside `dead_letter` is
    /// a warning: Lambda sends a failed event to both.
    fn check_destinations(&mut self, id: DeclId, function: &Function) {
        for (key, target) in [(Key::OnSuccess, &function.on_success), (Key::OnFailure, &function.on_failure)] {
            let Some(target) = target else { continue };
            let at = Location::new(id, At::Value(key));
            let kind = match self.resolve(target, at) {
                Resolved::Kind(kind) => kind,
                Resolved::Missing => continue,
                Resolved::Deferred => {
                    let fit = Kind::ALL
                        .into_iter()
                        .filter(|&k| rules::grants::destination_grant(key.name(), target, k).is_ok())
                        .collect();
                    self.refer(&function.name, target, fit, format!("`{key}`"));
                    continue;
                }
            };
            if self.check(at, rules::grants::destination_grant(key.name(), target, kind)).is_none() {
                continue;
            }
            if kind == Kind::Function && target == &function.name {
                self.error(
                    at,
                    format!(
                        "function `{target}` sends its own asynchronous results to itself: each invocation would start \
                         another, for ever; send them to a queue, a topic or another function"
                    ),
                );
                continue;
            }
            let stack = self.stack();
            let fifo = stack.and_then(|s| s.queue_named(target)).is_some_and(|q| q.is_fifo())
                || stack.and_then(|s| s.topic_named(target)).is_some_and(|t| t.is_fifo());
            self.check(at, rules::grants::check_dead_letter_target(target, fifo));
        }
        if let Some(retries) = function.retries {
            self.check(Location::new(id, At::Value(Key::Retries)), rules::grants::check_retries(retries));
        }
        if let Some(age) = function.max_event_age {
            self.check(Location::new(id, At::Value(Key::MaxEventAge)), rules::grants::check_max_event_age(age));
        }
        if let (Some(dead_letter), Some(on_failure)) = (&function.dead_letter, &function.on_failure) {
            self.warning(
                Location::new(id, At::Value(Key::OnFailure)),
                format!(
                    "both `dead_letter: {dead_letter}` and `on_failure: {on_failure}`: Lambda sends each failed \
                     asynchronous event to both; `on_failure` also carries the error and the request, so keep it \
                     alone unless both are wanted"
                ),
            );
        }
    }

    /// `dead_letter` names a standard queue or topic of the stack.
    fn check_dead_letter(&mut self, id: DeclId, function: &Function) {
        let Some(target) = &function.dead_letter else { return };
        let at = Location::new(id, At::Value(Key::DeadLetter));
        let kind = match self.resolve(target, at) {
            Resolved::Kind(kind) => kind,
            Resolved::Missing => return,
            Resolved::Deferred => {
                let fit =
                    Kind::ALL.into_iter().filter(|&k| rules::grants::dead_letter_grant(target, k).is_ok()).collect();
                return self.refer(&function.name, target, fit, "`dead_letter`".into());
            }
        };
        if self.check(at, rules::grants::dead_letter_grant(target, kind)).is_none() {
            return;
        }
        let stack = self.stack();
        let fifo = stack.and_then(|s| s.queue_named(target)).is_some_and(|q| q.is_fifo())
            || stack.and_then(|s| s.topic_named(target)).is_some_and(|t| t.is_fifo());
        self.check(at, rules::grants::check_dead_letter_target(target, fifo));
    }
}

/// `; did you mean `functions/hello`?` when a directory (a file, for a zip: `dirs` false) beside
/// the missing one has a near name.
fn sibling_hint(as_written: &str, dir: &Path, dirs: bool) -> String {
    let (Some(parent), Some(missing)) = (dir.parent(), dir.file_name().and_then(|n| n.to_str())) else {
        return String::new();
    };
    let Ok(entries) = std::fs::read_dir(parent) else { return String::new() };
    let siblings: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir() == dirs)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    match rules::suggest::closest(missing, siblings.iter().map(String::as_str)) {
        Some(near) => {
            let trimmed = as_written.trim_end_matches('/');
            let fixed = match trimmed.rsplit_once('/') {
                Some((head, _)) => format!("{head}/{near}"),
                None => near.to_owned(),
            };
            format!("; did you mean `{fixed}`?")
        }
        None => String::new(),
    }
}
