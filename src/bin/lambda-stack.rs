//! The `lambda-stack` command: what a project runs outside its own stack binaries.
//!
//! ```text
//! cargo run --bin lambda-stack -- migrate-cdktf cdktf.out/stacks/hello-lambda/cdk.tf.json --out migrated
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "lambda-stack", about = "Tools around lambda-stack projects", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Translate a CDK for Terraform stack (its `cdk.tf.json`) into `lambda_stack!` source, with
    /// the `moved` blocks that make `terraform plan` against the CDKTF state replace nothing.
    MigrateCdktf {
        /// The CDKTF stack's `cdk.tf.json` (`cdktf.out/stacks/<stack>/cdk.tf.json`).
        input: PathBuf,
        /// The folder to write `main.rs`, `functions/` and `cdktf/` into.
        #[arg(long)]
        out: PathBuf,
        /// Replace an earlier migration's `main.rs`, `functions/` and `cdktf/` in `--out`.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::MigrateCdktf { input, out, force } => {
            let options = lambda_stack::migrate::Options { out, force };
            match lambda_stack::migrate::migrate_cdktf(&input, &options) {
                Ok(report) => {
                    print!("{report}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("{error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
