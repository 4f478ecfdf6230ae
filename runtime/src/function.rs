//! Lambda functions.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::iam::Statement;
use crate::origin::Origin;
use crate::reference::EnvValue;
use crate::trigger::Trigger;
use lambda_stack_core::decl::Recursion;

pub use lambda_stack_core::decl::{Arch, Tracing};

/// A Lambda function: its code, runtime and handler, its limits, its role and triggers.
///
/// ```
/// use lambda_stack_runtime::{Function, Ref, Trigger};
/// let hello = Function::new("hello")
///     .runtime("python3.12")
///     .handler("lambda_handler.handler")
///     .code("functions/hello")
///     .memory(256)
///     .timeout(10)
///     .env("GREETING", "bonjour")
///     .env("REPORTS_BUCKET", Ref::new("reports", "name"))
///     .trigger(Trigger::http("GET", "/hello"));
/// assert_eq!(hello.name(), "hello");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Function {
    pub(crate) name: String,
    pub(crate) runtime: Option<String>,
    pub(crate) handler: Option<String>,
    pub(crate) code: Option<PathBuf>,
    pub(crate) code_as_written: Option<String>,
    pub(crate) memory: Option<u64>,
    pub(crate) timeout: Option<u64>,
    /// In the order set; a key set twice is reported by [`crate::Stack::check`].
    pub(crate) env: Vec<(String, EnvValue)>,
    pub(crate) role: Option<String>,
    pub(crate) allow: Vec<Statement>,
    pub(crate) arch: Arch,
    pub(crate) ephemeral_storage: Option<u64>,
    pub(crate) reserved_concurrency: Option<u64>,
    pub(crate) tracing: Tracing,
    pub(crate) layers: Vec<String>,
    pub(crate) description: Option<String>,
    pub(crate) log_retention: Option<u64>,
    pub(crate) tags: BTreeMap<String, String>,
    pub(crate) triggers: Vec<Trigger>,
    pub(crate) dead_letter: Option<String>,
    pub(crate) on_success: Option<String>,
    pub(crate) on_failure: Option<String>,
    pub(crate) retries: Option<u64>,
    pub(crate) max_event_age: Option<u64>,
    pub(crate) alias: Option<String>,
    pub(crate) provisioned: Option<u64>,
    pub(crate) snap_start: bool,
    pub(crate) recursion: Option<Recursion>,
    pub(crate) build: Option<crate::Build>,
    pub(crate) bundle: Option<crate::Bundle>,
    pub(crate) source_map: bool,
    pub(crate) exclude: Vec<String>,
    pub(crate) vpc: Option<crate::Vpc>,
    pub(crate) logs: Option<crate::Logs>,
    /// `kms`: the key of its environment; without it, the stack's.
    pub(crate) kms: Option<String>,
    pub(crate) adopt: lambda_stack_core::decl::Adoption,
    pub(crate) origin: Origin,
    /// Set by [`Function::rust`]: the function is a `#[function]` served by the stack binary.
    pub(crate) rust: Option<RustCode>,
}

pub use crate::rules::limits::{DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS};

