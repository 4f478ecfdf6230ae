//! Rust functions for real: the orders example's handlers called as plain Rust functions, its
//! synthesized `bootstrap` run against a small Lambda Runtime API server on loopback (an event in,
//! the handler's response and a handler error out), and the ELF header of each architecture's
//! `bootstrap`.
//!
//! Synth builds the example in release for x86_64 and arm64 (`scripts/install-cross.sh` installs
//! the arm64 linker); the first run takes minutes, later ones are no-op cargo builds.

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lambda_stack::events::apigw::ApiGatewayV2httpRequest;
use lambda_stack::events::sqs::{SqsEvent, SqsMessage};
use lambda_stack::prelude::*;

mod support;

#[path = "../examples/orders/main.rs"]
#[allow(dead_code)]
mod orders;

/// The orders stack, synthesized once for all the tests here; `None` when this machine cannot
/// build for one of its architectures (`scripts/install-cross.sh` installs what is missing).
fn synthesized() -> Option<&'static Path> {
    static OUT: OnceLock<Option<PathBuf>> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = dir.join("cdktf.out");
        match App::new().stack(orders::orders()).synth(&out) {
            Ok(_) => Some(out),
            Err(lambda_stack::Error::Toolchain(why)) => {
                support::nothing_checked("building the orders example's bootstraps", &why);
                None
            }
            Err(e) => panic!("orders does not synthesize: {e}"),
        }
    })
    .as_deref()
}

/// A zip's entries: each name and its Unix mode.
type Entries = Vec<(String, Option<u32>)>;

/// The `bootstrap` in the zip of `function`, and the zip's own entry list.
fn bootstrap_of(function: &str) -> Option<(Vec<u8>, Entries)> {
    let out = synthesized()?;
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("stacks/orders/cdk.tf.json")).unwrap()).unwrap();
    let lambda = &doc["resource"]["aws_lambda_function"][function];
    assert_eq!(lambda["runtime"], "provided.al2023");
    assert_eq!(lambda["handler"], function);
    let zip_path = out.join("stacks/orders").join(lambda["filename"].as_str().unwrap());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip_path).unwrap()).unwrap();
    let entries = (0..archive.len())
        .map(|i| {
            let entry = archive.by_index(i).unwrap();
            (entry.name().unwrap().into_owned(), entry.unix_mode())
        })
        .collect();
    let mut bytes = Vec::new();
    archive.by_name("bootstrap").unwrap().read_to_end(&mut bytes).unwrap();
    Some((bytes, entries))
}

#[tokio::test]
async fn handlers_are_plain_rust_functions() {
    let mut request = ApiGatewayV2httpRequest::default();
    request.path_parameters.insert("id".into(), "42".into());
    let response = orders_get(request).await;
    assert_eq!(response.status_code, 200);

    let mut event = SqsEvent::default();
    for (id, body) in [("1", r#"{"item":"tea"}"#), ("2", "not an order")] {
        let mut message = SqsMessage::default();
        message.message_id = Some(id.into());
        message.body = Some(body.into());
        event.records.push(message);
    }
    let response = orders::fulfil(LambdaEvent::new(event, Context::default())).await.unwrap();
    let failed: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
    assert_eq!(failed, ["2"]);
}

async fn orders_get(request: ApiGatewayV2httpRequest) -> lambda_stack::events::apigw::ApiGatewayV2httpResponse {
    orders::get_order(LambdaEvent::new(request, Context::default())).await.unwrap()
}

#[test]
fn bootstraps_are_zipped_alone_executable_and_shared_by_architecture() {
    let Some((get_order, entries)) = bootstrap_of("get_order") else { return };
    assert_eq!(entries, [("bootstrap".to_owned(), Some(0o100755))]);
    let (create_order, _) = bootstrap_of("create_order").unwrap();
    assert_eq!(get_order, create_order, "one binary serves every x86_64 function");
    let (fulfil, _) = bootstrap_of("fulfil").unwrap();
    assert_ne!(get_order, fulfil, "arm64 has its own build");
    // Stripped by default: a symbol table leaves its section name in the section header strings.
    for bootstrap in [&get_order, &fulfil] {
        assert!(!bootstrap.windows(8).any(|w| w == b".symtab\0"), "the bootstrap keeps its symbol table");
    }
}

#[test]
fn each_bootstrap_is_built_for_its_architecture_and_amazon_linux_2023() {
    use lambda_stack::rust::build::elf::read_elf;
    let Some((x86, _)) = bootstrap_of("get_order") else { return };
    let x86 = read_elf(&x86).unwrap();
    assert_eq!(x86.machine, 62, "x86-64");
    let arm = read_elf(&bootstrap_of("fulfil").unwrap().0).unwrap();
    assert_eq!(arm.machine, 183, "AArch64");
    for info in [&x86, &arm] {
        let newest = info.needed_versions.iter().filter_map(|v| lambda_stack::rules::rust::glibc_version(v)).max();
        assert!(newest.is_some_and(|v| v <= (2, 34)), "needs {newest:?}");
    }
}

/// What the runtime client sent to the server.
#[derive(Debug)]
struct Sent {
    path: String,
    headers: BTreeMap<String, String>,
    body: String,
}

/// A Lambda Runtime API on loopback: hands out `events` from `/next` (holding the request when
/// none is left, as Lambda does), answers 202 to every post, and reports what was posted.
fn runtime_api(events: Vec<String>) -> (String, mpsc::Receiver<Sent>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let queue = Arc::new(Mutex::new(VecDeque::from(events)));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let (queue, tx) = (queue.clone(), tx.clone());
            std::thread::spawn(move || serve_connection(stream.unwrap(), &queue, &tx, n));
        }
    });
    (address, rx)
}

