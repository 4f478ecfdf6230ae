//! `lambda-stack migrate-cdktf`: a CDK for Terraform stack's `cdk.tf.json` into `lambda_stack!`
//! source that deploys the same objects, and the Terraform that moves the CDKTF state onto it.
//!
//! [`migrate_cdktf`] reads the document ([`cdktf`]), translates its resources into declarations
//! ([`translate`], into a [`model`]), unpacks the CDKTF assets into code folders, checks the
//! declarations with the checker `lambda_stack!` runs (a resource whose declaration the checker
//! refuses is kept as written instead), synthesizes the stack in memory, pairs every CDKTF
//! address with the address lambda-stack generates for the same object ([`pair`]), and writes:
//!
//! * `main.rs`: the `lambda_stack!` source ([`source`]), with `name:` wherever CDKTF named an
//!   object, and `override_resource` for what CDKTF set that the grammar does not say;
//! * `functions/<name>/`: each function's code, from its CDKTF asset;
//! * `cdktf/moved.tf.json`: a `moved` block per address that changes, and `import` blocks for
//!   objects now managed by a resource of another type;
//! * `cdktf/untranslated.tf.json`: what lambda-stack does not declare (outputs, resources of other
//!   types, ...), as CDKTF wrote it, its references rewritten, each with why.
//!
//! Both `.tf.json` files are `include:`d by `main.rs`, so `cargo run` copies them beside
//! `cdk.tf.json`, and `terraform plan` against the CDKTF state replaces and destroys nothing.
//!
//! ```no_run
//! use lambda_stack_runtime::migrate::{migrate_cdktf, Options};
//! let report = migrate_cdktf(
//!     "cdktf.out/stacks/hello-lambda/cdk.tf.json".as_ref(),
//!     &Options { out: "migrated".into(), force: false },
//! )?;
//! println!("{report}");
//! # Ok::<(), lambda_stack_runtime::migrate::MigrateError>(())
//! ```

pub mod cdktf;
mod model;
mod pair;
mod source;
mod translate;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::terraform::Address;
use cdktf::Cdktf;
use pair::Pairing;

/// Where the migration writes, and whether it may replace an earlier migration there.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder of `main.rs`, `functions/` and `cdktf/`.
    pub out: PathBuf,
    /// Replace the `main.rs`, `functions/` and `cdktf/` of an earlier migration in `out` (other
    /// files there are kept).
    pub force: bool,
}

/// Why a migration stopped, as rustc words it: what, and where in which file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateError {
    pub message: String,
    pub file: Option<PathBuf>,
    pub line: Option<u32>,
    /// `= note:` lines.
    pub notes: Vec<String>,
}

impl MigrateError {
    fn new(message: impl Into<String>) -> Self {
        MigrateError { message: message.into(), file: None, line: None, notes: Vec::new() }
    }

    fn at(file: &Path, line: Option<u32>, message: String) -> Self {
        MigrateError { message, file: Some(file.to_path_buf()), line, notes: Vec::new() }
    }

    fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

impl fmt::Display for MigrateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(file) = &self.file {
            write!(f, "\n  --> {}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
        }
        for note in &self.notes {
            write!(f, "\n   = note: {note}")?;
        }
        Ok(())
    }
}

impl std::error::Error for MigrateError {}