impl Function {
    crate::adopt::adoption_setters!("function");

    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Function {
            name: name.into(),
            runtime: None,
            handler: None,
            code: None,
            code_as_written: None,
            memory: None,
            timeout: None,
            env: Vec::new(),
            role: None,
            allow: Vec::new(),
            arch: Arch::default(),
            ephemeral_storage: None,
            reserved_concurrency: None,
            tracing: Tracing::default(),
            layers: Vec::new(),
            description: None,
            log_retention: None,
            tags: BTreeMap::new(),
            triggers: Vec::new(),
            dead_letter: None,
            on_success: None,
            on_failure: None,
            retries: None,
            max_event_age: None,
            alias: None,
            provisioned: None,
            snap_start: false,
            recursion: None,
            build: None,
            bundle: None,
            source_map: false,
            exclude: Vec::new(),
            vpc: None,
            logs: None,
            kms: None,
            adopt: Default::default(),
            origin: Origin::caller(),
            rust: None,
        }
    }

    /// How Lambda writes its logs ([`crate::Logs`]); text into `/aws/lambda/<function>` without it.
    pub fn logs(mut self, logs: crate::Logs) -> Self {
        self.logs = Some(logs);
        self
    }

    /// The subnets and security groups the function runs in ([`crate::Vpc`]); without it, the
    /// stack's ([`crate::Stack::vpc`]), if any.
    pub fn vpc(mut self, vpc: crate::Vpc) -> Self {
        self.vpc = Some(vpc);
        self
    }

    crate::kms::kms_setter!("function's environment");

    /// Lambda's runtime identifier: `python3.12`, `nodejs22.x`, `provided.al2023`.
    pub fn runtime(mut self, runtime: impl Into<String>) -> Self {
        self.runtime = Some(runtime.into());
        self
    }

    /// The handler, in the runtime's format (`module.function` for Python and Node).
    pub fn handler(mut self, handler: impl Into<String>) -> Self {
        self.handler = Some(handler.into());
        self
    }

    /// The directory packaged as the function's code, or a prebuilt `.zip` deployed as it is
    /// (checked inside: see the README's "Prebuilt zips"). A relative path is resolved against the
    /// current directory at synth; the macro passes a path under `CARGO_MANIFEST_DIR`.
    pub fn code(mut self, dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        self.code_as_written.get_or_insert_with(|| dir.display().to_string());
        self.code = Some(dir);
        self
    }

    /// The code directory as the user wrote it, for messages (`functions/hello`).
    pub fn code_as_written(mut self, text: impl Into<String>) -> Self {
        self.code_as_written = Some(text.into());
        self
    }

    /// Memory in MB (128–10240).
    pub fn memory(mut self, mb: u64) -> Self {
        self.memory = Some(mb);
        self
    }

    /// Timeout in seconds (1–900).
    pub fn timeout(mut self, seconds: u64) -> Self {
        self.timeout = Some(seconds);
        self
    }

    /// Sets an environment variable; setting one twice is reported at synth.
    pub fn env(mut self, key: impl Into<String>, value: impl Into<EnvValue>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Runs the function with a role declared in the stack instead of its own generated one.
    pub fn role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// Grants the function a statement (on its own role, or as a policy on the shared role).
    pub fn allow(mut self, statement: Statement) -> Self {
        self.allow.push(statement);
        self
    }

    pub fn arch(mut self, arch: Arch) -> Self {
        self.arch = arch;
        self
    }

    /// `/tmp` size in MB (512–10240).
    pub fn ephemeral_storage(mut self, mb: u64) -> Self {
        self.ephemeral_storage = Some(mb);
        self
    }

    pub fn reserved_concurrency(mut self, count: u64) -> Self {
        self.reserved_concurrency = Some(count);
        self
    }

    pub fn tracing(mut self, tracing: Tracing) -> Self {
        self.tracing = tracing;
        self
    }

    /// A layer (at most 5): the name of a [`crate::Layer`] of the stack, a layer version ARN, or a
    /// `string` param holding one ([`crate::Param::reference`]).
    pub fn layer(mut self, arn: impl Into<String>) -> Self {
        self.layers.push(arn.into());
        self
    }

    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Days CloudWatch keeps the function's logs (one of CloudWatch's values; 365 by default).
    pub fn log_retention(mut self, days: u64) -> Self {
        self.log_retention = Some(days);
        self
    }

    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }

    /// Adds a trigger: `Trigger::http(..)`, `Trigger::sqs("jobs").batch_size(10)`, ...
    pub fn trigger(mut self, trigger: impl Into<Trigger>) -> Self {
        self.triggers.push(trigger.into());
        self
    }

    /// The queue or topic of the stack that receives events whose asynchronous invocations failed.
    pub fn dead_letter(mut self, queue_or_topic: impl Into<String>) -> Self {
        self.dead_letter = Some(queue_or_topic.into());
        self
    }

    /// Where Lambda sends the result of each asynchronous invocation that succeeded (a Lambda
    /// destination): a standard queue or topic, or another function, of the stack. Its role may
    /// send there.
    ///
    /// ```
    /// use lambda_stack_runtime::Function;
    /// let worker = Function::new("worker").on_success("done").on_failure("failed").retries(1).max_event_age(3600);
    /// # let _ = worker;
    /// ```
    pub fn on_success(mut self, target: impl Into<String>) -> Self {
        self.on_success = Some(target.into());
        self
    }

    /// Where Lambda sends an asynchronous event once its retries failed or it grew too old, with
    /// the error and the request ([`Function::on_success`]'s targets).
    pub fn on_failure(mut self, target: impl Into<String>) -> Self {
        self.on_failure = Some(target.into());
        self
    }

    /// How many times Lambda retries a failed asynchronous invocation (0–2; Lambda's 2 without it).
    pub fn retries(mut self, retries: u64) -> Self {
        self.retries = Some(retries);
        self
    }

    /// How long, in seconds, Lambda keeps an asynchronous event it could not yet run (60–21,600).
    pub fn max_event_age(mut self, seconds: u64) -> Self {
        self.max_event_age = Some(seconds);
        self
    }

    /// Publishes a version of the function on each deploy and points the alias `name` at it;
    /// every trigger, URL, API integration and permission then targets the alias (its qualified
    /// ARN), so what is invoked is the published version, never `$LATEST`.
    ///
    /// ```
    /// use lambda_stack_runtime::Function;
    /// let checkout = Function::new("checkout").alias("live").provisioned(5);
    /// let quote = Function::new("quote").runtime("java21").alias("live").snap_start(true);
    /// # let _ = (checkout, quote);
    /// ```
    pub fn alias(mut self, name: impl Into<String>) -> Self {
        self.alias = Some(name.into());
        self
    }

    /// Provisioned concurrency on the alias: `count` execution environments kept initialized
    /// (needs [`Function::alias`]; within the function's reserved concurrency when it has one).
    pub fn provisioned(mut self, count: u64) -> Self {
        self.provisioned = Some(count);
        self
    }

    /// Lambda SnapStart on published versions (needs [`Function::alias`]; Java 11+, Python 3.12+,
    /// .NET 8+; not with provisioned concurrency nor more than 512 MB of ephemeral storage).
    pub fn snap_start(mut self, on: bool) -> Self {
        self.snap_start = on;
        self
    }

    /// [`Recursion::Allow`]: a recursive loop through the function is intended; the checker
    /// accepts it (when every function of the loop allows it) and Lambda's recursive-loop
    /// detection lets it run (`aws_lambda_function_recursion_config`).
    pub fn recursion(mut self, recursion: Recursion) -> Self {
        self.recursion = Some(recursion);
        self
    }

    /// [`Build::Go`](crate::Build::Go): the package is the `bootstrap` that `go build` makes of
    /// the Go module in the code folder, for Linux on the function's architecture (an OS-only
    /// runtime, `provided.al2023` or `provided.al2`).
    /// [`Build::Maven`](crate::Build::Maven): the package is the jar `mvn package` makes of the
    /// Maven project in the code folder, zipped again deterministically (a Java runtime).
    ///
    /// ```
    /// use lambda_stack_runtime::{Build, Function, Stack};
    /// let api = Function::new("api")
    ///     .runtime("provided.al2023")
    ///     .handler("bootstrap")
    ///     .code(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/go/functions/api"))
    ///     .build(Build::Go);
    /// assert!(Stack::new("shop").function(api).check().problems.is_empty());
    /// ```
    pub fn build(mut self, build: crate::Build) -> Self {
        self.build = Some(build);
        self
    }

    /// [`Bundle::Esbuild`](crate::Bundle::Esbuild): the package is the handler's module (a
    /// TypeScript or JavaScript file) bundled with its imports by esbuild into one file, for the
    /// runtime's Node.js version; the AWS SDK (`@aws-sdk/*`), which the runtime provides, is left
    /// out of it.
    ///
    /// ```
    /// use lambda_stack_runtime::{Bundle, Function, Stack};
    /// let greet = Function::new("greet")
    ///     .runtime("nodejs22.x")
    ///     .handler("src/index.handler") // src/index.ts
    ///     .code(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/bundle/functions/greet"))
    ///     .bundle(Bundle::Esbuild)
    ///     .source_map(true);
    /// assert!(Stack::new("shop").function(greet).check().problems.is_empty());
    /// ```
    pub fn bundle(mut self, bundle: crate::Bundle) -> Self {
        self.bundle = Some(bundle);
        self
    }

    /// With a [`bundle`](Self::bundle): its source map goes into the package beside it, and the
    /// function runs with `NODE_OPTIONS=--enable-source-maps` (unless its `env` sets
    /// `NODE_OPTIONS`), so a stack trace names the TypeScript file and line.
    pub fn source_map(mut self, source_map: bool) -> Self {
        self.source_map = source_map;
        self
    }

    /// A glob, relative to the code directory, of files to leave out of the package.
    pub fn exclude(mut self, pattern: impl Into<String>) -> Self {
        self.exclude.push(pattern.into());
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn runtime_id(&self) -> Option<&str> {
        self.runtime.as_deref()
    }

    pub fn triggers(&self) -> &[Trigger] {
        &self.triggers
    }

    pub(crate) fn memory_mb(&self) -> u64 {
        self.memory.unwrap_or(DEFAULT_MEMORY_MB)
    }

    pub(crate) fn timeout_seconds(&self) -> u64 {
        self.timeout.unwrap_or(DEFAULT_TIMEOUT_SECONDS)
    }
}

