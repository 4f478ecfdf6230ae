//! Two copies of one user crate, with different handler bodies, sharing one `CARGO_TARGET_DIR`:
//! each synth zips its own copy's binary, also when the other copy was built last (cargo uplifts
//! a binary by name alone, so one shared output folder would hand out the other copy's build).
//!
//! Builds a small crate depending on lambda-stack by path, in debug (to run synth) and in release
//! (the `bootstrap`), offline with this repository's lock file: minutes on first run.

use std::io::Read as _;
use std::path::Path;
use std::process::Command;

mod support;

const MAIN: &str = r#"
use lambda_stack::prelude::*;

#[function(memory = 128, timeout = 5)]
pub async fn probe(_event: LambdaEvent<serde_json::Value>) -> Result<String, Error> {
    Ok(std::hint::black_box("MARKER").to_string())
}

lambda_stack! {
    stack copies {
        region: "eu-west-3",
        function probe {}
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(copies()).run()
}
"#;

/// Writes a copy of the crate into `dir`, its handler answering `marker`.
fn write_copy(dir: &Path, marker: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"copy-probe\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nlambda-stack = {{ path = {repo:?}, features = [\"rust\"] }}\nserde_json = \"1\"\n\n\
         [workspace]\n",
        repo = repo.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::copy(repo.join("rust-toolchain.toml"), dir.join("rust-toolchain.toml")).unwrap();
    std::fs::write(dir.join("src/main.rs"), MAIN.replace("MARKER", marker)).unwrap();
}

/// Runs the copy's synth with the shared target dir and returns its zipped `bootstrap`.
fn synth(dir: &Path, target: &Path) -> Result<Vec<u8>, String> {
    let out = dir.join("cdktf.out");
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["run", "--offline", "--quiet", "--", "--out"])
        .arg(&out)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("stacks/copies/cdk.tf.json")).unwrap()).unwrap();
    let filename = doc["resource"]["aws_lambda_function"]["probe"]["filename"].as_str().unwrap().to_owned();
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(out.join("stacks/copies").join(filename)).unwrap()).unwrap();
    let mut bytes = Vec::new();
    archive.by_name("bootstrap").unwrap().read_to_end(&mut bytes).unwrap();
    Ok(bytes)
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle.as_bytes())
}

#[test]
fn copies_sharing_a_target_dir_each_zip_their_own_binary() {
    // Under cargo's target folder, not the system's temp folder: the copies' own target holds a
    // debug and a release build of the whole dependency graph, and /tmp may be small.
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let target = root.path().join("shared-target");
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    write_copy(&a, "answer-from-copy-a");
    write_copy(&b, "answer-from-copy-b");
    let mut zipped = Vec::new();
    let mut refused = 0;
    // a, then b, then a again: the last one is where a shared folder would hand out b's binary.
    for (dir, own, other) in [
        (&a, "answer-from-copy-a", "answer-from-copy-b"),
        (&b, "answer-from-copy-b", "answer-from-copy-a"),
        (&a, "answer-from-copy-a", "answer-from-copy-b"),
    ] {
        let bootstrap = match synth(dir, &target) {
            Ok(bytes) => bytes,
            Err(why) if why.contains("rustup target add") || why.contains("needs a linker") => {
                return support::nothing_checked("building the copies' bootstraps", &why);
            }
            // Cargo ran the other copy's debug binary (same fingerprint, older sources here):
            // refusing is right, zipping it would not be.
            Err(why) if why.contains("a stale build of another copy") && !zipped.is_empty() => {
                refused += 1;
                continue;
            }
            Err(why) => panic!("synth of {} failed:\n{why}", dir.display()),
        };
        assert!(!holds(&bootstrap, other), "{} zipped the other copy's binary", dir.display());
        assert!(holds(&bootstrap, own), "{} zipped a bootstrap without its own handler", dir.display());
        zipped.push(bootstrap);
    }
    assert!(zipped.len() + refused == 3, "{refused}");
    if zipped.len() == 3 {
        assert_ne!(zipped[0], zipped[1]);
        assert_eq!(zipped[0], zipped[2], "a's bootstrap is the same bytes before and after b's build");
    }
}