impl From<crate::Error> for MigrateError {
    fn from(error: crate::Error) -> Self {
        MigrateError::new(error.to_string())
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> MigrateError + '_ {
    move |e| MigrateError::new(format!("`{}`: {e}", path.display()))
}

/// What a migration did: printed by the command, read by tests.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The `lambda_stack!` stack's name, and CDKTF's.
    pub stack: String,
    pub cdktf_stack: String,
    pub out: PathBuf,
    /// How many resources `cdk.tf.json` declares.
    pub cdktf_resources: usize,
    /// How many of them declarations took over.
    pub taken_over: usize,
    /// How many resources the migrated stack generates (before the untranslated ones).
    pub generated: usize,
    /// Declarations by kind (`function` → 4).
    pub declarations: BTreeMap<&'static str, usize>,
    /// `moved` blocks (CDKTF address → migrated address).
    pub moved: BTreeMap<Address, Address>,
    /// `import` blocks (address → ID).
    pub imports: BTreeMap<Address, String>,
    /// Arguments kept with `override_resource`, by generated address.
    pub overrides: BTreeMap<Address, Vec<String>>,
    /// Generated resources that are new objects.
    pub created: Vec<Address>,
    /// Arguments lambda-stack writes differently or newly, by generated address.
    pub updates: BTreeMap<Address, Vec<Update>>,
    /// What went to `untranslated.tf.json`: each block's address there, and why.
    pub untranslated: Vec<(String, String)>,
    /// What was read and not carried over (the provider pin, the backend path), and other notes.
    pub notes: Vec<String>,
    /// The checker's warnings on the migrated stack.
    pub warnings: Vec<String>,
    /// The files written, relative to `out`.
    pub files: Vec<String>,
    /// The migrated stack's Terraform document (overrides applied), as checked: what `main.rs`
    /// synthesizes to.
    pub document: Value,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kinds: Vec<String> =
            self.declarations.iter().map(|(kind, n)| format!("{n} {kind}{}", plural(*n))).collect();
        writeln!(f, "migrated CDKTF stack `{}` into `{}`", self.cdktf_stack, self.out.display())?;
        writeln!(f, "  main.rs: stack `{}`: {}", self.stack, kinds.join(", "))?;
        for file in self.files.iter().filter(|f| f.as_str() != "main.rs") {
            writeln!(f, "  {file}")?;
        }
        writeln!(
            f,
            "resources: {} in CDKTF, {} taken over by declarations, {} kept as written; lambda-stack generates {}",
            self.cdktf_resources,
            self.taken_over,
            self.cdktf_resources - self.taken_over,
            self.generated
        )?;
        writeln!(f, "  {} moved blocks, {} import blocks", self.moved.len(), self.imports.len())?;
        if !self.overrides.is_empty() {
            writeln!(
                f,
                "kept with `override_resource` in main.rs (CDKTF's values, where lambda-stack writes others):"
            )?;
            for (address, keys) in &self.overrides {
                writeln!(f, "  ~ {address}: {}", keys.join(", "))?;
            }
        }
        if !self.created.is_empty() {
            writeln!(f, "created by the first apply ({}):", self.created.len())?;
            for address in &self.created {
                writeln!(f, "  + {address}")?;
            }
        }
        section(
            f,
            "written by lambda-stack, not by CDKTF (in-place updates where AWS holds another value; the plan shows which)",
            &self.updates,
        )?;
        if !self.untranslated.is_empty() {
            writeln!(
                f,
                "not translated, kept as written in cdktf/untranslated.tf.json ({}):",
                self.untranslated.len()
            )?;
            for (what, why) in &self.untranslated {
                writeln!(f, "  {what}: {why}")?;
            }
        }
        for warning in &self.warnings {
            writeln!(f, "warning: {warning}")?;
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn section(f: &mut fmt::Formatter<'_>, title: &str, entries: &BTreeMap<Address, Vec<Update>>) -> fmt::Result {
    if entries.is_empty() {
        return Ok(());
    }
    writeln!(f, "{title}:")?;
    for (address, lines) in entries {
        for line in lines {
            writeln!(f, "  ~ {address}: {line}")?;
        }
    }
    Ok(())
}

/// An argument lambda-stack writes differently from CDKTF (or CDKTF left unset): an in-place
/// update where the object holds another value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub argument: String,
    /// CDKTF's value (`(unset)` when it set none) and lambda-stack's, cut for one line.
    pub before: String,
    pub after: String,
    pub why: String,
}

impl fmt::Display for Update {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} → {} ({})", self.argument, self.before, self.after, self.why)
    }
}

/// The files a migration writes in its output folder.
const WRITTEN: &[&str] = &["main.rs", "functions", "cdktf"];
const MOVED_FILE: &str = "cdktf/moved.tf.json";
const UNTRANSLATED_FILE: &str = "cdktf/untranslated.tf.json";