/// Which binary of which package serves a stack's Rust functions: the one whose `main` calls
/// [`crate::App::run`]. `lambda_stack!` fills it in from where it is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binary {
    /// The package's directory (`CARGO_MANIFEST_DIR`).
    pub manifest_dir: String,
    /// The package's name (`CARGO_PKG_NAME`).
    pub package: String,
    /// The file holding the stack (`file!()`), relative to the workspace root or absolute.
    pub file: String,
    /// The binary being compiled, when it is one (`CARGO_BIN_NAME`).
    pub bin_name: Option<String>,
}

impl Binary {
    /// ```
    /// use lambda_stack_runtime::Binary;
    /// let binary = Binary::new(env!("CARGO_MANIFEST_DIR"), env!("CARGO_PKG_NAME"), file!(), option_env!("CARGO_BIN_NAME"));
    /// assert_eq!(binary.package, "lambda-stack-runtime");
    /// ```
    pub fn new(manifest_dir: &str, package: &str, file: &str, bin_name: Option<&str>) -> Self {
        Binary {
            manifest_dir: manifest_dir.to_owned(),
            package: package.to_owned(),
            file: file.to_owned(),
            bin_name: bin_name.map(str::to_owned),
        }
    }
}

/// A Rust function's code: the binary that serves it, and how (set by `Function::rust` of the
/// `rust` feature).
#[derive(Debug, Clone)]
// Read by the `rust` feature's builds and serving; without it no function can be a Rust one.
#[cfg_attr(not(feature = "rust"), allow(dead_code))]
pub struct RustCode {
    pub(crate) binary: Binary,
    /// The Rust type behind the handler, to tell two functions of one name apart.
    pub(crate) type_name: &'static str,
    /// Runs the Lambda runtime client with the function as handler.
    pub(crate) serve: fn() -> Result<(), Box<dyn std::error::Error + Send + Sync>>,
    /// [`crate::rust::RustFunction::detail_fields`].
    pub(crate) detail_fields: fn() -> Option<(&'static str, Vec<&'static str>)>,
}

impl Function {
    /// Whether this is a Rust function.
    pub fn is_rust(&self) -> bool {
        self.rust.is_some()
    }
}
