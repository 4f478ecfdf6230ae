//! Rules for `#[function(...)]` and for binding it in `lambda_stack!`.
//!
//! The attribute is checked with every rule that does not need the stack: limits, layers, tags,
//! environment keys, IAM actions, trigger settings. What it names (trigger sources, IAM resources,
//! environment references, `role`, `dead_letter`) becomes a list of [`Reference`]s, each with the
//! kinds of declaration that would make it valid; the stack that binds the function checks them at
//! compile time (a `const` the expansion evaluates) and its builders again at synth.

use std::collections::BTreeMap;

use lambda_stack_core::rules;
use lambda_stack_core::rules::resources::{self, Kind, Target};
use lambda_stack_core::rules::suggest::{did_you_mean, one_of};

use super::{check_tags, text, Checked, Cx};
use crate::errors::Errors;
use crate::model::function::RustFn;
use crate::model::{EnvValue, Function, Resource, Stack, Statement, Trigger};

/// A declaration the attribute names, for the binding stack to check.
pub struct Reference {
    pub name: String,
    pub kinds: Vec<Kind>,
    pub missing: String,
    pub wrong_kind: String,
}

/// What checking the attribute found besides errors.
#[derive(Default)]
pub struct CheckedFn {
    pub references: Vec<Reference>,
    pub warnings: Vec<(proc_macro2::Span, String)>,
}

/// Runs the rules that need no stack over a `#[function]`'s keys.
pub fn check_rust_fn(function: &RustFn, errors: &mut Errors) -> CheckedFn {
    let config = &function.config;
    let name = text(&config.name);
    // A stack of its own, named as briefly as can be: the rules that build names from the stack's
    // (schedule rules) then only fail when the real stack's would too; synth checks the real one.
    let alone = Stack {
        name: syn::Ident::new("s", config.name.span()),
        docs: Vec::new(),
        region: None,
        tags: Vec::new(),
        backend: None,
        assets: None,
        buckets: Vec::new(),
        queues: Vec::new(),
        tables: Vec::new(),
        topics: Vec::new(),
        streams: Vec::new(),
        roles: Vec::new(),
        functions: Vec::new(),
    };
    let mut out = CheckedFn::default();
    let mut refer = |name_of: &str, kinds: Vec<Kind>, what: String| {
        let missing = format!(
            "`#[function]` `{name}` names `{name_of}` in {what}, but the stack binding it declares no `{name_of}`"
        );
        let wrong_kind = format!(
            "`#[function]` `{name}` names `{name_of}` in {what}, which needs {}, but the stack binding it declares `{name_of}` as another kind",
            one_of(kinds.iter().map(|k| k.to_string())).replace('`', "")
        );
        if !out.references.iter().any(|r| r.name == name_of && r.missing == missing) {
            out.references.push(Reference { name: name_of.to_owned(), kinds, missing, wrong_kind });
        }
    };
    // Trigger sources stand for declarations of the kind they read, so the trigger rules run.
    let mut kinds = BTreeMap::new();
    for trigger in &config.triggers {
        let (Some(source), Some(kind)) = (trigger.source(), rules::sources::trigger_source(trigger.keyword())) else {
            continue;
        };
        kinds.entry(text(source)).or_insert((kind, source));
        refer(&text(source), vec![kind], format!("`{}({source})`", trigger.keyword()));
    }
    if let Some(role) = &config.role {
        refer(&text(role), vec![Kind::Role], "`role`".into());
    }
    if let Some(target) = &config.dead_letter {
        let fit: Vec<Kind> =
            Kind::ALL.into_iter().filter(|&k| rules::grants::dead_letter_grant(&text(target), k).is_ok()).collect();
        refer(&text(target), fit, "`dead_letter`".into());
    }
    let mut cx = Cx { stack: &alone, kinds, errors, checked: Checked::default() };
    cx.check_limits(config);
    cx.check_layers(config);
    check_tags(cx.errors, &config.tags);
    cx.check_triggers(config);
    for statement in &config.allow {
        if let Some((target, kinds)) = statement_kinds(cx.errors, statement) {
            refer(&target, kinds, "`allow`".into());
        }
    }
    for (target, attribute, kinds) in env_kinds(cx.errors, config) {
        refer(&target, kinds, format!("`{target}.{attribute}` in `env`"));
    }
    out.warnings = cx.checked.warnings;
    out
}