/// Migrates the CDKTF stack of `input` (its `cdk.tf.json`) into `options.out` (see the module's
/// documentation for what it writes).
///
/// ```no_run
/// use lambda_stack_runtime::migrate::{migrate_cdktf, Options};
/// let options = Options { out: "examples/migrated".into(), force: true };
/// let report = migrate_cdktf("cdktf.out/stacks/event-pipeline/cdk.tf.json".as_ref(), &options)?;
/// assert_eq!(report.taken_over + report.untranslated.iter().filter(|(what, _)| what.starts_with("aws_")).count(), report.cdktf_resources);
/// # Ok::<(), lambda_stack_runtime::migrate::MigrateError>(())
/// ```
pub fn migrate_cdktf(input: &Path, options: &Options) -> Result<Report, MigrateError> {
    let cdktf = Cdktf::read(input)?;
    let out = &options.out;
    check_out(out, options.force)?;
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let staging = tempfile::Builder::new().prefix(".lambda-stack-migrate-").tempdir_in(parent).map_err(io(parent))?;
    let staged = staging.path();
    let file = input.display().to_string();

    let (translation, warnings) = translate_until_checked(&cdktf, staged, &file)?;
    let model = &translation.model;
    let stack = model.to_stack(staged, &file);
    let generated = crate::synth::synthesize_document(&stack)?.document.to_value();
    let pairing = pair::pair(&cdktf, model, &generated);

    let mut written = vec![
        "main.rs".to_owned(),
        format!("functions/ ({} code folder{})", translation.code.len(), plural(translation.code.len())),
    ];
    let mut include = Vec::new();
    let moves = pairing.moves();
    if !moves.is_empty() || !pairing.imports.is_empty() {
        write_json(&staged.join(MOVED_FILE), &moved_document(&moves, &pairing.imports))?;
        include.push(MOVED_FILE.to_owned());
        written.push(format!("{MOVED_FILE} ({} moved, {} imported)", moves.len(), pairing.imports.len()));
    }
    let (untranslated, listed) = untranslated_document(&cdktf, model, &pairing);
    if !listed.is_empty() {
        write_json(&staged.join(UNTRANSLATED_FILE), &untranslated)?;
        include.push(UNTRANSLATED_FILE.to_owned());
        written.push(format!("{UNTRANSLATED_FILE} ({} block{})", listed.len(), plural(listed.len())));
    }

    let generated_bodies = resource_bodies(&generated);
    let overrides: Vec<(Address, Map<String, Value>, String)> = pairing
        .overrides
        .iter()
        .map(|(address, patch)| {
            let reason = source::override_reason(&address.kind, patch, &generated_bodies[address]);
            (address.clone(), patch.clone(), reason)
        })
        .collect();
    let document = verify(&cdktf, model, &pairing, &overrides, &include, staged, &file)?;

    let main = source::main_rs(&source::SourceParts {
        model,
        migrated_from: &display_relative(input),
        include: &include,
        overrides: &overrides,
    });
    std::fs::write(staged.join("main.rs"), main).map_err(io(&staged.join("main.rs")))?;
    put_in_place(staged, out)?;

    let mut notes = model.notes.clone();
    notes.extend(terraform_notes(&cdktf, &model.stack));
    if !pairing.unmatched.is_empty() {
        let unmatched: Vec<String> = pairing.unmatched.iter().map(|a| format!("`{a}`")).collect();
        notes.push(format!(
            "{} taken over by a declaration but paired with nothing lambda-stack generates, so kept as written: {}",
            unmatched.len(),
            unmatched.join(", ")
        ));
    }
    let mut declarations = BTreeMap::new();
    for (kind, n) in [
        ("bucket", model.buckets.len()),
        ("queue", model.queues.len()),
        ("table", model.tables.len()),
        ("topic", model.topics.len()),
        ("role", model.roles.len()),
        ("function", model.functions.len()),
    ] {
        if n > 0 {
            declarations.insert(kind, n);
        }
    }
    Ok(Report {
        stack: model.stack.clone(),
        cdktf_stack: cdktf.stack_name.clone(),
        out: out.clone(),
        cdktf_resources: cdktf.resources.len(),
        taken_over: pairing.pairs.len(),
        generated: generated_bodies.len(),
        declarations,
        moved: moves,
        imports: pairing.imports.clone(),
        overrides: pairing.overrides.iter().map(|(a, p)| (a.clone(), p.keys().cloned().collect())).collect(),
        created: pairing.created.clone(),
        updates: pairing.updates.clone(),
        untranslated: listed,
        notes,
        warnings,
        files: written,
        document,
    })
}

