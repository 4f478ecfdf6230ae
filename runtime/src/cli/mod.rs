//! The command line of a stack binary: `cargo run` synthesizes; `invoke`, `validate`, `diff` and
//! `graph` are the local loop.

mod delivery;
mod diff;
mod graph;
mod invoke;
mod validate;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Parser, Subcommand};

pub use diff::{compare, Change, StackDiff};
pub use graph::dot;
pub use validate::Validation;

use crate::error::{Error, Result};
use crate::package::BuildOptions;
use crate::stack::Stack;
use crate::synth::{synthesize_with, Synthesized};

/// The application: the stacks a binary declares, and its command line.
///
/// ```no_run
/// use lambda_stack_runtime::{App, Function, Stack};
/// fn main() -> lambda_stack_runtime::Result<()> {
///     let stack = Stack::new("hello").region("eu-west-3").function(
///         Function::new("hello").runtime("python3.12").handler("app.handler").code("functions/hello"),
///     );
///     App::new().stack(stack).run()
/// }
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct App {
    pub(crate) stacks: Vec<Stack>,
    /// The cache, installers and progress display; the environment's when `None`.
    options: Option<BuildOptions>,
    /// The stacks `--stage` left out, whose output a synth keeps.
    other_stages: Vec<String>,
}

#[derive(Debug, Parser)]
#[command(about = "Synthesize this binary's Lambda stacks to Terraform JSON (default: synth)")]
struct Cli {
    /// The output folder.
    #[arg(long, global = true, default_value = "cdktf.out")]
    out: PathBuf,
    /// Only this stage of the stacks declared with `stages` (the other stages' folders are kept).
    #[arg(long, global = true)]
    stage: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the stacks, package their code, and write Terraform JSON (the default).
    Synth,
    /// List the stacks and their functions.
    List,
    /// Run a function locally through a Lambda Runtime API emulator, as Lambda would.
    Invoke {
        /// The function, as declared in the stack.
        function: String,
        /// The event: a JSON file, or `-` for standard input (`{}` without it).
        #[arg(long)]
        event: Option<PathBuf>,
        /// The stack, when several declare the function.
        #[arg(long)]
        stack: Option<String>,
    },
    /// Synthesize, then run `terraform init -backend=false` and `terraform validate` on each stack.
    Validate,
    /// Show the resources a synth would add, change and remove, against the last synth's output.
    Diff,
    /// Print the stacks as Graphviz DOT (functions, triggers, resources, roles).
    Graph {
        /// Only this stack.
        #[arg(long)]
        stack: Option<String>,
        /// Also write an SVG to this file (needs Graphviz's `dot`).
        #[arg(long)]
        svg: Option<PathBuf>,
    },
}

impl App {
    pub fn new() -> Self {
        App::default()
    }

    /// Adds a stack; a stack with [`Stack::stages`] adds one stack per stage.
    pub fn stack(mut self, stack: Stack) -> Self {
        self.stacks.extend(stack.deployed());
        self
    }

