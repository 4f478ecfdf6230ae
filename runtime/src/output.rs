//! Writing the `cdktf.out/` layout, all at once or not at all.
//!
//! ```text
//! cdktf.out/
//!   manifest.json
//!   stacks/<stack>/cdk.tf.json
//!   stacks/<stack>/assets/<function>/<sha256>.zip
//! ```
//!
//! Everything is written into a staging folder beside the output, then swapped into place with two
//! renames, so a synth that fails at any point leaves the previous output as it was. Terraform's
//! own files in a stack folder (`.terraform/`, the lock file, a local state) are carried over, so
//! `terraform -chdir=cdktf.out/stacks/<stack> apply` needs no new `init` after a synth.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::error::{io_error, Error, Result};
use crate::synth::{Synthesized, TOOL_VERSION};

/// What `terraform init` and `apply` leave in a working folder, kept across synths.
const TERRAFORM_WORKING_FILES: &[&str] =
    &[".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup"];

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
            }),
        );
    }
    json!({ "version": TOOL_VERSION, "stacks": entries })
}

/// Writes `stacks` into `out`, replacing what was there only once everything is written.
pub fn write(out: &Path, stacks: &[Synthesized]) -> Result<()> {
    let out_name = out
        .file_name()
        .ok_or_else(|| Error::Usage(format!("`{}` cannot be an output folder", out.display())))?
        .to_string_lossy()
        .into_owned();
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    refuse_foreign_folder(out)?;
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let pid = std::process::id();
    let staging = parent.join(format!(".{out_name}.staging-{pid}"));
    let previous = parent.join(format!(".{out_name}.previous-{pid}"));
    let _ = fs::remove_dir_all(&staging);
    let written = write_tree(&staging, out, stacks).and_then(|()| carry_over_terraform_files(out, &staging, stacks));
    if let Err(error) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if out.exists() {
        fs::rename(out, &previous).map_err(io_error(out))?;
        if let Err(source) = fs::rename(&staging, out) {
            // Put the old output back rather than leave nothing.
            let _ = fs::rename(&previous, out);
            return Err(Error::Io { path: out.to_path_buf(), source });
        }
        let _ = fs::remove_dir_all(&previous);
    } else {
        fs::rename(&staging, out).map_err(io_error(out))?;
    }
    Ok(())
}

/// Only a folder lambda-stack wrote (or an empty one) is ever replaced.
fn refuse_foreign_folder(out: &Path) -> Result<()> {
    let Ok(mut entries) = fs::read_dir(out) else { return Ok(()) };
    if entries.next().is_some() && !out.join("manifest.json").is_file() {
        return Err(Error::Usage(format!(
            "refusing to replace `{}`: it is not empty and has no manifest.json, so lambda-stack did not write it",
            out.display()
        )));
    }
    Ok(())
}

fn write_tree(root: &Path, previous: &Path, stacks: &[Synthesized]) -> Result<()> {
    for stack in stacks {
        let folder = root.join("stacks").join(&stack.stack);
        create_file(&folder.join("cdk.tf.json"), stack.document.to_json().as_bytes())?;
        for asset in &stack.assets {
            let path = folder.join(&asset.path);
            let old = previous.join("stacks").join(&stack.stack).join(&asset.path);
            if !link_unchanged(&old, &path, asset.package.bytes.len()) {
                create_file(&path, &asset.package.bytes)?;
            }
        }
    }
    let mut manifest = serde_json::to_string_pretty(&manifest(stacks)).expect("JSON values serialize");
    manifest.push('\n');
    create_file(&root.join("manifest.json"), manifest.as_bytes())
}

/// Zips are named by the SHA-256 of their bytes, so one the previous output already holds under
/// the same name (and length) is the same file: a hard link shares it without writing it again,
/// and leaves the previous output whole should this synth fail before the swap.
fn link_unchanged(old: &Path, new: &Path, len: usize) -> bool {
    let same = fs::symlink_metadata(old).is_ok_and(|m| m.is_file() && m.len() == len as u64);
    same && new.parent().is_some_and(|dir| fs::create_dir_all(dir).is_ok()) && fs::hard_link(old, new).is_ok()
}

fn create_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    fs::write(path, bytes).map_err(io_error(path))
}

fn carry_over_terraform_files(out: &Path, staging: &Path, stacks: &[Synthesized]) -> Result<()> {
    for stack in stacks {
        let old = out.join("stacks").join(&stack.stack);
        let new = staging.join("stacks").join(&stack.stack);
        for name in TERRAFORM_WORKING_FILES {
            let from = old.join(name);
            if from.symlink_metadata().is_ok() {
                fs::rename(&from, new.join(name)).map_err(io_error(&from))?;
            }
        }
    }
    Ok(())
}
