//! Prebuilt zips (`code: "dist/app.zip"`): the core's zip reader against a real compressor (the
//! `zip` crate), and a stack with a prebuilt Python zip and a prebuilt `provided.al2023` zip
//! (tests/pass/functions/prebuilt, made by scripts/make-prebuilt-zips.py) synthesized byte for
//! byte, validated by Terraform, applied in the emulator (which checks the code hashes), and
//! invoked locally.

use std::io::Write as _;
use std::path::Path;
use std::sync::Mutex;

use base64::Engine as _;
use lambda_stack::local::InvokeResult;
use lambda_stack::prelude::*;
use lambda_stack::scan::zip::Zip;
use proptest::prelude::*;
use sha2::Digest as _;

mod support;

lambda_stack! {
    stack prebuilt {
        region: "us-east-1",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "pass/functions/prebuilt/python.zip",
        }

        function native {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "pass/functions/prebuilt/provided.zip",
            timeout: 10,
        }
    }
}

/// `files` zipped by the `zip` crate: deflated (level `level`) or stored, with Zip64 extra fields
/// when `zip64`.
fn zip_crate(files: &[(String, Vec<u8>)], deflate: bool, level: i64, zip64: bool) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .compression_level(deflate.then_some(level))
        .large_file(zip64)
        .unix_permissions(0o644);
    for (name, data) in files {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// Bytes that compress in every way deflate can: runs, repeats at every distance, noise.
fn data() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..5_000),
        proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'b'), any::<u8>()], 0..70_000),
        (proptest::collection::vec(any::<u8>(), 1..300), 1..400usize).prop_map(|(unit, times)| unit.repeat(times)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The core reads back what a real compressor wrote, entry by entry.
    #[test]
    fn the_core_reader_reads_what_the_zip_crate_writes(
        contents in proptest::collection::vec(data(), 1..4),
        deflate in any::<bool>(),
        level in 1i64..=9,
        zip64 in any::<bool>(),
    ) {
        let files: Vec<(String, Vec<u8>)> =
            contents.into_iter().enumerate().map(|(i, data)| (format!("dir{}/file{i}.bin", i % 2), data)).collect();
        let bytes = zip_crate(&files, deflate, level, zip64);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.zip");
        std::fs::write(&path, &bytes).unwrap();
        let zip = Zip::open(&path, "app.zip").unwrap();
        prop_assert_eq!(zip.problems(), Vec::<String>::new());
        prop_assert_eq!(zip.files(), files.len());
        prop_assert_eq!(zip.unzipped_bytes(), files.iter().map(|(_, data)| data.len() as u64).sum::<u64>());
        for (name, data) in &files {
            let read = zip.read(name, 1 << 20).unwrap();
            prop_assert!(&read == data, "{} differs", name);
            prop_assert_eq!(zip.mode(name).unwrap(), Some(0o100644));
        }
    }
}

/// More than 65,535 entries take a Zip64 end record; the listing reads it.
#[test]
fn a_zip64_end_record_is_read() {
    let files: Vec<(String, Vec<u8>)> = (0..65_600).map(|i| (format!("m/{i:05}"), vec![(i % 251) as u8])).collect();
    let bytes = zip_crate(&files, false, 0, false);
    let zip = Zip::from_bytes(&bytes, "big.zip").unwrap();
    assert_eq!(zip.files(), 65_600);
    assert_eq!(zip.entries[65_599].name, "m/65599");
}

fn here(relative: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(relative)
}

fn base64_sha256(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(bytes))
}

#[test]
fn prebuilt_zips_deploy_byte_for_byte() {
    let out = tempfile::tempdir().unwrap();
    let app = || App::new().stack(prebuilt()).build_options(support::options());
    app().synth(out.path()).unwrap();
    let dir = out.path().join("stacks/prebuilt");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    for (function, zip) in [("api", "python.zip"), ("native", "provided.zip")] {
        let source = std::fs::read(here(&format!("pass/functions/prebuilt/{zip}"))).unwrap();
        let body = &doc["resource"]["aws_lambda_function"][function];
        let filename = body["filename"].as_str().unwrap();
        let packaged = std::fs::read(dir.join(filename)).unwrap();
        assert!(packaged == source, "{function}: the package is not the zip it was given");
        assert_eq!(body["source_code_hash"], base64_sha256(&source), "{function}");
    }

    // Twice, the same bytes.
    let again = tempfile::tempdir().unwrap();
    app().synth(again.path()).unwrap();
    let again_dir = again.path().join("stacks/prebuilt");
    assert_eq!(std::fs::read(dir.join("cdk.tf.json")).unwrap(), std::fs::read(again_dir.join("cdk.tf.json")).unwrap());

    // The testing template hashes the zip as the synth deploys it.
    let template = lambda_stack::testing::Template::synth(&prebuilt()).unwrap();
    let hash = &template.resource("aws_lambda_function", "api").unwrap()["source_code_hash"];
    assert_eq!(hash, &doc["resource"]["aws_lambda_function"]["api"]["source_code_hash"]);

    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    support::shared_tool("aws-sandbox", &dir);
}

