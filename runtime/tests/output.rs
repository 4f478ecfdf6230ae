//! The output folder under kills, races and odd targets: a synth killed with SIGKILL at random
//! moments leaves an output that is whole and Terraform's working files untouched; two synths
//! into one folder are serialized; a mount point, a file, a folder inside a code folder and a
//! read-only output each get what they should.
//!
//! The kill and race tests run this test binary again as the synthesizing child
//! (`child_synth_loop`, ignored unless asked for), so what is killed is a real synth in its own
//! process.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use lambda_stack_runtime::package::{BuildOptions, Cache};
use lambda_stack_runtime::{App, Function, Stack};

const STACKS: [&str; 2] = ["alpha", "beta"];
const FUNCTIONS: [&str; 3] = ["one", "two", "three"];

/// A deterministic noise generator: incompressible code files make zips slow enough to be
/// killed in the middle of, and a kill schedule that is reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Code folders for `variant` (0 or 1) under `root`: every function's code differs between them.
fn code(root: &Path, variant: u64) -> PathBuf {
    let dir = root.join(format!("code-{variant}"));
    if dir.exists() {
        return dir;
    }
    for function in FUNCTIONS {
        let folder = dir.join(function);
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("app.py"), format!("VARIANT = {variant}\ndef handler(event, context):\n    return 1\n"))
            .unwrap();
        let mut rng = Rng(0x9e37_79b9 + variant * 7 + function.len() as u64);
        let noise: Vec<u8> = (0..100_000).flat_map(|_| rng.next().to_le_bytes()).collect();
        fs::write(folder.join("model.bin"), noise).unwrap();
    }
    dir
}

fn app(code: &Path, cache: &Path) -> App {
    let mut app = App::new();
    for stack in STACKS {
        let mut built = Stack::new(stack).region("eu-west-3");
        for function in FUNCTIONS {
            built = built.function(
                Function::new(function).runtime("python3.12").handler("app.handler").code(code.join(function)),
            );
        }
        app = app.stack(built);
    }
    // A fresh cache for every process: the zips are written, not read back from a cache.
    app.build_options(BuildOptions { cache: Cache::at(cache), ..BuildOptions::from_env() })
}

/// The generated files of an output: the manifest and each stack's document.
fn documents(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    files.insert("manifest.json".to_owned(), fs::read(out.join("manifest.json")).expect("manifest.json"));
    for stack in STACKS {
        let path = format!("stacks/{stack}/cdk.tf.json");
        files.insert(path.clone(), fs::read(out.join(&path)).unwrap_or_else(|e| panic!("{path}: {e}")));
    }
    files
}

/// Terraform's working files, planted in each stack folder.
fn plant_terraform_files(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut planted = BTreeMap::new();
    for stack in STACKS {
        let folder = out.join("stacks").join(stack);
        for (name, contents) in [
            (
                ".terraform/providers/registry.terraform.io/hashicorp/aws/6.0.0/linux_amd64/terraform-provider-aws",
                "ELF",
            ),
            (".terraform/terraform.tfstate", "{\"backend\": 1}"),
            (".terraform.lock.hcl", "# lock"),
            ("terraform.tfstate", "{\"serial\": 7}"),
            ("terraform.tfstate.backup", "{\"serial\": 6}"),
        ] {
            let path = folder.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, format!("{contents} {stack}")).unwrap();
            planted.insert(path, fs::read(folder.join(name)).unwrap());
        }
    }
    planted
}

fn sha256_base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(bytes))
}

/// The output is whole: each generated file is one of the two variants' (never a torn one), every
/// zip a document or the manifest names is there with its hash, and the working files are intact.
fn assert_whole(
    out: &Path,
    variants: &[BTreeMap<String, Vec<u8>>; 2],
    planted: &BTreeMap<PathBuf, Vec<u8>>,
    when: &str,
) {
    let now = documents(out);
    for (path, bytes) in &now {
        assert!(
            variants.iter().any(|variant| variant[path] == *bytes),
            "{when}: `{path}` is neither the old nor the new one ({} bytes)",
            bytes.len()
        );
    }
    for stack in STACKS {
        let folder = out.join("stacks").join(stack);
        let doc: serde_json::Value = serde_json::from_slice(&now[&format!("stacks/{stack}/cdk.tf.json")]).unwrap();
        for (name, function) in doc["resource"]["aws_lambda_function"].as_object().unwrap() {
            let filename = function["filename"].as_str().unwrap();
            let zip =
                fs::read(folder.join(filename)).unwrap_or_else(|e| panic!("{when}: {stack}/{name}: {filename}: {e}"));
            assert_eq!(function["source_code_hash"].as_str().unwrap(), sha256_base64(&zip), "{when}: {filename}");
        }
    }
    let manifest: serde_json::Value = serde_json::from_slice(&now["manifest.json"]).unwrap();
    for stack in manifest["stacks"].as_object().unwrap().values() {
        for asset in stack["assets"].as_object().unwrap().values() {
            let path = out.join(asset["path"].as_str().unwrap());
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{when}: {}: {e}", path.display()));
            assert_eq!(asset["bytes"].as_u64().unwrap(), bytes.len() as u64, "{when}: {}", path.display());
        }
    }
    for (path, bytes) in planted {
        let now = fs::read(path).unwrap_or_else(|e| panic!("{when}: Terraform's {} is gone: {e}", path.display()));
        assert_eq!(&now, bytes, "{when}: {} changed", path.display());
    }
}