/// The output folder may be new, empty, or (with `--force`) an earlier migration's.
fn check_out(out: &Path, force: bool) -> Result<(), MigrateError> {
    if out.is_file() {
        return Err(MigrateError::new(format!("`{}` is a file; `--out` names a folder", out.display())));
    }
    let Ok(entries) = std::fs::read_dir(out) else { return Ok(()) };
    let names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    let earlier: Vec<&String> = names.iter().filter(|n| WRITTEN.contains(&n.as_str())).collect();
    if !earlier.is_empty() && !force {
        return Err(MigrateError::new(format!("`{}` holds an earlier migration", out.display()))
            .note("pass `--force` to replace its main.rs, functions/ and cdktf/ (other files are kept)"));
    }
    Ok(())
}

/// Translates, checks the declarations, and translates again without what the checker refused,
/// until it accepts them all. The code folders are unpacked into `staged` as they are needed.
fn translate_until_checked(
    cdktf: &Cdktf,
    staged: &Path,
    file: &str,
) -> Result<(translate::Translation, Vec<String>), MigrateError> {
    let mut refused: BTreeMap<Address, String> = BTreeMap::new();
    // Each round keeps at least one more resource as written, so this ends.
    for _ in 0..=cdktf.resources.len() {
        let translation = translate::translate(cdktf, &refused);
        for (code, asset) in &translation.code {
            let folder = staged.join(code);
            if !folder.exists() {
                unpack(asset, &folder).map_err(|message| {
                    MigrateError::at(&cdktf.path, None, format!("cannot unpack `{}`: {message}", asset.display()))
                })?;
            }
        }
        let findings = translation.model.to_stack(staged, file).check();
        if findings.problems.is_empty() {
            remove_unused_code(staged, &translation)?;
            let warnings = findings.warnings.iter().map(|w| w.to_string()).collect();
            return Ok((translation, warnings));
        }
        let before = refused.len();
        for problem in &findings.problems {
            let address = (problem.origin.file == file).then(|| cdktf.address_at(problem.origin.line)).flatten();
            match address {
                Some(address) => {
                    refused
                        .entry(address.clone())
                        .or_insert_with(|| format!("{}: {}", problem.subject, problem.message));
                }
                None => {
                    return Err(MigrateError::at(
                        &cdktf.path,
                        None,
                        format!("the migrated stack is invalid: {problem}"),
                    ))
                }
            }
        }
        if refused.len() == before {
            let problems: Vec<String> = findings.problems.iter().map(|p| p.to_string()).collect();
            return Err(MigrateError::new("the migrated stack stays invalid").note(problems.join("; ")));
        }
    }
    Err(MigrateError::new("the migrated stack stays invalid after keeping every resource as written"))
}

/// A CDKTF asset (a zip, or a folder) as the code folder `to`.
fn unpack(asset: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    if asset.is_dir() {
        return copy_dir(asset, to).map_err(|e| e.to_string());
    }
    let bytes = std::fs::read(asset).map_err(|e| e.to_string())?;
    crate::local::unpack(&bytes, to)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Code folders of functions an earlier round refused are not part of the migration.
fn remove_unused_code(staged: &Path, translation: &translate::Translation) -> Result<(), MigrateError> {
    let functions = staged.join("functions");
    let Ok(entries) = std::fs::read_dir(&functions) else { return Ok(()) };
    for entry in entries.flatten() {
        let code = format!("functions/{}", entry.file_name().to_string_lossy());
        if !translation.code.contains_key(&code) {
            std::fs::remove_dir_all(entry.path()).map_err(io(&entry.path()))?;
        }
    }
    Ok(())
}

fn resource_bodies(document: &Value) -> BTreeMap<Address, Map<String, Value>> {
    let mut out = BTreeMap::new();
    for (kind, named) in document["resource"].as_object().into_iter().flatten() {
        for (name, body) in named.as_object().into_iter().flatten() {
            out.insert(Address::new(kind, name), body.as_object().cloned().unwrap_or_default());
        }
    }
    out
}

fn write_json(path: &Path, value: &Value) -> Result<(), MigrateError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    text.push('\n');
    std::fs::write(path, text).map_err(io(path))
}

