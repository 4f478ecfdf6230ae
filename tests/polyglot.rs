//! `examples/polyglot`: each of its functions, built its own way, invoked once through its real
//! runtime client: the prebuilt zip and the uv-locked Python through AWS's `awslambdaric`, the
//! TypeScript bundle through AWS's `aws-lambda-ric` on Node.js 22, and the Go `bootstrap` (arm64,
//! under qemu-user on an x86_64 machine) as its own runtime. The Java function is built and
//! checked by `tests/java.rs`; `invoke` does not run Java yet (its runtime client is published only
//! to Maven Central).
//!
//! Needs Go, npm, Maven and qemu-user (`.ci/run`'s install scripts).

use std::fs;

use lambda_stack::local::InvokeResult;
use serde_json::Value;

mod support;

#[path = "../examples/polyglot/main.rs"]
#[allow(dead_code)]
mod polyglot;

#[test]
fn every_function_of_the_polyglot_example_answers_invoke() {
    let tools = [("go", "version"), ("npm", "--version"), ("mvn", "-v")];
    for (tool, flag) in tools {
        if std::process::Command::new(tool).arg(flag).output().map_or(true, |o| !o.status.success()) {
            support::nothing_checked("the polyglot example", &format!("no `{tool}` on PATH"));
            return;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let app = lambda_stack::App::new().stack(polyglot::polyglot()).build_options(support::options());
    let cases = [
        ("report", r#"{"period": "weekly"}"#, r#"{"report": "weekly"}"#),
        ("greet", r#"{"name": "ts"}"#, "hello, ts"),
        ("api", r#"{"name": "gopher"}"#, "hello from go, gopher"),
    ];
    for (function, event, body) in cases {
        let path = dir.path().join(format!("{function}.json"));
        fs::write(&path, event).unwrap();
        let invocation = app.invoke(function, None, Some(&path), &|_| {}).unwrap_or_else(|e| panic!("{function}: {e}"));
        let InvokeResult::Response(bytes) = &invocation.result else {
            panic!("{function}: {:?}\n{}", invocation.result, invocation.logs.join("\n"))
        };
        let response: Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(response["body"], body, "{function}");
    }
    let path = dir.path().join("prices.json");
    fs::write(&path, r#"{"sku": "latte", "quantity": 2}"#).unwrap();
    let invocation = app.invoke("prices", None, Some(&path), &|_| {}).unwrap_or_else(|e| panic!("prices: {e}"));
    let InvokeResult::Response(bytes) = &invocation.result else { panic!("prices: {:?}", invocation.result) };
    let response: Value = serde_json::from_slice(bytes).unwrap();
    assert_eq!(
        response["body"]["unpacked"]["sku"], "latte",
        "msgpack, installed from uv.lock, round-trips: {response}"
    );
}