/// Every zip under `out`, to show what a kill left and a later synth removed.
fn zips(out: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for stack in STACKS {
        for function in FUNCTIONS {
            if let Ok(entries) = fs::read_dir(out.join("stacks").join(stack).join("assets").join(function)) {
                found.extend(entries.map(|e| e.unwrap().path()));
            }
        }
    }
    found.sort();
    found
}

/// The child: synthesizes into `LAMBDA_STACK_TEST_OUT` again and again, alternating the variants,
/// until it is killed (or `LAMBDA_STACK_TEST_ROUNDS` synths are done).
#[test]
#[ignore = "the child process of the kill and race tests"]
fn child_synth_loop() {
    let out = PathBuf::from(std::env::var_os("LAMBDA_STACK_TEST_OUT").expect("run by the kill and race tests"));
    let root = PathBuf::from(std::env::var_os("LAMBDA_STACK_TEST_ROOT").unwrap());
    let first: u64 = std::env::var("LAMBDA_STACK_TEST_FIRST").unwrap().parse().unwrap();
    let rounds: u64 = std::env::var("LAMBDA_STACK_TEST_ROUNDS").map_or(u64::MAX, |r| r.parse().unwrap());
    let cache = tempfile::tempdir().unwrap();
    for round in 0..rounds {
        let variant = (first + round) % 2;
        app(&code(&root, variant), cache.path()).synth(&out).expect("the child's synth");
    }
}

fn spawn_child(root: &Path, out: &Path, first: u64, rounds: Option<u64>) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["child_synth_loop", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("LAMBDA_STACK_TEST_OUT", out)
        .env("LAMBDA_STACK_TEST_ROOT", root)
        .env("LAMBDA_STACK_TEST_FIRST", first.to_string())
        .stdout(std::process::Stdio::null());
    if let Some(rounds) = rounds {
        command.env("LAMBDA_STACK_TEST_ROUNDS", rounds.to_string());
    }
    command.spawn().unwrap()
}

/// Both variants synthesized into their own folders: what a whole output may hold.
fn variants(root: &Path) -> [BTreeMap<String, Vec<u8>>; 2] {
    [0, 1].map(|variant| {
        let out = root.join(format!("reference-{variant}"));
        let cache = tempfile::tempdir().unwrap();
        app(&code(root, variant), cache.path()).synth(&out).unwrap();
        documents(&out)
    })
}

#[test]
fn a_synth_killed_at_any_moment_leaves_a_whole_output_and_terraform_files() {
    let root = tempfile::tempdir().unwrap();
    let variants = variants(root.path());
    let out = root.path().join("cdktf.out");
    let cache = tempfile::tempdir().unwrap();
    app(&code(root.path(), 0), cache.path()).synth(&out).unwrap();
    let planted = plant_terraform_files(&out);

    // One synth's length, to spread the kills over all of it.
    let started = Instant::now();
    app(&code(root.path(), 1), tempfile::tempdir().unwrap().path()).synth(&out).unwrap();
    let one = started.elapsed();
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    eprintln!("one synth takes {one:?}; kill schedule seed {seed}");
    let mut rng = Rng(seed);
    let mut left_zips = 0;
    for kill in 0..25 {
        let mut child = spawn_child(root.path(), &out, kill, None);
        // Process start-up plus up to three synths: the kill lands anywhere in a synth.
        let delay = Duration::from_micros(rng.next() % (one.as_micros() as u64 * 3 + 50_000) + 20_000);
        std::thread::sleep(delay);
        child.kill().unwrap();
        child.wait().unwrap();
        let when = format!("kill {kill} after {delay:?} (seed {seed})");
        assert_whole(&out, &variants, &planted, &when);
        left_zips = left_zips.max(zips(&out).len());
    }
    // The next synth cleans what the kills left: its own zips only, no staging folder.
    app(&code(root.path(), 0), tempfile::tempdir().unwrap().path()).synth(&out).unwrap();
    assert_whole(&out, &variants, &planted, "after the kills");
    assert_eq!(documents(&out), variants[0]);
    assert_eq!(zips(&out).len(), STACKS.len() * FUNCTIONS.len(), "{:?}", zips(&out));
    let leftovers: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".lambda-stack-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Nor beside it: nothing of a synth's lives outside its output folder.
    let beside: Vec<String> = fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "left beside the output: {beside:?}");
    eprintln!("at most {left_zips} zips after a kill (a whole output has {})", STACKS.len() * FUNCTIONS.len());
}

