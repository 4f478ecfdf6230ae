//! `validate`: synth, then the real `terraform init -backend=false` and `terraform validate` in
//! each stack folder.
//!
//! Terraform's own configuration is honoured: `TF_CLI_CONFIG_FILE` or `~/.terraformrc` when they
//! exist, `TF_PLUGIN_CACHE_DIR`, and the implicit local mirror folders Terraform searches. On a
//! machine whose providers come from a filesystem mirror that no configuration names (air-gapped
//! CI), `TF_MIRROR=DIR` (the folder holding `registry.terraform.io/`) makes `validate` write a CLI
//! configuration of its own into the cache, with that mirror and a shared plugin cache (so each
//! stack folder links the provider instead of copying it).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};
use crate::package::Cache;
use crate::synth::Synthesized;

/// What `terraform validate` said about one stack.
#[derive(Debug, Clone)]
pub struct Validation {
    pub stack: String,
    pub valid: bool,
    /// Terraform's output (init's too when init failed).
    pub report: String,
}

/// Runs `terraform init -backend=false` and `terraform validate` in every synthesized stack folder
/// under `out`.
pub(crate) fn validate(out: &Path, stacks: &[Synthesized], cache: &Cache) -> Result<Vec<Validation>> {
    let terraform = std::env::var_os("LAMBDA_STACK_TERRAFORM").unwrap_or_else(|| "terraform".into());
    let version = Command::new(&terraform).arg("version").output();
    if !version.as_ref().is_ok_and(|o| o.status.success()) {
        return Err(Error::Usage(format!(
            "the stacks were synthesized into `{}` and pass lambda-stack's checks, but `terraform validate` did not run: \
             `{}` is not installed (or not on PATH); install Terraform 1.5 or newer",
            out.display(),
            PathBuf::from(&terraform).display()
        )));
    }
    let env = terraform_env(cache)?;
    let mut validations = Vec::new();
    for stack in stacks {
        let folder = out.join("stacks").join(&stack.stack);
        let run = |args: &[&str]| {
            Command::new(&terraform)
                .args(args)
                .current_dir(&folder)
                .envs(env.iter().map(|(k, v)| (k, v)))
                .env("CHECKPOINT_DISABLE", "1")
                .env("TF_IN_AUTOMATION", "1")
                .output()
                .map_err(|source| Error::Io { path: folder.clone(), source })
        };
        let init = run(&["init", "-backend=false", "-input=false", "-no-color"])?;
        if !init.status.success() {
            let said = format!("{}{}", String::from_utf8_lossy(&init.stdout), String::from_utf8_lossy(&init.stderr));
            // Offline, the registry is unreachable: say how to point Terraform at a mirror.
            let hint = if said.contains("Failed to query available provider packages") {
                "\nhint: Terraform could not download the aws provider; on a machine without the registry, set \
                 TF_MIRROR to a folder holding `registry.terraform.io/hashicorp/aws` (a filesystem mirror), or \
                 TF_CLI_CONFIG_FILE to a CLI configuration naming one"
            } else {
                ""
            };
            validations.push(Validation {
                stack: stack.stack.clone(),
                valid: false,
                report: format!("terraform init failed:\n{said}{hint}"),
            });
            continue;
        }
        let checked = run(&["validate", "-no-color"])?;
        let report =
            format!("{}{}", String::from_utf8_lossy(&checked.stdout), String::from_utf8_lossy(&checked.stderr));
        validations.push(Validation { stack: stack.stack.clone(), valid: checked.status.success(), report });
    }
    Ok(validations)
}

/// Variables for Terraform: none when its own configuration stands, a generated
/// `TF_CLI_CONFIG_FILE` when only `TF_MIRROR` says where the providers are.
fn terraform_env(cache: &Cache) -> Result<Vec<(OsString, OsString)>> {
    let configured = std::env::var_os("TF_CLI_CONFIG_FILE").map(PathBuf::from);
    let home_rc = std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".terraformrc"));
    let has_config = match &configured {
        Some(file) => file.is_file(),
        None => home_rc.is_some_and(|rc| rc.is_file()),
    };
    let mirror = std::env::var_os("TF_MIRROR").map(PathBuf::from).filter(|dir| dir.is_dir());
    let Some(mirror) = mirror.filter(|_| !has_config) else { return Ok(Vec::new()) };
    let dir = cache.path(&["terraform"]);
    let plugins = dir.join("plugin-cache");
    std::fs::create_dir_all(&plugins).map_err(|source| Error::Io { path: plugins.clone(), source })?;
    let config = format!(
        "plugin_cache_dir = {}\nprovider_installation {{\n  filesystem_mirror {{\n    path    = {}\n    include = [\"registry.terraform.io/*/*\"]\n  }}\n}}\n",
        hcl_string(&plugins),
        hcl_string(&mirror)
    );
    let file = dir.join(format!("terraformrc-{}", crate::package::cache::key(&[config.as_bytes()])));
    if !file.is_file() {
        crate::package::cache::write_atomically(&file, config.as_bytes())
            .map_err(|source| Error::Io { path: file.clone(), source })?;
    }
    Ok(vec![("TF_CLI_CONFIG_FILE".into(), file.into_os_string())])
}

fn hcl_string(path: &Path) -> String {
    serde_json::Value::String(path.display().to_string()).to_string()
}
