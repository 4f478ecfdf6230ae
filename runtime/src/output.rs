//! Writing the `cdktf.out/` layout, all at once or not at all.
//!
//! ```text
//! cdktf.out/
//!   manifest.json
//!   stacks/<stack>/cdk.tf.json
//!   stacks/<stack>/assets/<function>/<sha256>.zip
//! ```
//!
//! A synth may be killed at any moment, run twice at once, or write into a mount point, and
//! Terraform's working files in a stack folder (`.terraform/`, `.terraform.lock.hcl`, a local
//! state) are never moved or deleted. So the folder itself is never renamed; its files are:
//!
//! 1. `flock` on `<out>/.lambda-stack.lock`: synths into one folder run one after the other.
//! 2. Leftovers of a killed synth (`<out>/.lambda-stack-staging-*`) are removed.
//! 3. Every file that changes is written whole into `<out>/.lambda-stack-staging-<pid>/` (inside
//!    the output, so the renames below stay on its file system, mount point or not).
//! 4. Renamed into place, in this order: the zips (named by their SHA-256, so a new one never
//!    replaces an old one), then each stack's `cdk.tf.json`, then `manifest.json`.
//! 5. Zips and stacks the new output no longer names are removed, then the staging folder.
//!
//! The invariant, at every step: each file is old or new and whole (a rename replaces it at once),
//! and every zip a `cdk.tf.json` or the manifest names exists with the bytes its hash says, because
//! zips are added before what names them and removed only after nothing does. A kill leaves at
//! most unnamed zips and a staging folder, which the next synth removes.

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::error::{io_error, Error, Result};
use crate::synth::{Synthesized, TOOL_VERSION};

/// Entries of the output folder that are lambda-stack's own bookkeeping.
const LOCK: &str = ".lambda-stack.lock";
const STAGING_PREFIX: &str = ".lambda-stack-staging-";

/// The manifest: the stacks, their files, and the tool version.
pub fn manifest(stacks: &[Synthesized]) -> Value {
    let mut entries = Map::new();
    for stack in stacks {
        let folder = format!("stacks/{}", stack.stack);
        let assets: Map<String, Value> = stack
            .assets
            .iter()
            .map(|asset| {
                let entry = json!({
                    "path": format!("{folder}/{}", asset.path),
                    "sha256": asset.package.sha256_hex,
                    "bytes": asset.package.bytes.len(),
                });
                (asset.function.clone(), entry)
            })
            .collect();
        let annotations: Vec<Value> =
            stack.warnings.iter().map(|w| json!({ "level": "warning", "message": w.to_string() })).collect();
        entries.insert(
            stack.stack.clone(),
            json!({
                "name": stack.stack,
                "constructPath": stack.stack,
                "workingDirectory": folder,
                "synthesizedStackPath": format!("{folder}/cdk.tf.json"),
                "annotations": annotations,
                "dependencies": [],
                "assets": assets,
                "included": stack.included.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(),
            }),
        );
    }
    json!({ "version": TOOL_VERSION, "stacks": entries })
}

/// Writes `stacks` into `out`, each file replaced only once all of them are written.
pub fn write(out: &Path, stacks: &[Synthesized]) -> Result<()> {
    write_keeping(out, stacks, &[])
}

/// [`write`], keeping the output of the stacks named in `kept` as the previous synth left it (the
/// other stages, with `--stage`): their folders and manifest entries.
pub fn write_keeping(out: &Path, stacks: &[Synthesized], kept: &[String]) -> Result<()> {
    if out.file_name().is_none() {
        return Err(Error::Usage(format!("`{}` cannot be an output folder", out.display())));
    }
    match fs::metadata(out) {
        Ok(metadata) if !metadata.is_dir() => {
            return Err(Error::Usage(format!(
                "`{}` is a file, not an output folder: choose another `--out`, or remove the file",
                out.display()
            )))
        }
        Ok(_) => {}
        Err(_) => {
            refuse_foreign_folder(out)?;
            fs::create_dir_all(out).map_err(io_error(out))?;
        }
    }
    refuse_foreign_folder(out)?;
    let _lock = Lock::acquire(out)?;
    remove_leftovers(out);
    // What the previous synth copied in for `include:`, so files no longer included go away.
    let mut previous = previously_included(out);
    previous.retain(|(stack, _)| !kept.contains(stack));
    let staging = out.join(format!("{STAGING_PREFIX}{}", std::process::id()));
    let installed = stage(&staging, out, stacks, kept).and_then(|moves| install(&moves));
    if let Ok(created) = &installed {
        prune(out, stacks, created, kept);
        prune_included(out, stacks, &previous);
    }
    let _ = fs::remove_dir_all(&staging);
    installed.map(drop)
}