fn serve_connection(stream: TcpStream, queue: &Mutex<VecDeque<String>>, tx: &mpsc::Sender<Sent>, connection: usize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    let mut invocation = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or_default().to_owned(), parts.next().unwrap_or_default().to_owned());
        let mut headers = BTreeMap::new();
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).unwrap();
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
            }
        }
        let body = read_body(&mut reader, &headers);
        if method == "GET" && path == "/2018-06-01/runtime/invocation/next" {
            let event = loop {
                if let Some(event) = queue.lock().unwrap().pop_front() {
                    break event;
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            invocation += 1;
            let deadline = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() + 30_000;
            let id = format!("request-{connection}-{invocation}");
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nlambda-runtime-aws-request-id: {id}\r\n\
                 lambda-runtime-deadline-ms: {deadline}\r\n\
                 lambda-runtime-invoked-function-arn: arn:aws:lambda:us-east-1:123456789012:function:orders-create_order\r\n\
                 lambda-runtime-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1\r\n\
                 content-length: {}\r\n\r\n{event}",
                event.len()
            );
            writer.write_all(response.as_bytes()).unwrap();
        } else {
            let answer = r#"{"status":"OK"}"#;
            let response = format!(
                "HTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{answer}",
                answer.len()
            );
            writer.write_all(response.as_bytes()).unwrap();
            let _ = tx.send(Sent { path, headers, body });
        }
    }
}

fn read_body(reader: &mut BufReader<TcpStream>, headers: &BTreeMap<String, String>) -> String {
    let mut body = Vec::new();
    if let Some(length) = headers.get("content-length") {
        body.resize(length.parse().unwrap(), 0);
        reader.read_exact(&mut body).unwrap();
    } else if headers.get("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).unwrap();
            let size = usize::from_str_radix(size.trim(), 16).unwrap();
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).unwrap();
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    }
    String::from_utf8(body).unwrap()
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_packaged_bootstrap_serves_its_function_through_the_runtime_api() {
    let Some((bootstrap, _)) = bootstrap_of("create_order") else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bootstrap");
    std::fs::write(&path, bootstrap).unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();

    let good = serde_json::json!({ "rawPath": "/orders", "body": r#"{"item":"Green tea","quantity":2}"#,
        "requestContext": { "http": { "method": "POST", "path": "/orders" } } });
    let bad = serde_json::json!({ "rawPath": "/orders", "body": r#"{"item":"Green tea"}"#,
        "requestContext": { "http": { "method": "POST", "path": "/orders" } } });
    let (address, sent) = runtime_api(vec![good.to_string(), bad.to_string()]);
    let child = Command::new(&path)
        .current_dir(dir.path())
        .env("AWS_LAMBDA_RUNTIME_API", &address)
        .env("_HANDLER", "create_order")
        .env("AWS_LAMBDA_FUNCTION_NAME", "orders-create_order")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_REGION", "us-east-1")
        .spawn()
        .unwrap();
    let _child = Killed(child);

    let started = Instant::now();
    let next =
        || sent.recv_timeout(Duration::from_secs(30).saturating_sub(started.elapsed())).expect("the bootstrap posts");
    let response = next();
    assert!(response.path.ends_with("/response"), "{response:?}");
    assert!(response.path.starts_with("/2018-06-01/runtime/invocation/request-"), "{response:?}");
    let body: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(body["statusCode"], 201, "{body}");
    let order: serde_json::Value = serde_json::from_str(body["body"].as_str().unwrap()).unwrap();
    assert_eq!(order, serde_json::json!({ "id": "green-tea-2", "item": "Green tea", "quantity": 2 }));

    let error = next();
    assert!(error.path.ends_with("/error"), "{error:?}");
    assert!(error.headers.contains_key("lambda-runtime-function-error-type"), "{error:?}");
    let body: serde_json::Value = serde_json::from_str(&error.body).unwrap();
    assert!(
        body["errorMessage"].as_str().unwrap().contains("an order needs an `item` and a positive `quantity`"),
        "{body}"
    );
}

/// `invoke` runs the arm64 `bootstrap` on this x86_64 machine under Debian's `qemu-user`
/// (`scripts/install-cross.sh` installs it): the queue consumer reports the one bad message.
#[test]
fn invoke_runs_the_arm64_bootstrap_under_emulation() {
    if synthesized().is_none() {
        return;
    }
    let on_path = |program: &str| {
        std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(program).is_file()))
    };
    if !on_path("qemu-aarch64") && !on_path("qemu-aarch64-static") {
        return support::nothing_checked("invoking the arm64 `fulfil`", "no `qemu-aarch64` (Debian's qemu-user)");
    }
    let dir = tempfile::tempdir().unwrap();
    let event = dir.path().join("event.json");
    let records = r#"{"Records":[{"messageId":"m1","body":"{\"item\":\"tea\"}"},{"messageId":"m2","body":"nope"}]}"#;
    std::fs::write(&event, records).unwrap();
    let app = App::new().stack(orders::orders()).build_options(support::options());
    let invocation = app.invoke("fulfil", None, Some(&event), &|_| {}).unwrap();
    let lambda_stack::local::InvokeResult::Response(body) = &invocation.result else {
        panic!("{:?}: {:?}", invocation.result, invocation.logs)
    };
    let body: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(body, serde_json::json!({ "batchItemFailures": [{ "itemIdentifier": "m2" }] }));
    assert!(invocation.report.starts_with("REPORT RequestId: "), "{}", invocation.report);
}
