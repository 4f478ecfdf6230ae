//! The command line of a stack binary: `cargo run` synthesizes.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::error::{Error, Result};
use crate::stack::Stack;
use crate::synth::{synthesize, Synthesized};

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
}

#[derive(Debug, Parser)]
#[command(about = "Synthesize this binary's Lambda stacks to Terraform JSON (default: synth)")]
struct Cli {
    /// The output folder.
    #[arg(long, global = true, default_value = "cdktf.out")]
    out: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the stacks, package their code, and write Terraform JSON (the default).
    Synth,
    /// List the stacks and their functions.
    List,
}

impl App {
    pub fn new() -> Self {
        App::default()
    }

    /// Adds a stack.
    pub fn stack(mut self, stack: Stack) -> Self {
        self.stacks.push(stack);
        self
    }

    /// Runs the command line from the process arguments. On failure it prints the error and exits
    /// with status 1, so `main` can simply return this.
    ///
    /// Inside Lambda (`AWS_LAMBDA_RUNTIME_API` set, with the `rust` feature) it instead serves the
    /// Rust function named by `_HANDLER`: the binary is its `bootstrap`.
    pub fn run(self) -> Result<()> {
        #[cfg(feature = "rust")]
        let result = match crate::serve::in_lambda(&self.stacks) {
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
    pub fn run_with<I, T>(self, args: I) -> Result<()>
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
        match cli.command.unwrap_or(Command::Synth) {
            Command::Synth => self.synth_and_report(&cli.out),
            Command::List => {
                self.list();
                Ok(())
            }
        }
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
        let synthesized = self.stacks.iter().map(synthesize).collect::<Result<Vec<_>>>()?;
        crate::output::write(out, &synthesized)?;
        Ok(synthesized)
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
        for stack in &synthesized {
            let functions = stack.assets.len();
            println!(
                "stack `{}` ({}): {} function{}, {} resources -> {}",
                stack.stack,
                if stack.region.is_empty() { "region from AWS_REGION or the profile" } else { &stack.region },
                functions,
                if functions == 1 { "" } else { "s" },
                stack.document.resource_count(),
                out.join("stacks").join(&stack.stack).display(),
            );
            for asset in &stack.assets {
                println!(
                    "  {:<24} {:>10} zipped, {} files",
                    asset.function,
                    human_bytes(asset.package.bytes.len() as u64),
                    asset.package.files
                );
            }
        }
        println!(
            "synthesized {} stack{} in {:.1?}",
            synthesized.len(),
            if synthesized.len() == 1 { "" } else { "s" },
            elapsed
        );
        Ok(())
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

/// `1.2 KiB`, `3.4 MiB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
