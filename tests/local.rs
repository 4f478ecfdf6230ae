//! `invoke` end to end: real functions run by AWS's own runtime interface client (`awslambdaric`,
//! installed by lambda-stack into the test cache on first use) or by their own `bootstrap`,
//! against the Runtime API emulator; and `diff` and `graph` on real stacks.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use lambda_stack::local::{Invocation, InvokeResult};
use lambda_stack::{App, Function, Stack};

mod support;
use support::options;

#[path = "../examples/hello/main.rs"]
#[allow(dead_code)]
mod hello;

/// Invokes `function` of `stack` with `event`, collecting the log lines as `invoke` prints them.
fn invoke(stack: Stack, function: &str, event: &str) -> (Invocation, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let event_file = dir.path().join("event.json");
    fs::write(&event_file, event).unwrap();
    let printed = Mutex::new(Vec::new());
    let log = |line: &str| printed.lock().unwrap().push(line.to_owned());
    let app = App::new().stack(stack).build_options(options());
    let invocation = app.invoke(function, None, Some(&event_file), &log).unwrap_or_else(|e| panic!("{e}"));
    (invocation, printed.into_inner().unwrap())
}

fn payload(result: &InvokeResult) -> serde_json::Value {
    let bytes = match result {
        InvokeResult::Response(bytes) | InvokeResult::FunctionError(bytes) => bytes,
    };
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
}

/// A one-function stack around a Python file written into a fresh folder.
fn python_stack(dir: &Path, source: &str, timeout: u64) -> Stack {
    let code = dir.join("code");
    fs::create_dir_all(&code).unwrap();
    fs::write(code.join("app.py"), source).unwrap();
    Stack::new("local").region("eu-west-3").function(
        Function::new("probe").runtime("python3.12").handler("app.handler").code(code).memory(128).timeout(timeout),
    )
}