#[test]
fn two_synths_into_one_folder_are_serialized() {
    let root = tempfile::tempdir().unwrap();
    let variants = variants(root.path());
    let out = root.path().join("cdktf.out");
    app(&code(root.path(), 0), tempfile::tempdir().unwrap().path()).synth(&out).unwrap();
    let planted = plant_terraform_files(&out);
    let mut children = [spawn_child(root.path(), &out, 0, Some(4)), spawn_child(root.path(), &out, 1, Some(4))];
    // While they race, the output is whole whenever the lock is held: a reader holding it sees
    // one synth's output, all of it (without it, a zip may go between reading a document and it).
    let mut looks = 0;
    while children.iter_mut().any(|child| child.try_wait().unwrap().is_none()) {
        let _lock = Flock::on(&out.join(".lambda-stack.lock"));
        assert_whole(&out, &variants, &planted, "during two synths");
        looks += 1;
        drop(_lock);
        std::thread::sleep(Duration::from_millis(15));
    }
    eprintln!("looked {looks} times while the synths raced");
    for child in &mut children {
        assert!(child.wait().unwrap().success(), "a racing synth failed");
    }
    assert_whole(&out, &variants, &planted, "after two synths");
    assert_eq!(zips(&out).len(), STACKS.len() * FUNCTIONS.len(), "{:?}", zips(&out));
}

/// The lock synths take, held by the test.
struct Flock {
    _file: fs::File,
}

impl Flock {
    fn on(path: &Path) -> Flock {
        use std::os::fd::AsRawFd as _;
        let file = fs::File::open(path).unwrap();
        // SAFETY: an open descriptor, owned by `file` for as long as the lock is held.
        assert_eq!(unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) }, 0);
        Flock { _file: file }
    }
}

/// Root ignores permission bits, so read-only means a read-only mount, and a mount point means a
/// real one: both need `mount`, which this test reports as skipped where it is not allowed.
struct Mount(PathBuf);

impl Mount {
    fn run(args: &[&str], target: &Path) -> bool {
        Command::new("mount").args(args).arg(target).status().is_ok_and(|status| status.success())
    }

    fn tmpfs(target: &Path) -> Option<Mount> {
        fs::create_dir_all(target).unwrap();
        Self::run(&["-t", "tmpfs", "-o", "size=64m", "tmpfs"], target).then(|| Mount(target.to_path_buf()))
    }

    fn read_only(target: &Path) -> Option<Mount> {
        let target_text = target.to_str().unwrap();
        if !Self::run(&["--bind", target_text], target) {
            return None;
        }
        let mount = Mount(target.to_path_buf());
        Self::run(&["-o", "remount,bind,ro"], target).then_some(mount)
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn skipped(what: &str) {
    eprintln!("SKIPPED: {what}: `mount` is not allowed here (needs root or CAP_SYS_ADMIN)");
    assert!(std::env::var_os("CI").is_none(), "{what} cannot run, and CI is set");
}

#[test]
fn a_mount_point_is_written_into_not_replaced() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("mnt");
    let Some(_mount) = Mount::tmpfs(&out) else { return skipped("a_mount_point_is_written_into_not_replaced") };
    let variants = variants(root.path());
    app(&code(root.path(), 0), tempfile::tempdir().unwrap().path()).synth(&out).unwrap();
    let planted = plant_terraform_files(&out);
    app(&code(root.path(), 1), tempfile::tempdir().unwrap().path()).synth(&out).unwrap();
    assert_whole(&out, &variants, &planted, "on a mount point");
    assert_eq!(documents(&out), variants[1]);
}

#[test]
fn a_read_only_output_is_an_error_and_stays_as_it_was() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("cdktf.out");
    let variants = variants(root.path());
    app(&code(root.path(), 0), tempfile::tempdir().unwrap().path()).synth(&out).unwrap();
    let planted = plant_terraform_files(&out);
    let Some(mount) = Mount::read_only(&out) else {
        return skipped("a_read_only_output_is_an_error_and_stays_as_it_was");
    };
    for variant in [1, 0] {
        let error = app(&code(root.path(), variant), tempfile::tempdir().unwrap().path()).synth(&out).unwrap_err();
        assert!(error.to_string().contains("Read-only file system"), "{error}");
        assert_whole(&out, &variants, &planted, "read-only");
        assert_eq!(documents(&out), variants[0]);
    }
    drop(mount);
}

