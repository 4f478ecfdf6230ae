//! A benchmark, not a test: where the time and memory of synthesizing a very large stack go,
//! with the builders alone (no macro, so it compiles in seconds where the generated
//! 10,000-function `lambda_stack!` crate takes minutes).
//!
//! ```sh
//! cargo run --release -p lambda-stack-runtime --example scale -- [--functions N] [--out DIR] [--runs R]
//! ```
//!
//! The stack has the shape `bench/gen_stack.py` gives the macro (one bucket, a shared `readers`
//! role for every third function, an HTTP route for every fifth, each function its own code
//! folder with a small `app.py`); the code folders are written under `target/scale/` once. Each
//! run builds the stack, checks it, synthesizes it and writes it into `--out` (replacing the
//! previous run's output, as a user's second synth does), and prints the phases' wall times; the
//! last line is the process's CPU time and peak RSS (`getrusage`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use lambda_stack_runtime::{Bucket, Function, Ref, Resource, Role, Stack, Statement, Trigger};

const MEMORY: [u64; 7] = [128, 256, 512, 1024, 1536, 2048, 3008];
const TIMEOUT: [u64; 6] = [3, 10, 30, 60, 300, 900];

fn main() {
    let mut functions = 10_000usize;
    let mut runs = 3usize;
    // Without the `..` of `runtime/..`: the macro's code paths have none, and each one is resolved
    // again at every check of the path.
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the runtime is in the workspace");
    let target = workspace.join("target/scale");
    let mut out = target.join("out");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--functions" => functions = value().parse().expect("--functions is a number"),
            "--runs" => runs = value().parse().expect("--runs is a number"),
            "--out" => out = PathBuf::from(value()),
            other => panic!("unknown argument {other}: expected --functions N, --out DIR or --runs R"),
        }
    }
    let code = target.join("functions");
    write_code_folders(&code, functions);
    println!("{functions} functions, output {}", out.display());
    for run in 1..=runs {
        let started = Instant::now();
        let stack = timed("build the Stack (builders)", || stack(&code, functions));
        let findings = timed("Stack::check alone", || stack.check());
        assert!(findings.problems.is_empty(), "{:?}", findings.problems.first());
        let synthesized = timed("synthesize (check, package, document)", || {
            lambda_stack_runtime::synth::synthesize(&stack).expect("the stack synthesizes")
        });
        let synthesized = [synthesized];
        timed("output::write", || lambda_stack_runtime::output::write(&out, &synthesized).expect("written"));
        timed("free the synthesized stack", || drop(synthesized));
        timed("free the Stack", || drop(stack));
        println!("run {run}: {:.0} ms in all\n", started.elapsed().as_secs_f64() * 1000.0);
    }
    let usage = usage();
    println!("process: {:.2} s user + {:.2} s sys CPU, peak RSS {:.0} MiB", usage.0, usage.1, usage.2 as f64 / 1024.0);
}

fn timed<T>(what: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    println!("  {what:<40} {:>8.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    result
}

/// `functions/fNNNN/app.py` for every function, written only when missing.
fn write_code_folders(code: &Path, functions: usize) {
    for i in 0..functions {
        let dir = code.join(format!("f{i:04}"));
        let app = dir.join("app.py");
        if !app.is_file() {
            std::fs::create_dir_all(&dir).expect("code folder");
            let text = format!(
                "\"\"\"Benchmark function {i}.\"\"\"\n\nimport json\nimport os\n\n\ndef handler(event, context):\n    \
                 return {{\"statusCode\": 200, \"body\": json.dumps({{\"function\": {i}, \"stage\": \
                 os.environ.get(\"STAGE\"), \"event\": event}})}}\n"
            );
            std::fs::write(&app, text).expect("app.py");
        }
    }
}

/// The stack `bench/gen_stack.py` declares, through the builders.
fn stack(code: &Path, functions: usize) -> Stack {
    let mut stack = Stack::new(format!("scale{functions}")).region("eu-west-3").bucket(Bucket::new("reports")).role(
        Role::new("readers")
            .managed("AWSLambdaBasicExecutionRole")
            .allow(Statement::allow(["s3:GetObject"]).on(Resource::sub("reports", "objects", None))),
    );
    for i in 0..functions {
        let name = format!("f{i:04}");
        let mut function = Function::new(&name)
            .runtime("python3.12")
            .handler("app.handler")
            .code(code.join(&name))
            .memory(MEMORY[i % MEMORY.len()])
            .timeout(TIMEOUT[i % TIMEOUT.len()])
            .env("STAGE", ["dev", "test", "prod"][i % 3])
            .env("INDEX", i.to_string());
        if i % 2 == 0 {
            function = function.env("REPORTS_BUCKET", Ref::new("reports", "name"));
        }
        if i % 7 == 0 {
            function = function.env("FEATURE_FLAGS", format!("flag-a,flag-b,flag-{}", i % 11));
        }
        if i % 3 == 0 {
            function = function.role("readers");
        }
        if i % 5 == 0 {
            function = function.trigger(Trigger::http("GET", format!("/f{i}")));
        }
        stack = stack.function(function);
    }
    stack
}

/// (user seconds, system seconds, peak RSS in KiB) of this process so far.
fn usage() -> (f64, f64, i64) {
    // SAFETY: `getrusage` only writes the struct it is given.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_maxrss)
}
