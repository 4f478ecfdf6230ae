//! `bundle: esbuild`: TypeScript handlers bundled with their imports by the pinned esbuild from
//! npm (installed into the cache), CommonJS and ES module, with a locked dependency and a source
//! map; the same bytes from two fresh caches; the bundles run in real Node.js; the stack is
//! validated by the real Terraform CLI and applied into the emulator, which checks the code
//! hashes.
//!
//! Needs npm (the machine's Node.js), and the npm registry for esbuild and `is-number`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use lambda_stack::package::{BuildOptions, Cache, ProgressMode};
use lambda_stack::prelude::*;
use serde_json::Value;

mod support;

lambda_stack! {
    stack shop {
        region: "us-east-1",

        /// TypeScript, CommonJS (no `"type": "module"`), with its source map.
        function greet {
            runtime: nodejs22.x,
            handler: "src/index.handler",
            code: "bundle/functions/greet",
            bundle: esbuild,
            source_map: true,
        }

        /// TypeScript, an ES module (`"type": "module"`), importing a locked npm package.
        function orders {
            runtime: nodejs22.x,
            handler: "src/index.handler",
            code: "bundle/functions/orders",
            bundle: esbuild,
            arch: arm64,
            env: { ORDERS_TABLE: "orders" },
        }
    }
}

/// Whether npm runs; says loudly (and fails in CI) when it does not.
fn npm_available() -> bool {
    match Command::new("npm").arg("--version").output() {
        Ok(output) if output.status.success() => true,
        _ => {
            support::nothing_checked("bundling with esbuild", "no `npm` on PATH (install Node.js with npm)");
            false
        }
    }
}

/// Every entry of a zip: name → bytes.
fn entries(zip: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (String::from_utf8_lossy(file.name_raw()).into_owned(), bytes)
        })
        .collect()
}