    /// Keeps only the stacks of one stage (`--stage NAME`); the names of the others are returned,
    /// so their output is kept as it is.
    fn only_stage(&mut self, stage: &str) -> Result<Vec<String>> {
        let (kept, others): (Vec<Stack>, Vec<Stack>) =
            std::mem::take(&mut self.stacks).into_iter().partition(|s| s.stage_name() == Some(stage));
        if kept.is_empty() {
            let mut stages: Vec<&str> = others.iter().filter_map(Stack::stage_name).collect();
            stages.dedup();
            let known = if stages.is_empty() {
                "no stack has `stages`".to_owned()
            } else {
                format!("the stages are {}", stages.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))
            };
            return Err(Error::Usage(format!("no stack has the stage `{stage}`; {known}")));
        }
        self.stacks = kept;
        Ok(others.into_iter().map(|s| s.name).collect())
    }

    /// Packages with these options (cache folder, installers, progress) instead of the
    /// environment's ([`BuildOptions::from_env`]).
    pub fn build_options(mut self, options: BuildOptions) -> Self {
        self.options = Some(options);
        self
    }

    fn options(&self) -> BuildOptions {
        self.options.clone().unwrap_or_else(BuildOptions::from_env)
    }

    /// Runs the command line from the process arguments. On failure it prints the error and exits
    /// with status 1, so `main` can simply return this.
    ///
    /// Inside Lambda (`AWS_LAMBDA_RUNTIME_API` set, with the `rust` feature) it instead serves the
    /// Rust function named by `_HANDLER`: the binary is its `bootstrap`.
    pub fn run(self) -> Result<()> {
        #[cfg(feature = "rust")]
        let result = match crate::rust::serve::in_lambda(&self.stacks) {
            Some(served) => served,
            None => self.run_with(std::env::args_os()),
        };
        #[cfg(not(feature = "rust"))]
        let result = self.run_with(std::env::args_os());
        match result {
            Ok(()) => Ok(()),
            Err(error) => {
                eprintln!("error: {error}");
                std::process::exit(1);
            }
        }
    }

    /// Runs the command line from `args` (the first is the program name) and returns the error
    /// instead of exiting.
    pub fn run_with<I, T>(mut self, args: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let cli = match Cli::try_parse_from(args) {
            Ok(cli) => cli,
            Err(error) if error.use_stderr() => return Err(Error::Usage(error.to_string().trim_end().to_owned())),
            Err(help) => {
                let _ = help.print();
                return Ok(());
            }
        };
        if let Some(stage) = &cli.stage {
            self.other_stages = self.only_stage(stage)?;
        }
        match cli.command.unwrap_or(Command::Synth) {
            Command::Synth => self.synth_and_report(&cli.out),
            Command::List => {
                self.list();
                Ok(())
            }
            Command::Invoke { function, event, stack } => {
                let log = |line: &str| eprintln!("{line}");
                let invocation = self.invoke(&function, stack.as_deref(), event.as_deref(), &log)?;
                let payload = match &invocation.result {
                    crate::local::InvokeResult::Response(payload) => payload,
                    crate::local::InvokeResult::FunctionError(payload) => payload,
                };
                println!("{}", String::from_utf8_lossy(payload));
                match invocation.result {
                    crate::local::InvokeResult::Response(_) => Ok(()),
                    crate::local::InvokeResult::FunctionError(_) => {
                        Err(Error::Usage(format!("function `{function}` failed (request {})", invocation.request_id)))
                    }
                }
            }
            Command::Validate => {
                let validations = self.validate(&cli.out)?;
                let mut invalid = Vec::new();
                for validation in &validations {
                    println!("stack `{}`: {}", validation.stack, validation.report.trim_end());
                    let stack = self.stacks.iter().find(|s| s.name() == validation.stack);
                    for param in stack.into_iter().flat_map(|s| s.required_params()) {
                        println!(
                            "stack `{}`: param `{param}` has no default: `terraform plan` asks for it; give it with \
                             `-var {param}=..`, `TF_VAR_{param}` or a `.tfvars` file",
                            validation.stack
                        );
                    }
                    if !validation.valid {
                        invalid.push(format!("`{}`", validation.stack));
                    }
                }
                if invalid.is_empty() {
                    Ok(())
                } else {
                    Err(Error::Usage(format!("terraform rejects stack {}", invalid.join(", "))))
                }
            }
            Command::Diff => {
                for stack in self.diff(&cli.out)? {
                    print!("{stack}");
                }
                Ok(())
            }
            Command::Graph { stack, svg } => self.graph(stack.as_deref(), svg.as_deref()),
        }
    }

    /// Runs `function` locally with the event in `event` (a JSON file, `-` for standard input,
    /// `{}` when `None`); see [`crate::local`]. `log` gets the log lines as they come.
    ///
    /// ```no_run
    /// use lambda_stack_runtime::local::InvokeResult;
    /// use lambda_stack_runtime::{App, Function, Stack};
    /// let stack = Stack::new("hello").region("eu-west-3").function(
    ///     Function::new("hello").runtime("python3.12").handler("app.handler").code("functions/hello"),
    /// );
    /// let invocation = App::new().stack(stack).invoke("hello", None, None, &|line| eprintln!("{line}")).unwrap();
    /// assert!(matches!(invocation.result, InvokeResult::Response(_)));
    /// assert!(invocation.report.starts_with("REPORT RequestId: "));
    /// ```
    pub fn invoke(
        &self,
        function: &str,
        stack: Option<&str>,
        event: Option<&Path>,
        log: &(dyn Fn(&str) + Sync),
    ) -> Result<crate::local::Invocation> {
        invoke::invoke(&self.stacks, function, stack, event, &self.options(), log)
    }

    /// Synthesizes into `out`, then runs `terraform validate` on each stack.
    pub fn validate(&self, out: &Path) -> Result<Vec<Validation>> {
        let synthesized = self.synth(out)?;
        validate::validate(out, &synthesized, &self.options().cache)
    }

    /// What a synth would change against the output in `out` (nothing is written).
    pub fn diff(&self, out: &Path) -> Result<Vec<StackDiff>> {
        let options = self.options();
        let synthesized = self.stacks.iter().map(|s| synthesize_with(s, &options)).collect::<Result<Vec<_>>>()?;
        Ok(diff::diff(out, &synthesized))
    }

    fn graph(&self, only: Option<&str>, svg: Option<&Path>) -> Result<()> {
        let stacks: Vec<&Stack> = self.stacks.iter().filter(|s| only.is_none_or(|name| s.name == name)).collect();
        if stacks.is_empty() {
            return Err(Error::Usage(format!("no stack `{}`", only.unwrap_or_default())));
        }
        let text: String = stacks.iter().map(|stack| graph::dot(stack)).collect();
        print!("{text}");
        if let Some(svg) = svg {
            if stacks.len() > 1 {
                return Err(Error::Usage("`--svg` draws one stack: choose it with `--stack`".into()));
            }
            write_svg(&text, svg)?;
        }
        Ok(())
    }

    /// Checks and synthesizes every stack into `out`, written atomically.
    pub fn synth(&self, out: &Path) -> Result<Vec<Synthesized>> {
        if self.stacks.is_empty() {
            return Err(Error::Usage("the app has no stack: add one with `App::new().stack(...)`".into()));
        }
        let mut names = std::collections::BTreeSet::new();
        for stack in &self.stacks {
            if !names.insert(stack.name()) {
                return Err(Error::Usage(format!("two stacks are named `{}`", stack.name())));
            }
        }
        self.refuse_out_inside_code(out)?;
        let options = self.options();
        let synthesized = self.stacks.iter().map(|s| synthesize_with(s, &options)).collect::<Result<Vec<_>>>()?;
        crate::output::write_keeping(out, &synthesized, &self.other_stages)?;
        Ok(synthesized)
    }

    /// An output inside a code folder would be packaged into that function's next zip (the
    /// default excludes only know the name `cdktf.out`), so each synth would change the last.
    fn refuse_out_inside_code(&self, out: &Path) -> Result<()> {
        let out_real = resolved(out);
        // The folders the output is in, by identity: a code folder is one of them when its
        // `stat` says so, one call per function where canonicalizing it read every link of its
        // path (a tenth of a 10,000-function synth).
        #[cfg(unix)]
        let out_folders: std::collections::HashSet<(u64, u64)> =
            out_real.ancestors().filter_map(|folder| std::fs::metadata(folder).ok()).map(|m| folder_id(&m)).collect();
        #[cfg(unix)]
        let contains_out = |code: &Path| std::fs::metadata(code).is_ok_and(|m| out_folders.contains(&folder_id(&m)));
        #[cfg(not(unix))]
        let contains_out = |code: &Path| std::fs::canonicalize(code).is_ok_and(|real| out_real.starts_with(real));
        for stack in &self.stacks {
            for function in stack.functions() {
                let Some(code) = &function.code else { continue };
                if contains_out(code) {
                    return Err(Error::Usage(format!(
                        "the output folder `{}` is inside the code folder `{}` of function `{}`, so the next \
                         synth would package it; choose an `--out` outside it",
                        out.display(),
                        code.display(),
                        function.name()
                    )));
                }
            }
        }
        Ok(())
    }

    fn synth_and_report(&self, out: &Path) -> Result<()> {
        let started = Instant::now();
        let synthesized = self.synth(out)?;
        let elapsed = started.elapsed();
        for stack in &synthesized {
            for warning in &stack.warnings {
                eprintln!("warning: {warning}");
            }
        }
        // One write per screenful, not per line: the summary has a line per function.
        use std::io::Write as _;
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        for stack in &synthesized {
            let functions = stack.assets.len();
            let _ = writeln!(
                stdout,
                "stack `{}` ({}): {} function{}, {} resources -> {}",
                stack.stack,
                if stack.region.is_empty() { "region from AWS_REGION or the profile" } else { &stack.region },
                functions,
                if functions == 1 { "" } else { "s" },
                stack.document.resource_count(),
                out.join("stacks").join(&stack.stack).display(),
            );
            for asset in &stack.assets {
                let _ = writeln!(
                    stdout,
                    "  {:<24} {:>10} zipped, {} files{}",
                    asset.function,
                    // `HumanBytes` ignores the width: pad its text.
                    indicatif::HumanBytes(asset.package.bytes.len() as u64).to_string(),
                    asset.package.files,
                    self.prebuilt_zip(&stack.stack, &asset.function)
                        .map_or(String::new(), |zip| format!(", prebuilt `{zip}`"))
                );
            }
        }
        let _ = writeln!(
            stdout,
            "synthesized {} stack{} in {:.1?}",
            synthesized.len(),
            if synthesized.len() == 1 { "" } else { "s" },
            elapsed
        );
        let _ = stdout.flush();
        // Freeing every resource's JSON takes ~0.1 s of one core on a 10,000-function stack, after
        // the work is done: another thread does it, and a process that exits first leaves it to
        // the OS.
        std::thread::spawn(move || drop(synthesized));
        Ok(())
    }

    /// The prebuilt zip (as written) that is the code of `function` in synthesized stack `stack`
    /// (`shop`, or a stage's `shop-dev`), if its code is one.
    fn prebuilt_zip(&self, stack: &str, function: &str) -> Option<&str> {
        self.stacks
            .iter()
            .filter(|declared| {
                stack == declared.name()
                    || stack.strip_prefix(declared.name()).is_some_and(|rest| rest.starts_with('-'))
            })
            .flat_map(|declared| declared.functions())
            .filter(|declared| declared.name() == function)
            .find_map(|declared| {
                let code = declared.code.as_deref()?;
                crate::package::build::is_prebuilt(code).then(|| declared.code_as_written.as_deref().unwrap_or(""))
            })
    }

    /// Stops quietly when stdout closes (`list | head`).
    fn list(&self) {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        for stack in &self.stacks {
            if writeln!(out, "{} ({})", stack.name(), stack.region_name().unwrap_or("no region")).is_err() {
                return;
            }
            for function in stack.functions() {
                let triggers: Vec<String> = function.triggers().iter().map(ToString::to_string).collect();
                let triggers = if triggers.is_empty() { "invoked by hand".to_owned() } else { triggers.join(", ") };
                let line =
                    format!("  {:<24} {:<16} {}", function.name(), function.runtime_id().unwrap_or("-"), triggers);
                if writeln!(out, "{line}").is_err() {
                    return;
                }
            }
        }
    }
}

/// A folder as the file system knows it, whatever the path that reaches it.
#[cfg(unix)]
fn folder_id(metadata: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt as _;
    (metadata.dev(), metadata.ino())
}

/// `path` made absolute with its symlinks resolved, as far as it exists (the rest appended).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |dir, name| dir.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Renders DOT `text` as SVG into `path` with Graphviz's `dot`.
fn write_svg(text: &str, path: &Path) -> Result<()> {
    use std::io::Write as _;
    let child =
        std::process::Command::new("dot").args(["-Tsvg", "-o"]).arg(path).stdin(std::process::Stdio::piped()).spawn();
    let mut child = child.map_err(|e| {
        Error::Usage(format!(
            "`--svg` needs Graphviz's `dot` ({e}); install Graphviz (Debian: `apt-get install graphviz`), or pipe the DOT \
             printed above into any Graphviz viewer"
        ))
    })?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(text.as_bytes())
        .map_err(|source| Error::Io { path: "dot".into(), source })?;
    let status = child.wait().map_err(|source| Error::Io { path: "dot".into(), source })?;
    if status.success() {
        eprintln!("wrote {}", path.display());
        Ok(())
    } else {
        Err(Error::Usage(format!("`dot -Tsvg` failed ({status})")))
    }
}
