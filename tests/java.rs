//! `build: maven`: a Maven project built by `mvn package` into the jar of a `java17` function;
//! the same bytes on every synth, whatever timestamps Maven writes; the classes run on the real
//! JVM; validated by the real Terraform CLI and applied into the emulator, which checks the code
//! hash.
//!
//! Needs a JDK and Maven with the default lifecycle's plugins (`scripts/install-java.sh`, which
//! `.ci/run` runs; the test project builds offline from Debian's Maven repository).

use std::collections::BTreeMap;
use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::Command;
use std::sync::Mutex;

use lambda_stack::prelude::*;
use serde_json::Value;

mod support;

lambda_stack! {
    stack coffee {
        region: "us-east-1",

        /// A plain-Java handler class, built by Maven.
        function orders {
            runtime: java17,
            handler: "example.Handler::handleRequest",
            code: "java/functions/orders",
            build: maven,
            memory: 512,
        }
    }
}

/// Maven builds in the project's own `target/`: one build at a time.
static MAVEN: Mutex<()> = Mutex::new(());

/// Whether `mvn` runs; says loudly (and fails in CI) when it does not.
fn maven_available() -> bool {
    match Command::new("mvn").args(["-B", "-v"]).output() {
        Ok(output) if output.status.success() => true,
        _ => {
            support::nothing_checked("building Java functions", "no `mvn` on PATH (bash scripts/install-java.sh)");
            false
        }
    }
}

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

fn synth(out: &Path) -> (Value, Vec<u8>) {
    let _one_build = MAVEN.lock().unwrap_or_else(|poison| poison.into_inner());
    lambda_stack::App::new()
        .stack(coffee())
        .build_options(support::options())
        .synth(out)
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = out.join("stacks/coffee");
    let doc: Value = serde_json::from_slice(&fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let filename = doc["resource"]["aws_lambda_function"]["orders"]["filename"].as_str().unwrap().to_owned();
    (doc, fs::read(dir.join(filename)).unwrap())
}

#[test]
fn the_jar_is_zipped_with_the_same_bytes_every_time_and_its_classes_run_on_the_jvm() {
    if !maven_available() {
        return;
    }
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (doc, zip) = synth(first.path());
    // Maven builds again (its jar's timestamps are the build's); the package stays the same.
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/java/functions/orders/target");
    let _ = fs::remove_dir_all(&target);
    let (doc_again, zip_again) = synth(second.path());
    assert_eq!(zip, zip_again, "two Maven builds package the same bytes");
    assert_eq!(doc, doc_again);
    let files = entries(&zip);
    let class = &files["example/Handler.class"];
    assert_eq!(&class[..4], &[0xca, 0xfe, 0xba, 0xbe]);
    assert_eq!(u16::from_be_bytes([class[6], class[7]]), 61, "compiled for Java 17 (`maven.compiler.release`)");
    assert!(files.contains_key("META-INF/MANIFEST.MF"));
    assert!(files.keys().all(|name| !name.ends_with(".java")), "sources are not packaged: {:?}", files.keys());

    // The package's classes on the real JVM, called as Lambda's runtime calls a one-argument
    // handler: an instance of the class, the event as a Map.
    let run = tempfile::tempdir().unwrap();
    for (name, bytes) in &files {
        let path = run.path().join("task").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    let caller = "public class Call { public static void main(String[] a) throws Exception { \
        Object handler = Class.forName(\"example.Handler\").getDeclaredConstructor().newInstance(); \
        Object result = handler.getClass().getMethod(\"handleRequest\", java.util.Map.class) \
        .invoke(handler, java.util.Map.of(\"name\", \"lambda\")); \
        System.out.println(((java.util.Map<?, ?>) result).get(\"body\")); } }";
    fs::write(run.path().join("Call.java"), caller).unwrap();
    let classpath = format!("task{}.", if cfg!(windows) { ";" } else { ":" });
    let output = Command::new("java").args(["-cp", &classpath, "Call.java"]).current_dir(run.path()).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "hello from java, lambda");
}

#[test]
fn a_java_function_validates_and_applies_with_its_code_hash() {
    if !maven_available() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let (doc, _) = synth(out.path());
    assert_eq!(doc["resource"]["aws_lambda_function"]["orders"]["runtime"], "java17");
    assert_eq!(doc["resource"]["aws_lambda_function"]["orders"]["handler"], "example.Handler::handleRequest");
    let dir = out.path().join("stacks/coffee");
    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let Some(report) = support::shared_tool("aws-sandbox", &dir) else { return };
    assert!(report.contains("aws-sandbox: ok"), "{report}");
}