#[test]
fn hello_returns_its_body_and_a_report_line() {
    let event = r#"{"queryStringParameters": {"name": "lead"}}"#;
    let (invocation, printed) = invoke(hello::hello(), "hello", event);
    let InvokeResult::Response(_) = &invocation.result else { panic!("{:?}", invocation.result) };
    let response = payload(&invocation.result);
    assert_eq!(response["statusCode"], 200);
    let body: serde_json::Value = serde_json::from_str(response["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["message"], "bonjour, lead!", "GREETING comes from the function's env");
    assert_eq!(body["request_id"], invocation.request_id.as_str(), "the context has the request id header");
    assert_eq!(body["reports_bucket"], "<aws_s3_bucket.reports.bucket>", "a value known after apply is a placeholder");
    let note = "note: known only after `terraform apply`, so placeholders stand in: REPORTS_BUCKET=<aws_s3_bucket.reports.bucket>";
    assert!(printed.iter().any(|line| line == note), "{printed:?}");

    let report = printed.iter().find(|line| line.starts_with("REPORT RequestId: ")).expect("a REPORT line");
    assert_eq!(report, &invocation.report);
    for field in
        ["\tDuration: ", " ms\tBilled Duration: ", " ms\tMemory Size: 256 MB\tMax Memory Used: ", "\tInit Duration: "]
    {
        assert!(report.contains(field), "{report}");
    }
    assert!(invocation.max_memory_used_mb > 5, "{report}");
    let start = printed.iter().position(|l| l.starts_with("START RequestId: ")).unwrap();
    let end = printed.iter().position(|l| l.starts_with("END RequestId: ")).unwrap();
    assert!(start < end && end < printed.len() - 1, "{printed:?}");
}

#[test]
fn the_context_and_environment_are_lambdas() {
    let dir = tempfile::tempdir().unwrap();
    let source = r#"
import os, time

def handler(event, context):
    print("logged by the handler")
    names = ["_HANDLER", "LAMBDA_TASK_ROOT", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
             "AWS_LAMBDA_FUNCTION_VERSION", "AWS_REGION", "AWS_LAMBDA_LOG_GROUP_NAME", "_X_AMZN_TRACE_ID"]
    return {
        "env": {name: os.environ.get(name) for name in names},
        "cwd": os.getcwd(),
        "arn": context.invoked_function_arn,
        "remaining_ms": context.get_remaining_time_in_millis(),
        "event": event,
    }
"#;
    let (invocation, printed) = invoke(python_stack(dir.path(), source, 7), "probe", r#"{"n": 1}"#);
    let answer = payload(&invocation.result);
    let env = &answer["env"];
    assert_eq!(env["_HANDLER"], "app.handler");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_NAME"], "local-probe");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "128");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_VERSION"], "$LATEST");
    assert_eq!(env["AWS_REGION"], "eu-west-3");
    assert_eq!(env["AWS_LAMBDA_LOG_GROUP_NAME"], "/aws/lambda/local-probe");
    assert!(env["_X_AMZN_TRACE_ID"].as_str().unwrap().starts_with("Root=1-"), "the trace header reaches the handler");
    assert_eq!(answer["cwd"], env["LAMBDA_TASK_ROOT"]);
    assert_eq!(answer["arn"], "arn:aws:lambda:eu-west-3:123456789012:function:local-probe");
    let remaining = answer["remaining_ms"].as_i64().unwrap();
    assert!(remaining > 5_000 && remaining <= 7_000, "the deadline is epoch ms, timeout ahead: {remaining}");
    assert_eq!(answer["event"]["n"], 1);
    assert!(invocation.logs.iter().any(|l| l == "logged by the handler"), "{printed:?}");
    let position = |prefix: &str| printed.iter().position(|l| l.starts_with(prefix)).unwrap();
    assert!(position("START ") < position("logged by") && position("logged by") < position("END "), "{printed:?}");
    assert!(!Path::new(env["LAMBDA_TASK_ROOT"].as_str().unwrap()).exists(), "the task root is removed");
}

#[test]
fn a_sleeping_handler_is_killed_at_its_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("still-running");
    let source = format!(
        "import time\n\ndef handler(event, context):\n    time.sleep(2)\n    open({:?}, 'w').write('x')\n    return 1\n",
        marker.display().to_string()
    );
    let (invocation, printed) = invoke(python_stack(dir.path(), &source, 1), "probe", "{}");
    assert!(invocation.timed_out);
    let InvokeResult::FunctionError(_) = &invocation.result else { panic!("{:?}", invocation.result) };
    let error = payload(&invocation.result);
    assert_eq!(error["errorType"], "Sandbox.Timedout");
    assert_eq!(
        error["errorMessage"],
        format!("RequestId: {} Error: Task timed out after 1.00 seconds", invocation.request_id)
    );
    assert!(printed
        .iter()
        .any(|l| l.ends_with(&format!("{} Task timed out after 1.00 seconds", invocation.request_id))));
    assert!(invocation.report.ends_with("\tStatus: timeout"), "{}", invocation.report);
    assert!(invocation.duration >= Duration::from_secs(1) && invocation.duration < Duration::from_millis(1_500));
    // Had the handler survived the kill, it would write the marker a second later.
    std::thread::sleep(Duration::from_millis(1_500));
    assert!(!marker.exists(), "the function was killed, not left running");
}