/// Only a folder lambda-stack wrote (or an empty one) is ever written into.
fn refuse_foreign_folder(out: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(out) else { return Ok(()) };
    let mut entries = entries.filter_map(|entry| entry.ok());
    // The lock is created first: a synth killed before its manifest still marks the folder.
    let ours = out.join("manifest.json").is_file() || out.join(LOCK).is_file();
    if entries.next().is_some() && !ours {
        return Err(Error::Usage(format!(
            "refusing to replace `{}`: it is not empty and has no manifest.json, so lambda-stack did not write it",
            out.display()
        )));
    }
    Ok(())
}

/// An exclusive `flock` on the output's lock file, released when dropped (or when the process
/// dies, which a lock file's mere existence would not tell).
struct Lock {
    _file: fs::File,
}

impl Lock {
    fn acquire(out: &Path) -> Result<Lock> {
        let path = out.join(LOCK);
        let file =
            fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io_error(&path))?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd as _;
            let fd = file.as_raw_fd();
            // SAFETY: `fd` is an open descriptor owned by `file`, which outlives the lock.
            if unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) } != 0 {
                eprintln!("waiting for another synth into `{}` to finish", out.display());
                loop {
                    // SAFETY: as above.
                    if unsafe { libc::flock(fd, libc::LOCK_EX) } == 0 {
                        break;
                    }
                    let error = std::io::Error::last_os_error();
                    if error.kind() != std::io::ErrorKind::Interrupted {
                        return Err(Error::Io { path, source: error });
                    }
                }
            }
        }
        Ok(Lock { _file: file })
    }
}

/// Staging folders of synths that were killed: the lock says none is running.
fn remove_leftovers(out: &Path) {
    let Ok(entries) = fs::read_dir(out) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(STAGING_PREFIX) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// One file written into the staging folder, and where it goes.
struct Move {
    from: PathBuf,
    to: PathBuf,
}

/// Writes every file that differs from what `out` holds into `staging`; returns the renames that
/// put them in place, in the order that keeps the invariant (zips, stack documents, manifest).
fn stage(staging: &Path, out: &Path, stacks: &[Synthesized], kept: &[String]) -> Result<Vec<Move>> {
    fs::create_dir(staging).map_err(io_error(staging))?;
    // The stack documents are serialized on another core while this one writes the zips, then
    // the manifest: on a 10,000-function stack each takes a few hundredths to tenths of a second.
    let (zips, documents, manifest) = std::thread::scope(|scope| {
        let documents = scope.spawn(|| stage_documents(staging, out, stacks));
        let zips = stage_zips(staging, out, stacks);
        let manifest = stage_manifest(staging, out, stacks, kept);
        (zips, documents.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), manifest)
    });
    let mut moves = zips?;
    moves.extend(documents?);
    moves.extend(manifest?);
    Ok(moves)
}

/// Stages the zips `out` does not hold yet (`zip-N` in `staging`).
fn stage_zips(staging: &Path, out: &Path, stacks: &[Synthesized]) -> Result<Vec<Move>> {
    let mut zips = Vec::new();
    for stack in stacks {
        let folder = out.join("stacks").join(&stack.stack);
        for asset in &stack.assets {
            let to = folder.join(&asset.path);
            // Named by their hash: one already there under this name and length is this zip.
            let same =
                fs::symlink_metadata(&to).is_ok_and(|m| m.is_file() && m.len() == asset.package.bytes.len() as u64);
            if !same {
                let from = staging.join(format!("zip-{}", zips.len()));
                fs::write(&from, &asset.package.bytes).map_err(io_error(&from))?;
                zips.push(Move { from, to });
            }
        }
    }
    Ok(zips)
}

