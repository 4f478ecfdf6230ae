//! `polyglot_build`: how long each of `examples/polyglot`'s functions takes to build and package,
//! cold (an empty lambda-stack cache and Go build cache, no Maven `target/`) and warm (everything
//! cached), each function synthesized alone through the builders, as the example declares it.
//! Run by `bench/polyglot.sh`; prints figures, asserts nothing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use lambda_stack::package::{BuildOptions, Cache, ProgressMode};
use lambda_stack::{App, Arch, Build, Bundle, Function, Stack};

fn functions(root: &Path) -> Vec<(&'static str, Function)> {
    let code = |name: &str| root.join("examples/polyglot/functions").join(name);
    vec![
        (
            "report (prebuilt zip)",
            Function::new("report")
                .runtime("python3.12")
                .handler("report.handler")
                .code(code("report/dist/report.zip")),
        ),
        (
            "greet (TypeScript, esbuild)",
            Function::new("greet")
                .runtime("nodejs22.x")
                .handler("src/index.handler")
                .code(code("greet"))
                .bundle(Bundle::Esbuild)
                .source_map(true),
        ),
        (
            "api (Go, arm64)",
            Function::new("api")
                .runtime("provided.al2023")
                .handler("bootstrap")
                .code(code("api"))
                .build(Build::Go)
                .arch(Arch::Arm64),
        ),
        (
            "orders (Java, Maven)",
            Function::new("orders")
                .runtime("java17")
                .handler("example.Handler::handleRequest")
                .code(code("orders"))
                .build(Build::Maven),
        ),
        (
            "prices (Python, uv.lock)",
            Function::new("prices").runtime("python3.12").handler("app.handler").code(code("prices")),
        ),
    ]
}

fn synth_seconds(function: Function, cache: &Path, out: &Path) -> f64 {
    let options = BuildOptions { cache: Cache::at(cache), progress: ProgressMode::Quiet, ..BuildOptions::from_env() };
    let app = App::new().stack(Stack::new("polyglot").region("eu-west-3").function(function)).build_options(options);
    let started = Instant::now();
    app.synth(out).unwrap_or_else(|e| panic!("{e}"));
    started.elapsed().as_secs_f64()
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().unwrap();
    let cache = scratch.path().join("cache");
    std::env::set_var("GOCACHE", scratch.path().join("gocache"));
    let _ = std::fs::remove_dir_all(root.join("examples/polyglot/functions/orders/target"));
    println!("{:<30} {:>9} {:>9}", "function", "cold s", "warm s");
    for (label, function) in functions(&root) {
        let cold = synth_seconds(function.clone(), &cache, &scratch.path().join("cold"));
        let warm: Vec<f64> =
            (0..3).map(|_| synth_seconds(function.clone(), &cache, &scratch.path().join("warm"))).collect();
        let best = warm.iter().copied().fold(f64::INFINITY, f64::min);
        println!("{label:<30} {cold:>9.2} {best:>9.2}");
    }
}
