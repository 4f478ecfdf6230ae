//! The checks of `lambda_stack!` and `#[function]`: the model as the core's declarations, the one
//! checker over them (the same the builders run at synth), and each finding put on the tokens it
//! is about. What only a macro can check lives here too: paths relative to the package, and what
//! a stack binding a `#[function]` must check at compile time against the attribute.

mod binding;
pub mod function;
mod lower;

use std::path::PathBuf;

use lambda_stack_core::check::{Findings, Severity};
use lambda_stack_core::decl::{self, DeclId};
use proc_macro2::Span;

pub use binding::Binding;
pub use lower::text;
use lower::Spans;

use crate::callsite::CallSite;
use crate::errors::Errors;
use crate::model::Stack;

/// What checking a stack decided besides its errors; the expansion emits exactly this.
pub struct Checked {
    /// The stack as the builders will get it.
    pub decl: decl::Stack,
    pub warnings: Vec<(Span, String)>,
    /// Files read to check handlers: the expansion includes them so cargo rebuilds on edits.
    pub tracked_files: Vec<PathBuf>,
    /// Per function, its code directory relative to the package (`CARGO_MANIFEST_DIR`).
    pub code_dirs: Vec<Option<String>>,
    /// Per layer, its code directory relative to the package.
    pub layer_code_dirs: Vec<Option<String>>,
    /// The compile-time checks of each function binding a `#[function]`.
    pub bindings: Vec<Binding>,
    /// The folder `include:` patterns are relative to, relative to the package.
    pub include_base: Option<String>,
}

/// Runs every rule over `stack`.
pub fn check(stack: &Stack, site: &CallSite, errors: &mut Errors) -> Checked {
    let (decl, spans) = lower::stack(stack);
    let findings = lambda_stack_core::check::stack(&decl);
    let mut warnings = Vec::new();
    report(&findings, &spans, errors, &mut warnings);
    let code_dirs = decl
        .functions
        .iter()
        .enumerate()
        .map(|(i, function)| code_dir(site, DeclId::Function(i), function.code.as_ref(), &spans, errors))
        .collect();
    let layer_code_dirs = decl
        .layers
        .iter()
        .enumerate()
        .map(|(i, layer)| code_dir(site, DeclId::Layer(i), layer.code.as_ref(), &spans, errors))
        .collect();
    let bindings = binding::bindings(stack, &decl);
    let include_base = stack.include_base.as_deref().and_then(|dir| site.relative_to_manifest(dir));
    Checked {
        decl,
        warnings,
        tracked_files: findings.tracked_files,
        code_dirs,
        layer_code_dirs,
        bindings,
        include_base,
    }
}

/// Each finding at the tokens of its location: errors into `errors`, warnings into `warnings`.
fn report(findings: &Findings, spans: &Spans, errors: &mut Errors, warnings: &mut Vec<(Span, String)>) {
    for finding in &findings.findings {
        let range = spans.find(finding.at);
        let message = crate::model::fields::written_number(&finding.message, range.start);
        let message = message.as_ref().unwrap_or(&finding.message);
        match finding.severity {
            Severity::Error => errors.at(range, message),
            Severity::Warning => warnings.push((range.start, message.clone())),
        }
    }
}

/// The expansion names a code directory under `CARGO_MANIFEST_DIR`, so that no absolute path is
/// written into the output and the project can move; without cargo's variable it cannot.
fn code_dir(
    site: &CallSite,
    id: DeclId,
    code: Option<&decl::Code>,
    spans: &Spans,
    errors: &mut Errors,
) -> Option<String> {
    let code = code?;
    let dir = code.dir.as_deref()?;
    let relative = site.relative_to_manifest(dir);
    if relative.is_none() {
        let at = spans.find(lambda_stack_core::check::Location::new(
            id,
            lambda_stack_core::check::At::Value(lambda_stack_core::keys::Key::Code),
        ));
        errors.at(
            at,
            format!(
                "cannot name code directory `{}` relative to the package: `CARGO_MANIFEST_DIR` is not set; build with cargo",
                code.as_written
            ),
        );
    }
    relative
}