#[test]
fn prebuilt_zips_run_locally() {
    let app = App::new().stack(prebuilt()).build_options(support::options());
    let event = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(event.path(), r#"{"order": 7}"#).unwrap();
    let printed = Mutex::new(Vec::new());
    let log = |line: &str| printed.lock().unwrap().push(line.to_owned());
    let payload = |result: &InvokeResult| -> serde_json::Value {
        let (InvokeResult::Response(bytes) | InvokeResult::FunctionError(bytes)) = result;
        serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
    };
    let api = app.invoke("api", None, Some(event.path()), &log).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(api.result, InvokeResult::Response(_)), "{:?}\n{:?}", api.result, printed.lock().unwrap());
    assert_eq!(payload(&api.result), serde_json::json!({ "prebuilt": true, "event": { "order": 7 } }));
    let native = app.invoke("native", None, Some(event.path()), &log).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(payload(&native.result), serde_json::json!({ "echo": { "order": 7 }, "handler": "bootstrap" }));
}

/// The builders check a prebuilt zip as the macro does, and a damaged one is refused.
#[test]
fn the_builders_check_prebuilt_zips() {
    let stack = |code: &Path, handler: &str| {
        lambda_stack::Stack::new("shop").region("eu-west-3").function(
            lambda_stack::Function::new("api")
                .runtime("python3.12")
                .handler(handler)
                .code(code)
                .code_as_written("dist/app.zip"),
        )
    };
    let good = here("pass/functions/prebuilt/python.zip");
    assert!(stack(&good, "app.handler").check().problems.is_empty());
    let problems: Vec<String> = stack(&good, "app.handlr").check().problems.into_iter().map(|p| p.message).collect();
    assert_eq!(problems, ["`app.py` defines no top-level function `handlr`; did you mean `handler`?"]);

    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("app.zip");
    std::fs::write(&broken, b"not a zip").unwrap();
    let problems: Vec<String> = stack(&broken, "app.handler").check().problems.into_iter().map(|p| p.message).collect();
    assert_eq!(
        problems,
        ["`dist/app.zip` is not a zip (no end of central directory record); `code` names a directory or a `.zip` file"]
    );
    let escaping = dir.path().join("escaping.zip");
    std::fs::write(&escaping, zip_crate(&[("../app.py".into(), b"x".to_vec())], true, 6, false)).unwrap();
    let problems: Vec<String> =
        stack(&escaping, "app.handler").check().problems.into_iter().map(|p| p.message).collect();
    assert_eq!(
        problems,
        ["entry `../app.py` of `dist/app.zip` has a `..` segment, which would extract outside the task root"]
    );
}

/// A zip whose handler module is a symbolic link (as `zip --symlinks` stores one): checked through
/// the link, and unpacked as a link by `invoke`, as Lambda extracts it.
#[test]
fn a_handler_module_behind_a_symlink_in_the_zip() {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().unix_permissions(0o644);
    writer.start_file("src/real.py", options).unwrap();
    writer.write_all(b"def handler(event, context):\n    return {'via': 'link'}\n").unwrap();
    writer.add_symlink("app.py", "src/real.py", options).unwrap();
    let bytes = writer.finish().unwrap().into_inner();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linked.zip");
    std::fs::write(&path, &bytes).unwrap();
    let stack = |handler: &str| {
        lambda_stack::Stack::new("linked").region("eu-west-3").function(
            lambda_stack::Function::new("api")
                .runtime("python3.12")
                .handler(handler)
                .code(&path)
                .code_as_written("linked.zip"),
        )
    };
    let problems: Vec<String> = stack("app.handlr").check().problems.into_iter().map(|p| p.message).collect();
    assert_eq!(problems, ["`app.py` defines no top-level function `handlr`; did you mean `handler`?"]);
    let app = App::new().stack(stack("app.handler")).build_options(support::options());
    let log = |_: &str| ();
    let invocation = app.invoke("api", None, None, &log).unwrap_or_else(|e| panic!("{e}"));
    let InvokeResult::Response(body) = &invocation.result else { panic!("{:?}", invocation.result) };
    assert_eq!(serde_json::from_slice::<serde_json::Value>(body).unwrap(), serde_json::json!({ "via": "link" }));
}
