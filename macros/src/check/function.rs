//! `#[function(...)]` checked alone: every rule that needs no stack runs over its keys in the
//! core's open world; what the keys name comes back as references, which the stack binding the
//! function checks at compile time (a `const` its expansion evaluates) and its builders at synth.

use lambda_stack_core::check::{self as core_check, Reference};
use lambda_stack_core::decl::{self, DeclId};
use proc_macro2::Span;

use super::lower::{self, Spans};
use crate::errors::Errors;
use crate::model::function::RustFn;

/// What checking the attribute found besides errors.
pub struct CheckedFn {
    /// The attribute's keys as the builders get them.
    pub decl: decl::Function,
    pub references: Vec<Reference>,
    pub warnings: Vec<(Span, String)>,
}

/// Runs the rules that need no stack over a `#[function]`'s keys.
pub fn check_rust_fn(function: &RustFn, errors: &mut Errors) -> CheckedFn {
    let mut spans = Spans::default();
    let mut lowered = lower::function(&mut spans, DeclId::Function(0), &function.config, false);
    // A `#[function]` alone has no params: a name in its `layers` names a `layer` of the stack
    // that binds it (a reference that stack's check resolves).
    for item in &mut lowered.layers {
        if let Some(name) = lambda_stack_core::rules::placeholders::param_of(item).map(str::to_owned) {
            *item = name;
        }
    }
    let (findings, references) = core_check::rust_function(&lowered);
    let mut warnings = Vec::new();
    super::report(&findings, &spans, errors, &mut warnings);
    CheckedFn { decl: lowered, references, warnings }
}