#[test]
fn a_file_is_not_an_output_folder() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("cdktf.out");
    fs::write(&file, "mine").unwrap();
    let error = app(&code(root.path(), 0), tempfile::tempdir().unwrap().path()).synth(&file).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("`{}` is a file, not an output folder: choose another `--out`, or remove the file", file.display())
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn an_output_inside_a_code_folder_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let code = code(root.path(), 0);
    for out in [code.join("two/build"), code.join("one/./deeper/../out"), code.join("three")] {
        let error = app(&code, tempfile::tempdir().unwrap().path()).synth(&out).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("the output folder `{}` is inside the code folder", out.display())),
            "{message}"
        );
        assert!(message.ends_with("so the next synth would package it; choose an `--out` outside it"), "{message}");
    }
    assert!(!code.join("two/build").exists(), "the refused output was created");
    // Beside the code is fine.
    app(&code, tempfile::tempdir().unwrap().path()).synth(&root.path().join("code-0-out")).unwrap();
}

#[test]
fn leftovers_of_a_killed_synth_are_removed_and_unnamed_zips_pruned() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("cdktf.out");
    app(&code(root.path(), 0), tempfile::tempdir().unwrap().path()).synth(&out).unwrap();
    // What a synth killed after staging and after moving a zip in leaves.
    fs::create_dir_all(out.join(".lambda-stack-staging-99999")).unwrap();
    fs::write(out.join(".lambda-stack-staging-99999/1"), "half").unwrap();
    let stray = out.join("stacks/alpha/assets/one/0000.zip");
    fs::write(&stray, "stray").unwrap();
    // A stack no longer declared, with Terraform state: its generated files go, the state stays.
    let gone = out.join("stacks/gamma");
    fs::create_dir_all(gone.join("assets/f")).unwrap();
    fs::write(gone.join("cdk.tf.json"), "{}").unwrap();
    fs::write(gone.join("assets/f/x.zip"), "zip").unwrap();
    fs::write(gone.join("terraform.tfstate"), "{\"serial\": 1}").unwrap();
    let empty = out.join("stacks/delta");
    fs::create_dir_all(&empty).unwrap();
    fs::write(empty.join("cdk.tf.json"), "{}").unwrap();

    app(&code(root.path(), 0), tempfile::tempdir().unwrap().path()).synth(&out).unwrap();
    assert!(!out.join(".lambda-stack-staging-99999").exists());
    assert!(!stray.exists());
    assert_eq!(zips(&out).len(), STACKS.len() * FUNCTIONS.len());
    assert!(!gone.join("cdk.tf.json").exists() && !gone.join("assets").exists());
    assert_eq!(fs::read_to_string(gone.join("terraform.tfstate")).unwrap(), "{\"serial\": 1}");
    assert!(!empty.exists(), "a removed stack's empty folder stays");
}

#[cfg(unix)]
#[test]
fn an_unchanged_document_is_kept_and_a_damaged_one_is_written_whole() {
    use std::os::unix::fs::MetadataExt as _;
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("cdktf.out");
    let code = code(root.path(), 0);
    let synth = || app(&code, tempfile::tempdir().unwrap().path()).synth(&out).unwrap();
    synth();
    let written = documents(&out);
    let inodes = || -> BTreeMap<String, u64> {
        written.keys().map(|path| (path.clone(), fs::metadata(out.join(path)).unwrap().ino())).collect()
    };
    let before = inodes();
    synth();
    assert_eq!(inodes(), before, "a synth with nothing changed wrote a document again");
    // Compared as they stream: an old file longer than the new bytes, a shorter one (a prefix of
    // them) and one differing in a byte are each replaced by the whole new file.
    let damages: [fn(&mut Vec<u8>); 3] = [
        |bytes| bytes.push(b' '),
        |bytes| bytes.truncate(bytes.len() / 2),
        |bytes| {
            let last = bytes.len() - 2;
            bytes[last] ^= 1;
        },
    ];
    for damage in damages {
        for path in written.keys() {
            let mut bytes = written[path].clone();
            damage(&mut bytes);
            fs::write(out.join(path), bytes).unwrap();
        }
        synth();
        assert_eq!(documents(&out), written);
    }
}