/// Stages the `include:` files and each stack's `cdk.tf.json` that differ from those in `out`
/// (`doc-N` in `staging`), in the order they are to be installed.
fn stage_documents(staging: &Path, out: &Path, stacks: &[Synthesized]) -> Result<Vec<Move>> {
    let mut documents = Vec::new();
    let mut count = 0usize;
    let mut staged = || {
        count += 1;
        staging.join(format!("doc-{count}"))
    };
    for stack in stacks {
        let folder = out.join("stacks").join(&stack.stack);
        for (name, bytes) in &stack.included {
            let to = folder.join(name);
            if fs::read(&to).ok().as_deref() != Some(bytes.as_slice()) {
                let from = staged();
                fs::write(&from, bytes).map_err(io_error(&from))?;
                documents.push(Move { from, to });
            }
        }
        let (from, to) = (staged(), folder.join("cdk.tf.json"));
        if stream(&from, &to, |file| stack.document.write_json(file))? {
            documents.push(Move { from, to });
        }
    }
    Ok(documents)
}

/// Stages `manifest.json` (`manifest` in `staging`) unless `out` holds the same.
fn stage_manifest(staging: &Path, out: &Path, stacks: &[Synthesized], kept: &[String]) -> Result<Option<Move>> {
    let mut manifest = manifest(stacks);
    keep_manifest_entries(out, &mut manifest, kept);
    let (from, to) = (staging.join("manifest"), out.join("manifest.json"));
    let changed = stream(&from, &to, |file| {
        serde_json::to_writer_pretty(&mut *file, &manifest)?;
        file.write_all(b"\n")
    })?;
    Ok(changed.then_some(Move { from, to }))
}

/// Copies the previous manifest's entries of the `kept` stacks into the new one.
fn keep_manifest_entries(out: &Path, manifest: &mut Value, kept: &[String]) {
    if kept.is_empty() {
        return;
    }
    let Ok(text) = fs::read(out.join("manifest.json")) else { return };
    let Ok(previous) = serde_json::from_slice::<Value>(&text) else { return };
    let (Some(previous), Some(entries)) = (previous["stacks"].as_object(), manifest["stacks"].as_object_mut()) else {
        return;
    };
    for name in kept {
        if let Some(entry) = previous.get(name) {
            entries.insert(name.clone(), entry.clone());
        }
    }
}