/// Synthesizes `shop` into `out` with the cache at `cache`; the document and each function's zip.
fn synth(out: &Path, cache: &Path) -> (Value, BTreeMap<String, Vec<u8>>) {
    let options = BuildOptions { cache: Cache::at(cache), progress: ProgressMode::Quiet, ..BuildOptions::from_env() };
    lambda_stack::App::new().stack(shop()).build_options(options).synth(out).unwrap_or_else(|e| panic!("{e}"));
    let dir = out.join("stacks/shop");
    let doc: Value = serde_json::from_slice(&fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let zips = ["greet", "orders"]
        .map(|name| {
            let filename = doc["resource"]["aws_lambda_function"][name]["filename"].as_str().unwrap().to_owned();
            (name.to_owned(), fs::read(dir.join(filename)).unwrap())
        })
        .into_iter()
        .collect();
    (doc, zips)
}

/// Unzips `zip` into `dir`.
fn unzip(zip: &[u8], dir: &Path) {
    for (name, bytes) in entries(zip) {
        let path = dir.join(&name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

/// Runs `script` with node in `dir`; its standard output.
fn node(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("node").args(args).current_dir(dir).output().unwrap();
    assert!(output.status.success(), "node failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn two_fresh_caches_bundle_the_same_bytes_and_only_the_bundles_are_packaged() {
    if !npm_available() {
        return;
    }
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (doc, zips) = synth(&first.path().join("out"), &first.path().join("cache"));
    let (doc_again, zips_again) = synth(&second.path().join("out"), &second.path().join("cache"));
    assert_eq!(zips, zips_again, "esbuild installed twice bundles the same bytes");
    assert_eq!(doc, doc_again);

    let greet = entries(&zips["greet"]);
    assert_eq!(greet.keys().collect::<Vec<_>>(), ["src/index.js", "src/index.js.map"]);
    let bundle = String::from_utf8(greet["src/index.js"].clone()).unwrap();
    assert!(bundle.contains("hello, "), "greeting.ts is inlined:\n{bundle}");
    assert!(!bundle.contains("interface GreetEvent") && !bundle.contains(": Promise<"), "types are stripped");
    assert!(bundle.trim_end().ends_with("//# sourceMappingURL=index.js.map"), "{bundle}");
    let map: Value = serde_json::from_slice(&greet["src/index.js.map"]).unwrap();
    assert_eq!(map["sources"], serde_json::json!(["index.ts", "greeting.ts"]));
    let variables = &doc["resource"]["aws_lambda_function"]["greet"]["environment"]["variables"];
    assert_eq!(variables["NODE_OPTIONS"], "--enable-source-maps");

    let orders = entries(&zips["orders"]);
    assert_eq!(orders.keys().collect::<Vec<_>>(), ["src/index.mjs"], "an ES module bundle, no node_modules");
    let bundle = String::from_utf8(orders["src/index.mjs"].clone()).unwrap();
    assert!(bundle.contains("is-number"), "the locked dependency is inlined");
    assert!(bundle.contains("createRequire"), "the ES module banner");
    assert!(doc["resource"]["aws_lambda_function"]["orders"]["environment"]["variables"].get("NODE_OPTIONS").is_none());

    for (name, zip) in &zips {
        let text = String::from_utf8_lossy(zip);
        for machine_path in [env!("CARGO_MANIFEST_DIR"), &first.path().display().to_string()] {
            assert!(!text.contains(machine_path), "{name}'s package names `{machine_path}`");
        }
    }
}

#[test]
fn the_bundles_run_in_node_and_map_their_stack_traces_to_the_typescript() {
    if !npm_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, zips) = synth(&dir.path().join("out"), support::cache().dir());
    let greet = dir.path().join("greet");
    unzip(&zips["greet"], &greet);
    let out = node(
        &greet,
        &["-e", "require('./src/index.js').handler({ name: 'ts' }).then((r) => console.log(JSON.stringify(r)))"],
    );
    assert_eq!(out.trim(), r#"{"statusCode":200,"body":"hello, ts"}"#);
    // The handler's own frame, mapped back through the source map.
    let out = node(
        &greet,
        &["--enable-source-maps", "-e", "require('./src/index.js').handler(null).catch((e) => console.log(e.stack))"],
    );
    assert!(out.contains("index.ts:8"), "a stack trace names the TypeScript line:\n{out}");

    let orders = dir.path().join("orders");
    unzip(&zips["orders"], &orders);
    let script = "const m = await import('./src/index.mjs'); \
                  console.log(JSON.stringify(await m.handler({ quantity: 3 })));";
    let out = node(&orders, &["--input-type=module", "-e", script]);
    assert_eq!(out.trim(), r#"{"statusCode":200,"body":"{\"table\":\"orders\",\"valid\":true,\"hasTaskRoot\":true}"}"#);
}

#[test]
fn a_bundled_stack_validates_and_applies_with_its_code_hashes() {
    if !npm_available() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let (doc, _) = synth(out.path(), support::cache().dir());
    assert_eq!(doc["resource"]["aws_lambda_function"]["orders"]["handler"], "src/index.handler");
    let dir = out.path().join("stacks/shop");
    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let Some(report) = support::shared_tool("aws-sandbox", &dir) else { return };
    assert!(report.contains("aws-sandbox: ok"), "{report}");
}

#[test]
fn invoke_runs_both_bundles_through_aws_lambda_ric_on_the_runtimes_node() {
    if !npm_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let app = lambda_stack::App::new().stack(shop()).build_options(support::options());
    for (function, event, body) in [
        ("greet", r#"{"name": "lambda"}"#, Value::from("hello, lambda")),
        ("orders", r#"{"quantity": "x"}"#, Value::from(r#"{"table":"orders","valid":false,"hasTaskRoot":true}"#)),
    ] {
        let path = dir.path().join(format!("{function}.json"));
        fs::write(&path, event).unwrap();
        let invocation = app.invoke(function, None, Some(&path), &|_| {}).unwrap_or_else(|e| panic!("{e}"));
        let lambda_stack::local::InvokeResult::Response(bytes) = &invocation.result else {
            panic!("{function}: {:?}\n{}", invocation.result, invocation.logs.join("\n"))
        };
        let response: Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(response["body"], body, "{function}");
    }
    // The source map reaches Node.js: an error's stack names the TypeScript file.
    let path = dir.path().join("null.json");
    fs::write(&path, "null").unwrap();
    let invocation = app.invoke("greet", None, Some(&path), &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    let lambda_stack::local::InvokeResult::FunctionError(bytes) = &invocation.result else {
        panic!("{:?}", invocation.result)
    };
    let error: Value = serde_json::from_slice(bytes).unwrap();
    assert_eq!(error["errorType"], "TypeError", "{error}");
    assert!(error["trace"].to_string().contains("index.ts:8"), "{error}");
}