/// `cdktf/moved.tf.json`: the `moved` and `import` blocks.
fn moved_document(moves: &BTreeMap<Address, Address>, imports: &BTreeMap<Address, String>) -> Value {
    let mut root = Map::new();
    root.insert(
        "//".into(),
        json!("Written by `lambda-stack migrate-cdktf`: moves each resource CDKTF created to the address lambda-stack gives it, so `terraform plan` against the CDKTF state replaces nothing. Delete this file (and its `include:`) once every state CDKTF wrote has been applied."),
    );
    let moved: Vec<Value> =
        moves.iter().map(|(from, to)| json!({ "from": from.to_string(), "to": to.to_string() })).collect();
    if !moved.is_empty() {
        root.insert("moved".into(), Value::Array(moved));
    }
    if !imports.is_empty() {
        let imported: Vec<Value> = imports.iter().map(|(to, id)| json!({ "to": to.to_string(), "id": id })).collect();
        root.insert("import".into(), Value::Array(imported));
        // `import` blocks arrived in Terraform 1.5.
        root.insert("terraform".into(), json!({ "required_version": ">= 1.5.0" }));
    }
    Value::Object(root)
}

/// `cdktf/untranslated.tf.json`, and what it holds with why (for the report).
fn untranslated_document(cdktf: &Cdktf, model: &model::Model, pairing: &Pairing) -> (Value, Vec<(String, String)>) {
    let moves = pairing.all_moves();
    let mut listed = Vec::new();
    let mut resources: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (from, to) in &pairing.kept {
        let why = model
            .untranslated
            .get(from)
            .cloned()
            .unwrap_or_else(|| "lambda-stack generates nothing it pairs with".to_owned());
        let mut body = match cdktf::rewrite(&Value::Object(cdktf.resources[from].body.clone()), &moves) {
            Value::Object(body) => body,
            _ => Map::new(),
        };
        body.insert("//".into(), json!(format!("Kept from CDKTF: {why}")));
        resources.entry(to.kind.clone()).or_default().insert(to.name.clone(), Value::Object(body));
        let shown = if from == to { to.to_string() } else { format!("{to} (was {from})") };
        listed.push((shown, why));
    }
    let mut root = Map::new();
    root.insert(
        "//".into(),
        json!("Written by `lambda-stack migrate-cdktf`: what CDKTF declared that lambda-stack does not, as CDKTF wrote it, its references pointing at the migrated addresses."),
    );
    if !resources.is_empty() {
        let resources = resources.into_iter().map(|(kind, named)| (kind, Value::Object(named))).collect();
        root.insert("resource".into(), Value::Object(resources));
    }
    if !cdktf.outputs.is_empty() {
        let outputs = cdktf::rewrite(&Value::Object(cdktf.outputs.clone()), &moves);
        for name in cdktf.outputs.keys() {
            listed.push((format!("output.{name}"), "lambda-stack declares no output of this name".to_owned()));
        }
        root.insert("output".into(), outputs);
    }
    for (block, body) in &cdktf.other_blocks {
        for name in body.as_object().into_iter().flatten().map(|(name, _)| name) {
            listed.push((format!("{block}.{name}"), format!("lambda-stack has no `{block}` declarations")));
        }
        root.insert(block.clone(), cdktf::rewrite(body, &moves));
    }
    let aliased: BTreeMap<String, Vec<Value>> = cdktf
        .providers
        .iter()
        .map(|(name, blocks)| (name.clone(), blocks.iter().filter(|b| b.get("alias").is_some()).cloned().collect()))
        .filter(|(_, blocks): &(String, Vec<Value>)| !blocks.is_empty())
        .collect();
    if !aliased.is_empty() {
        for (name, blocks) in &aliased {
            listed.push((format!("provider.{name}"), format!("{} aliased provider block(s)", blocks.len())));
        }
        root.insert("provider".into(), json!(aliased));
    }
    (Value::Object(root), listed)
}