/// Writes a generated file into the staging folder at `from` with `write`, comparing it with
/// `to`, the file it would replace, as it goes; returns whether they differ. An unchanged file is
/// not kept, and neither version is ever held in memory whole (`cdk.tf.json` is ~18 MB for
/// 10,000 functions).
fn stream(from: &Path, to: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<bool> {
    let file = fs::File::create(from).map_err(io_error(from))?;
    let mut compared = Compared { file, previous: fs::File::open(to).ok(), same: true, scratch: Vec::new() };
    let mut buffered = std::io::BufWriter::with_capacity(256 * 1024, &mut compared);
    write(&mut buffered).and_then(|()| buffered.flush()).map_err(io_error(from))?;
    drop(buffered);
    let changed = !compared.same_to_the_end();
    if !changed {
        fs::remove_file(from).map_err(io_error(from))?;
    }
    Ok(changed)
}

/// A file being written, and whether its bytes so far are those of `previous`.
struct Compared {
    file: fs::File,
    /// The file it replaces, read along; `None` once a difference is seen (or there is none).
    previous: Option<fs::File>,
    same: bool,
    scratch: Vec<u8>,
}

impl Compared {
    /// Whether the whole file is `previous`, which must have nothing more.
    fn same_to_the_end(&mut self) -> bool {
        let Some(previous) = self.previous.as_mut().filter(|_| self.same) else { return false };
        matches!(previous.read(&mut [0u8; 1]), Ok(0))
    }
}

impl Write for Compared {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.file.write_all(bytes)?;
        if let Some(previous) = self.previous.as_mut().filter(|_| self.same) {
            self.scratch.resize(bytes.len(), 0);
            self.same = previous.read_exact(&mut self.scratch).is_ok() && self.scratch == bytes;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Renames the staged files into place; returns the folders it had to create, which hold only
/// what it put there.
fn install(moves: &[Move]) -> Result<BTreeSet<PathBuf>> {
    let mut created = BTreeSet::new();
    for Move { from, to } in moves {
        if let Some(parent) = to.parent().filter(|parent| !created.contains(*parent)) {
            match fs::create_dir(parent) {
                Ok(()) => {
                    created.insert(parent.to_path_buf());
                }
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && parent.is_dir() => {}
                Err(_) => fs::create_dir_all(parent).map_err(io_error(parent))?,
            }
        }
        fs::rename(from, to).map_err(io_error(to))?;
    }
    Ok(created)
}

/// Removes what the new output no longer names: zips of other contents, and the generated files of
/// stacks no longer declared (their folder too when Terraform left nothing in it). Failing to is
/// not an error: the output is already whole, and the next synth tries again.
fn prune(out: &Path, stacks: &[Synthesized], created: &BTreeSet<PathBuf>, kept: &[String]) {
    let Ok(folders) = fs::read_dir(out.join("stacks")) else { return };
    for folder in folders.flatten() {
        let name = folder.file_name().to_string_lossy().into_owned();
        let path = folder.path();
        if !folder.file_type().is_ok_and(|kind| kind.is_dir()) || kept.contains(&name) {
            continue;
        }
        match stacks.iter().find(|stack| stack.stack == name) {
            Some(stack) => {
                let keep: BTreeSet<PathBuf> = stack.assets.iter().map(|asset| path.join(&asset.path)).collect();
                prune_assets(&path.join("assets"), &keep, created);
            }
            None => {
                let _ = fs::remove_file(path.join("cdk.tf.json"));
                let _ = fs::remove_dir_all(path.join("assets"));
                // Only empty: `.terraform/` or a state keeps the folder.
                let _ = fs::remove_dir(&path);
            }
        }
    }
}

/// Per stack, the `include:` files the manifest of the previous synth lists.
fn previously_included(out: &Path) -> Vec<(String, String)> {
    let Ok(text) = fs::read(out.join("manifest.json")) else { return Vec::new() };
    let Ok(manifest) = serde_json::from_slice::<Value>(&text) else { return Vec::new() };
    let Some(stacks) = manifest["stacks"].as_object() else { return Vec::new() };
    let mut found = Vec::new();
    for (stack, entry) in stacks {
        for name in entry["included"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            // Only a plain file name, as lambda-stack writes them: never a path out of the folder.
            if !name.contains(['/', '\\'])
                && name != ".."
                && (name.ends_with(".tf") || name.ends_with(".tf.json") || name.ends_with(".auto.tfvars.json"))
            {
                found.push((stack.clone(), name.to_owned()));
            }
        }
    }
    found
}

/// Removes the files an earlier synth copied for `include:` that no stack includes any more.
fn prune_included(out: &Path, stacks: &[Synthesized], previous: &[(String, String)]) {
    for (stack, name) in previous {
        let still = stacks.iter().any(|s| &s.stack == stack && s.included.iter().any(|(n, _)| n == name));
        if !still {
            let _ = fs::remove_file(out.join("stacks").join(stack).join(name));
        }
    }
}

/// Removes the files under `dir` not in `keep`, then the folders left empty; returns whether
/// `dir` still holds a file to keep (a folder that does is not asked to go: one failing `rmdir`
/// per function otherwise). Folders this synth `created` hold only its zips and are not listed.
fn prune_assets(dir: &Path, keep: &BTreeSet<PathBuf>, created: &BTreeSet<PathBuf>) -> bool {
    if created.contains(dir) {
        return true;
    }
    let Ok(entries) = fs::read_dir(dir) else { return false };
    let mut kept = false;
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            if prune_assets(&path, keep, created) {
                kept = true;
            } else {
                kept |= fs::remove_dir(&path).is_err();
            }
        } else if keep.contains(&path) {
            kept = true;
        } else {
            let _ = fs::remove_file(&path);
        }
    }
    kept
}