/// An IAM statement naming a declaration: its actions exist, and some kind of declaration makes
/// them all apply; returns that name and those kinds. A statement on an ARN is checked in full.
fn statement_kinds(errors: &mut Errors, statement: &Statement) -> Option<(String, Vec<Kind>)> {
    let (target, sub, pattern) = match &statement.resource {
        Resource::Arn(arn) => {
            let checked = resources::check_arn(arn);
            if errors.check(arn.span, checked).is_some() {
                for action in &statement.actions {
                    let applies = resources::check_statement(&action.text, action.wildcard, Target::Arn(arn));
                    errors.check(action.span, applies.map(drop));
                }
            }
            return None;
        }
        Resource::Named(name) => (name, None, None),
        Resource::Sub { target, sub, pattern } => (target, Some(sub), pattern.as_ref()),
    };
    let name = text(target);
    let mut fit = Vec::new();
    let mut first_error = None;
    for kind in Kind::ALL {
        let result = match sub {
            None => statement.actions.iter().try_for_each(|action| {
                resources::check_statement(&action.text, action.wildcard, Target::Resource { kind, name: &name })
                    .map(drop)
            }),
            Some(sub) => resources::check_sub_resource(kind, &name, &text(sub)).and_then(|found| {
                resources::check_sub_pattern(&name, &found, pattern.map(|p| p.value.as_str()))?;
                statement.actions.iter().try_for_each(|action| {
                    let target = Target::Sub { kind, name: &name, sub: found };
                    resources::check_statement(&action.text, action.wildcard, target).map(drop)
                })
            }),
        };
        match result {
            Ok(()) => fit.push(kind),
            Err(message) => {
                first_error.get_or_insert(message);
            }
        }
    }
    if fit.is_empty() {
        // No kind fits: an action that does not exist says so; otherwise say what was tried.
        for action in &statement.actions {
            if let Some((service, action_name)) = action.text.split_once(':') {
                if !action.wildcard && !action_name.contains(['*', '?']) {
                    let exists = lambda_stack_core::rules::iam::check_action(service, action_name);
                    errors.check(action.span, exists.map(drop))?;
                }
            }
        }
        let resource = match sub {
            Some(sub) => format!("`{name}.{}`", text(sub)),
            None => format!("`{name}`"),
        };
        errors.at(
            statement.span,
            format!(
                "this statement applies to no kind of declaration {resource} could be ({})",
                first_error.unwrap_or_default()
            ),
        );
        return None;
    }
    Some((name, fit))
}

/// Environment references: the kinds of declaration that have the attribute; literal values and
/// keys are checked here, and the total size with the longest value each reference can have.
fn env_kinds(errors: &mut Errors, function: &Function) -> Vec<(String, String, Vec<Kind>)> {
    let mut out = Vec::new();
    let mut sizes = Vec::new();
    for (key, value) in &function.env {
        errors.check(key.span, lambda_stack_core::rules::env::check_key(key));
        let length = match value {
            EnvValue::Literal(literal) => Some(lambda_stack_core::rules::env::json_len(literal)),
            EnvValue::Ref { target, attribute } => {
                let (name, wanted) = (text(target), text(attribute));
                let fit: Vec<(Kind, usize)> = Kind::ALL
                    .into_iter()
                    .filter_map(|kind| resources::check_attribute(kind, &name, &wanted).ok().map(|a| (kind, a.max_len)))
                    .collect();
                if fit.is_empty() {
                    let all = Kind::ALL.iter().flat_map(|k| k.attributes().iter().map(|a| a.name));
                    errors.at(
                        attribute.span(),
                        format!("no declaration has an attribute `{wanted}`{}", did_you_mean(&wanted, all)),
                    );
                    None
                } else {
                    out.push((name, wanted, fit.iter().map(|(k, _)| *k).collect()));
                    fit.iter().map(|(_, len)| *len).max()
                }
            }
        };
        if let Some(length) = length {
            sizes.push((key.value.as_str(), length));
        }
    }
    if let Some(span) = function.env_span {
        errors.check(span, lambda_stack_core::rules::env::check_total_size(sizes));
    }
    out
}

/// The queues a function's `sqs(..)` triggers read.
pub fn sqs_queues(function: &Function) -> Vec<String> {
    function
        .triggers
        .iter()
        .filter_map(|trigger| match trigger {
            Trigger::Sqs(sqs) => Some(text(&sqs.queue)),
            _ => None,
        })
        .collect()
}