/// The migrated stack with its includes and overrides, checked and synthesized: every pair must
/// now carry CDKTF's values (else the migration itself is wrong, and says so). Its document.
fn verify(
    cdktf: &Cdktf,
    model: &model::Model,
    pairing: &Pairing,
    overrides: &[(Address, Map<String, Value>, String)],
    include: &[String],
    staged: &Path,
    file: &str,
) -> Result<Value, MigrateError> {
    let mut stack = model.to_stack(staged, file);
    for pattern in include {
        stack = stack.include_in(staged, pattern);
    }
    for (address, patch, _) in overrides {
        stack = stack.override_resource(&address.kind, &address.name, Value::Object(patch.clone()));
    }
    let synthesized = crate::synth::synthesize_document(&stack)?.document.to_value();
    let bodies = resource_bodies(&synthesized);
    let moves = pairing.all_moves();
    let mut differences = Vec::new();
    for (from, to) in &pairing.pairs {
        let cdktf_body = cdktf::rewrite(&Value::Object(cdktf.resources[from].body.clone()), &moves);
        let mut generated = bodies[to].clone();
        generated.remove("//");
        let (patch, _) = pair::residue(&to.kind, &cdktf_body, &Value::Object(generated));
        if !patch.is_empty() {
            differences.push(format!("`{to}`: {}", Value::Object(patch)));
        }
    }
    if differences.is_empty() {
        Ok(synthesized)
    } else {
        Err(MigrateError::new("the migrated stack does not keep what CDKTF set (a bug of the migration)")
            .note(differences.join("; ")))
    }
}

/// The staged migration into `out`: its `main.rs`, `functions/` and `cdktf/` replaced, other
/// files kept.
fn put_in_place(staged: &Path, out: &Path) -> Result<(), MigrateError> {
    std::fs::create_dir_all(out).map_err(io(out))?;
    for name in WRITTEN {
        let old = out.join(name);
        if old.is_dir() {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        } else if old.exists() {
            std::fs::remove_file(&old).map_err(io(&old))?;
        }
        let new = staged.join(name);
        if new.exists() {
            std::fs::rename(&new, &old).map_err(io(&old))?;
        }
    }
    Ok(())
}

/// What the CDKTF `terraform` block said, and what to do about it.
fn terraform_notes(cdktf: &Cdktf, stack: &str) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(path) = cdktf.terraform.get("backend").and_then(|b| b["local"]["path"].as_str()) {
        notes.push(format!(
            "CDKTF kept the state in `{path}`; lambda-stack reads `terraform.{stack}.tfstate` beside `cdktf.out/`: \
             copy it there before the first `terraform plan` (`cp {path} terraform.{stack}.tfstate`)"
        ));
    } else if let Some(backend) = cdktf.terraform.get("backend").and_then(Value::as_object) {
        let kinds: Vec<&String> = backend.keys().collect();
        notes.push(format!(
            "CDKTF's backend `{kinds:?}` is not carried over: declare it with `backend:` in main.rs (lambda-stack writes \
             `local` or `s3`), or `terraform state pull` from it into `terraform.{stack}.tfstate`"
        ));
    }
    if let Some(version) = cdktf.terraform.get("required_providers").and_then(|p| p["aws"]["version"].as_str()) {
        notes.push(format!(
            "CDKTF pinned `hashicorp/aws` `{version}`; lambda-stack accepts `{}`. A state written by a provider \
             newer than the one `terraform init` picks is refused: keep the CDKTF folder's `.terraform.lock.hcl`, \
             or `terraform init -upgrade`",
            crate::synth::AWS_PROVIDER_VERSION
        ));
    }
    notes
}

/// A CDKTF file as the header of `main.rs` names it, the same on every machine: from its
/// `cdktf.out` folder on (`cdktf.out/stacks/hello-lambda/cdk.tf.json`), else its last two parts.
fn display_relative(path: &Path) -> String {
    let parts: Vec<String> = path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let from = parts.iter().rposition(|p| p == "cdktf.out").unwrap_or(parts.len().saturating_sub(2));
    parts[from..].join("/")
}