#[test]
fn a_raising_handler_is_reported_as_lambda_does() {
    let dir = tempfile::tempdir().unwrap();
    let source = "def handler(event, context):\n    raise ValueError('kaboom ' + str(event['n']))\n";
    let (invocation, printed) = invoke(python_stack(dir.path(), source, 3), "probe", r#"{"n": 7}"#);
    let InvokeResult::FunctionError(_) = &invocation.result else { panic!("{:?}", invocation.result) };
    let error = payload(&invocation.result);
    assert_eq!(error["errorMessage"], "kaboom 7");
    assert_eq!(error["errorType"], "ValueError");
    assert_eq!(error["requestId"], invocation.request_id.as_str());
    let trace = error["stackTrace"].as_array().expect("a stack trace");
    assert!(trace.iter().any(|frame| frame.as_str().unwrap().contains("app.py")), "{trace:?}");
    assert!(printed.iter().any(|l| l.contains("[ERROR] ValueError: kaboom 7")), "{printed:?}");
    assert!(!invocation.timed_out);
}

#[test]
fn an_import_failure_is_an_init_error() {
    let dir = tempfile::tempdir().unwrap();
    let source = "import not_installed_anywhere\n\ndef handler(event, context):\n    return 1\n";
    let (invocation, _) = invoke(python_stack(dir.path(), source, 3), "probe", "{}");
    let error = payload(&invocation.result);
    assert_eq!(error["errorType"], "Runtime.ImportModuleError");
    assert!(error["errorMessage"].as_str().unwrap().starts_with("Unable to import module 'app'"), "{error}");
}

/// A `provided.al2023` function whose `bootstrap` speaks the Runtime API by itself (in Python's
/// standard library, as any custom runtime could), then one that dies.
#[test]
fn a_bootstrap_runs_as_its_own_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("custom");
    fs::create_dir_all(&code).unwrap();
    let bootstrap = r#"#!/usr/bin/env python3
import json, os, sys, urllib.request
api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
with urllib.request.urlopen(api + "next") as r:
    request_id = r.headers["Lambda-Runtime-Aws-Request-Id"]
    event = json.loads(r.read())
if event.get("die"):
    print("dying", flush=True)
    sys.exit(3)
body = json.dumps({"echo": event, "handler": os.environ["_HANDLER"]}).encode()
urllib.request.urlopen(urllib.request.Request(api + request_id + "/response", data=body, method="POST")).read()
"#;
    fs::write(code.join("bootstrap"), bootstrap).unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(code.join("bootstrap"), fs::Permissions::from_mode(0o755)).unwrap();
    let stack = || {
        Stack::new("local").region("eu-west-3").function(
            Function::new("custom").runtime("provided.al2023").handler("bootstrap").code(code.clone()).timeout(5),
        )
    };
    let (invocation, _) = invoke(stack(), "custom", r#"{"a": [1, 2]}"#);
    assert_eq!(payload(&invocation.result), serde_json::json!({ "echo": { "a": [1, 2] }, "handler": "bootstrap" }));

    let (invocation, printed) = invoke(stack(), "custom", r#"{"die": true}"#);
    let error = payload(&invocation.result);
    assert_eq!(error["errorType"], "Runtime.ExitError");
    assert_eq!(
        error["errorMessage"],
        format!("RequestId: {} Error: Runtime exited with error: exit status 3", invocation.request_id)
    );
    assert!(printed.iter().any(|l| l == "dying"), "{printed:?}");
}

/// The Rust side of the protocol: a `bootstrap` built with AWS's `lambda_runtime` crate (the
/// client `#[function]` binaries use), from a throwaway cargo project under `target/` (built once,
/// then warm), run by `invoke` as a `provided.al2023` function.
#[test]
fn a_lambda_runtime_binary_runs_against_the_emulator() {
    let project = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lambda-runtime-probe");
    fs::create_dir_all(project.join("src")).unwrap();
    let manifest = "[package]\nname = \"bootstrap\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                    [workspace]\n\n[dependencies]\nlambda_runtime = \"1.5\"\n\
                    tokio = { version = \"1\", features = [\"macros\"] }\nserde_json = \"1\"\n";
    let main = r#"use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::{json, Value};

async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    if event.payload.get("fail").is_some() {
        return Err("requested failure".into());
    }
    let context = &event.context;
    Ok(json!({ "echo": event.payload, "request_id": context.request_id, "deadline": context.deadline,
               "arn": context.invoked_function_arn, "xray": context.xray_trace_id }))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(handler)).await
}
"#;
    for (file, text) in [("Cargo.toml", manifest), ("src/main.rs", main)] {
        if fs::read_to_string(project.join(file)).ok().as_deref() != Some(text) {
            fs::write(project.join(file), text).unwrap();
        }
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let built = std::process::Command::new(cargo)
        .args(["build", "--quiet"])
        .current_dir(&project)
        .env("CARGO_TARGET_DIR", project.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        built.status.success(),
        "building the lambda_runtime probe failed:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let code = tempfile::tempdir().unwrap();
    fs::copy(project.join("target/debug/bootstrap"), code.path().join("bootstrap")).unwrap();
    let stack = || {
        Stack::new("local").region("eu-west-3").function(
            Function::new("rust").runtime("provided.al2023").handler("bootstrap").code(code.path()).timeout(4),
        )
    };

    let (invocation, _) = invoke(stack(), "rust", r#"{"a": 1}"#);
    let answer = payload(&invocation.result);
    assert_eq!(answer["echo"], serde_json::json!({ "a": 1 }));
    assert_eq!(answer["request_id"], invocation.request_id.as_str());
    assert_eq!(answer["arn"], "arn:aws:lambda:eu-west-3:123456789012:function:local-rust");
    assert!(answer["xray"].as_str().unwrap().starts_with("Root=1-"));
    // The deadline is epoch milliseconds, the 4 s timeout after the event was handed out, which
    // was a moment before the invocation returned.
    let after = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let deadline = answer["deadline"].as_i64().unwrap();
    assert!(deadline > after + 2_000 && deadline <= after + 4_000, "deadline {deadline}, now {after}");

    let (invocation, _) = invoke(stack(), "rust", r#"{"fail": true}"#);
    let InvokeResult::FunctionError(_) = &invocation.result else { panic!("{:?}", invocation.result) };
    assert_eq!(payload(&invocation.result)["errorMessage"], "requested failure");
}

#[test]
fn unknown_functions_are_named_with_a_suggestion() {
    let app = App::new().stack(hello::hello()).build_options(options());
    let error = app.invoke("helo", None, None, &|_| {}).unwrap_err().to_string();
    assert_eq!(error, "no function `helo`; did you mean `hello`?");
}

fn write_code(dir: &Path) -> PathBuf {
    let code = dir.join("code");
    fs::create_dir_all(&code).unwrap();
    fs::write(code.join("app.py"), "def handler(event, context):\n    return 1\n").unwrap();
    code
}

#[test]
fn diff_reports_added_changed_and_removed_resources() {
    let dir = tempfile::tempdir().unwrap();
    let code = write_code(dir.path());
    let out = dir.path().join("cdktf.out");
    let before = Stack::new("shop")
        .region("eu-west-3")
        .bucket(lambda_stack::Bucket::new("old"))
        .function(Function::new("api").runtime("python3.12").handler("app.handler").code(&code).memory(128));
    App::new().stack(before).build_options(options()).synth(&out).unwrap();

    let after = Stack::new("shop")
        .region("eu-west-3")
        .queue(lambda_stack::Queue::new("jobs"))
        .function(Function::new("api").runtime("python3.12").handler("app.handler").code(&code).memory(512));
    let app = App::new().stack(after).build_options(options());
    let diff = app.diff(&out).unwrap();
    let text = diff[0].to_string();
    assert!(text.starts_with("stack `shop`: "), "{text}");
    assert!(text.contains("  + aws_sqs_queue.jobs\n"), "{text}");
    assert!(text.contains("  ~ aws_lambda_function.api\n      memory_size: 128 -> 512\n"), "{text}");
    assert!(text.contains("  - aws_s3_bucket.old\n"), "{text}");
    assert!(text.contains("  + output.jobs_queue_url\n"), "{text}");
    assert!(!text.contains("source_code_hash"), "the code did not change: {text}");

    // Nothing was written: the same diff again, and none against a synth of the new stack.
    assert_eq!(app.diff(&out).unwrap(), diff);
    app.synth(&out).unwrap();
    assert_eq!(app.diff(&out).unwrap()[0].to_string(), "stack `shop`: no changes\n");

    fs::write(code.join("app.py"), "def handler(event, context):\n    return 2\n").unwrap();
    let text = app.diff(&out).unwrap()[0].to_string();
    assert!(text.contains("  ~ aws_lambda_function.api\n"), "{text}");
    assert!(text.contains("      source_code_hash: "), "a code change shows: {text}");
}

#[test]
fn graph_shows_functions_triggers_resources_and_roles() {
    let dot = lambda_stack::cli::dot(&hello::hello());
    for expected in [
        "digraph \"hello\" {",
        "\"function:hello\" [label=\"hello\\npython3.12\", shape=box",
        "\"bucket:reports\" [label=\"bucket reports\", shape=cylinder",
        "\"role:hello_role\" [label=\"role hello_role\", shape=hexagon",
        "\"api:http\" -> \"function:hello\" [label=\"GET /hello\", style=bold];",
        "\"function:hello\" -> \"role:hello_role\" [label=\"assumes\", style=dashed];",
        "\"role:hello_role\" -> \"bucket:reports\" [label=\"s3:GetObject (objects)\", style=solid];",
        "\"function:hello\" -> \"bucket:reports\" [label=\"env name\", style=dotted];",
    ] {
        assert!(dot.contains(expected), "missing {expected}\n{dot}");
    }
    match std::process::Command::new("dot").arg("-V").output() {
        Ok(_) => {
            let dir = tempfile::tempdir().unwrap();
            let svg = dir.path().join("hello.svg");
            App::new().stack(hello::hello()).run_with(["hello", "graph", "--svg", svg.to_str().unwrap()]).unwrap();
            assert!(fs::read_to_string(&svg).unwrap().contains("<svg"));
        }
        Err(_) => eprintln!("note: Graphviz `dot` is not installed; the SVG output was not checked (the DOT was)"),
    }
}

/// The live processes whose command line holds `needle` (zombies are dead: they only wait for
/// their parent to reap them).
fn live_processes_with(needle: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|name| name.parse::<u32>().ok()) else { continue };
        let Ok(cmdline) = fs::read(entry.path().join("cmdline")) else { continue };
        let state = fs::read_to_string(entry.path().join("stat")).ok().and_then(|stat| {
            stat.rfind(')').and_then(|at| stat[at + 1..].split_whitespace().next().map(str::to_owned))
        });
        let text = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if text.contains(needle) && !matches!(state.as_deref(), Some("Z" | "X") | None) {
            found.push(pid);
        }
    }
    found
}

#[test]
fn a_daemon_that_double_forks_is_stopped_with_the_function() {
    let dir = tempfile::tempdir().unwrap();
    // A duration no other process on the machine sleeps for, to find the daemon by.
    let nap = format!("{}", 1000 + std::process::id() % 1000);
    let source = format!(
        r#"
import os, subprocess

def handler(event, context):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            # Out of the function's session and group, its parent gone: a daemon.
            subprocess.Popen(["sleep", "{nap}"], start_new_session=True)
            os._exit(0)
        os._exit(0)
    os.wait()
    return "started"
"#
    );
    let (invocation, printed) = invoke(python_stack(dir.path(), &source, 10), "probe", "{}");
    assert_eq!(payload(&invocation.result), "started", "{printed:?}");
    let left = live_processes_with(&format!("sleep {nap}"));
    for pid in &left {
        // Not to leave it behind when the assertion fails.
        let _ = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    assert!(left.is_empty(), "`sleep {nap}` outlived the invocation: pids {left:?}; log: {printed:?}");
    assert!(!printed.iter().any(|line| line.contains("could not be stopped")), "{printed:?}");
}

#[test]
fn a_line_longer_than_the_buffer_is_cut_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let source = r#"
import sys

def handler(event, context):
    sys.stdout.write("START-OF-LONG-LINE" + "x" * (1024 * 1024 - 18) + "\n")
    sys.stdout.flush()
    print("after the long line")
    return 1
"#;
    let (invocation, printed) = invoke(python_stack(dir.path(), source, 10), "probe", "{}");
    assert_eq!(payload(&invocation.result), 1);
    let long = printed.iter().find(|line| line.starts_with("START-OF-LONG-LINE")).expect("the long line is shown");
    let kept = 256 * 1024;
    assert!(long.ends_with(&format!(" ... [{} bytes truncated]", 1024 * 1024 - kept)), "{}", &long[long.len() - 60..]);
    assert!(long.len() < kept + 64, "{}", long.len());
    assert!(printed.iter().any(|line| line == "after the long line"), "the next line is not lost");
}

/// `invoke` runs a function on any event, and says which records of it the trigger's `filter`
/// would drop and whether its `event(..)` patterns would let an EventBridge event through.
#[test]
fn invoke_notes_what_aws_would_not_deliver() {
    use lambda_stack::{Queue, Trigger};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let source = "def handler(event, context):\n    return len(event.get('Records', []))\n";
    let stack = python_stack(dir.path(), source, 3).queue(Queue::new("jobs"));
    let stack = {
        let mut functions = stack.functions().to_vec();
        let probe = functions.remove(0);
        let probe = probe.trigger(Trigger::sqs("jobs").filter(json!({ "body": { "kind": ["order"] } }))).trigger(
            Trigger::event(json!({ "source": ["shop.orders"], "detail": { "total": [{ "numeric": [">", 100] }] } })),
        );
        Stack::new("local").region("eu-west-3").queue(Queue::new("jobs")).function(probe)
    };
    let record = |kind: &str| json!({ "eventSource": "aws:sqs", "messageId": kind, "body": json!({ "kind": kind }).to_string() });
    let batch = json!({ "Records": [record("order"), record("refund")] }).to_string();
    let (invocation, printed) = invoke(stack.clone(), "probe", &batch);
    assert_eq!(payload(&invocation.result), 2, "the function still gets the whole event");
    let note = "note: record 2 matches no `filter` of function `probe`'s `sqs(..)` trigger: Lambda would drop it";
    assert!(printed.iter().any(|l| l == note), "{printed:?}");
    let event =
        |total: u32| json!({ "source": "shop.orders", "detail-type": "OrderPlaced", "detail": { "total": total } });
    let (_, printed) = invoke(stack.clone(), "probe", &event(50).to_string());
    assert!(
        printed.iter().any(|l| l.contains("matches none of function `probe`'s `event(..)` patterns")),
        "{printed:?}"
    );
    let (_, printed) = invoke(stack, "probe", &event(150).to_string());
    assert!(!printed.iter().any(|l| l.contains("would not")), "{printed:?}");
}

/// Node.js functions run through AWS's `aws-lambda-ric` on their runtime's own Node.js version,
/// both installed from the npm registry into the cache on first use.
#[test]
fn node_functions_run_through_aws_lambda_ric_on_their_runtimes_node() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("code");
    fs::create_dir_all(&code).unwrap();
    let source = "exports.handler = async (event, context) => \
                  ({ node: process.version, event, id: context.awsRequestId, name: context.functionName });\n";
    fs::write(code.join("index.js"), source).unwrap();
    for (runtime, major) in [("nodejs20.x", "v20."), ("nodejs22.x", "v22."), ("nodejs24.x", "v24.")] {
        let stack = Stack::new("local")
            .region("eu-west-3")
            .function(Function::new("probe").runtime(runtime).handler("index.handler").code(&code).memory(128));
        let (invocation, printed) = invoke(stack, "probe", r#"{"n": 1}"#);
        let InvokeResult::Response(_) = &invocation.result else {
            panic!("{runtime}: {:?} {printed:?}", invocation.result)
        };
        let answer = payload(&invocation.result);
        assert!(answer["node"].as_str().unwrap().starts_with(major), "{runtime}: {answer}");
        assert_eq!(answer["event"]["n"], 1);
        assert_eq!(answer["id"], invocation.request_id.as_str());
        assert_eq!(answer["name"], "local-probe");
        assert!(printed[0].contains("aws-lambda-ric"), "{printed:?}");
    }
}
